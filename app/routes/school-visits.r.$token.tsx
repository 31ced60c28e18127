import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useParams, useSearchParams } from '@remix-run/react'
import { cancelSchoolBooking, findSchoolBookingByToken, SchoolBookingError } from '~/models/school-visit.server'
import { formatSessionTime } from '~/utils/format'
import { checkPublicForm, publicFormProtection } from '~/utils/form-security.server'
import { maskMobile } from '~/utils/registration-schema'
import { gradeLabel } from '~/utils/school-schema'

const privateHeaders = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' }

async function load(token: string | undefined) {
  const booking = await findSchoolBookingByToken(token ?? '')
  if (!booking) throw new Response('找不到这份预约，请检查链接是否完整。', { status: 404 })
  return booking
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const booking = await load(params.token)
  const { phone, manageTokenHash, ...rest } = booking
  const protection = await publicFormProtection(request)
  return json({ booking: { ...rest, phoneMasked: maskMobile(phone) }, csrfToken: protection.csrfToken }, { headers: { ...privateHeaders, ...protection.headers } })
}

export async function action({ params, request }: ActionFunctionArgs) {
  await load(params.token)
  const formProblem = await checkPublicForm(request, await request.formData())
  if (formProblem) return json({ error: formProblem }, { status: 403 })
  try {
    await cancelSchoolBooking(params.token ?? '')
    return json({ error: null })
  } catch (error) {
    if (error instanceof SchoolBookingError) return json({ error: error.message }, { status: 409 })
    throw error
  }
}

export const meta: MetaFunction = () => [{ title: '学校团体预约 · 科普地图' }, { name: 'robots', content: 'noindex' }]

const statusText = {
  PENDING: { title: '已提交，等待场馆审核', className: 'status status-waitlisted' },
  APPROVED: { title: '预约成功', className: 'status status-confirmed' },
  DECLINED: { title: '场馆未能接待', className: 'status status-cancelled' },
  CANCELLED: { title: '预约已取消', className: 'status status-cancelled' },
  DONE: { title: '参观已完成', className: 'status status-attended' },
} as const

export default function SchoolBookingPage() {
  const { booking, csrfToken } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const { token } = useParams()
  const status = statusText[booking.status]
  const open = booking.status === 'PENDING' || booking.status === 'APPROVED'
  return (
    <article className="detail narrow">
      {searchParams.get('new') === '1' ? <p className="notice" role="status">申请已提交。请收藏本页链接：审核结果、取消和日历文件都在这里。</p> : null}
      <p className={status.className}>{status.title}</p>
      <h1>{booking.kind === 'VISIT' ? '到馆参观' : '进校园'}：{booking.course?.title ?? booking.venue.name}</h1>
      <div className="ticket">
        <p>预约码</p>
        <p className="code">{booking.code}</p>
      </div>
      {booking.staffMessage ? <p className="notice">场馆留言：{booking.staffMessage}</p> : null}
      <dl className="facts">
        <dt>场馆</dt><dd><Link to={`/venues/${booking.venue.slug}`}>{booking.venue.name}</Link></dd>
        <dt>时间</dt><dd><time dateTime={booking.startsAt}>{formatSessionTime(booking.startsAt, booking.endsAt)}</time></dd>
        <dt>地点</dt><dd>{booking.kind === 'VISIT' ? booking.venue.address ?? booking.venue.name : `${booking.schoolName}（${booking.schoolAddress}）`}</dd>
        <dt>学校</dt><dd>{booking.schoolName}，{gradeLabel(booking.grade)}</dd>
        <dt>人数</dt><dd>学生 {booking.students} 人，老师 {booking.teachers} 人</dd>
        <dt>带队老师</dt><dd>{booking.teacherName}（{booking.phoneMasked}）</dd>
      </dl>
      {booking.status === 'APPROVED' ? <p><a className="button" href={`/school-visits/r/${token}/calendar.ics`} rel="nofollow">加入手机日历（.ics）</a></p> : null}
      {actionData?.error ? <p className="notice notice-warn" role="alert">{actionData.error}</p> : null}
      {open ? (
        <Form method="post" className="cancel-form">
          <input type="hidden" name="csrf" value={csrfToken} />
          <button type="submit" className="danger">取消预约</button>
        </Form>
      ) : null}
    </article>
  )
}
