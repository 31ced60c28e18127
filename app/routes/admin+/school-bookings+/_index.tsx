import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { decisionSchema, doneSchema } from '~/models/school-visit/admin-schema'
import { decideSchoolBooking, listSchoolBookings, markSchoolVisitDone } from '~/models/school-visit/admin.server'
import { BookingTable } from '~/routes/admin+/school-bookings+/__booking-table'
import { MonthCalendar } from '~/routes/admin+/school-bookings+/__month-calendar'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { schoolStatusLabel } from '~/utils/labels'
import { publicOrigin } from '~/utils/links.server'
import { shanghaiMonthRange } from '~/utils/shanghai-time'
import { useFormReply } from '~/utils/use-form-reply'
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
const decided = { approve: '已批准，老师会在预约页看到确认和预约码。', decline: '已拒绝。', cancel: '已取消。' }

export async function action({ request }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => bookingsPageSchema,
    access: { staff: requireStaff },
    // Which booking a refusal is shown beside, even when the post does not parse.
    formOf: (formData) => String(formData.get('bookingId') ?? ''),
    async submit(value, { actor: staff, done }) {
      switch (value.intent) {
        case 'approve':
        case 'decline':
        case 'cancel':
          await decideSchoolBooking(staff, value.bookingId, value.intent, value.message ?? null, undefined, publicOrigin())
          return done(decided[value.intent])
        case 'done':
          await markSchoolVisitDone(staff, value.bookingId, value)
          return done('已登记完成。')
      }
    },
  })
}

export default function SchoolBookingsPage() {
  const { month, from, bookings, pending } = useLoaderData<typeof loader>()
  const { reply } = useFormReply()
  const answer = reply ? { bookingId: reply.form ?? '', error: reply.error } : undefined
  const [searchParams] = useSearchParams()
  const shift = (delta: number) => {
    const [y, m] = month.split('-').map(Number)
    const d = new Date(Date.UTC(y, m - 1 + delta, 1))
    const next = new URLSearchParams(searchParams)
    next.set('month', d.toISOString().slice(0, 7))
    return `?${next}`
  }
  const status = searchParams.get('status')
  const exportQuery = new URLSearchParams({ month, ...(status ? { status } : {}) })

  return (
    <article className="admin-page">
      <h1>学校预约</h1>
      <p className="hint">只有批准的预约占用时段名额；批准时会再次核对名额，不会超过上限。</p>
      <h2 id="pending">待处理（{pending.length}）</h2>
      {pending.length === 0 ? <p>没有待处理的申请。</p> : <BookingTable prefix="pending" bookings={pending} answer={answer} />}

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
        <a className="button" href={`/admin/school-bookings/export.csv?${exportQuery}`} download>
          导出 CSV
        </a>
        <a className="button" href={`/admin/school-bookings/export.xlsx?${exportQuery}`} download>
          导出 Excel
        </a>
      </div>
      <MonthCalendar month={month} from={from} bookings={bookings} />
      <BookingTable caption={<>本月预约（{bookings.length}）</>} prefix="booking" bookings={bookings} answer={answer} />
    </article>
  )
}
