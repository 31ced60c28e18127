// The public verification page: a certificate found by the number printed on it (also in its QR code). It never lists
// certificates: without a number, or with a wrong one, it shows only the form.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { verifyCertificate } from '~/models/competitions/results.server'
import { clientAddress } from '~/utils/form-security.server'
import { formatDate } from '~/utils/format'
import { metaT, useLocale } from '~/utils/i18n'
import { consumeRateLimits } from '~/utils/infra/rate-limit.server'

export const meta: MetaFunction = ({ matches }) => [
  { title: metaT(matches)('site.titleSuffix', { title: metaT(matches)('competition.certificate.verifyTitle') }) },
  { name: 'robots', content: 'noindex' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const number = new URL(request.url).searchParams.get('number')?.slice(0, 40) ?? ''
  if (!number) return json({ number, certificate: null, looked: false }, { headers: { 'Cache-Control': 'private, no-store' } })
  // Lookups per address are limited, so numbers cannot be tried in bulk.
  const limit = await consumeRateLimits([{ key: `certificate:addr:${clientAddress(request)}`, limit: 60, windowSeconds: 3600 }])
  const certificate = limit.allowed ? await verifyCertificate(number) : null
  return json(
    {
      number,
      looked: true,
      certificate: certificate && {
        number: certificate.number,
        award: certificate.award,
        awardEn: certificate.awardEn,
        issuedAt: certificate.issuedAt,
        name: certificate.member.name,
        school: certificate.member.school,
        team: certificate.team.name,
        title: certificate.team.competition.title,
        titleEn: certificate.team.competition.titleEn,
        organiser: certificate.team.competition.organiser,
      },
    },
    { status: limit.allowed ? 200 : 429, headers: { 'Cache-Control': 'private, no-store' } },
  )
}

export default function CertificateVerifyPage() {
  const { number, certificate, looked } = useLoaderData<typeof loader>()
  const { t, language } = useLocale()
  const en = language === 'en'
  return (
    <article className="detail">
      <h1>{t('competition.certificate.verifyTitle')}</h1>
      <p>{t('competition.certificate.verifyIntro')}</p>
      <Form method="get" className="stack-form">
        <div className="field">
          <label htmlFor="certificate-number">{t('competition.certificate.number')}</label>
          <input
            id="certificate-number"
            name="number"
            defaultValue={number}
            autoCapitalize="characters"
            autoComplete="off"
            className="code-input"
          />
        </div>
        <button type="submit" className="primary">
          {t('competition.certificate.check')}
        </button>
      </Form>
      {certificate ? (
        <section className="notice" role="status" aria-labelledby="valid-heading">
          <h2 id="valid-heading">{t('competition.certificate.valid')}</h2>
          <p>
            {t('competition.certificate.awarded', {
              name: certificate.name,
              school: certificate.school,
              title: en && certificate.titleEn ? certificate.titleEn : certificate.title,
              award: en && certificate.awardEn ? certificate.awardEn : certificate.award,
            })}
          </p>
          <p>{t('competition.certificate.team', { team: certificate.team })}</p>
          <p className="meta">
            {t('competition.certificate.number')} {certificate.number} · {certificate.organiser} ·{' '}
            {formatDate(certificate.issuedAt, language)}
          </p>
        </section>
      ) : looked ? (
        <p className="notice notice-warn" role="alert">
          {t('competition.certificate.notFound')}
        </p>
      ) : null}
    </article>
  )
}
