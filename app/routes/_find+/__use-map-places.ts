// The map's markers come from the same filters as the list, through a resource route (every page's at once).
import { useFetcher } from '@remix-run/react'
import { useEffect, useMemo } from 'react'
import { useLocale } from '~/utils/i18n'
import type { PlaceMarker } from '~/components/places-map.client'
import type { MapPoint } from '~/models/event-search.server'

/** The markers, and whether they are loading (the map says so while they are). */
export function useMapPlaces(search: string): { places: PlaceMarker[]; loading: boolean; loaded: boolean } {
  const { t } = useLocale()
  const points = useFetcher<MapPoint[]>()
  useEffect(() => {
    points.load(`/api/map-points${search}`)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load again only when the filters change
  }, [search])
  const places = useMemo(
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
  return { places, loading: points.state === 'loading', loaded: points.data !== undefined }
}
