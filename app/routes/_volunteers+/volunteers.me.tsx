// 我的志愿服务: the volunteer's code (shown as a QR code at check-in and check-out), total credited hours and star
// level, every role with its planned and its credited time apart, and the 志愿服务记录证明 to print.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import QRCode from 'qrcode'
import { ActionNotices } from '~/components/action-notices'
import { DataTable } from '~/components/data-table'
import { requireResident } from '~/models/passport/account.server'
import { latestCertificate, volunteerRecord } from '~/models/volunteers/hours.server'
import { hoursOf } from '~/models/volunteers/schema'
import { volunteerOf } from '~/models/volunteers/volunteer.server'
import { publicFormProtection } from '~/utils/form-security.server'
import { formatDate, formatSessionTime } from '~/utils/format'
import { metaT, useLocale } from '~/utils/i18n'
import { useFormReply } from '~/utils/use-form-reply'
import { certificateAction } from './__certificate-action.server'

export const meta: MetaFunction = ({ matches }) => [
  { title: metaT(matches)('site.titleSuffix', { title: metaT(matches)('volunteers.meTitle') }) },
  { name: 'robots', content: 'noindex' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const resident = await requireResident(request)
  const volunteer = await volunteerOf(resident.id)
  if (!volunteer) throw redirect('/volunteers/join')
  const [record, certificate, qrSvg, protection] = await Promise.all([
    volunteerRecord(volunteer.id),
    latestCertificate(volunteer.id),
    QRCode.toString(volunteer.code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
    publicFormProtection(request),
  ])
  return json(
    { volunteer: { name: volunteer.name, code: volunteer.code }, record, certificate, qrSvg, csrfToken: protection.csrfToken },
    { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } },
  )
}

export const action = ({ request }: ActionFunctionArgs) => certificateAction(request)

export default function MyVolunteeringPage() {
  const { volunteer, record, certificate, qrSvg, csrfToken } = useLoaderData<typeof loader>()
  const { error } = useFormReply()
  const { t, language } = useLocale()
  return (
    <article className="detail">
      <h1>{t('volunteers.meTitle')}</h1>
      <p className="lead">{t('volunteers.meLead')}</p>
      <p className="button-row">
        <Link to="/volunteers" className="button">
          {t('volunteers.findRoles')}
        </Link>
        <Link to="/volunteers/join" className="button">
          {t('volunteers.editProfile')}
        </Link>
      </p>
      <ActionNotices error={error} />
      <section aria-labelledby="volunteer-code" className="ticket">
        <h2 id="volunteer-code">{t('volunteers.codeTitle')}</h2>
        <p>{t('volunteers.codeHint')}</p>
        <div
          className="qr"
          role="img"
          aria-label={`${t('volunteers.codeTitle')} ${volunteer.code}`}
          dangerouslySetInnerHTML={{ __html: qrSvg }}
        />
        <p className="code">{volunteer.code}</p>
      </section>
      <section aria-labelledby="volunteer-hours">
        <h2 id="volunteer-hours">{t('volunteers.totalHours')}</h2>
        <p className="stars" data-testid="total-hours">
          {t('volunteers.hours', { hours: hoursOf(record.totalMinutes) })}
        </p>
        <p>
          {record.stars > 0 ? t('volunteers.stars', { stars: record.stars }) : t('volunteers.noStars')}
          {record.nextAtHours
            ? ` · ${t('volunteers.nextStar', { hours: Math.max(0, Math.round((record.nextAtHours - record.totalMinutes / 60) * 10) / 10) })}`
            : ''}
        </p>
      </section>
      <section aria-labelledby="volunteer-history">
        <h2 id="volunteer-history">{t('volunteers.history')}</h2>
        {record.olderShifts > 0 ? <p className="hint">{t('volunteers.olderShifts', { count: record.olderShifts })}</p> : null}
        {record.shifts.length === 0 ? (
          <p>{t('volunteers.noHistory')}</p>
        ) : (
          <DataTable
            caption={<>{t('volunteers.history')}</>}
            headings={[
              t('volunteers.time'),
              t('volunteers.certContent'),
              t('volunteers.statusHeading'),
              t('volunteers.planned'),
              t('volunteers.credited'),
            ]}
          >
            {record.shifts.map((s) => (
              <tr key={s.id}>
                <td>{formatSessionTime(s.role.startsAt, s.role.endsAt, language)}</td>
                <td>
                  <Link to={`/volunteers/roles/${s.role.id}`}>
                    {s.role.session ? `${s.role.session.event.title} · ` : ''}
                    {s.role.title}
                  </Link>
                </td>
                <td>
                  {t(`volunteers.status.${s.status}`)}
                  {s.upcoming ? ` · ${t('volunteers.upcoming')}` : ''}
                  {s.noShow ? ` · ${t('volunteers.noShow')}` : ''}
                  {s.awaitingConfirmation ? ` · ${t('volunteers.awaitingConfirmation')}` : ''}
                </td>
                <td>{t('volunteers.hours', { hours: hoursOf(s.plannedMinutes) })}</td>
                <td>
                  {s.credit === 'NONE' ? t('volunteers.credit.NONE') : t('volunteers.hours', { hours: hoursOf(s.creditedMinutes ?? 0) })}
                  {s.credit === 'TOO_SHORT' || s.credit === 'ADJUSTED' ? ` · ${t(`volunteers.credit.${s.credit}`)}` : ''}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <section aria-labelledby="volunteer-certificate">
        <h2 id="volunteer-certificate">{t('volunteers.certTitle')}</h2>
        <p>{t('volunteers.certificateLead')}</p>
        {certificate ? (
          <p>
            {t('volunteers.latestCertificate', { number: certificate.number, date: formatDate(certificate.issuedAt, language) })}{' '}
            <Link to={`/volunteers/me/certificates/${certificate.number}`}>{t('volunteers.openCertificate')}</Link>
          </p>
        ) : null}
        <Form method="post">
          <input type="hidden" name="csrf" value={csrfToken} />
          <button type="submit" name="intent" value="certificate" className="primary" disabled={record.totalMinutes === 0}>
            {t('volunteers.certificate')}
          </button>
        </Form>
      </section>
    </article>
  )
}
