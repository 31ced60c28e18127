// The printable 志愿服务记录证明 (its owner only): name, masked ID number, volunteer number, each service with date,
// content and hours, the issuing organisations, the certificate number and date, and a QR code to the public
// verification page.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import QRCode from 'qrcode'
import { requireResident } from '~/models/passport/account.server'
import { certificateForOwner } from '~/models/volunteers/hours.server'
import { hoursOf } from '~/models/volunteers/schema'
import { volunteerOf } from '~/models/volunteers/volunteer.server'
import { formatDate } from '~/utils/format'
import { notFound } from '~/utils/http-errors'
import { metaT, useLocale } from '~/utils/i18n'
import { publicOrigin } from '~/utils/links.server'

export const meta: MetaFunction = ({ matches }) => [
  { title: metaT(matches)('site.titleSuffix', { title: metaT(matches)('volunteers.certTitle') }) },
  { name: 'robots', content: 'noindex' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const resident = await requireResident(request)
  const volunteer = await volunteerOf(resident.id)
  const certificate = volunteer ? await certificateForOwner(volunteer.id, params.number ?? '') : null
  if (!certificate) throw notFound()
  const verifyUrl = `${publicOrigin()}/volunteers/verify/${certificate.number}`
  const qrSvg = await QRCode.toString(verifyUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  return json({ certificate, verifyUrl, qrSvg }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export default function CertificatePage() {
  const { certificate, verifyUrl, qrSvg } = useLoaderData<typeof loader>()
  const { t, language } = useLocale()
  const { volunteer } = certificate
  return (
    <article className="detail">
      <p className="no-print button-row">
        <Link to="/volunteers/me">{t('volunteers.meTitle')}</Link>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('volunteers.print')}
        </button>
      </p>
      <section className="certificate" aria-labelledby="certificate-title">
        <h1 id="certificate-title">{t('volunteers.certTitle')}</h1>
        <p>{t('volunteers.certIntro')}</p>
        <dl className="facts">
          <dt>{t('volunteers.certName')}</dt>
          <dd>{volunteer.name}</dd>
          {volunteer.idNumberMasked ? (
            <>
              <dt>{t('volunteers.certId')}</dt>
              <dd>{volunteer.idNumberMasked}</dd>
            </>
          ) : null}
          <dt>{t('volunteers.certNo')}</dt>
          <dd>{volunteer.shVolunteerNo ?? t('volunteers.certNoNone')}</dd>
        </dl>
        <div>
          <table className="data-table">
            <caption>{t('volunteers.verifyServices')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('volunteers.certDate')}</th>
                <th scope="col">{t('volunteers.certContent')}</th>
                <th scope="col">{t('volunteers.certPlace')}</th>
                <th scope="col">{t('volunteers.certHours')}</th>
              </tr>
            </thead>
            <tbody>
              {certificate.services.map((s, i) => (
                <tr key={i}>
                  <td>{s.date}</td>
                  <td>{s.title}</td>
                  <td>{s.place}</td>
                  <td>{hoursOf(s.minutes)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  {t('volunteers.certTotal')}
                </th>
                <td data-testid="certificate-total">{hoursOf(certificate.totalMinutes)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
        <div className="certificate-foot">
          <dl className="facts">
            <dt>{t('volunteers.certIssuer')}</dt>
            <dd>{certificate.issuer}</dd>
            <dt>{t('volunteers.certNumber')}</dt>
            <dd className="certificate-number" data-testid="certificate-number">
              {certificate.number}
            </dd>
            <dt>{t('volunteers.certIssuedAt')}</dt>
            <dd>{formatDate(certificate.issuedAt, language)}</dd>
          </dl>
          <div>
            <div className="qr" role="img" aria-label={t('volunteers.certVerify')} dangerouslySetInnerHTML={{ __html: qrSvg }} />
            <p className="hint">
              {t('volunteers.certVerify')} <span className="certificate-number">{verifyUrl}</span>
            </p>
          </div>
        </div>
      </section>
    </article>
  )
}
