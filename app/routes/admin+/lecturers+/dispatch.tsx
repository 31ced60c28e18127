// 派单 (decision 034): district staff see the 菜单 orders placed in their district that wait for a lecturer, each
// lecturer who can go there with this month's load against their capacity, and the 街镇 with nothing delivered
// this year, so dispatch can be fair; they dispatch an order to a lecturer and record delivery after the talk.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CsrfInput } from '~/components/csrf-input'
import { DataTable } from '~/components/data-table'
import { dispatchBoard, dispatchOrder, markDelivered } from '~/models/lecturers/dispatch.server'
import { requireRosterStaff } from '~/models/lecturers/roster.server'
import { menuOrderStatusLabel, siteKindLabel } from '~/models/menu/schema'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { formatDayTime } from '~/utils/format'
import { publicOrigin } from '~/utils/links.server'
import { wholeNumber } from '~/utils/number-field'

export const meta: MetaFunction = () => adminMeta('派单')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  requireRosterStaff(staff)
  const now = new Date()
  return json({ board: await dispatchBoard(staff, now), now: now.toISOString() })
}

const schema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('dispatch'), orderId: z.string().max(40), lecturerId: z.string({ required_error: '请选择讲师' }).max(40) }),
  z.object({
    intent: z.literal('deliver'),
    orderId: z.string().max(40),
    attendance: wholeNumber({ required: '请填写实到人数', min: [0, '实到人数不能小于 0'], max: [5000, '实到人数最多 5000'] }),
  }),
])

export async function action({ request }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => schema,
    access: {
      staff: async (request) => {
        const staff = await requireStaff(request)
        requireRosterStaff(staff)
        return staff
      },
    },
    // A refusal stands beside the order it is about.
    formOf: (formData) => String(formData.get('orderId') ?? ''),
    async submit(value, { actor: staff, done }) {
      if (value.intent === 'dispatch') {
        await dispatchOrder(staff, value, new Date(), publicOrigin())
        return done('已派单，等待讲师接单。')
      }
      await markDelivered(staff, value)
      return done('已登记配送完成，场所可以评价了。')
    },
  })
}

const hours = (h: number) => (h < 48 ? `${h} 小时` : `${Math.floor(h / 24)} 天`)

export default function DispatchPage() {
  const { board, now } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const waiting = board.orders.filter((o) => o.status !== 'ACCEPTED')
  const accepted = board.orders.filter((o) => o.status === 'ACCEPTED')
  const byId = new Map(board.lecturers.map((l) => [l.id, l]))
  const note = (orderId: string) => {
    const problem = actionData?.form === orderId ? (actionData.error ?? Object.values(actionData.result.error ?? {}).flat()[0]) : null
    return problem ? (
      <p className="notice notice-warn" role="alert">
        {problem}
      </p>
    ) : null
  }
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/lecturers">← 讲师团</Link>
      </p>
      <h1>派单</h1>
      <section aria-labelledby="dispatch-waiting">
        <h2 id="dispatch-waiting">等待派单和接单的订单（{waiting.length}）</h2>
        {waiting.length === 0 ? <p>没有等待派单的订单。</p> : null}
        {waiting.map((order) => {
          const candidates = board.lecturers.filter((l) => !order.namedLecturers.length || order.namedLecturers.includes(l.id))
          return (
            <div key={order.id} className="card">
              <h3>
                {order.menuItem.title} → {order.siteName}
              </h3>
              <p className="meta">
                {order.code} · {siteKindLabel[order.siteKind]} · {order.district.name}
                {order.town ? ` ${order.town.name}` : ''} · {order.expectedAudience} 人 · 希望 {order.preferredDates} · 已等{' '}
                {hours(order.ageHours)}
                {order.firstForSite ? ' · 今年尚未配送过' : ''}
              </p>
              <p>
                {menuOrderStatusLabel[order.status]}
                {order.lecturer ? `：${order.lecturer.name}（等待接单）` : ''}
                {order.dispatches.filter((d) => d.answer === 'DECLINED').length
                  ? ` · 已婉拒：${order.dispatches
                      .filter((d) => d.answer === 'DECLINED')
                      .map((d) => `${d.lecturer.name}（${d.reason ?? ''}）`)
                      .join('、')}`
                  : ''}
              </p>
              {note(order.id)}
              <Form method="post" className="inline-form">
                <CsrfInput />
                <input type="hidden" name="orderId" value={order.id} />
                <label htmlFor={`lecturer-${order.id}`}>讲师</label>{' '}
                <select id={`lecturer-${order.id}`} name="lecturerId" defaultValue="" required>
                  <option value="" disabled>
                    请选择
                  </option>
                  {candidates.map((l) => (
                    <option key={l.id} value={l.id} disabled={!l.linked}>
                      {l.name}（本月 {l.load}/{l.monthlyCapacity}
                      {l.load >= l.monthlyCapacity ? '，已满' : ''}
                      {l.linked ? '' : '，未关联账号'}）
                    </option>
                  ))}
                </select>{' '}
                <button type="submit" name="intent" value="dispatch" className="primary">
                  {order.status === 'DISPATCHED' ? '改派' : '派单'}
                </button>
              </Form>
            </div>
          )
        })}
      </section>
      <section aria-labelledby="dispatch-accepted">
        <h2 id="dispatch-accepted">已接单（{accepted.length}）</h2>
        {accepted.map((order) => {
          const started = order.startsAt !== null && order.startsAt <= now
          return (
            <div key={order.id} className="card">
              <h3>
                {order.menuItem.title} → {order.siteName}
              </h3>
              <p className="meta">
                {order.lecturer?.name} · {order.startsAt ? formatDayTime(order.startsAt) : ''}
                {order.event ? (
                  <>
                    {' '}
                    · <Link to={`/events/${order.event.slug}`}>活动页面</Link>
                  </>
                ) : null}
              </p>
              {note(order.id)}
              {started ? (
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="orderId" value={order.id} />
                  <label htmlFor={`attendance-${order.id}`}>实到人数</label>{' '}
                  <input id={`attendance-${order.id}`} name="attendance" type="number" inputMode="numeric" min={0} required />{' '}
                  <button type="submit" name="intent" value="deliver">
                    登记配送完成
                  </button>
                </Form>
              ) : (
                <p className="hint">活动开始后可以登记配送完成。</p>
              )}
            </div>
          )
        })}
      </section>
      <DataTable caption={<>讲师本月负荷（{board.lecturers.length}）</>} headings={['讲师', '本月已排', '每月可讲', '账号']}>
        {board.lecturers.map((l) => (
          <tr key={l.id}>
            <td>
              <Link to={`/admin/lecturers/${l.id}`}>{byId.get(l.id)?.name}</Link>
            </td>
            <td>{l.load}</td>
            <td>{l.monthlyCapacity}</td>
            <td>{l.linked ? '已关联' : '未关联'}</td>
          </tr>
        ))}
      </DataTable>
      <section aria-labelledby="dispatch-unserved">
        <h2 id="dispatch-unserved">今年还没有配送过的街镇（{board.unservedTowns.length}）</h2>
        <p>{board.unservedTowns.map((t) => `${t.name}${t.district ? `（${t.district.name}）` : ''}`).join('、') || '都已配送过。'}</p>
      </section>
    </article>
  )
}
