import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import QRCode from 'qrcode'
import { mapLinks, PlacesMapBox, useTiles } from '~/components/places-map'
import { passportView } from '~/models/passport.server'
import { SHANGHAI_CENTER } from '~/utils/map-config'
import { requireResident } from '~/utils/resident-auth.server'

export const links = () => mapLinks
export const meta: MetaFunction = () => [{ title: '我的科普护照 · 科普地图' }, { name: 'robots', content: 'noindex' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const resident = await requireResident(request)
  const [view, qrSvg] = await Promise.all([
    passportView(resident.id),
    QRCode.toString(resident.passportCode, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
  ])
  return json({ ...view, passportCode: resident.passportCode, qrSvg }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export default function PassportPage() {
  const { stamps, programmes, passportCode, qrSvg } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const tiles = useTiles()
  const stampedVenues = [...new Map(stamps.map((s) => [s.venue.id, s.venue])).values()]
  return (
    <article className="detail">
      {searchParams.get('welcome') === '1' ? <p className="notice" role="status">注册成功。登录状态下报名的活动，签到时会自动盖章。</p> : null}
      <h1>我的科普护照</h1>
      <p><Link to="/account">我的账号与信息</Link></p>
      <div className="ticket">
        <p>护照码（在盖章点门口出示给工作人员）</p>
        <div className="qr" role="img" aria-label={`护照码二维码：${passportCode}`} dangerouslySetInnerHTML={{ __html: qrSvg }} />
        <p className="code">{passportCode}</p>
      </div>
      <h2>已盖章（{stampedVenues.length} 个场馆，{stamps.length} 次）</h2>
      <PlacesMapBox tiles={tiles} center={SHANGHAI_CENTER} zoom={9} label="盖章地图" fitToPlaces
        places={stampedVenues.map((v) => ({ key: v.id, lat: v.lat, lng: v.lng, name: v.name, href: `/venues/${v.slug}`, detail: '已盖章', approximate: v.locationApproximate }))} />
      <ul className="venue-list">
        {stamps.map((s) => <li key={s.id}>{s.stampedOn}：<Link to={`/venues/${s.venue.slug}`}>{s.venue.name}</Link>（{s.via === 'CHECK_IN' ? '活动签到' : '到馆盖章'}）</li>)}
      </ul>
      {programmes.map((p) => (
        <section key={p.slug} aria-labelledby={`programme-${p.slug}`}>
          <h2 id={`programme-${p.slug}`}>{p.name}：{p.done} / {p.venues.length}</h2>
          <p className="hint">{p.description}</p>
          {p.venues.length ? (
            <>
              <progress max={p.venues.length} value={p.done} aria-label={`${p.name}进度`}>{p.done} / {p.venues.length}</progress>
              <h3>还没去过</h3>
              <ul className="venue-list">{p.venues.filter((v) => !v.stamped).map((v) => <li key={v.id}><Link to={`/venues/${v.slug}`}>{v.name}</Link>（{v.district.name}）</li>)}</ul>
            </>
          ) : <p>盖章点名单待公布。</p>}
        </section>
      ))}
    </article>
  )
}
