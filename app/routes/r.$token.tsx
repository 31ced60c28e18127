// The private page of one registration, reached by the secret link shown after registering: status, code,
// QR code, calendar file, and cancellation. The secret is in the URL, so the page is never cached, indexed
// or sent on as a referrer.
import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from '@remix-run/react'
import { Fragment } from 'react'
import QRCode from 'qrcode'
import { BookingError, cancelRegistration, findRegistrationByToken } from '~/models/registration.server'
import { formatSessionTime } from '~/utils/format'
import { checkPublicForm, publicFormProtection } from '~/utils/form-security.server'
import { maskMobile, readQuestions } from '~/utils/registration-schema'

const privateHeaders = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' }
export const headers: HeadersFunction = () => privateHeaders

export async function loader({ params, request }: LoaderFunctionArgs) {
  const registration = await findRegistrationByToken(params.token ?? '')
  if (!registration) throw new Response('找不到这份报名', { status: 404, headers: privateHeaders })
  const qrSvg = await QRCode.toString(registration.code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  const protection = await publicFormProtection(request)
  const { phone, answers, ...rest } = registration
  const questions = readQuestions(registration.session.event.questions)
  const answerList = questions
    .map((q) => ({ label: q.label, value: (answers as Record<string, unknown>)[q.key] }))
    .filter((a) => a.value !== undefined && a.value !== '')
    .map((a) => ({ label: a.label, value: String(a.value) }))
  const isNew = new URL(request.url).searchParams.get('new') === '1'
  return json(
    { registration: { ...rest, phone: maskMobile(phone), answers: answerList }, qrSvg, csrfToken: protection.csrfToken, isNew, now: new Date() },
    { headers: { ...protection.headers, ...privateHeaders } },
  )
}

export async function action({ params, request }: ActionFunctionArgs) {
  const formData = await request.formData()
  const formProblem = await checkPublicForm(request, formData)
  if (formProblem) return json({ error: formProblem }, { status: 403 })
  try {
    await cancelRegistration(params.token ?? '')
  } catch (error) {
    if (error instanceof BookingError) return json({ error: error.message }, { status: 409 })
    throw error
  }
  return redirect(`/r/${params.token}`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `我的报名 ${data.registration.code} · ${data.registration.session.event.title}` : '我的报名 · 科普地图' },
  { name: 'robots', content: 'noindex' },
]

const statusText = {
  CONFIRMED: '报名成功',
  WAITLISTED: '候补中',
  CANCELLED: '已取消',
  ATTENDED: '已签到',
} as const

export default function RegistrationPage() {
  const { registration: r, qrSvg, csrfToken, isNew, now } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { token } = useParams()
  const { session } = r
  const { event } = session
  const place = event.venue?.name ?? event.placeName
  const canCancel = (r.status === 'CONFIRMED' || r.status === 'WAITLISTED') && new Date(session.startsAt) > new Date(now)
  return (
    <article className="detail narrow">
      {isNew && r.status !== 'CANCELLED' ? (
        <p className="notice notice-ok" role="status">
          {r.status === 'CONFIRMED' ? '报名成功！' : `已加入候补，目前排第 ${r.waitlistPosition} 位。有人取消时会按顺序递补。`}
          请收藏本页或截图保存：本页链接是查看和取消报名的唯一凭证。
        </p>
      ) : null}
      <h1>我的报名</h1>
      <p className={`status status-${r.status.toLowerCase()}`}>
        {statusText[r.status]}
        {r.status === 'WAITLISTED' && r.waitlistPosition ? `（第 ${r.waitlistPosition} 位）` : ''}
      </p>
      <section className="ticket" aria-label="报名凭证">
        <div className="qr" role="img" aria-label={`报名码 ${r.code} 的二维码`} dangerouslySetInnerHTML={{ __html: qrSvg }} />
        <p>报名码 <strong className="code">{r.code}</strong></p>
        <p className="hint">到场时出示二维码或报出报名码签到。</p>
      </section>
      <dl className="facts">
        <dt>活动</dt><dd><Link to={`/events/${event.slug}`}>{event.title}</Link></dd>
        <dt>时间</dt><dd><time dateTime={session.startsAt}>{formatSessionTime(session.startsAt, session.endsAt)}</time></dd>
        {place ? <><dt>地点</dt><dd>{event.venue ? <Link to={`/venues/${event.venue.slug}`}>{place}</Link> : place}{event.venue?.address ?? event.placeAddress ? `（${event.venue?.address ?? event.placeAddress}）` : ''}</dd></> : null}
        {event.organisation ? <><dt>主办</dt><dd>{event.organisation.name}</dd></> : null}
        <dt>联系人</dt><dd>{r.name}（{r.phone}）</dd>
        <dt>人数</dt><dd>成人 {r.adults} 人，儿童 {r.children} 人</dd>
        {r.answers.map((a) => <Fragment key={a.label}><dt>{a.label}</dt><dd>{a.value}</dd></Fragment>)}
      </dl>
      {session.status === 'CANCELLED' ? <p className="notice notice-warn">这一场活动已被主办方取消。</p> : null}
      <p className="card-actions">
        {r.status !== 'CANCELLED' ? <a className="button" href={`/r/${encodeURIComponent(token ?? '')}/calendar.ics`} download>加入手机日历（.ics）</a> : null}
      </p>
      {actionData?.error ? <p className="notice notice-warn" role="alert">{actionData.error}</p> : null}
      {canCancel ? (
        <Form method="post" className="cancel-form">
          <input type="hidden" name="csrf" value={csrfToken} />
          <button type="submit" className="danger" disabled={navigation.state === 'submitting'}
            onClick={(e) => { if (!window.confirm('确定取消这份报名吗？名额会让给候补的人。')) e.preventDefault() }}>
            取消报名
          </button>
        </Form>
      ) : null}
    </article>
  )
}
