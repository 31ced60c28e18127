// A certificate to print, for the team's registrant: the award, the pupil, the number and a QR code that opens the
// public verification page with that number.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import QRCode from 'qrcode'
import { ownCertificate } from '~/models/competitions/results.server'
import { requireResident } from '~/models/passport/account.server'
import { formatDate } from '~/utils/format'
import { metaT, useLocale } from '~/utils/i18n'
import { publicOrigin } from '~/utils/links.server'

export const meta: MetaFunction = ({ matches }) => [
  { title: metaT(matches)('site.titleSuffix', { title: metaT(matches)('competition.certificate.title') }) },
  { name: 'robots', content: 'noindex' },
]

export async function loader({ params, request }: LoaderFunctionArgs) {
  const resident = await requireResident(request)
  const certificate = await ownCertificate(resident, params.number ?? '')
  const verifyUrl = `${publicOrigin()}/competitions/certificates?number=${certificate.number}`
  const qrSvg = await QRCode.toString(verifyUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  return json({ certificate, verifyUrl, qrSvg }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export default function CertificatePrintPage() {
  const { certificate: c, verifyUrl, qrSvg } = useLoaderData<typeof loader>()
  const { t, language } = useLocale()
  const en = language === 'en'
  const title = en && c.team.competition.titleEn ? c.team.competition.titleEn : c.team.competition.title
  return (
    <article className="certificate">
      <h1>{t('competition.certificate.title')}</h1>
      <p className="certificate-award">{en && c.awardEn ? c.awardEn : c.award}</p>
      <p>
        {t('competition.certificate.awarded', {
          name: c.member.name,
          school: c.member.school,
          title,
          award: en && c.awardEn ? c.awardEn : c.award,
        })}
      </p>
      <p>{t('competition.certificate.team', { team: c.team.name })}</p>
      <p>
        {c.team.competition.organiser} · {formatDate(c.issuedAt, language)}
      </p>
      <div className="certificate-check">
        <div className="qr" role="img" aria-label={t('competition.certificate.scan')} dangerouslySetInnerHTML={{ __html: qrSvg }} />
        <p>
          {t('competition.certificate.number')} <strong className="code">{c.number}</strong>
          <br />
          <span className="break-anywhere">{verifyUrl}</span>
        </p>
      </div>
    </article>
  )
}
