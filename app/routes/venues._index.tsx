import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PlacesMapBox, mapLinks, useTiles } from '~/components/places-map'
import { listActiveDistricts, listVenuesByDistrict } from '~/models/listing.server'
import { venueLevelLabel, venueTypeLabel } from '~/utils/labels'
import { SHANGHAI_CENTER } from '~/utils/map-config'

export const links = () => mapLinks

export async function loader(_: LoaderFunctionArgs) {
  const districts = await listActiveDistricts()
  const venues = await listVenuesByDistrict(districts.map((d) => d.id))
  return json({ districts, venues })
}

export const meta: MetaFunction = () => [
  { title: '科普场馆与阵地 · 科普地图' },
  { name: 'description', content: '松江、青浦、闵行的科技馆、科普教育基地、社区书院、科技小院与开放实验室。' },
]

export default function VenuesPage() {
  const { districts, venues } = useLoaderData<typeof loader>()
  const tiles = useTiles()
  return (
    <>
      <h1>科普场馆与阵地</h1>
      <PlacesMapBox
        places={venues.map((v) => ({ key: v.slug, lat: v.lat, lng: v.lng, name: v.name, href: `/venues/${v.slug}`, approximate: v.locationApproximate, detail: venueTypeLabel[v.type] }))}
        tiles={tiles} center={SHANGHAI_CENTER} zoom={10} label={`场馆地图：${venues.length} 处场馆`} fitToPlaces
      />
      {districts.map((d) => (
        <section key={d.id} aria-labelledby={`district-${d.slug}`} className="district">
          <h2 id={`district-${d.slug}`}>{d.name}<span className="count">（{d._count.venues} 处）</span></h2>
          <ul className="venue-list">
            {venues.filter((v) => v.districtId === d.id).map((v) => (
              <li key={v.id}>
                <Link to={`/venues/${v.slug}`}><strong>{v.name}</strong></Link>
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
    </>
  )
}
