import { json, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { mapLinks, PlacesMapBox, useTiles } from '~/components/places-map'
import { listSchoolOffers, outreachOnMap } from '~/models/school-visit.server'
import { SHANGHAI_CENTER } from '~/utils/map-config'
import { gradeRange } from '~/utils/school-schema'

export const links = () => mapLinks
export const meta: MetaFunction = () => [
  { title: '学校团体预约（馆校合作）· 科普地图' },
  { name: 'description', content: '松江、青浦、闵行接待学校团体参观和研学的科普场馆，以及科技场馆进校园。' },
]

export async function loader() {
  const [offers, outreach] = await Promise.all([listSchoolOffers(), outreachOnMap()])
  return json({ offers, outreach }, { headers: { 'Cache-Control': 'public, max-age=60' } })
}

const day = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' })

export default function SchoolVisitsPage() {
  const { offers, outreach } = useLoaderData<typeof loader>()
  const tiles = useTiles()
  return (
    <article>
      <h1>学校团体预约（馆校合作）</h1>
      <p className="lead">老师无需注册：选择场馆和课程，查看仍有名额的日期和时段，提交申请；场馆审核后在预约页面确认。</p>
      <h2>接待学校团体的场馆（{offers.length}）</h2>
      {offers.length === 0 ? <p>还没有场馆开放网上团体预约。</p> : (
        <ul className="venue-list">
          {offers.map((o) => (
            <li key={o.venue.slug}>
              <Link to={`/venues/${o.venue.slug}/school-visit`}><strong>{o.venue.name}</strong></Link>（{o.venue.district.name}）
              <br /><span className="meta">{gradeRange(o.grades)} · 每时段最多 {o.maxStudentsPerSlot} 名学生 · 提前 {Math.max(o.minNoticeDays, 1)} 天
                {o.outreachPerDay > 0 ? ' · 可进校园' : ''}</span>
              <br /><span className="meta">{o.courses.map((c) => c.title).join('、')}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>科技场馆进校园（{outreach.length}）</h2>
      <p className="hint">已批准的进校园活动，显示在学校的位置。</p>
      <PlacesMapBox
        tiles={tiles}
        center={SHANGHAI_CENTER}
        zoom={9}
        label="进校园地图"
        fitToPlaces
        places={outreach.filter((o) => o.schoolLat !== null && o.schoolLng !== null).map((o) => ({
          key: o.id, lat: o.schoolLat!, lng: o.schoolLng!, name: o.schoolName, href: `/venues/${o.venue.slug}`,
          detail: `${day.format(new Date(o.startsAt))} · ${o.venue.name}${o.course ? `「${o.course.title}」` : ''}`,
        }))}
      />
      <ul className="venue-list">
        {outreach.map((o) => (
          <li key={o.id}>{day.format(new Date(o.startsAt))}：{o.venue.name}{o.course ? `「${o.course.title}」` : ''}走进 {o.schoolName}{o.status === 'DONE' ? '（已完成）' : ''}</li>
        ))}
      </ul>
    </article>
  )
}
