// Server-safe wrapper: the map renders only in the browser; the server (and a browser without JavaScript)
// gets a box of the same size that points to the list.
import { useRouteLoaderData } from '@remix-run/react'
import leafletStyles from 'leaflet/dist/leaflet.css'
import clusterStyles from 'leaflet.markercluster/dist/MarkerCluster.css'
import clusterDefaultStyles from 'leaflet.markercluster/dist/MarkerCluster.Default.css'
import { ClientOnly } from 'remix-utils/client-only'
import { useLocale } from '~/utils/i18n'
import { defaultTiles, type TileConfig } from '~/utils/infra/map-config'
import PlacesMap from './places-map.client'
import type { PlacesMapProps } from './places-map.client'

export const mapLinks = [
  { rel: 'stylesheet', href: leafletStyles },
  { rel: 'stylesheet', href: clusterStyles },
  { rel: 'stylesheet', href: clusterDefaultStyles },
]

export function PlacesMapBox(props: PlacesMapProps & { fallback?: string }) {
  const { t } = useLocale()
  return (
    <ClientOnly
      fallback={
        <div className="places-map places-map-fallback" role="img" aria-label={props.label}>
          <p>{props.fallback ?? t('site.mapNeedsJs')}</p>
        </div>
      }
    >
      {() => <PlacesMap {...props} />}
    </ClientOnly>
  )
}

/** The tile provider the root loader configured. */
export function useTiles(): TileConfig {
  return (useRouteLoaderData('root') as { tiles: TileConfig } | undefined)?.tiles ?? defaultTiles
}
