import type { MenuItemKind } from '@prisma/client'
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { listActiveDistricts } from '~/models/listing.server'
import { listMenu } from '~/models/menu.server'
import { MENU_KINDS, menuKindLabel } from '~/utils/menu-schema'

export const meta: MetaFunction = () => [
  { title: '科普菜单（点单配送）· 科普地图' },
  { name: 'description', content: '社区书院、党群服务中心、学校和村居从科普菜单中点选讲座、科学秀、展览、动手做材料包等，提供单位上门配送。' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams
  const kind = MENU_KINDS.find((k) => k === params.get('kind')) as MenuItemKind | undefined
  const [items, districts] = await Promise.all([listMenu({ district: params.get('district') ?? undefined, kind }), listActiveDistricts()])
  return json({ items, districts: districts.map((d) => ({ id: d.id, slug: d.slug, name: d.name })) })
}

export default function MenuPage() {
  const { items, districts } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const districtName = new Map(districts.map((d) => [d.id, d.name]))
  return (
    <article>
      <h1>科普菜单</h1>
      <p className="lead">社区书院、党群服务中心、学校和村居：从菜单中选一项，填写场所和希望的日期，提供单位确认后上门配送，活动会出现在地图上供居民报名。</p>
      <p><Link to="/menu/track">已点单？查看订单进度</Link></p>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="menu-district">配送到</label>
          <select id="menu-district" name="district" defaultValue={searchParams.get('district') ?? ''}>
            <option value="">全部区</option>
            {districts.map((d) => <option key={d.slug} value={d.slug}>{d.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="menu-kind">形式</label>
          <select id="menu-kind" name="kind" defaultValue={searchParams.get('kind') ?? ''}>
            <option value="">全部形式</option>
            {MENU_KINDS.map((k) => <option key={k} value={k}>{menuKindLabel[k]}</option>)}
          </select>
        </div>
        <div className="actions"><button type="submit" className="primary">筛选</button></div>
      </Form>
      <h2>{items.length} 个项目</h2>
      <ul className="session-list">
        {items.map((item) => (
          <li key={item.id} className="card">
            <p className="meta"><span className="badge">{menuKindLabel[item.kind]}</span> {item.organisation.name}</p>
            <h3 className="card-title"><Link to={`/menu/${item.id}`}>{item.title}</Link></h3>
            <p>{item.description}</p>
            <p className="meta">{item.audience} · {item.durationMinutes} 分钟 · 每次 {item.minGroup}–{item.maxGroup} 人 · 提前 {item.leadDays} 天 · 配送到 {item.deliversTo.map((id) => districtName.get(id)).filter(Boolean).join('、')}</p>
          </li>
        ))}
      </ul>
    </article>
  )
}
