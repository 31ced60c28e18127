// Public verification of a 志愿服务记录证明 (the QR code on it): one exact, unguessable number confirms the
// certificate and its hours; the name is masked and no phone or ID number is ever shown (decision 033).
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { verifyCertificate } from '~/models/volunteers/hours.server'
import { hoursOf } from '~/models/volunteers/schema'
import { formatDate } from '~/utils/format'
import { metaT, useLocale } from '~/utils/i18n'

export const meta: MetaFunction = ({ matches }) => [
  { title: metaT(matches)('site.titleSuffix', { title: metaT(matches)('volunteers.verifyTitle') }) },
  { name: 'robots', content: 'noindex' },
]

export async function loader({ params }: LoaderFunctionArgs) {
  const certificate = await verifyCertificate(params.number ?? '')
  return json({ certificate }, { status: certificate ? 200 : 404, headers: { 'Cache-Control': 'private, no-store' } })
}

export default function VerifyCertificatePage() {
  const { certificate } = useLoaderData<typeof loader>()
  const { t, language } = useLocale()
  return (
    <article className="detail narrow">
      <h1>{t('volunteers.verifyTitle')}</h1>
      {!certificate ? (
        <p className="notice notice-warn" role="alert">
          {t('volunteers.verifyNotFound')}
        </p>
      ) : (
        <>
          <p className="notice notice-ok" role="status">
            {t('volunteers.verifyFound')}
          </p>
          <dl className="facts">
            <dt>{t('volunteers.verifyNumber')}</dt>
            <dd className="certificate-number">{certificate.number}</dd>
            <dt>{t('volunteers.verifyName')}</dt>
            <dd>{certificate.maskedName}</dd>
            <dt>{t('volunteers.verifyHours')}</dt>
            <dd data-testid="verified-hours">{t('volunteers.hours', { hours: hoursOf(certificate.totalMinutes) })}</dd>
            <dt>{t('volunteers.certIssuer')}</dt>
            <dd>{certificate.issuer}</dd>
            <dt>{t('volunteers.certIssuedAt')}</dt>
            <dd>{formatDate(certificate.issuedAt, language)}</dd>
          </dl>
          <h2>{t('volunteers.verifyServices')}</h2>
          <ul className="venue-list">
            {certificate.services.map((s, i) => (
              <li key={i}>
                {s.date} · {s.title} · {s.place} · {t('volunteers.hours', { hours: hoursOf(s.minutes) })}
              </li>
            ))}
          </ul>
          <p className="hint">{t('volunteers.verifyPrivacy')}</p>
        </>
      )}
    </article>
  )
}
