// A map for placing one point (browser only). Click the map or drag the pin; the form's latitude and longitude
// inputs follow, and typing in them moves the pin. The inputs stay the source of truth, so the form works the
// same whether or not tiles load, and without this map at all.
import L from 'leaflet'
import { useEffect, useMemo, useRef, useState } from 'react'
import { MapContainer, Marker, TileLayer, useMap, useMapEvents } from 'react-leaflet'
import {
  DistrictBase,
  DistrictOutline,
  TownCentres,
  useCoordsToLatLng,
  useTilesFailed,
  type Outline,
  type TownCentre,
} from '~/components/district-outlines.client'
import { useLocale } from '~/utils/i18n'
import { fromDisplay, toDisplay, type LatLng, type TileConfig } from '~/utils/infra/map-config'

export type LocationPickerProps = {
  latInputId: string
  lngInputId: string
  tiles: TileConfig
  /** Where the map opens when the inputs hold no point yet (e.g. the chosen district's centre). */
  fallbackCenter: LatLng
  /** The chosen district's outline (WGS-84), drawn so a click is never blind when tiles fail; the map fits it. */
  area?: PickerArea
  label: string
}

/**
 * The chosen district's outline, the chosen 街镇's centre to zoom to (when one is chosen), and the district's 街镇
 * centres, drawn named so a person can orient and pick when no tile loads (issue 30).
 */
export type PickerArea = { key: string; outline: Outline | null; focus?: LatLng | null; towns?: TownCentre[] }

const pinIcon = L.divIcon({
  className: 'place-marker place-marker-pin',
  html: '<span aria-hidden="true"></span>',
  iconSize: [26, 26],
  iconAnchor: [13, 13],
})

function readPoint(latInput: HTMLInputElement | null, lngInput: HTMLInputElement | null): LatLng | null {
  const lat = Number(latInput?.value)
  const lng = Number(lngInput?.value)
  if (!latInput?.value || !lngInput?.value || !Number.isFinite(lat) || !Number.isFinite(lng)) return null
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return null
  return { lat, lng }
}

/** Sets an input's value as if typed, so the form library sees the change. */
function typeInto(input: HTMLInputElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value)
  input.dispatchEvent(new Event('input', { bubbles: true }))
  input.dispatchEvent(new Event('change', { bubbles: true }))
}

function ClickToPlace({ onPlace }: { onPlace: (shown: L.LatLng) => void }) {
  useMapEvents({ click: (event) => onPlace(event.latlng) })
  return null
}

function FollowPoint({ shown }: { shown: LatLng | null }) {
  const map = useMap()
  useEffect(() => {
    if (shown && !map.getBounds().contains([shown.lat, shown.lng]))
      map.setView([shown.lat, shown.lng], Math.max(map.getZoom(), 14), { animate: false })
  }, [map, shown])
  return null
}

/**
 * Shows the chosen place: when it changes (and on opening) with no point placed yet, the map zooms to the chosen
 * 街镇's centre, else fits the district's outline, else centres on the fallback.
 */
function FollowArea({
  bounds,
  center,
  focus,
  hasPoint,
}: {
  bounds: L.LatLngBounds | null
  center: LatLng
  focus: LatLng | null
  hasPoint: boolean
}) {
  const map = useMap()
  const hadPoint = useRef(hasPoint)
  hadPoint.current = hasPoint
  const boundsKey = bounds?.toBBoxString()
  useEffect(() => {
    if (hadPoint.current) return
    if (focus) map.setView([focus.lat, focus.lng], 14, { animate: false })
    else if (bounds) map.fitBounds(bounds, { animate: false, padding: [8, 8] })
    else map.setView([center.lat, center.lng], 12, { animate: false })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- by value: a new object for the same place moves nothing
  }, [map, boundsKey, center.lat, center.lng, focus?.lat, focus?.lng])
  return null
}

export default function LocationPicker({ latInputId, lngInputId, tiles, fallbackCenter, area, label }: LocationPickerProps) {
  const [point, setPoint] = useState<LatLng | null>(null)
  const { t, language } = useLocale()
  const { failed, handlers } = useTilesFailed()
  const inputs = useRef<{ lat: HTMLInputElement | null; lng: HTMLInputElement | null }>({ lat: null, lng: null })

  useEffect(() => {
    const lat = document.getElementById(latInputId) as HTMLInputElement | null
    const lng = document.getElementById(lngInputId) as HTMLInputElement | null
    inputs.current = { lat, lng }
    const sync = () => setPoint(readPoint(lat, lng))
    sync()
    lat?.addEventListener('input', sync)
    lng?.addEventListener('input', sync)
    return () => {
      lat?.removeEventListener('input', sync)
      lng?.removeEventListener('input', sync)
    }
  }, [latInputId, lngInputId])

  const place = (shown: L.LatLng) => {
    const stored = fromDisplay({ lat: shown.lat, lng: shown.lng }, tiles.datum)
    const { lat, lng } = inputs.current
    if (lat && lng) {
      typeInto(lat, stored.lat.toFixed(6))
      typeInto(lng, stored.lng.toFixed(6))
    }
  }

  const shown = point ? toDisplay(point, tiles.datum) : null
  const start = toDisplay(point ?? fallbackCenter, tiles.datum)
  const coordsToLatLng = useCoordsToLatLng(tiles.datum)
  const outline = area?.outline ?? null
  const bounds = useMemo(() => (outline ? L.geoJSON(outline, { coordsToLatLng }).getBounds() : null), [outline, coordsToLatLng])
  const dragHandlers = useMemo(() => ({ dragend: (event: L.DragEndEvent) => place((event.target as L.Marker).getLatLng()) }), [tiles.datum]) // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <MapContainer
      center={[start.lat, start.lng]}
      zoom={point ? 15 : 12}
      className="places-map location-picker"
      aria-label={label}
      scrollWheelZoom={false}
    >
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
      {outline ? <DistrictOutline key={area?.key} outline={outline} datum={tiles.datum} /> : null}
      {area?.towns?.length ? <TownCentres key={`towns:${area.key}`} towns={area.towns} datum={tiles.datum} /> : null}
      {failed ? (
        <p className="map-note" role="status">
          {t('site.pickerStreetMapUnavailable')}
        </p>
      ) : null}
      <ClickToPlace onPlace={place} />
      <FollowArea
        bounds={bounds}
        center={toDisplay(fallbackCenter, tiles.datum)}
        focus={area?.focus ? toDisplay(area.focus, tiles.datum) : null}
        hasPoint={point !== null}
      />
      <FollowPoint shown={shown} />
      {shown ? (
        <Marker
          position={[shown.lat, shown.lng]}
          draggable
          icon={pinIcon}
          title={t('site.pinDraggable')}
          alt={t('site.pinDraggable')}
          eventHandlers={dragHandlers}
        />
      ) : null}
    </MapContainer>
  )
}
