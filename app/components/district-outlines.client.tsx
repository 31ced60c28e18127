// District outlines on a Leaflet map (browser only), shared by the staff venue picker (the chosen district) and the
// public places map (every district, named: the base that never depends on a tile server). Outlines are stored in
// WGS-84; on GCJ-02 tiles each vertex is shifted like the markers.
import L from 'leaflet'
import { useEffect, useMemo, useRef, useState } from 'react'
import { GeoJSON, useMap } from 'react-leaflet'
import { toDisplay, type LatLng, type MapDatum } from '~/utils/infra/map-config'
import type { MultiPolygon, Polygon } from 'geojson'
import type { MapDistrict } from '~/utils/geo.server'

export type Outline = Polygon | MultiPolygon

/** Where an outline's vertex is drawn on tiles of `datum` (for GeoJSON's `coordsToLatLng`). */
export function useCoordsToLatLng(datum: MapDatum) {
  return useMemo(
    () => (coords: [number, number] | [number, number, number]) => {
      const shown = toDisplay({ lat: coords[1], lng: coords[0] }, datum)
      return L.latLng(shown.lat, shown.lng)
    },
    [datum],
  )
}

/** One district's outline, never clickable (a click goes through to the map). Give a new outline a new `key`. */
export function DistrictOutline({ outline, datum, faint }: { outline: Outline; datum: MapDatum; faint?: boolean }) {
  const coordsToLatLng = useCoordsToLatLng(datum)
  return (
    <GeoJSON
      // GeoJSON reads its data once: a new datum is a new layer (and a new outline a new key from the caller).
      key={datum}
      data={outline}
      coordsToLatLng={coordsToLatLng}
      interactive={false}
      style={
        faint
          ? { className: 'district-outline', color: '#64748b', weight: 1, fillOpacity: 0 }
          : { className: 'district-outline district-chosen', color: '#1d4ed8', weight: 2, fillOpacity: 0.04 }
      }
    />
  )
}

let districtsRequest: Promise<MapDistrict[]> | undefined

/** The outlines from /api/map-districts, fetched once per page load (and kept by the browser for a day). */
function useMapDistricts(): MapDistrict[] {
  const [districts, setDistricts] = useState<MapDistrict[]>([])
  useEffect(() => {
    let live = true
    districtsRequest ??= fetch('/api/map-districts').then((r) => (r.ok ? (r.json() as Promise<MapDistrict[]>) : Promise.reject(r.status)))
    districtsRequest.then(
      (d) => live && setDistricts(d),
      () => {
        districtsRequest = undefined // the next map tries again; this one simply has no outlines
      },
    )
    return () => {
      live = false
    }
  }, [])
  return districts
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * Every district's outline with its name. A name shows only where its district is wide enough on screen to hold it,
 * so the small central districts are not a pile of words at city zoom.
 */
export function DistrictBase({ datum, english }: { datum: MapDatum; english: boolean }) {
  const map = useMap()
  const districts = useMapDistricts()
  const coordsToLatLng = useCoordsToLatLng(datum)
  useEffect(() => {
    if (districts.length === 0) return
    // Under the markers and the reach circle's dot, over the outlines; never in the way of a click.
    if (!map.getPane('districtLabels')) map.createPane('districtLabels').style.zIndex = '450'
    const layer = L.layerGroup()
    const labels = districts.map((district) => {
      const bounds = L.geoJSON(district.outline, { coordsToLatLng }).getBounds()
      const at = toDisplay(district.label, datum)
      const label = L.tooltip({ permanent: true, direction: 'center', className: 'district-label', pane: 'districtLabels' })
        .setLatLng([at.lat, at.lng])
        .setContent(escapeHtml(english && district.nameEn ? district.nameEn : district.name))
      layer.addLayer(label)
      return { label, bounds }
    })
    const fit = () => {
      for (const { label, bounds } of labels) {
        const element = label.getElement()
        if (!element) continue
        const width = map.latLngToLayerPoint(bounds.getNorthEast()).x - map.latLngToLayerPoint(bounds.getSouthWest()).x
        element.style.visibility = element.getBoundingClientRect().width <= width * 0.8 ? '' : 'hidden'
      }
    }
    layer.addTo(map)
    fit()
    map.on('zoomend', fit)
    return () => {
      map.off('zoomend', fit)
      map.removeLayer(layer)
    }
  }, [map, districts, datum, english, coordsToLatLng])
  return (
    <>
      {districts.map((district) => (
        <DistrictOutline key={district.code} outline={district.outline} datum={datum} faint />
      ))}
    </>
  )
}

/**
 * Whether the street map is unavailable: a tile failed and none has loaded (one lost tile among many is not that).
 * Tiles that fail are often blocked outright on intranets, so the map says so instead of staying a grey box.
 */
export function useTilesFailed() {
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

/** A 街镇's centre, named: where a picker without tiles lets a person orient (no 街镇 outlines are published). */
export type TownCentre = { id: string; name: string; center: LatLng }

/**
 * The chosen district's 街镇 centres as small named dots, never clickable (a click goes through to the map). A name
 * that would cover one already shown is hidden at that zoom, so a district's twenty names never become a pile.
 */
export function TownCentres({ towns, datum }: { towns: TownCentre[]; datum: MapDatum }) {
  const map = useMap()
  useEffect(() => {
    // Built here rather than with react-leaflet's <Tooltip>: that fills a tooltip from a React portal after Leaflet
    // has shown it, and an empty role="tooltip" has no accessible name (axe's aria-tooltip-name).
    const layer = L.layerGroup(
      towns.map((town) => {
        const at = toDisplay(town.center, datum)
        return L.circleMarker([at.lat, at.lng], {
          radius: 4,
          interactive: false,
          className: 'town-centre',
          color: '#fff',
          weight: 1.5,
          fillColor: '#475569',
          fillOpacity: 1,
        }).bindTooltip(escapeHtml(town.name), {
          permanent: true,
          direction: 'right',
          offset: [4, 0],
          className: 'town-label',
          interactive: false,
        })
      }),
    ).addTo(map)
    const fit = () => {
      const shown: DOMRect[] = []
      layer.eachLayer((marker) => {
        const element = (marker as L.CircleMarker).getTooltip()?.getElement()
        if (!element) return
        element.style.visibility = ''
        const box = element.getBoundingClientRect()
        const overlaps = shown.some((b) => box.left < b.right && box.right > b.left && box.top < b.bottom && box.bottom > b.top)
        if (overlaps) element.style.visibility = 'hidden'
        else shown.push(box)
      })
    }
    // Once the names are placed (the map may still be fitting the district), then after every move.
    const timer = window.setTimeout(fit, 150)
    map.on('zoomend moveend viewreset', fit)
    return () => {
      window.clearTimeout(timer)
      map.off('zoomend moveend viewreset', fit)
      layer.remove()
    }
  }, [map, towns, datum])
  return null
}
