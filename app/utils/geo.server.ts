// District outlines (seeds/shanghai-districts.geojson, GS(2024)0650号) and the checks built on them.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import booleanPointInPolygon from '@turf/boolean-point-in-polygon'
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'

type DistrictFeature = Feature<Polygon | MultiPolygon, { 县名: string; 县代码: number }>

let outlines: Map<number, DistrictFeature> | undefined

export function districtOutlines(): Map<number, DistrictFeature> {
  if (!outlines) {
    const file = path.join(process.cwd(), 'seeds', 'shanghai-districts.geojson')
    const collection = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection<Polygon | MultiPolygon, DistrictFeature['properties']>
    outlines = new Map(collection.features.map((f) => [Math.round(f.properties.县代码), f as DistrictFeature]))
  }
  return outlines
}

/** Whether a WGS-84 point lies inside the district with this administrative code. */
export function districtContains(code: number, lat: number, lng: number): boolean {
  const outline = districtOutlines().get(code)
  return outline ? booleanPointInPolygon([lng, lat], outline) : false
}

/** A rough interior point of a district (mean of its outline's vertices), for centring maps. */
export function districtCenter(code: number): { lat: number; lng: number } {
  const outline = districtOutlines().get(code)
  if (!outline) throw new Error(`no outline for district ${code}`)
  const rings = outline.geometry.type === 'Polygon' ? [outline.geometry.coordinates[0]] : outline.geometry.coordinates.map((p) => p[0])
  const ring = rings.reduce((a, b) => (b.length > a.length ? b : a))
  const sum = ring.reduce((acc, [lng, lat]) => ({ lat: acc.lat + lat, lng: acc.lng + lng }), { lat: 0, lng: 0 })
  return { lat: sum.lat / ring.length, lng: sum.lng / ring.length }
}

/** A district outline for the public maps: name, a point for its label, and coordinates rounded to ~10 m. */
export type MapDistrict = {
  code: number
  name: string
  nameEn: string | null
  label: { lat: number; lng: number }
  outline: Polygon | MultiPolygon
}

const round = (n: number) => Math.round(n * 10_000) / 10_000

/** Drops the vertices that rounding makes repeat (the outlines' detail below ~10 m, invisible at a district's zoom). */
function roundRing(ring: number[][]): number[][] {
  const out: number[][] = []
  for (const [lng, lat] of ring) {
    const vertex = [round(lng), round(lat)]
    const last = out[out.length - 1]
    if (!last || last[0] !== vertex[0] || last[1] !== vertex[1]) out.push(vertex)
  }
  return out.length >= 4 ? out : ring.map(([lng, lat]) => [round(lng), round(lat)])
}

function roundGeometry(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(roundRing) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map(roundRing)) }
}

/** Every district's outline for the public maps' base layer, named as the database names it (else as the file). */
export function mapDistricts(names: Array<{ code: number; name: string; nameEn: string }>): MapDistrict[] {
  const byCode = new Map(names.map((n) => [n.code, n]))
  return [...districtOutlines()].map(([code, feature]) => ({
    code,
    name: byCode.get(code)?.name ?? feature.properties.县名,
    nameEn: byCode.get(code)?.nameEn ?? null,
    label: districtCenter(code),
    outline: roundGeometry(feature.geometry),
  }))
}
