import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PlacesMapBox, mapLinks, useTiles } from '~/components/places-map'
import { getEventPage } from '~/models/place.server'
import { bookingMessage, registrationBlocker } from '~/models/registration.server'
import { formatAudience, formatSessionTime } from '~/utils/format'
import { publicOrigin } from '~/utils/links.server'
import { categoryLabel } from '~/utils/labels'

export const links = () => mapLinks

export async function loader({ params, request }: LoaderFunctionArgs) {
  const event = await getEventPage(params.slug ?? '')
  if (!event) throw new Response('找不到这个活动', { status: 404 })
  const now = new Date()
  const sessions = event.sessions.map((s) => {
    const blocker = registrationBlocker({ ...s, eventStatus: event.status }, now)
    return { ...s, blocker, blockerMessage: blocker ? bookingMessage(blocker) : null }
  })
  const origin = publicOrigin(request)
  const placeName = event.venue?.name ?? event.placeName ?? event.district.name
  const address = event.venue?.address ?? event.placeAddress ?? undefined
  // schema.org Event, one per session, so search engines and WeChat previews see each date.
  const jsonLd = sessions.filter((s) => s.startsAt > now).map((s) => ({
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title,
    description: event.summary,
    startDate: s.startsAt.toISOString(),
    endDate: s.endsAt.toISOString(),
    eventStatus: s.status === 'CANCELLED' || event.status === 'CANCELLED' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    location: {
      '@type': 'Place', name: placeName,
      address: { '@type': 'PostalAddress', addressLocality: event.district.name, addressRegion: '上海市', addressCountry: 'CN', ...(address ? { streetAddress: address } : {}) },
      geo: { '@type': 'GeoCoordinates', latitude: event.lat, longitude: event.lng },
    },
    organizer: event.organisation ? { '@type': 'Organization', name: event.organisation.name } : undefined,
    offers: { '@type': 'Offer', price: 0, priceCurrency: 'CNY', url: `${origin}/sessions/${s.id}/register`, availability: s.seatsLeft > 0 ? 'https://schema.org/InStock' : 'https://schema.org/SoldOut' },
    isAccessibleForFree: true,
    url: `${origin}/events/${event.slug}`,
  }))
  return json({ event: { ...event, sessions }, jsonLd })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: '找不到这个活动 · 科普地图' }]
  return [
    { title: `${data.event.title} · ${data.event.district.name} · 科普地图` },
    { name: 'description', content: data.event.summary },
    ...data.jsonLd.map((item) => ({ 'script:ld+json': item })),
  ]
}

export default function EventPage() {
  const { event } = useLoaderData<typeof loader>()
  const tiles = useTiles()
  const placeLabel = event.venue?.name ?? event.placeName ?? event.district.name
  return (
    <article className="detail">
      <p className="meta">{event.district.name}{event.venue?.town ? ` · ${event.venue.town.name}` : event.town ? ` · ${event.town.name}` : ''} · {categoryLabel[event.category]}</p>
      <h1>{event.title}</h1>
      {event.isExample ? <p className="badge" title="依据区科委计划中的活动品牌生成的示例，日期为示例">示例活动</p> : null}
      {event.status === 'CANCELLED' ? <p className="notice notice-warn" role="status">这项活动已取消。</p> : null}
      <p className="lead">{event.summary}</p>
      <dl className="facts">
        <dt>适合</dt><dd>{formatAudience(event.audienceMinAge, event.audienceMaxAge, event.audienceNote)}</dd>
        <dt>地点</dt>
        <dd>
          {event.venue ? <Link to={`/venues/${event.venue.slug}`}>{event.venue.name}</Link> : placeLabel}
          {event.venue?.address ?? event.placeAddress ? <><br /><span className="address">{event.venue?.address ?? event.placeAddress}</span></> : null}
        </dd>
        {event.organisation ? <><dt>主办</dt><dd>{event.organisation.name}</dd></> : null}
        {event.brand ? <><dt>活动品牌</dt><dd><Link to={`/?brand=${event.brand.slug}`}>{event.brand.name}</Link></dd></> : null}
        <dt>主题</dt><dd>{event.topics.map((t) => <Link key={t} className="tag" to={`/?topic=${encodeURIComponent(t)}`}>{t}</Link>)}</dd>
        <dt>每份报名</dt><dd>最多 {event.maxPartySize} 人（成人与儿童合计）</dd>
      </dl>
      <h2>活动介绍</h2>
      <p className="prose">{event.description}</p>
      <h2 id="sessions">场次与报名</h2>
      {event.sessions.length === 0 ? <p>暂无场次。</p> : (
        <ul className="session-table" aria-labelledby="sessions">
          {event.sessions.map((s) => (
            <li key={s.id} className="session-row">
              <time dateTime={s.startsAt}>{formatSessionTime(s.startsAt, s.endsAt)}</time>
              <span className={s.seatsLeft > 0 ? 'seats' : 'seats seats-full'}>
                {s.status === 'CANCELLED' ? '本场已取消' : s.seatsLeft > 0 ? `剩余 ${s.seatsLeft} / ${s.capacity}` : '已满，可候补'}
              </span>
              {s.blocker ? <span className="muted">{s.blockerMessage}</span> : (
                <Link className="button" to={`/sessions/${s.id}/register`} aria-label={`报名 ${formatSessionTime(s.startsAt, s.endsAt)} 场`}>
                  {s.seatsLeft > 0 ? '报名' : '排队候补'}
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>位置</h2>
      <PlacesMapBox
        places={[{ key: 'here', lat: event.lat, lng: event.lng, name: placeLabel, href: event.venue ? `/venues/${event.venue.slug}` : `/events/${event.slug}`, approximate: event.venue?.locationApproximate }]}
        tiles={tiles} center={{ lat: event.lat, lng: event.lng }} zoom={15} label={`地图：${placeLabel}`}
      />
      {event.source ? <p className="source">资料来源：{event.source}</p> : null}
    </article>
  )
}
