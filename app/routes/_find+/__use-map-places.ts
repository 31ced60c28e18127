// The map's markers come from the same filters as the list, through a resource route. The map asks for what its
// viewport shows (issue 17): the server clusters places close together at the zoom, so the answer stays small at
// city scale. New filters first load an overview of Shanghai, which the map fits itself to; moving the map then
// loads its new viewport.
import { useFetcher } from '@remix-run/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useLocale } from '~/utils/i18n'
import type { PlaceMarker } from '~/components/places-map.client'
import type { MapCluster, MapPoint } from '~/models/event/search.server'
import type { MapViewport } from '~/utils/event-filters'

/** All of Shanghai at the home map's first zoom: what new filters load before the map has moved. */
const OVERVIEW: MapViewport = { west: 120.85, south: 30.68, east: 122.0, north: 31.88, zoom: 10 }

function mapQuery(search: string, viewport: MapViewport): string {
  const params = new URLSearchParams(search)
  params.set('bbox', [viewport.west, viewport.south, viewport.east, viewport.north].join(','))
  params.set('zoom', String(viewport.zoom))
  return `?${params.toString()}`
}

/** The markers, whether they are loading (the map says so while they are), and how many places they stand for. */
export function useMapPlaces(search: string): {
  places: PlaceMarker[]
  placeCount: number
  loading: boolean
  loaded: boolean
  onViewport: (viewport: MapViewport) => void
} {
  const { t } = useLocale()
  const points = useFetcher<Array<MapPoint | MapCluster>>()
  // The viewport counts only for the filters it was reported under: new filters start from the overview.
  const [view, setView] = useState<{ search: string; viewport: MapViewport }>()
  const viewport = view && view.search === search ? view.viewport : OVERVIEW
  const query = mapQuery(search, viewport)
  useEffect(() => {
    points.load(`/api/map-points${query}`)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load again only when the filters or the viewport change
  }, [query])
  // Tagged with the filters of the latest render, not those of the handler the map still holds: "near me" fits the
  // view in the same commit that brings the new filters, before the map's move handler is replaced, and that move
  // was dropped as the old filters' (the map kept the overview's clusters at street zoom, issue 30).
  const latestSearch = useRef(search)
  latestSearch.current = search
  const onViewport = useCallback((next: MapViewport) => setView({ search: latestSearch.current, viewport: next }), [])
  const places = useMemo(
    () =>
      (points.data ?? []).map((p): PlaceMarker =>
        p.kind === 'cluster'
          ? {
              key: `cluster:${p.lat},${p.lng}`,
              lat: p.lat,
              lng: p.lng,
              name: t('home.clusterName', { count: p.places }),
              href: '',
              detail: t('home.sessionsAtPlace', { count: p.sessions }),
              cluster: { places: p.places },
            }
          : {
              key: `${p.kind}:${p.key}`,
              lat: p.lat,
              lng: p.lng,
              name: p.name,
              approximate: p.approximate,
              href: p.kind === 'venue' ? `/venues/${p.key}` : `/events/${p.key}`,
              detail: t('home.sessionsAtPlace', { count: p.sessions }),
              sessionsUrl: `/api/map-place/${p.kind}/${encodeURIComponent(p.key)}${search}`,
            },
      ),
    [points.data, t, search],
  )
  const placeCount = places.reduce((n, place) => n + (place.cluster?.places ?? 1), 0)
  return { places, placeCount, loading: points.state === 'loading', loaded: points.data !== undefined, onViewport }
}
