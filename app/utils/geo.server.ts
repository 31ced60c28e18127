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
