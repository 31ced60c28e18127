import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useFetcher, useLoaderData, useNavigate } from '@remix-run/react'
import { useEffect, useMemo, useState } from 'react'
import { useHydrated } from 'remix-utils/use-hydrated'
import { PlacesMapBox, mapLinks, useTiles } from '~/components/places-map'
import type { PlaceMarker } from '~/components/places-map.client'
import { SessionCard } from '~/components/session-card'
import { filterChoices, searchSessions, type MapPoint } from '~/models/event-search.server'
import {
  BIKE_METRES_PER_MINUTE, WALK_METRES_PER_MINUTE, filtersToSearch, parseEventFilters, reachRadiusMetres, type EventFilters,
} from '~/utils/event-filters'
import { categoryLabel, venueTypeLabel } from '~/utils/labels'
import { SHANGHAI_CENTER } from '~/utils/map-config'

export const links = () => mapLinks

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const { filters, problems } = parseEventFilters(url.searchParams)
  const [result, choices] = await Promise.all([searchSessions(filters), filterChoices()])
  return json({ filters, problems, ...result, choices })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.origin ? `${data.origin.label}附近的科普活动 · 科普地图` : '科普地图 · 找身边的科普活动与场馆' },
  { name: 'description', content: '松江、青浦、闵行的科普场馆与科普活动：按日期、年龄、主题筛选，查看步行骑行距离，在线报名。' },
]

const whenLabel = { today: '今天', weekend: '本周末', week: '未来7天', range: '指定日期' } as const

export default function Home() {
  const { filters: loadedFilters, problems, sessions, total, totalCapped, pageCount, hasNextPage, origin, choices } = useLoaderData<typeof loader>()
  const totalText = `${total}${totalCapped ? '+' : ''}`
  // Serialized through JSON but unchanged in shape: the filters as the URL gave them.
  const filters = loadedFilters as EventFilters
  const tiles = useTiles()
  const navigate = useNavigate()
  const hydrated = useHydrated()
  const points = useFetcher<MapPoint[]>()
  const search = filtersToSearch(filters, { page: 1 })
  const [picking, setPicking] = useState(false)
  const [locating, setLocating] = useState<string | null>(null)

  // The map's points come from the same filters as the list, through a resource route (all pages at once).
  useEffect(() => {
    points.load(`/api/map-points${search}`)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search])

  const places: PlaceMarker[] = useMemo(
    () => (points.data ?? []).map((p) => ({
      key: `${p.kind}:${p.key}`, lat: p.lat, lng: p.lng, name: p.name, approximate: p.approximate,
      href: p.kind === 'venue' ? `/venues/${p.key}` : `/events/${p.key}`, detail: `${p.sessions} 场活动`,
    })),
    [points.data],
  )

  const goNear = (point: { lat: number; lng: number }) => {
    setPicking(false)
    navigate(filtersToSearch(filters, { near: point, nearTown: undefined, page: 1, reach: filters.reach ?? 'walk15' }) || '/')
  }
  const locate = () => {
    if (!('geolocation' in navigator)) return setLocating('这个浏览器不能提供位置，请在下方选择街镇，或在地图上选点。')
    setLocating('正在获取位置…')
    navigator.geolocation.getCurrentPosition(
      (position) => { setLocating(null); goNear({ lat: position.coords.latitude, lng: position.coords.longitude }) },
      () => setLocating('没有拿到位置（可能未允许定位）。请在下方选择街镇，或在地图上选点。'),
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 300_000 },
    )
  }
  // The circle shows the chosen reach; without one, the plans' 15-minute walk.
  const reachMode = filters.reach === 'bike15' ? '骑行' : '步行'
  const reachMetres = reachRadiusMetres(15, filters.reach === 'bike15' ? BIKE_METRES_PER_MINUTE : WALK_METRES_PER_MINUTE)

  return (
    <>
      <h1>找身边的科普</h1>
      <FilterForm filters={filters} problems={problems} choices={choices} />
      <div className="home-grid">
        <section aria-labelledby="map-heading" className="map-panel">
          <h2 id="map-heading" className="visually-hidden">地图</h2>
          <div className="near-tools">
            {hydrated ? (
              <>
                <button type="button" onClick={locate}>📍 用我的位置</button>
                <button type="button" aria-pressed={picking} onClick={() => setPicking(!picking)}>{picking ? '点击地图选择出发点…' : '在地图上选点'}</button>
              </>
            ) : null}
            {locating ? <p role="status" className="hint">{locating}</p> : null}
            {origin ? (
              <p className="hint">
                从<strong>{origin.label}</strong>出发{filters.reach ? `，只看${reachMode} 15 分钟内` : ''}；圆圈为{reachMode} 15 分钟范围（约 {reachMetres} 米直线距离）。
                {' '}<Link to={filtersToSearch(filters, { near: undefined, nearTown: undefined, reach: undefined, page: 1 }) || '/'}>取消位置</Link>
              </p>
            ) : null}
          </div>
          <PlacesMapBox
            places={places}
            tiles={tiles}
            center={origin ?? SHANGHAI_CENTER}
            zoom={origin ? 14 : 10}
            label={`活动地图：${totalText} 场活动的地点`}
            origin={origin ?? undefined}
            reachMetres={origin ? reachMetres : undefined}
            onPick={picking ? goNear : undefined}
            fitToPlaces={!origin}
          />
          <p className="hint" aria-live="polite">{points.state === 'loading' ? '正在更新地图…' : points.data ? `地图上 ${points.data.length} 个地点` : ''}</p>
        </section>
        <section aria-labelledby="sessions-heading" className="list-panel">
          <h2 id="sessions-heading">
            {origin ? '离你最近的活动' : '近期科普活动'}<span className="count">（共 {totalText} 场）</span>
          </h2>
          {sessions.length === 0 ? (
            <p>没有符合条件的活动。可以<Link to="/">清除筛选</Link>，或放宽日期与范围。</p>
          ) : (
            <ul className="session-list">
              {sessions.map((s) => <SessionCard key={s.id} session={s} />)}
            </ul>
          )}
          <p className="hint"><a href={`/calendar.ics${search}`}>订阅这些活动到手机日历（.ics）</a></p>
          {pageCount > 1 || hasNextPage ? (
            <nav aria-label="分页" className="pager">
              {filters.page > 1 ? <Link to={filtersToSearch(filters, { page: filters.page - 1 }) || '/'} rel="prev">上一页</Link> : null}
              <span>第 {filters.page} / {pageCount}{totalCapped ? '+' : ''} 页</span>
              {hasNextPage ? <Link to={filtersToSearch(filters, { page: filters.page + 1 })} rel="next">下一页</Link> : null}
            </nav>
          ) : null}
        </section>
      </div>
    </>
  )
}

type Choices = ReturnType<typeof useLoaderData<typeof loader>>['choices']
type Problems = Partial<Record<string, string>>

/** One labelled filter field; a problem with its value is shown under it and tied to it for screen readers. */
function FilterField({ name, label, problem, children }: { name: string; label: string; problem?: string; children: React.ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {children}
      {problem ? <p id={`${name}-error`} className="field-error">{problem}</p> : null}
    </div>
  )
}

function SelectFilter({ name, label, value, emptyLabel = '全部', options, problem, children }: {
  name: string; label: string; value?: string; emptyLabel?: string; options?: Array<[string, string]>; problem?: string; children?: React.ReactNode
}) {
  return (
    <FilterField name={name} label={label} problem={problem}>
      <select id={name} name={name} defaultValue={value ?? ''} {...invalidProps(name, problem)}>
        <option value="">{emptyLabel}</option>
        {options?.map(([optionValue, optionLabel]) => <option key={optionValue} value={optionValue}>{optionLabel}</option>)}
        {children}
      </select>
    </FilterField>
  )
}

function DateFilter({ name, label, value, problem }: { name: string; label: string; value?: string; problem?: string }) {
  return (
    <FilterField name={name} label={label} problem={problem}>
      <input id={name} name={name} type="date" defaultValue={value ?? ''} {...invalidProps(name, problem)} />
    </FilterField>
  )
}

const invalidProps = (name: string, problem?: string) => (problem ? { 'aria-invalid': true, 'aria-describedby': `${name}-error` } : {})

function FilterForm({ filters, problems, choices }: { filters: EventFilters; problems: Problems; choices: Choices }) {
  const townOptions = choices.districts.map((d) => (
    <optgroup key={d.slug} label={d.name}>
      {d.towns.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
    </optgroup>
  ))
  const moreOpen = Boolean(filters.from || filters.to || filters.town || filters.venueType || filters.topic || filters.brand
    || filters.nearTown || filters.reach || problems.from || problems.to || problems.near)
  // Keyed by the query so the form shows the URL's values after every navigation.
  return (
    <Form method="get" className="filters" key={filtersToSearch(filters)} aria-label="筛选活动">
      {filters.near ? <input type="hidden" name="near" value={`${filters.near.lat},${filters.near.lng}`} /> : null}
      <SelectFilter name="when" label="时间" value={filters.when} emptyLabel="不限" options={Object.entries(whenLabel)} />
      <SelectFilter name="district" label="区" value={filters.district} options={choices.districts.map((d) => [d.slug, d.name])} />
      <SelectFilter name="category" label="活动类型" value={filters.category} options={Object.entries(categoryLabel)} />
      <FilterField name="age" label="参加者年龄（岁）" problem={problems.age}>
        <input id="age" name="age" type="number" inputMode="numeric" min={0} max={120} defaultValue={filters.age ?? ''} {...invalidProps('age', problems.age)} />
      </FilterField>
      <details className="more-filters" open={moreOpen}>
        <summary>更多筛选：日期、街镇、场馆、主题、品牌、出发地</summary>
        <div className="filter-grid">
          <DateFilter name="from" label="从（日期）" value={filters.from} problem={problems.from} />
          <DateFilter name="to" label="到（日期）" value={filters.to} problem={problems.to} />
          <SelectFilter name="town" label="街镇" value={filters.town}>{townOptions}</SelectFilter>
          <SelectFilter name="venueType" label="场馆类型" value={filters.venueType} options={Object.entries(venueTypeLabel)} />
          <SelectFilter name="topic" label="主题" value={filters.topic} options={choices.topics.map((t) => [t, t])} />
          <SelectFilter name="brand" label="活动品牌" value={filters.brand} options={choices.brands.map((b) => [b.slug, b.name])} />
          <SelectFilter name="nearTown" label="从哪个街镇出发（按距离排序）" value={filters.nearTown} problem={problems.near}
            emptyLabel={filters.near ? '所选位置' : '不按距离'}>{townOptions}</SelectFilter>
          <SelectFilter name="reach" label="距离范围" value={filters.reach} emptyLabel="不限"
            options={[['walk15', '步行 15 分钟内'], ['bike15', '骑行 15 分钟内']]} />
        </div>
      </details>
      <div className="field field-check">
        <input id="seatsLeft" name="seatsLeft" type="checkbox" value="1" defaultChecked={filters.seatsLeft ?? false} />
        <label htmlFor="seatsLeft">只看有余位</label>
      </div>
      <div className="actions">
        <button type="submit" className="primary">筛选</button>
        <Link to="/">清除筛选</Link>
      </div>
    </Form>
  )
}
