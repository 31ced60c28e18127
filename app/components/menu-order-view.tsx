// What a site sees of its 科普菜单 order, on the private link and on the code lookup.
import { Link } from '@remix-run/react'
import { formatSessionTime } from '~/utils/format'
import { menuOrderStatusLabel, siteKindLabel } from '~/utils/menu-schema'

type OrderView = {
  code: string
  status: keyof typeof menuOrderStatusLabel
  siteName: string
  siteKind: keyof typeof siteKindLabel
  siteAddress: string
  contactName: string
  phoneMasked: string
  preferredDates: string
  expectedAudience: number
  proposedStartsAt: string | null
  providerMessage: string | null
  attendance: number | null
  district: { name: string }
  menuItem: { title: string; durationMinutes: number; organisation: { name: string } }
  event: { slug: string; sessions: Array<{ startsAt: string; endsAt: string; capacity: number; seatsTaken: number }> } | null
}

const dayTime = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false })

export function MenuOrderView({ order }: { order: OrderView }) {
  const session = order.event?.sessions[0]
  const ok = order.status === 'ACCEPTED' || order.status === 'DELIVERED'
  return (
    <>
      <p className={`status ${ok ? 'status-confirmed' : order.status === 'DECLINED' || order.status === 'CANCELLED' ? 'status-cancelled' : 'status-waitlisted'}`}>{menuOrderStatusLabel[order.status]}</p>
      <h1>{order.menuItem.title}</h1>
      <div className="ticket"><p>订单码</p><p className="code">{order.code}</p></div>
      {order.providerMessage ? <p className="notice">{order.menuItem.organisation.name}留言：{order.providerMessage}</p> : null}
      {order.status === 'PROPOSED' && order.proposedStartsAt ? <p className="notice notice-warn">提供单位建议改到 {dayTime.format(new Date(order.proposedStartsAt))}。接受后即确定。</p> : null}
      {session && order.event ? (
        <p className="notice notice-ok">
          已确定：<time dateTime={session.startsAt}>{formatSessionTime(session.startsAt, session.endsAt)}</time>。
          居民可在 <Link to={`/events/${order.event.slug}`}>活动页面</Link> 报名（已报 {session.seatsTaken} / {session.capacity}）。
          {order.status === 'DELIVERED' ? ` 已配送，实到 ${order.attendance} 人。` : ''}
        </p>
      ) : null}
      <dl className="facts">
        <dt>提供单位</dt><dd>{order.menuItem.organisation.name}</dd>
        <dt>场所</dt><dd>{order.siteName}（{siteKindLabel[order.siteKind]}，{order.district.name}）</dd>
        <dt>地址</dt><dd>{order.siteAddress}</dd>
        <dt>希望时间</dt><dd>{order.preferredDates}</dd>
        <dt>预计人数</dt><dd>{order.expectedAudience} 人</dd>
        <dt>联系人</dt><dd>{order.contactName}（{order.phoneMasked}）</dd>
      </dl>
    </>
  )
}
