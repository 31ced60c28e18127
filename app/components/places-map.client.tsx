// The Leaflet map (browser only: `.client` modules are empty in the server build). Markers are clustered
// with leaflet.markercluster so thousands of places stay smooth, and drawn as HTML (divIcon), so they show
// whether or not any map tile loads, over the districts' outlines and names (the base when no tile loads).
import L from 'leaflet'
import 'leaflet.markercluster'
import { useEffect, useMemo, useRef, useState } from 'react'
import { Circle, CircleMarker, MapContainer, TileLayer, useMap, useMapEvents } from 'react-leaflet'
import { DistrictBase } from '~/components/district-outlines.client'
import { useLocale } from '~/utils/i18n'
import { fromDisplay, toDisplay, type MapDatum, type TileConfig } from '~/utils/map-config'

export type PlaceMarker = {
  key: string
  lat: number
  lng: number
  name: string
  href: string
  /** Shown in the popup under the name, e.g. "3 场活动". */
  detail?: string
  approximate?: boolean
}

export type PlacesMapProps = {
  places: PlaceMarker[]
  tiles: TileConfig
  center: { lat: number; lng: number }
  zoom: number
  label: string
  origin?: { lat: number; lng: number }
  /** Radius in metres drawn around the origin (the 15-minute reach). */
  reachMetres?: number
  /** When set, a click on the map picks a point. */
  onPick?: (point: { lat: number; lng: number }) => void
  /** Fit the view to the markers when they change. */
  fitToPlaces?: boolean
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function markerIcon(approximate?: boolean) {
  return L.divIcon({
    className: approximate ? 'place-marker place-marker-approx' : 'place-marker',
    html: '<span aria-hidden="true"></span>',
    iconSize: [22, 22],
    iconAnchor: [11, 11],
    popupAnchor: [0, -10],
  })
}

function ClusteredMarkers({ places, fitToPlaces, datum }: { places: PlaceMarker[]; fitToPlaces?: boolean; datum: MapDatum }) {
  const map = useMap()
  const { t } = useLocale()
  const approximateLabel = t('site.approximate')
  // No cluster animations: their fades made axe measure half-transparent numbers now and then (a flaky contrast
  // failure), and less motion suits older readers anyway.
  const group = useMemo(
    () => L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50, animate: false }),
    [],
  )
  useEffect(() => {
    map.addLayer(group)
    return () => {
      // Clear first: chunked loading and animations must not touch a map that is going away.
      group.clearLayers()
      map.removeLayer(group)
    }
  }, [map, group])
  useEffect(() => {
    group.clearLayers()
    const shown = places.map((place) => ({ place, at: toDisplay(place, datum) }))
    const markers = shown.map(({ place, at }) => {
      const marker = L.marker([at.lat, at.lng], { icon: markerIcon(place.approximate), title: place.name, alt: place.name, keyboard: true })
      marker.bindPopup(
        `<a href="${escapeHtml(place.href)}"><strong>${escapeHtml(place.name)}</strong></a>` +
          (place.detail ? `<br>${escapeHtml(place.detail)}` : '') +
          (place.approximate ? `<br><small>${escapeHtml(approximateLabel)}</small>` : ''),
      )
      return marker
    })
    group.addLayers(markers)
    if (fitToPlaces && markers.length > 0) {
      const bounds = L.latLngBounds(shown.map(({ at }) => [at.lat, at.lng] as [number, number]))
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15, animate: false })
    }
  }, [group, places, map, fitToPlaces, datum, approximateLabel])
  return null
}

function PickOnClick({ onPick, datum }: { onPick: (point: { lat: number; lng: number }) => void; datum: MapDatum }) {
  useMapEvents({ click: (event) => onPick(fromDisplay({ lat: event.latlng.lat, lng: event.latlng.lng }, datum)) })
  return null
}

/** Shows the origin and the whole reach circle around it whenever they change (not the 8 px circle of a city view). */
function FollowOrigin({ shown, reachMetres }: { shown: { lat: number; lng: number }; reachMetres?: number }) {
  const map = useMap()
  useEffect(() => {
    const bounds = L.latLng(shown.lat, shown.lng).toBounds(2 * (reachMetres ?? 500))
    map.fitBounds(bounds, { padding: [16, 16], maxZoom: 16, animate: false })
  }, [map, shown.lat, shown.lng, reachMetres])
  return null
}

/**
 * Whether the street map is unavailable: a tile failed and none has loaded (one lost tile among many is not that).
 * Tiles that fail are often blocked outright on intranets, so the map says so instead of staying a grey box.
 */
function useTilesFailed() {
  const [failed, setFailed] = useState(false)
  const loadedAny = useRef(false)
  const handlers = useMemo(
    () => ({
      tileerror: () => {
        if (!loadedAny.current) setFailed(true)
      },
      tileload: () => {
        loadedAny.current = true
        setFailed(false)
      },
    }),
    [],
  )
  return { failed, handlers }
}

export default function PlacesMap({ places, tiles, center, zoom, label, origin, reachMetres, onPick, fitToPlaces }: PlacesMapProps) {
  const { t, language } = useLocale()
  const shownCenter = toDisplay(center, tiles.datum)
  const shownOrigin = origin ? toDisplay(origin, tiles.datum) : undefined
  const { failed, handlers } = useTilesFailed()
  return (
    <MapContainer center={[shownCenter.lat, shownCenter.lng]} zoom={zoom} className="places-map" aria-label={label} scrollWheelZoom={false}>
      {tiles.layers.map((layer, i) => (
        <TileLayer
          key={layer.url}
          url={layer.url}
          subdomains={layer.subdomains}
          maxZoom={tiles.maxZoom}
          attribution={i === 0 ? tiles.attribution : undefined}
          eventHandlers={handlers}
        />
      ))}
      <DistrictBase datum={tiles.datum} english={language === 'en'} />
      {failed ? (
        <p className="map-note" role="status">
          {t('site.streetMapUnavailable')}
        </p>
      ) : null}
      {shownOrigin ? <FollowOrigin shown={shownOrigin} reachMetres={reachMetres} /> : null}
      <ClusteredMarkers places={places} fitToPlaces={fitToPlaces && !origin} datum={tiles.datum} />
      {shownOrigin ? (
        <>
          {reachMetres ? (
            <Circle
              center={[shownOrigin.lat, shownOrigin.lng]}
              radius={reachMetres}
              className="reach-circle"
              pathOptions={{ color: '#0b5cad', weight: 2, fillOpacity: 0.08 }}
            />
          ) : null}
          <CircleMarker
            center={[shownOrigin.lat, shownOrigin.lng]}
            radius={8}
            pathOptions={{ color: '#fff', weight: 3, fillColor: '#c2410c', fillOpacity: 1 }}
          />
        </>
      ) : null}
      {onPick ? <PickOnClick onPick={onPick} datum={tiles.datum} /> : null}
    </MapContainer>
  )
}
