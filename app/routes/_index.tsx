import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { listActiveDistricts, listUpcomingSessions, listVenuesByDistrict } from '~/models/listing.server'
import { formatAudience, formatSessionTime } from '~/utils/format'
import { categoryLabel, venueLevelLabel, venueTypeLabel } from '~/utils/labels'

export async function loader(_: LoaderFunctionArgs) {
  const districts = await listActiveDistricts()
  const [venues, sessions] = await Promise.all([
    listVenuesByDistrict(districts.map((d) => d.id)),
    listUpcomingSessions(),
  ])
  return json({ districts, venues, sessions })
}

export default function Home() {
  const { districts, venues, sessions } = useLoaderData<typeof loader>()
  const districtName = new Map(districts.map((d) => [d.id, d.name]))
  return (
    <>
      <section aria-labelledby="sessions-heading">
        <h1 id="sessions-heading">近期科普活动</h1>
        {sessions.length === 0 ? (
          <p>近期暂无活动。</p>
        ) : (
          <ul className="session-list">
            {sessions.map((s) => (
              <li key={s.id} className="card">
                <p className="meta">
                  <time dateTime={s.startsAt}>{formatSessionTime(s.startsAt, s.endsAt)}</time>
                  {' · '}{districtName.get(s.event.districtId)}
                  {' · '}{categoryLabel[s.event.category]}
                </p>
                <h2 className="card-title">{s.event.title}</h2>
                <p>
                  {s.event.venue?.name ?? s.event.placeName}
                  {' · '}{formatAudience(s.event.audienceMinAge, s.event.audienceMaxAge, s.event.audienceNote)}
                  {s.event.brand ? ` · ${s.event.brand.name}` : ''}
                </p>
                <p className={s.seatsLeft > 0 ? 'seats' : 'seats seats-full'}>
                  {s.seatsLeft > 0 ? `剩余 ${s.seatsLeft} / ${s.capacity} 个名额` : '名额已满，可排队候补'}
                </p>
                {s.event.isExample ? <p className="badge" title="依据区科委计划中的活动品牌生成的示例，日期为示例">示例活动</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="venues-heading">
        <h1 id="venues-heading">科普场馆与阵地</h1>
        {districts.map((d) => (
          <section key={d.id} aria-labelledby={`district-${d.slug}`} className="district">
            <h2 id={`district-${d.slug}`}>{d.name}<span className="count">（{d._count.venues} 处）</span></h2>
            <ul className="venue-list">
              {venues.filter((v) => v.districtId === d.id).map((v) => (
                <li key={v.id}>
                  <strong>{v.name}</strong>
                  <span className="meta">
                    {' '}{v.level ? venueLevelLabel[v.level] : ''}{venueTypeLabel[v.type]}
                    {v.town ? ` · ${v.town.name}` : ''}
                  </span>
                  <br />
                  <span className="address">
                    {v.address ?? '地址待核实'}
                    {v.locationApproximate ? '（地图位置为近似）' : ''}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>
    </>
  )
}
