// What a site sees of its 科普菜单 order, on the private link and on the code lookup.
import { Link } from '@remix-run/react'
import { Trans } from 'react-i18next'
import { formatDayTime, formatSessionTime } from '~/utils/format'
import { districtName, useLocale } from '~/utils/i18n'
import type { MenuOrderStatusKey, SITE_KINDS } from '~/models/menu/schema'

type OrderView = {
  code: string
  status: MenuOrderStatusKey
  siteName: string
  siteKind: (typeof SITE_KINDS)[number]
  siteAddress: string
  contactName: string
  phoneMasked: string
  preferredDates: string
  expectedAudience: number
  proposedStartsAt: string | null
  providerMessage: string | null
  attendance: number | null
  district: { name: string; nameEn: string }
  menuItem: { title: string; durationMinutes: number; organisation: { name: string } }
  event: { slug: string; sessions: Array<{ startsAt: string; endsAt: string; capacity: number; seatsTaken: number }> } | null
}

export function MenuOrderView({ order }: { order: OrderView }) {
  const { t, language } = useLocale()
  const session = order.event?.sessions[0]
  const ok = order.status === 'ACCEPTED' || order.status === 'DELIVERED'
  const provider = order.menuItem.organisation.name
  return (
    <>
      <p
        className={`status ${ok ? 'status-confirmed' : order.status === 'DECLINED' || order.status === 'CANCELLED' ? 'status-cancelled' : 'status-waitlisted'}`}
      >
        {t(`menuOrderStatus.${order.status}`)}
      </p>
      <h1>{order.menuItem.title}</h1>
      <div className="ticket">
        <p>{t('menu.orderCode')}</p>
        <p className="code">{order.code}</p>
      </div>
      {order.providerMessage ? <p className="notice">{t('menu.providerMessage', { provider, message: order.providerMessage })}</p> : null}
      {order.status === 'PROPOSED' && order.proposedStartsAt ? (
        <p className="notice notice-warn">{t('menu.proposed', { time: formatDayTime(order.proposedStartsAt, language) })}</p>
      ) : null}
      {session && order.event ? (
        <p className="notice notice-ok">
          <Trans
            i18nKey="menu.confirmedAt"
            values={{
              time: formatSessionTime(session.startsAt, session.endsAt, language),
              taken: session.seatsTaken,
              capacity: session.capacity,
            }}
            // eslint-disable-next-line jsx-a11y/anchor-has-content -- Trans puts the catalogue's words inside the link
            components={[<time key="time" dateTime={session.startsAt} />, <Link key="event" to={`/events/${order.event.slug}`} />]}
          />
          {order.status === 'DELIVERED' ? t('menu.delivered', { count: order.attendance ?? 0 }) : ''}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t('menu.provider')}</dt>
        <dd>{provider}</dd>
        <dt>{t('menu.site')}</dt>
        <dd>
          {t('menu.siteValue', {
            name: order.siteName,
            kind: t(`siteKind.${order.siteKind}`),
            district: districtName(order.district, language),
          })}
        </dd>
        <dt>{t('menu.address')}</dt>
        <dd>{order.siteAddress}</dd>
        <dt>{t('menu.preferred')}</dt>
        <dd>{order.preferredDates}</dd>
        <dt>{t('menu.expected')}</dt>
        <dd>{t('menu.expectedValue', { count: order.expectedAudience })}</dd>
        <dt>{t('menu.contact')}</dt>
        <dd>
          {order.contactName}
          {t('site.inParens', { text: order.phoneMasked })}
        </dd>
      </dl>
    </>
  )
}
