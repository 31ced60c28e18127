import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useFetcher, useLoaderData, useNavigate, useSearchParams } from '@remix-run/react'
import { useEffect, useMemo, useState } from 'react'
import { Trans } from 'react-i18next'
import { useHydrated } from 'remix-utils/use-hydrated'
import { PlacesMapBox, mapLinks, useTiles } from '~/components/places-map'
import zhCN from '~/locales/zh-CN'
import { filterChoices, searchSessions, type MapPoint } from '~/models/event-search.server'
import { SessionCard } from '~/routes/_find+/__session-card'
import {
  BIKE_METRES_PER_MINUTE,
  WALK_METRES_PER_MINUTE,
  filtersToSearch,
  parseEventFilters,
  reachOptions,
  reachRadiusMetres,
  whenOptions,
  type EventFilters,
  type FilterProblem,
  type FilterProblems,
} from '~/utils/event-filters'
import { districtName, metaT, useLocale } from '~/utils/i18n'
import { SHANGHAI_CENTER } from '~/utils/map-config'
import type { PlaceMarker } from '~/components/places-map.client'

export const links = () => mapLinks

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const { filters, problems } = parseEventFilters(url.searchParams)
  const [result, choices] = await Promise.all([searchSessions(filters), filterChoices()])
  return json({ filters, problems, ...result, choices })
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches)
  return [
    { title: data?.origin ? t('home.titleNear', { place: data.origin.label ?? t('home.selectedPoint') }) : t('home.title') },
    { name: 'description', content: t('home.description') },
  ]
}

const categories = Object.keys(zhCN.category) as Array<keyof typeof zhCN.category>
const venueTypes = Object.keys(zhCN.venueType) as Array<keyof typeof zhCN.venueType>

export default function Home() {
  const {
    filters: loadedFilters,
    problems,
    sessions,
    total,
    totalCapped,
    pageCount,
    hasNextPage,
    origin,
    choices,
  } = useLoaderData<typeof loader>()
  const { t } = useLocale()
  const [searchParams] = useSearchParams()
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
    () =>
      (points.data ?? []).map((p) => ({
        key: `${p.kind}:${p.key}`,
        lat: p.lat,
        lng: p.lng,
        name: p.name,
        approximate: p.approximate,
        href: p.kind === 'venue' ? `/venues/${p.key}` : `/events/${p.key}`,
        detail: t('home.sessionsAtPlace', { count: p.sessions }),
      })),
    [points.data, t],
  )

  const goNear = (point: { lat: number; lng: number }) => {
    setPicking(false)
    navigate(filtersToSearch(filters, { near: point, nearTown: undefined, page: 1, reach: filters.reach ?? 'walk15' }) || '/')
  }
  const locate = () => {
    if (!('geolocation' in navigator)) return setLocating(t('home.noGeolocation'))
    setLocating(t('home.locating'))
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(null)
        goNear({ lat: position.coords.latitude, lng: position.coords.longitude })
      },
      () => setLocating(t('home.locationFailed')),
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 300_000 },
    )
  }
  // The circle shows the chosen reach; without one, the plans' 15-minute walk.
  const reachMode = filters.reach === 'bike15' ? t('home.bike') : t('home.walk')
  const reachMetres = reachRadiusMetres(15, filters.reach === 'bike15' ? BIKE_METRES_PER_MINUTE : WALK_METRES_PER_MINUTE)

  return (
    <>
      {searchParams.get('deleted') === '1' ? (
        <p className="notice" role="status">
          {t('home.accountDeleted')}
        </p>
      ) : null}
      <h1>{t('home.heading')}</h1>
      <FilterForm filters={filters} problems={problems} choices={choices} />
      <div className="home-grid">
        <section aria-labelledby="map-heading" className="map-panel">
          <h2 id="map-heading" className="visually-hidden">
            {t('home.mapHeading')}
          </h2>
          <div className="near-tools">
            {hydrated ? (
              <>
                <button type="button" onClick={locate}>
                  {t('home.useMyLocation')}
                </button>
                <button type="button" aria-pressed={picking} onClick={() => setPicking(!picking)}>
                  {picking ? t('home.pickingOnMap') : t('home.pickOnMap')}
                </button>
              </>
            ) : null}
            {locating ? (
              <p role="status" className="hint">
                {locating}
              </p>
            ) : null}
            {origin ? (
              <p className="hint">
                <Trans
                  i18nKey="home.originLine"
                  values={{ place: origin.label ?? t('home.selectedPoint') }}
                  components={[<strong key="place" />]}
                />
                {filters.reach ? t('home.onlyWithin', { mode: reachMode }) : ''}
                {t('home.circleLine', { mode: reachMode, metres: reachMetres })}{' '}
                <Link to={filtersToSearch(filters, { near: undefined, nearTown: undefined, reach: undefined, page: 1 }) || '/'}>
                  {t('home.clearLocation')}
                </Link>
              </p>
            ) : null}
          </div>
          <PlacesMapBox
            places={places}
            tiles={tiles}
            center={origin ?? SHANGHAI_CENTER}
            zoom={origin ? 14 : 10}
            label={t('home.mapLabel', { total: totalText })}
            origin={origin ?? undefined}
            reachMetres={origin ? reachMetres : undefined}
            onPick={picking ? goNear : undefined}
            fitToPlaces={!origin}
          />
          <p className="hint" aria-live="polite">
            {points.state === 'loading' ? t('home.mapUpdating') : points.data ? t('home.mapPlaces', { count: points.data.length }) : ''}
          </p>
        </section>
        <section aria-labelledby="sessions-heading" className="list-panel">
          <h2 id="sessions-heading">
            {origin ? t('home.nearestHeading') : t('home.upcomingHeading')}
            <span className="count">{t('home.total', { total: totalText })}</span>
          </h2>
          {sessions.length === 0 ? (
            <p>
              <Trans
                i18nKey="home.noResults"
                // eslint-disable-next-line jsx-a11y/anchor-has-content -- Trans puts the catalogue's words inside the link
                components={[<Link key="clear" to="/" />]}
              />
            </p>
          ) : (
            <ul className="session-list">
              {sessions.map((s) => (
                <SessionCard key={s.id} session={s} />
              ))}
            </ul>
          )}
          <p className="hint">
            <a href={`/calendar.ics${search}`}>{t('home.subscribe')}</a>
          </p>
          {pageCount > 1 || hasNextPage ? (
            <nav aria-label={t('home.paging')} className="pager">
              {filters.page > 1 ? (
                <Link to={filtersToSearch(filters, { page: filters.page - 1 }) || '/'} rel="prev">
                  {t('home.previous')}
                </Link>
              ) : null}
              <span>{t('home.pageOf', { page: filters.page, pages: `${pageCount}${totalCapped ? '+' : ''}` })}</span>
              {hasNextPage ? (
                <Link to={filtersToSearch(filters, { page: filters.page + 1 })} rel="next">
                  {t('home.next')}
                </Link>
              ) : null}
            </nav>
          ) : null}
        </section>
      </div>
    </>
  )
}

type Choices = ReturnType<typeof useLoaderData<typeof loader>>['choices']
type Problems = FilterProblems

/** One labelled filter field; a problem with its value is shown under it and tied to it for screen readers. */
function FilterField({
  name,
  label,
  problem,
  children,
}: {
  name: string
  label: string
  problem?: FilterProblem
  children: React.ReactNode
}) {
  const { t } = useLocale()
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {children}
      {problem ? (
        <p id={`${name}-error`} className="field-error">
          {t(problem)}
        </p>
      ) : null}
    </div>
  )
}

function SelectFilter({
  name,
  label,
  value,
  emptyLabel,
  options,
  problem,
  children,
}: {
  name: string
  label: string
  value?: string
  emptyLabel?: string
  options?: Array<[string, string]>
  problem?: FilterProblem
  children?: React.ReactNode
}) {
  const { t } = useLocale()
  return (
    <FilterField name={name} label={label} problem={problem}>
      <select id={name} name={name} defaultValue={value ?? ''} {...invalidProps(name, problem)}>
        <option value="">{emptyLabel ?? t('site.all')}</option>
        {options?.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
        {children}
      </select>
    </FilterField>
  )
}

function DateFilter({ name, label, value, problem }: { name: string; label: string; value?: string; problem?: FilterProblem }) {
  return (
    <FilterField name={name} label={label} problem={problem}>
      <input id={name} name={name} type="date" defaultValue={value ?? ''} {...invalidProps(name, problem)} />
    </FilterField>
  )
}

const invalidProps = (name: string, problem?: FilterProblem) =>
  problem ? { 'aria-invalid': true, 'aria-describedby': `${name}-error` } : {}

function FilterForm({ filters, problems, choices }: { filters: EventFilters; problems: Problems; choices: Choices }) {
  const { t, language } = useLocale()
  const townOptions = choices.districts.map((d) => (
    <optgroup key={d.slug} label={districtName(d, language)}>
      {d.towns.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name}
        </option>
      ))}
    </optgroup>
  ))
  const moreOpen = Boolean(
    filters.from ||
    filters.to ||
    filters.town ||
    filters.venueType ||
    filters.topic ||
    filters.brand ||
    filters.nearTown ||
    filters.reach ||
    problems.from ||
    problems.to ||
    problems.near,
  )
  // Keyed by the query so the form shows the URL's values after every navigation.
  return (
    <Form method="get" className="filters" key={filtersToSearch(filters)} aria-label={t('home.filtersLabel')}>
      {filters.near ? <input type="hidden" name="near" value={`${filters.near.lat},${filters.near.lng}`} /> : null}
      <SelectFilter
        name="when"
        label={t('home.when')}
        value={filters.when}
        emptyLabel={t('home.whenAny')}
        options={whenOptions.map((w) => [w, t(`home.whenOption.${w}`)])}
      />
      <SelectFilter
        name="district"
        label={t('home.district')}
        value={filters.district}
        options={choices.districts.map((d) => [d.slug, districtName(d, language)])}
      />
      <SelectFilter
        name="category"
        label={t('home.category')}
        value={filters.category}
        options={categories.map((c) => [c, t(`category.${c}`)])}
      />
      <FilterField name="age" label={t('home.age')} problem={problems.age}>
        <input
          id="age"
          name="age"
          type="number"
          inputMode="numeric"
          min={0}
          max={120}
          defaultValue={filters.age ?? ''}
          {...invalidProps('age', problems.age)}
        />
      </FilterField>
      <details className="more-filters" open={moreOpen}>
        <summary>{t('home.moreFilters')}</summary>
        <div className="filter-grid">
          <DateFilter name="from" label={t('home.from')} value={filters.from} problem={problems.from} />
          <DateFilter name="to" label={t('home.to')} value={filters.to} problem={problems.to} />
          <SelectFilter name="town" label={t('home.town')} value={filters.town}>
            {townOptions}
          </SelectFilter>
          <SelectFilter
            name="venueType"
            label={t('home.venueType')}
            value={filters.venueType}
            options={venueTypes.map((v) => [v, t(`venueType.${v}`)])}
          />
          <SelectFilter
            name="topic"
            label={t('home.topic')}
            value={filters.topic}
            options={choices.topics.map((topic) => [topic, topic])}
          />
          <SelectFilter name="brand" label={t('home.brand')} value={filters.brand} options={choices.brands.map((b) => [b.slug, b.name])} />
          <SelectFilter
            name="nearTown"
            label={t('home.nearTown')}
            value={filters.nearTown}
            problem={problems.near}
            emptyLabel={filters.near ? t('home.selectedPoint') : t('home.noDistanceOrder')}
          >
            {townOptions}
          </SelectFilter>
          <SelectFilter
            name="reach"
            label={t('home.reach')}
            value={filters.reach}
            emptyLabel={t('home.reachAny')}
            options={reachOptions.map((r) => [r, t(`home.reachOption.${r}`)])}
          />
        </div>
      </details>
      <div className="field field-check">
        <input id="seatsLeft" name="seatsLeft" type="checkbox" value="1" defaultChecked={filters.seatsLeft ?? false} />
        <label htmlFor="seatsLeft">{t('home.seatsLeft')}</label>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('home.filter')}
        </button>
        <Link to="/">{t('home.clearFilters')}</Link>
      </div>
    </Form>
  )
}
