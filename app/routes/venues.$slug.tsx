import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PlacesMapBox, mapLinks, useTiles } from '~/components/places-map'
import { getVenuePage } from '~/models/place.server'
import { formatSessionTime } from '~/utils/format'
import { amapMarkerLink, publicOrigin } from '~/utils/links.server'
import { categoryLabel, venueLevelLabel, venueTypeLabel } from '~/utils/labels'

export const links = () => mapLinks

export async function loader({ params, request }: LoaderFunctionArgs) {
  const venue = await getVenuePage(params.slug ?? '')
  if (!venue) throw new Response('找不到这个场馆', { status: 404 })
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': venue.type === 'SCIENCE_MUSEUM' || venue.type === 'THEMED_HALL' ? 'Museum' : 'Place',
    name: venue.name,
    url: `${publicOrigin(request)}/venues/${venue.slug}`,
    address: { '@type': 'PostalAddress', addressLocality: venue.district.name, addressRegion: '上海市', addressCountry: 'CN', ...(venue.address ? { streetAddress: venue.address } : {}) },
    geo: { '@type': 'GeoCoordinates', latitude: venue.lat, longitude: venue.lng },
    ...(venue.openingHours ? { openingHours: venue.openingHours } : {}),
    ...(venue.phone ? { telephone: venue.phone } : {}),
  }
  return json({ venue, jsonLd, navigateLink: amapMarkerLink(venue, venue.name) })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: '找不到这个场馆 · 科普地图' }]
  const { venue } = data
  return [
    { title: `${venue.name} · ${venue.district.name} · 科普地图` },
    { name: 'description', content: `${venue.name}：${venueTypeLabel[venue.type]}，${venue.district.name}${venue.town?.name ?? ''}。开放时间、交通与近期科普活动。` },
    { 'script:ld+json': data.jsonLd },
  ]
}

export default function VenuePage() {
  const { venue, navigateLink } = useLoaderData<typeof loader>()
  const tiles = useTiles()
  return (
    <article className="detail">
      <p className="meta">{venue.district.name}{venue.town ? ` · ${venue.town.name}` : ''} · {venue.level ? venueLevelLabel[venue.level] : ''}{venueTypeLabel[venue.type]}</p>
      <h1>{venue.name}</h1>
      {venue.description ? <p className="lead">{venue.description}</p> : null}
      <dl className="facts">
        <dt>地址</dt>
        <dd>
          {venue.address ?? '地址待核实'}
          {venue.locationApproximate ? <><br /><span className="muted">地图位置为近似：公开资料没有给出坐标，标在所在街镇或区内</span></> : null}
        </dd>
        <dt>开放时间</dt><dd>{venue.openingHours ?? '待核实，请出发前向场馆确认'}</dd>
        {venue.phone ? <><dt>电话</dt><dd><a href={`tel:${venue.phone}`}>{venue.phone}</a></dd></> : null}
        {venue.website ? <><dt>网站</dt><dd><a href={venue.website} rel="noopener noreferrer">{venue.website}</a></dd></> : null}
        {venue.accessibility ? <><dt>无障碍</dt><dd>{venue.accessibility}</dd></> : null}
        {venue.organisation ? <><dt>运营单位</dt><dd>{venue.organisation.name}</dd></> : null}
        <dt>怎么去</dt>
        <dd>
          <a href={navigateLink} rel="noopener noreferrer">在高德地图中打开并导航</a>
          {venue.town ? <> · <Link to={`/?nearTown=${venue.town.id}&reach=walk15`}>{venue.town.name}步行 15 分钟内的其他活动</Link></> : null}
        </dd>
      </dl>
      {venue.takesSchoolVisits ? (
        venue.schoolOffer?.active
          ? <p className="notice">本馆接待学校团体参观与研学。<Link to={`/venues/${venue.slug}/school-visit`}>学校团体预约（查看剩余名额）</Link></p>
          : <p className="notice">本馆接待学校团体参观与研学。{venue.phone ? `团体预约请致电 ${venue.phone}。` : '团体预约请联系场馆。'}</p>
      ) : null}
      {venue.stampsPassport ? <p className="notice">本馆是科普护照打卡点。</p> : null}
      <h2>位置</h2>
      <PlacesMapBox
        places={[{ key: venue.slug, lat: venue.lat, lng: venue.lng, name: venue.name, href: `/venues/${venue.slug}`, approximate: venue.locationApproximate }]}
        tiles={tiles} center={venue} zoom={15} label={`地图：${venue.name}`}
      />
      <h2 id="upcoming">近期活动</h2>
      <p className="hint"><a href={`/calendar.ics?venue=${venue.slug}`}>订阅本馆活动到手机日历（.ics）</a></p>
      {venue.events.length === 0 ? <p>暂无已发布的近期活动。</p> : (
        <ul className="session-list" aria-labelledby="upcoming">
          {venue.events.map((e) => (
            <li key={e.slug} className="card">
              <p className="meta">{categoryLabel[e.category]}{e.isExample ? ' · 示例活动' : ''}</p>
              <h3 className="card-title"><Link to={`/events/${e.slug}`}>{e.title}</Link></h3>
              <p>{e.summary}</p>
              <ul className="inline-list">
                {e.sessions.map((s) => (
                  <li key={s.id}>
                    <Link to={`/sessions/${s.id}/register`}>{formatSessionTime(s.startsAt, s.endsAt)}</Link>
                    <span className={s.seatsLeft > 0 ? 'seats' : 'seats seats-full'}>{s.seatsLeft > 0 ? ` 余 ${s.seatsLeft}` : ' 已满可候补'}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <p className="source">资料来源：{venue.source}</p>
    </article>
  )
}
