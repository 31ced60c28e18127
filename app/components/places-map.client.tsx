// The Leaflet map (browser only: `.client` modules are empty in the server build). Markers are clustered
// with leaflet.markercluster so thousands of places stay smooth, and drawn as HTML (divIcon), so they show
// whether or not any map tile loads, over the districts' outlines and names (the base when no tile loads).
import L from 'leaflet'
import 'leaflet.markercluster'
import { useEffect, useMemo, useRef } from 'react'
import { Circle, CircleMarker, MapContainer, TileLayer, useMap, useMapEvents } from 'react-leaflet'
import { DistrictBase, useTilesFailed } from '~/components/district-outlines.client'
import { formatDayTime } from '~/utils/format'
import { useLocale } from '~/utils/i18n'
import { fromDisplay, toDisplay, type MapDatum, type TileConfig } from '~/utils/infra/map-config'
import type { MapViewport } from '~/utils/event-filters'

export type PlaceMarker = {
  key: string
  lat: number
  lng: number
  name: string
  href: string
  /** Shown in the popup under the name, e.g. "3 场活动". */
  detail?: string
  approximate?: boolean
  /** A 数字科普点位 (a screen, a smart box, a poster board): its own square marker (decision 037). */
  digital?: boolean
  /** A cluster the server made of several places close together at this zoom (issue 17): a click zooms in. */
  cluster?: { places: number }
  /** Where the popup fetches the place's next dates when it opens (issue 30), kept out of the map's own answers. */
  sessionsUrl?: string
  /** The popup's words when its list is not of sessions (the volunteer roles' map lists roles). */
  popupWords?: { loading: string; failed: string; none: string; all: (count: number) => string }
}

/** What `sessionsUrl` answers (/api/map-place/…). */
type PlaceSessions = { sessions: Array<{ startsAt: string; title: string; href: string }>; total: number }

export type PlacesMapProps = {
  places: PlaceMarker[]
  tiles: TileConfig
  center: { lat: number; lng: number }
  zoom: number
  label: string
  origin?: { lat: number; lng: number }
  /** Radius in metres drawn around the origin (the 15-minute reach). */
  reachMetres?: number
  /** Points the view fits together with the origin and its circle (the nearest results, issue 30). */
  around?: Array<{ lat: number; lng: number }>
  /** When set, a click on the map picks a point. */
  onPick?: (point: { lat: number; lng: number }) => void
  /** Fit the view to the markers when they change (once per `fitKey` when one is given). */
  fitToPlaces?: boolean
  /** With it, the view is fitted to the first markers that arrive after the key changes (new filters), not to each. */
  fitKey?: string
  /** Told the viewport (WGS-84 box and zoom) when the map has moved: the markers then come for what it shows. */
  onViewport?: (viewport: MapViewport) => void
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function markerIcon(approximate?: boolean, digital?: boolean) {
  return L.divIcon({
    className: `place-marker${approximate ? ' place-marker-approx' : ''}${digital ? ' place-marker-digital' : ''}`,
    html: '<span aria-hidden="true"></span>',
    iconSize: [22, 22],
    iconAnchor: [11, 11],
    popupAnchor: [0, -10],
  })
}

function clusterIcon(places: number) {
  const size = places < 10 ? 'small' : places < 100 ? 'medium' : 'large'
  return L.divIcon({
    className: `marker-cluster marker-cluster-${size}`,
    html: `<div><span>${places}</span></div>`,
    iconSize: [40, 40],
  })
}

function ClusteredMarkers({
  places,
  fitToPlaces,
  fitKey,
  serverClustered,
  datum,
}: {
  places: PlaceMarker[]
  fitToPlaces?: boolean
  fitKey?: string
  serverClustered: boolean
  datum: MapDatum
}) {
  const map = useMap()
  const { t, language } = useLocale()
  const approximateLabel = t('site.approximate')
  const fittedKey = useRef<string>()
  // The place whose popup is open: new markers for a moved view (a popup's own auto-pan moves it) open it again.
  const openKey = useRef<string | null>(null)
  // Clusters the server made are shown as they come; a list of every place is clustered here. No cluster
  // animations: their fades made axe measure half-transparent numbers now and then (a flaky contrast failure), and
  // less motion suits older readers anyway.
  const group = useMemo(
    () =>
      serverClustered
        ? L.featureGroup()
        : L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50, animate: false }),
    [serverClustered],
  )
  useEffect(() => {
    map.addLayer(group)
    return () => {
      // Clear first: chunked loading and animations must not touch a map that is going away.
      group.clearLayers()
      map.removeLayer(group)
    }
  }, [map, group])
  // Markers are rebuilt when what they show changes, not whenever a render hands over an equal list: a rebuild
  // closes the popup being read, reopens it empty and fetches its list again, under the reader's finger.
  const placesSignature = JSON.stringify(places.map(({ popupWords: _words, ...place }) => place))
  const latestPlaces = useRef(places)
  latestPlaces.current = places
  useEffect(() => {
    const places = latestPlaces.current
    const reopen = openKey.current
    group.clearLayers()
    const shown = places.map((place) => ({ place, at: toDisplay(place, datum) }))
    const markers = shown.map(({ place, at }) => {
      if (place.cluster) {
        const cluster = L.marker([at.lat, at.lng], {
          icon: clusterIcon(place.cluster.places),
          title: place.name,
          alt: place.name,
          keyboard: true,
        })
        const zoomIn = () => map.setView([at.lat, at.lng], Math.min(map.getZoom() + 2, map.getMaxZoom()), { animate: false })
        // Enter too: Leaflet gives a focused marker's Enter only to popups.
        cluster.on('click', zoomIn)
        cluster.on('keypress', (event) => {
          if ((event as L.LeafletKeyboardEvent).originalEvent.key === 'Enter') zoomIn()
        })
        return cluster
      }
      const marker = L.marker([at.lat, at.lng], {
        icon: markerIcon(place.approximate, place.digital),
        title: place.name,
        alt: place.name,
        keyboard: true,
      })
      const head =
        `<a href="${escapeHtml(place.href)}"><strong>${escapeHtml(place.name)}</strong></a>` +
        (place.detail ? `<br>${escapeHtml(place.detail)}` : '') +
        (place.approximate ? `<br><small>${escapeHtml(approximateLabel)}</small>` : '')
      // Clear of the zoom buttons and the note along the map's top.
      const words = place.popupWords ?? {
        loading: t('home.popupLoading'),
        failed: t('home.popupFailed'),
        none: t('home.popupNone'),
        all: (count: number) => t('home.popupAll', { count }),
      }
      marker.bindPopup(place.sessionsUrl ? `${head}<p class="popup-sessions">${escapeHtml(words.loading)}</p>` : head, {
        autoPanPaddingTopLeft: L.point(12, 72),
      })
      marker.on('popupopen', () => {
        openKey.current = place.key
      })
      marker.on('popupclose', () => {
        if (openKey.current === place.key) openKey.current = null
      })
      const sessionsUrl = place.sessionsUrl
      if (sessionsUrl) {
        // The next dates when the popup first opens; a failure says so and leaves the place's link.
        let asked = false
        marker.on('popupopen', () => {
          if (asked) return
          asked = true
          fetch(sessionsUrl)
            .then((r) => (r.ok ? (r.json() as Promise<PlaceSessions>) : Promise.reject(new Error(String(r.status)))))
            .then(
              ({ sessions, total }) => {
                const items = sessions
                  .map(
                    (s) =>
                      `<li><a href="${escapeHtml(s.href)}">${escapeHtml(formatDayTime(s.startsAt, language))}</a> ${escapeHtml(s.title)}</li>`,
                  )
                  .join('')
                const more = total > sessions.length ? `<a href="${escapeHtml(place.href)}">${escapeHtml(words.all(total))}</a>` : ''
                marker.setPopupContent(
                  `${head}${items ? `<ul class="popup-sessions">${items}</ul>` : `<p class="popup-sessions">${escapeHtml(words.none)}</p>`}${more}`,
                )
              },
              () => {
                asked = false
                marker.setPopupContent(`${head}<p class="popup-sessions">${escapeHtml(words.failed)}</p>`)
              },
            )
        })
      }
      return marker
    })
    if (group instanceof L.MarkerClusterGroup) group.addLayers(markers)
    else for (const marker of markers) group.addLayer(marker)
    const again = reopen === null ? -1 : places.findIndex((place) => place.key === reopen)
    if (again >= 0) markers[again].openPopup()
    const fit = fitToPlaces && markers.length > 0 && (fitKey === undefined || fittedKey.current !== fitKey)
    if (fit) {
      fittedKey.current = fitKey
      const bounds = L.latLngBounds(shown.map(({ at }) => [at.lat, at.lng] as [number, number]))
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15, animate: false })
    }
  }, [group, placesSignature, map, fitToPlaces, fitKey, datum, approximateLabel, t, language])
  return null
}

/** Reports the map's viewport after each move, in WGS-84, snapped outwards to a grid so nearby views share a URL (and a cached answer). */
function ReportViewport({ onViewport, datum }: { onViewport: (viewport: MapViewport) => void; datum: MapDatum }) {
  const map = useMap()
  useEffect(() => {
    const report = () => {
      const zoom = Math.round(map.getZoom())
      const bounds = map.getBounds()
      const southWest = fromDisplay({ lat: bounds.getSouth(), lng: bounds.getWest() }, datum)
      const northEast = fromDisplay({ lat: bounds.getNorth(), lng: bounds.getEast() }, datum)
      const step = 360 / 2 ** zoom / 4
      const down = (x: number) => Number((Math.floor(x / step) * step).toFixed(5))
      const up = (x: number) => Number((Math.ceil(x / step) * step).toFixed(5))
      onViewport({ west: down(southWest.lng), south: down(southWest.lat), east: up(northEast.lng), north: up(northEast.lat), zoom })
    }
    map.on('moveend', report)
    return () => {
      map.off('moveend', report)
    }
  }, [map, onViewport, datum])
  return null
}

function PickOnClick({ onPick, datum }: { onPick: (point: { lat: number; lng: number }) => void; datum: MapDatum }) {
  useMapEvents({ click: (event) => onPick(fromDisplay({ lat: event.latlng.lat, lng: event.latlng.lng }, datum)) })
  return null
}

/**
 * Shows the origin and the whole reach circle around it whenever they change (not the 8 px circle of a city view),
 * together with the nearest results (`around`): a circle with nothing in it was an empty map (issue 30).
 */
function FollowOrigin({
  shown,
  reachMetres,
  around = [],
}: {
  shown: { lat: number; lng: number }
  reachMetres?: number
  around?: Array<{ lat: number; lng: number }>
}) {
  const map = useMap()
  const aroundKey = around.map((p) => `${p.lat},${p.lng}`).join(';')
  useEffect(() => {
    const bounds = L.latLng(shown.lat, shown.lng).toBounds(2 * (reachMetres ?? 500))
    for (const point of around) bounds.extend([point.lat, point.lng])
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16, animate: false })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- by value: the same points in a new array move nothing
  }, [map, shown.lat, shown.lng, reachMetres, aroundKey])
  return null
}

export default function PlacesMap({
  places,
  tiles,
  center,
  zoom,
  label,
  origin,
  reachMetres,
  around,
  onPick,
  fitToPlaces,
  fitKey,
  onViewport,
}: PlacesMapProps) {
  const { t, language } = useLocale()
  const shownCenter = toDisplay(center, tiles.datum)
  const shownOrigin = origin ? toDisplay(origin, tiles.datum) : undefined
  const shownAround = useMemo(() => around?.map((p) => toDisplay(p, tiles.datum)), [around, tiles.datum])
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
      {/* Before FollowOrigin: its first fit (a page opened "near" a point) must be reported, or the map keeps the overview. */}
      {onViewport ? <ReportViewport onViewport={onViewport} datum={tiles.datum} /> : null}
      {shownOrigin ? <FollowOrigin shown={shownOrigin} reachMetres={reachMetres} around={shownAround} /> : null}
      <ClusteredMarkers
        places={places}
        fitToPlaces={fitToPlaces && !origin}
        fitKey={fitKey}
        serverClustered={Boolean(onViewport)}
        datum={tiles.datum}
      />
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
