import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation, useNavigate } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { Trans } from 'react-i18next'
import { useHydrated } from 'remix-utils/use-hydrated'
import { PlacesMapBox, mapLinks, useTiles } from '~/components/places-map'
import { HOME_PAGE_SIZE, filterChoices, nearestPlaces, searchSessions } from '~/models/event/search.server'
import { FilterForm } from '~/routes/_find+/__filter-form'
import { HomePager } from '~/routes/_find+/__pager'
import { SessionCard } from '~/routes/_find+/__session-card'
import { useMapPlaces } from '~/routes/_find+/__use-map-places'
import {
  BIKE_METRES_PER_MINUTE,
  WALK_METRES_PER_MINUTE,
  filtersToSearch,
  parseEventFilters,
  reachRadiusMetres,
  type EventFilters,
} from '~/utils/event-filters'
import { formatDistance } from '~/utils/format'
import { metaLanguage, metaT, townName, useLocale } from '~/utils/i18n'
import { SHANGHAI_CENTER } from '~/utils/infra/map-config'
import { keywordTerms } from '~/utils/keyword'

export const links = () => mapLinks

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const { filters, problems } = parseEventFilters(url.searchParams)
  const near = filters.near || filters.nearTown
  const [result, choices, nearest] = await Promise.all([
    searchSessions(filters, { pageSize: HOME_PAGE_SIZE }),
    filterChoices(),
    // Without the reach: how far the nearest activity is, whatever reach is chosen (issue 30).
    near ? nearestPlaces({ ...filters, reach: undefined }) : Promise.resolve([]),
  ])
  return json({ filters, problems, ...result, choices, nearest })
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches)
  return [
    {
      title: data?.origin
        ? t('home.titleNear', { place: data.origin.label ? townName(data.origin.label, metaLanguage(matches)) : t('home.selectedPoint') })
        : t('home.title'),
    },
    { name: 'description', content: t('home.description') },
  ]
}

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
    nearest,
  } = useLoaderData<typeof loader>()
  const { t, language } = useLocale()
  const totalText = `${total}${totalCapped ? '+' : ''}`
  // Serialized through JSON but unchanged in shape: the filters as the URL gave them.
  const filters = loadedFilters as EventFilters
  const tiles = useTiles()
  const navigate = useNavigate()
  const hydrated = useHydrated()
  const search = filtersToSearch(filters, { page: 1 })
  const terms = keywordTerms(filters.q)
  const [picking, setPicking] = useState(false)
  const [locating, setLocating] = useState<string | null>(null)
  const resultsTarget = useResultsInView()

  const { places, placeCount, loading: placesLoading, loaded: placesLoaded, onViewport } = useMapPlaces(search)

  const goNear = (point: { lat: number; lng: number }) => {
    setPicking(false)
    resultsTarget.current = 'map'
    // Nearest first, whatever the distance: the 15-minute reach is a choice offered next, never switched on by itself
    // (a resident with nothing that close saw "共 0 场").
    navigate(filtersToSearch(filters, { near: point, nearTown: undefined, page: 1 }) || '/', { preventScrollReset: true })
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
  // The walk is offered only when something lies inside it; the map shows the person and the nearest places.
  const walkMetres = reachRadiusMetres(15, WALK_METRES_PER_MINUTE)
  const nothingWithinWalk = nearest.length > 0 && nearest[0].metres > walkMetres
  const around = nearest.filter((p, i) => i === 0 || p.metres <= Math.max(2 * nearest[0].metres, reachMetres))

  return (
    <>
      <h1>{t('home.heading')}</h1>
      <p className="skip-to-results">
        <a href="#sessions-heading">{t('home.skipToResults', { total: totalText })}</a>
      </p>
      <FilterForm filters={filters} problems={problems} choices={choices} />
      <div className="home-grid">
        <section aria-labelledby="map-heading" className="map-panel" id="map-panel">
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
                  values={{ place: origin.label ? townName(origin.label, language) : t('home.selectedPoint') }}
                  components={[<strong key="place" />]}
                />
                {filters.reach ? t('home.onlyWithin', { mode: reachMode }) : ''}
                {t('home.circleLine', { mode: reachMode, metres: reachMetres })}{' '}
                {!filters.reach && nothingWithinWalk ? (
                  <>{t('home.nearestAway', { distance: formatDistance(nearest[0].metres, t) })} </>
                ) : null}
                {filters.reach || nearest.length === 0 || nothingWithinWalk ? null : (
                  <>
                    <Link to={filtersToSearch(filters, { reach: 'walk15', page: 1 }) || '/'} preventScrollReset>
                      {t('home.onlyWithinLink', { mode: t('home.walk') })}
                    </Link>{' '}
                  </>
                )}
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
            around={origin ? around : undefined}
            onPick={picking ? goNear : undefined}
            fitToPlaces={!origin}
            fitKey={search}
            onViewport={onViewport}
          />
          <p className="hint" aria-live="polite">
            {placesLoading ? t('home.mapUpdating') : placesLoaded ? t('home.mapPlaces', { count: placeCount }) : ''}
          </p>
          {/* Open volunteer roles have their own map with the roles' filters (decision 033), in the chosen district. */}
          {/* A div, not a second p.hint: the line above is the map's own count, which pages and tests read. */}
          <div className="hint">
            <Link to={`/volunteers${filters.district ? `?district=${encodeURIComponent(filters.district)}` : ''}#roles-map`}>
              {t('volunteers.map.fromHome')}
            </Link>
          </div>
        </section>
        <section aria-labelledby="sessions-heading" className="list-panel">
          <h2 id="sessions-heading" tabIndex={-1}>
            {origin ? t('home.nearestHeading') : t('home.upcomingHeading')}
            <span className="count">{t('home.total', { total: totalText })}</span>
          </h2>
          {filters.q ? (
            <p className="hint" role="status">
              {t('search.resultsFor', { q: filters.q })}{' '}
              <Link to={filtersToSearch(filters, { q: undefined, page: 1 }) || '/'}>{t('search.clear')}</Link>
            </p>
          ) : null}
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
                <SessionCard key={s.id} session={s} terms={terms} />
              ))}
            </ul>
          )}
          <p className="hint">
            <a href={`/calendar.ics${search}`}>{t('home.subscribe')}</a>
          </p>
          {pageCount > 1 || hasNextPage ? (
            <HomePager filters={filters} pages={pageCount} hasNext={hasNextPage} capped={totalCapped} />
          ) : null}
        </section>
      </div>
    </>
  )
}

/**
 * After 筛选, paging or "near me" (a new query on this page, not the first view), the results come into view (issue 30):
 * the list's heading takes focus, and is scrolled to; after locating or picking a point, the map and the start of the
 * list are. Instantly when the reader asks for reduced motion. Returns where the next navigation should bring.
 */
function useResultsInView() {
  const location = useLocation()
  const shown = useRef(location.search)
  const target = useRef<'list' | 'map'>('list')
  useEffect(() => {
    if (shown.current === location.search) return
    shown.current = location.search
    const where = target.current
    target.current = 'list'
    const heading = document.getElementById('sessions-heading')
    const element = where === 'map' ? document.getElementById('map-panel') : heading
    if (!element || !heading) return
    if (where === 'list') heading.focus({ preventScroll: true })
    const top = element.getBoundingClientRect().top
    // Already near the top of the screen (a wide screen, where the list sits beside the filters): leave it.
    if (top >= 0 && top < window.innerHeight / 3) return
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches
    element.scrollIntoView({ behavior: reduced ? 'auto' : 'smooth', block: 'start' })
  }, [location.search])
  return target
}
