import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { CsrfInput } from '~/components/csrf-input'
import { decideSchoolBooking, listSchoolBookings, markSchoolVisitDone } from '~/models/school-visit-admin.server'
import { RevealPhone } from '~/routes/admin+/__reveal-phone'
import { schoolStatusLabel } from '~/utils/admin-labels'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { requireValidCsrf } from '~/utils/form-security.server'
import { Refusal } from '~/utils/refusal'
import { decisionSchema, doneSchema } from '~/utils/school-visit-admin-schema'
import { gradeLabel, minuteLabel } from '~/utils/school-visit-schema'
import { addDays, shanghaiDateKey, shanghaiMonthRange } from '~/utils/shanghai-time'
import type { SchoolBookingStatus } from '@prisma/client'

export const meta: MetaFunction = () => adminMeta('学校预约')

const statuses: SchoolBookingStatus[] = ['PENDING', 'APPROVED', 'DONE', 'DECLINED', 'CANCELLED']

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const params = new URL(request.url).searchParams
  const { month, from, to } = shanghaiMonthRange(params.get('month'))
  const status = statuses.find((s) => s === params.get('status'))
  const [bookings, pending] = await Promise.all([
    listSchoolBookings(staff, { status, from, to }),
    listSchoolBookings(staff, { status: 'PENDING', from: new Date() }),
  ])
  return json({ month, from, to, bookings, pending })
}

/** A booking's decision buttons share one form (the message); the visit's numbers are another. */
const bookingsPageSchema = z.discriminatedUnion('intent', [
  decisionSchema.extend({ intent: z.enum(['approve', 'decline', 'cancel']) }),
  doneSchema.extend({ intent: z.literal('done') }),
])
const invalid: Record<string, string> = {
  approve: '留言请少于 300 字。',
  decline: '留言请少于 300 字。',
  cancel: '留言请少于 300 字。',
  done: '请填写实到学生和老师人数（数字）。',
}
const decided = { approve: '已批准，老师会在预约页看到确认和预约码。', decline: '已拒绝。', cancel: '已取消。' }

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request)
  const formData = await request.formData()
  await requireValidCsrf(request, formData)
  // Which booking the answer is shown beside, even when the post does not parse.
  const bookingId = String(formData.get('bookingId') ?? '')
  const reply = (body: { error?: string; message?: string }, status = 200) =>
    json({ bookingId, error: null, message: null, ...body }, { status })
  const submission = parseWithZod(formData, { schema: bookingsPageSchema })
  if (submission.status !== 'success') return reply({ error: invalid[String(formData.get('intent'))] ?? '未知操作。' }, 400)
  const value = submission.value
  try {
    switch (value.intent) {
      case 'approve':
      case 'decline':
      case 'cancel':
        await decideSchoolBooking(staff, value.bookingId, value.intent, value.message ?? null)
        return reply({ message: decided[value.intent] })
      case 'done':
        await markSchoolVisitDone(staff, value.bookingId, value)
        return reply({ message: '已登记完成。' })
    }
  } catch (error) {
    if (error instanceof Refusal) return reply({ error: error.message }, error.status)
    throw error
  }
}

const dayTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'numeric',
  day: 'numeric',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})
const clock = (d: string) => minuteLabel(Math.round((new Date(d).getTime() / 60000 + 480) % 1440))

export default function SchoolBookingsPage() {
  const { month, from, bookings, pending } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const shift = (delta: number) => {
    const [y, m] = month.split('-').map(Number)
    const d = new Date(Date.UTC(y, m - 1 + delta, 1))
    const next = new URLSearchParams(searchParams)
    next.set('month', d.toISOString().slice(0, 7))
    return `?${next}`
  }
  // Calendar: weeks from the Monday on or before the 1st.
  const first = new Date(from)
  const firstWeekday = (new Date(first.getTime() + 8 * 3600_000).getUTCDay() + 6) % 7
  const start = addDays(first, -firstWeekday)
  const days = Array.from({ length: 42 }, (_, i) => addDays(start, i))
  const byDate = new Map<string, typeof bookings>()
  for (const b of bookings) byDate.set(b.visitDate, [...(byDate.get(b.visitDate) ?? []), b])

  const row = (prefix: string) => (b: (typeof bookings)[number]) => (
    <tr key={b.id} id={`${prefix}-${b.id}`}>
      <td>
        {dayTime.format(new Date(b.startsAt))}
        <br />
        <small>{b.kind === 'VISIT' ? '到馆' : '进校园'}</small>
      </td>
      <td>
        {b.venue.name}
        <br />
        <small>{b.course?.title}</small>
      </td>
      <td>
        {b.schoolName}，{gradeLabel(b.grade)}
        <br />
        学生 {b.students}，老师 {b.teachers}
        {b.needs ? (
          <>
            <br />
            <small>需求：{b.needs}</small>
          </>
        ) : null}
      </td>
      <td>
        {b.teacherName}
        <br />
        <RevealPhone recordId={b.id} masked={b.phoneMasked} purpose="联系学校" kind="school" />
      </td>
      <td>
        <span
          className={`pill pill-${b.status === 'APPROVED' || b.status === 'DONE' ? 'published' : b.status === 'PENDING' ? 'draft' : 'cancelled'}`}
        >
          {schoolStatusLabel[b.status]}
        </span>
        {b.status === 'DONE' ? (
          <>
            <br />
            <small>
              实到 {b.attendedStudents} + {b.attendedTeachers}
            </small>
          </>
        ) : null}
      </td>
      <td>
        {actionData?.bookingId === b.id && actionData.error ? (
          <p className="field-error" role="alert">
            {actionData.error}
          </p>
        ) : null}
        {actionData?.bookingId === b.id && actionData.message ? <p role="status">{actionData.message}</p> : null}
        {b.status === 'PENDING' || b.status === 'APPROVED' ? (
          <Form method="post" className="decision-form">
            <CsrfInput />
            <input type="hidden" name="bookingId" value={b.id} />
            <label htmlFor={`${prefix}-message-${b.id}`}>给老师的留言</label>
            <input id={`${prefix}-message-${b.id}`} name="message" type="text" />
            {b.status === 'PENDING' ? (
              <>
                <button type="submit" name="intent" value="approve" className="primary">
                  批准
                </button>
                <button type="submit" name="intent" value="decline" className="danger">
                  拒绝
                </button>
              </>
            ) : (
              <button type="submit" name="intent" value="cancel" className="danger">
                取消预约
              </button>
            )}
          </Form>
        ) : null}
        {b.status === 'APPROVED' && new Date(b.startsAt).getTime() <= Date.now() ? (
          <Form method="post" className="decision-form">
            <CsrfInput />
            <input type="hidden" name="bookingId" value={b.id} />
            <label htmlFor={`${prefix}-students-${b.id}`}>实到学生</label>
            <input id={`${prefix}-students-${b.id}`} name="attendedStudents" type="number" min={0} defaultValue={b.students} />
            <label htmlFor={`${prefix}-teachers-${b.id}`}>实到老师</label>
            <input id={`${prefix}-teachers-${b.id}`} name="attendedTeachers" type="number" min={0} defaultValue={b.teachers} />
            <button type="submit" name="intent" value="done">
              登记完成
            </button>
          </Form>
        ) : null}
      </td>
    </tr>
  )
  const head = (
    <thead>
      <tr>
        <th scope="col">时间</th>
        <th scope="col">场馆与课程</th>
        <th scope="col">学校</th>
        <th scope="col">带队老师</th>
        <th scope="col">状态</th>
        <th scope="col">处理</th>
      </tr>
    </thead>
  )

  return (
    <article className="admin-page">
      <h1>学校预约</h1>
      <p className="hint">只有批准的预约占用时段名额；批准时会再次核对名额，不会超过上限。</p>
      <h2>待处理（{pending.length}）</h2>
      {pending.length === 0 ? (
        <p>没有待处理的申请。</p>
      ) : (
        <table className="data-table">
          {head}
          <tbody>{pending.map(row('pending'))}</tbody>
        </table>
      )}

      <h2>{month.replace('-', ' 年 ')} 月</h2>
      <div className="button-row">
        <Link to={shift(-1)} className="button">
          上个月
        </Link>
        <Link to={shift(1)} className="button">
          下个月
        </Link>
        <Form method="get" className="inline-form">
          <input type="hidden" name="month" value={month} />
          <label htmlFor="status-filter">状态</label>
          <select id="status-filter" name="status" defaultValue={searchParams.get('status') ?? ''}>
            <option value="">全部</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {schoolStatusLabel[s]}
              </option>
            ))}
          </select>
          <button type="submit">筛选</button>
        </Form>
        <a
          className="button"
          href={`/admin/school-bookings/export.csv?${new URLSearchParams({ month, ...(searchParams.get('status') ? { status: searchParams.get('status')! } : {}) })}`}
          download
        >
          导出 CSV
        </a>
      </div>
      <table className="month-calendar">
        <caption className="visually-hidden">{month} 的学校预约日历</caption>
        <thead>
          <tr>
            {['一', '二', '三', '四', '五', '六', '日'].map((d) => (
              <th key={d} scope="col">
                周{d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: 6 }, (_, w) => (
            <tr key={w}>
              {days.slice(w * 7, w * 7 + 7).map((d) => {
                const key = shanghaiDateKey(d)
                const inMonth = key.startsWith(month)
                return (
                  <td key={key} className={inMonth ? undefined : 'other-month'}>
                    <span className="day-number">{Number(key.slice(8))}</span>
                    {(byDate.get(key) ?? []).map((b) => (
                      <a key={b.id} href={`#booking-${b.id}`} className={`cal-item cal-${b.status.toLowerCase()}`}>
                        {clock(b.startsAt)} {b.schoolName}（{b.students}）
                      </a>
                    ))}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <table className="data-table">
        <caption>本月预约（{bookings.length}）</caption>
        {head}
        <tbody>{bookings.map(row('booking'))}</tbody>
      </table>
    </article>
  )
}
