// The home page's filters, read from the URL so a filtered view can be shared. Shared by the list, the map's
// points and (later) the feeds, so every view of "the same filters" means the same set.
import { z } from 'zod'
import zhCN from '~/locales/zh-CN'
import { parseKeyword, type KeywordProblem } from '~/utils/keyword'
import { addDays, parseShanghaiDate, startOfShanghaiDay, weekendRange } from '~/utils/shanghai-time'
import type { EventCategory, VenueType } from '@prisma/client'

export const whenOptions = ['today', 'weekend', 'week', 'range'] as const
export const reachOptions = ['walk15', 'bike15'] as const

/** Walking 80 m/min (4.8 km/h) and cycling 200 m/min (12 km/h), over a path 1.3× the straight line. */
export const WALK_METRES_PER_MINUTE = 80
export const BIKE_METRES_PER_MINUTE = 200
export const DETOUR_FACTOR = 1.3
/** Straight-line radius reachable in `minutes`: what the map draws as the 15-minute circle. */
export function reachRadiusMetres(minutes: number, metresPerMinute: number): number {
  return Math.round((minutes * metresPerMinute) / DETOUR_FACTOR)
}
export function travelMinutes(straightMetres: number, metresPerMinute: number): number {
  return Math.max(1, Math.round((straightMetres * DETOUR_FACTOR) / metresPerMinute))
}

const keysOf = <K extends string>(labels: Record<K, string>) => Object.keys(labels) as [K, ...K[]]
const venueTypes = keysOf<VenueType>(zhCN.venueType)
const categories = keysOf<EventCategory>(zhCN.category)
const slug = z.string().regex(/^[a-z0-9-]{1,80}$/)
const id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/)

/** What the URL may say; anything unreadable is dropped (and, for dates and ages, explained next to the field). */
export type EventFilters = {
  /** Keyword search, as typed (decision 017); its words are `keywordTerms(q)`. */
  q?: string
  when?: (typeof whenOptions)[number]
  from?: string
  to?: string
  district?: string
  town?: string
  venueType?: VenueType
  category?: EventCategory
  age?: number
  topic?: string
  brand?: string
  /** Only this venue's sessions (venue pages' calendar feeds). */
  venue?: string
  seatsLeft?: boolean
  /** Origin for "near me": a point, from the browser's location or a click on the map. */
  near?: { lat: number; lng: number }
  /** Origin taken from a 街镇's centre. */
  nearTown?: string
  reach?: (typeof reachOptions)[number]
  page: number
}

/** What is wrong with a value, as a catalogue key (the page words it in the reader's language). */
export type FilterProblem = `home.problem.${'age' | 'near' | 'date' | 'order'}`
export type FilterProblems = Partial<Record<'from' | 'to' | 'age' | 'near', FilterProblem>> & { q?: KeywordProblem }

// Shanghai's bounding box, generously: a point outside it is not a place the portal serves.
const nearPoint = z
  .string()
  .regex(/^-?\d{1,3}(\.\d+)?,-?\d{1,3}(\.\d+)?$/)
  .transform((value) => {
    const [lat, lng] = value.split(',').map(Number)
    return { lat: Math.round(lat * 1e5) / 1e5, lng: Math.round(lng * 1e5) / 1e5 }
  })
  .refine(({ lat, lng }) => lat > 30.4 && lat < 31.95 && lng > 120.8 && lng < 122.3)

export function parseEventFilters(params: URLSearchParams): { filters: EventFilters; problems: FilterProblems } {
  const get = (key: string) => params.get(key)?.trim() || undefined
  const pick = <T>(schema: z.ZodType<T>, key: string): T | undefined => {
    const value = get(key)
    if (value === undefined) return undefined
    const parsed = schema.safeParse(value)
    return parsed.success ? parsed.data : undefined
  }
  const problems: FilterProblems = {}
  const keyword = parseKeyword(params.get('q'))
  if (keyword.problem) problems.q = keyword.problem
  const filters: EventFilters = {
    q: keyword.q,
    when: pick(z.enum(whenOptions), 'when'),
    district: pick(slug, 'district'),
    town: pick(id, 'town'),
    venueType: pick(z.enum(venueTypes), 'venueType'),
    category: pick(z.enum(categories), 'category'),
    topic: pick(z.string().max(20), 'topic'),
    brand: pick(slug, 'brand'),
    venue: pick(slug, 'venue'),
    seatsLeft: get('seatsLeft') === '1' || undefined,
    nearTown: pick(id, 'nearTown'),
    reach: pick(z.enum(reachOptions), 'reach'),
    page: pick(z.coerce.number().int().min(1).max(1000), 'page') ?? 1,
  }
  const age = get('age')
  if (age !== undefined) {
    const parsed = z.coerce.number().int().min(0).max(120).safeParse(age)
    if (parsed.success) filters.age = parsed.data
    else problems.age = 'home.problem.age'
  }
  const near = get('near')
  if (near !== undefined) {
    const parsed = nearPoint.safeParse(near)
    if (parsed.success) filters.near = parsed.data
    else problems.near = 'home.problem.near'
  }
  for (const key of ['from', 'to'] as const) {
    const value = get(key)
    if (value === undefined) continue
    if (parseShanghaiDate(value)) filters[key] = value
    else problems[key] = 'home.problem.date'
  }
  if (filters.from && filters.to && filters.from > filters.to) problems.to = 'home.problem.order'
  if (filters.from || filters.to) filters.when ??= 'range'
  return { filters, problems }
}

/** The time window the filters ask for, from `now` on (what has started is never listed). */
export function filterTimeWindow(filters: EventFilters, now: Date): { from: Date; to?: Date } {
  const today = startOfShanghaiDay(now)
  const later = (date: Date) => (date > now ? date : now)
  switch (filters.when) {
    case 'today':
      return { from: now, to: addDays(today, 1) }
    case 'weekend': {
      const { from, to } = weekendRange(now)
      return { from: later(from), to }
    }
    case 'week':
      return { from: now, to: addDays(today, 7) }
    case 'range': {
      const from = filters.from ? parseShanghaiDate(filters.from) : undefined
      const to = filters.to ? parseShanghaiDate(filters.to) : undefined
      return { from: later(from ?? now), to: to ? addDays(to, 1) : undefined }
    }
    default:
      return { from: now }
  }
}

/** The URL query for `filters`, with `change` applied; empty values are left out so links stay short. */
export function filtersToSearch(filters: EventFilters, change: Partial<Record<keyof EventFilters, unknown>> = {}): string {
  const merged = { ...filters, ...change } as Record<string, unknown>
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === null || value === false || value === '') continue
    if (key === 'page' && value === 1) continue
    if (key === 'near') {
      const point = value as { lat: number; lng: number }
      params.set('near', `${point.lat},${point.lng}`)
    } else params.set(key, value === true ? '1' : String(value))
  }
  const query = params.toString()
  return query ? `?${query}` : ''
}

/** What the map shows: its bounding box in WGS-84 degrees and its zoom level (Leaflet's, 0–22). */
export type MapViewport = { west: number; south: number; east: number; north: number; zoom: number }

/** A viewport as the map sends it, or undefined when absent or not a box on Earth at a zoom Leaflet has. */
export function parseViewport(params: URLSearchParams): MapViewport | undefined {
  const box = params.get('bbox')?.split(',').map(Number)
  const zoom = Number(params.get('zoom'))
  if (!box || box.length !== 4 || !box.every(Number.isFinite) || !Number.isInteger(zoom) || zoom < 0 || zoom > 22) return undefined
  const [west, south, east, north] = box
  if (west >= east || south >= north || south < -90 || north > 90 || west < -180 || east > 180) return undefined
  return { west, south, east, north, zoom }
}
