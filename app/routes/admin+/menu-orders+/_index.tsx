import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { menuDecisionSchema } from '~/models/menu/admin-schema'
import { decideOrder, listOrdersForStaff, type MenuDecision } from '~/models/menu/menu.server'
import { menuOrderStatusLabel, siteKindLabel, sitePrecisionLabel } from '~/models/menu/schema'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { formatDay } from '~/utils/format'
import { publicOrigin } from '~/utils/links.server'
import { useFormReply } from '~/utils/use-form-reply'
import type { MenuOrderStatus } from '@prisma/client'

export const meta: MetaFunction = () => adminMeta('科普菜单点单')

const statuses = Object.keys(menuOrderStatusLabel) as MenuOrderStatus[]

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const status = statuses.find((s) => s === new URL(request.url).searchParams.get('status'))
  return json({ orders: await listOrdersForStaff(staff, { status }) })
}

const decided: Record<MenuDecision['intent'], string> = {
  accept: '已确定日期，活动已发布到地图，居民可以报名。',
  propose: '已向场所建议改期。',
  decline: '已回复未能配送。',
  deliver: '已登记配送完成。',
}

export async function action({ request }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => menuDecisionSchema,
    access: { staff: requireStaff },
    // Which order's forms a refusal belongs to, even when the post does not parse.
    formOf: (formData) => String(formData.get('orderId') ?? ''),
    async submit(value, { actor: staff, done }) {
      // The model holds the one switch on the decision's intent (each moves the order from its own states).
      await decideOrder(staff, value, undefined, publicOrigin())
      return done(decided[value.intent])
    },
  })
}

export default function MenuOrdersPage() {
  const { orders } = useLoaderData<typeof loader>()
  const { reply } = useFormReply()
  const [searchParams] = useSearchParams()
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/menu">← 科普菜单</Link>
      </p>
      <h1>科普菜单点单</h1>
      <div className="button-row">
        <Form method="get" className="inline-form">
          <label htmlFor="order-status">状态</label>
          <select id="order-status" name="status" defaultValue={searchParams.get('status') ?? ''}>
            <option value="">全部</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {menuOrderStatusLabel[s]}
              </option>
            ))}
          </select>
          <button type="submit">筛选</button>
        </Form>
        <a className="button" href="/admin/menu-orders/export.csv" download>
          导出 CSV
        </a>
        <a className="button" href="/admin/menu-orders/export.xlsx" download>
          导出 Excel
        </a>
      </div>
      {orders.length === 0 ? <p>还没有点单。</p> : null}
      {orders.map((o) => (
        <section key={o.id} className="session-admin" aria-labelledby={`order-${o.id}`}>
          <h2 id={`order-${o.id}`}>
            {o.menuItem.title} → {o.siteName} <span className="pill pill-draft">{menuOrderStatusLabel[o.status]}</span>
          </h2>
          <p>
            {siteKindLabel[o.siteKind]} · {o.district.name}
            {o.town ? o.town.name : ''} · {o.siteAddress} · 位置：{sitePrecisionLabel[o.sitePrecision]} · 预计 {o.expectedAudience} 人 ·
            希望：
            {o.preferredDates}
          </p>
          <p>
            联系人：{o.contactName}（{o.phoneMasked}） · 订单码 {o.code} · 提交于 {formatDay(o.createdAt)}
            {o.notes ? ` · 说明：${o.notes}` : ''} · <Link to={`/admin/messages/of/MenuOrder/${o.id}`}>消息记录</Link>
          </p>
          {o.event ? (
            <p>
              活动：<Link to={`/events/${o.event.slug}`}>{o.event.sessions[0] ? formatDay(o.event.sessions[0].startsAt) : '查看'}</Link>
              {o.attendance !== null ? `，实到 ${o.attendance} 人` : ''}
            </p>
          ) : null}
          {o.providerMessage ? <p>留言：{o.providerMessage}</p> : null}
          {reply?.form === o.id && reply.error ? (
            <p className="field-error" role="alert">
              {reply.error}
            </p>
          ) : null}
          {o.status === 'REQUESTED' || o.status === 'PROPOSED' ? (
            <div className="decision-grid">
              <Form method="post" className="decision-form">
                <CsrfInput />
                <input type="hidden" name="orderId" value={o.id} />
                <input type="hidden" name="intent" value="accept" />
                <label htmlFor={`accept-at-${o.id}`}>确定时间</label>
                <input id={`accept-at-${o.id}`} name="startsAt" type="datetime-local" required />
                <label htmlFor={`capacity-${o.id}`}>开放报名人数</label>
                <input id={`capacity-${o.id}`} name="capacity" type="number" min={1} defaultValue={o.expectedAudience} required />
                <label htmlFor={`accept-msg-${o.id}`}>留言</label>
                <input id={`accept-msg-${o.id}`} name="message" type="text" />
                <button type="submit" className="primary">
                  接单并发布活动
                </button>
              </Form>
              {o.status === 'REQUESTED' ? (
                <Form method="post" className="decision-form">
                  <CsrfInput />
                  <input type="hidden" name="orderId" value={o.id} />
                  <input type="hidden" name="intent" value="propose" />
                  <label htmlFor={`propose-at-${o.id}`}>建议时间</label>
                  <input id={`propose-at-${o.id}`} name="startsAt" type="datetime-local" required />
                  <label htmlFor={`propose-msg-${o.id}`}>原因</label>
                  <input id={`propose-msg-${o.id}`} name="message" type="text" required />
                  <button type="submit">建议改期</button>
                </Form>
              ) : null}
              <Form method="post" className="decision-form">
                <CsrfInput />
                <input type="hidden" name="orderId" value={o.id} />
                <input type="hidden" name="intent" value="decline" />
                <label htmlFor={`decline-msg-${o.id}`}>未能配送的原因</label>
                <input id={`decline-msg-${o.id}`} name="message" type="text" required />
                <button type="submit" className="danger">
                  回复未能配送
                </button>
              </Form>
            </div>
          ) : null}
          {o.status === 'ACCEPTED' && o.event?.sessions[0] && new Date(o.event.sessions[0].startsAt).getTime() <= Date.now() ? (
            <Form method="post" className="decision-form">
              <CsrfInput />
              <input type="hidden" name="orderId" value={o.id} />
              <input type="hidden" name="intent" value="deliver" />
              <label htmlFor={`attendance-${o.id}`}>实到人数</label>
              <input id={`attendance-${o.id}`} name="attendance" type="number" min={0} required />
              <button type="submit">登记配送完成</button>
            </Form>
          ) : null}
        </section>
      ))}
    </article>
  )
}
