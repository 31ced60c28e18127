// Finding upcoming sessions: the home page's list, the map's points and "near me" all go through one
// WHERE clause built from the URL's filters, so the list and the map always show the same set.
// Written as SQL (through Prisma.sql, so every value is a bound parameter) because ordering by distance
// and grouping points by place are not expressible in Prisma's query API.
import { Prisma, type EventCategory } from '@prisma/client'
import { keywordSql } from '~/models/keyword-search.server'
import {
  BIKE_METRES_PER_MINUTE,
  WALK_METRES_PER_MINUTE,
  filterTimeWindow,
  reachRadiusMetres,
  travelMinutes,
  type EventFilters,
  type MapViewport,
} from '~/utils/event-filters'
import { prisma } from '~/utils/infra/db.server'
import { categoriesMatching, keywordTerms } from '~/utils/keyword'

export const PAGE_SIZE = 30
/** The home page's list: ten cards are a few screens on a phone (28 at once were 16,000 px). */
export const HOME_PAGE_SIZE = 10
/** Counting stops here ("1000+"): an exact count of every upcoming session would cost more than the page. */
export const COUNT_CAP = 1000

/** `label` is the 街镇's name; null for a point from the browser or the map (the page words it). */
/** `label` names a chosen 街镇 in both languages (松江区佘山镇, "Sheshan Town, Songjiang"); null for a point. */
export type Origin = { lat: number; lng: number; label: { name: string; nameEn: string } | null }

/**
 * Where "near me" measures from: the centre of a chosen 街镇, else a point in the URL (the browser's location
 * or a click on the map). The 街镇 wins because choosing one in the form is the newer choice.
 */
export async function resolveOrigin(filters: EventFilters): Promise<Origin | undefined> {
  if (!filters.nearTown) return filters.near ? { ...filters.near, label: null } : undefined
  const town = await prisma.town.findUnique({
    where: { id: filters.nearTown },
    select: { name: true, nameEn: true, centerLat: true, centerLng: true, district: { select: { name: true, nameEn: true } } },
  })
  if (!town) return filters.near ? { ...filters.near, label: null } : undefined
  const label = { name: `${town.district.name}${town.name}`, nameEn: town.nameEn ? `${town.nameEn}, ${town.district.nameEn}` : '' }
  return { lat: town.centerLat, lng: town.centerLng, label }
}

/** Great-circle distance in metres from the origin to the event's point (haversine; PostgreSQL and PGlite alike). */
function distanceSql(origin: Origin) {
  return Prisma.sql`(12742000 * asin(sqrt(
    power(sin(radians(e.lat - ${origin.lat}) / 2), 2)
    + cos(radians(${origin.lat})) * cos(radians(e.lat)) * power(sin(radians(e.lng - ${origin.lng}) / 2), 2))))`
}

/**
 * The words of `q=` (decision 017), found in Event."searchText" (title, topics, place, brand, venue, organiser, 街镇,
 * district, summary, kept by triggers) or in the type's name. Ranked by the words in the title, then in the topics
 * and brand, the venue or place, and the summary, read from the joins every search has; a word found only in the
 * organiser, 街镇 or district still counts as found, ranked after those.
 */
function eventKeywordSql(filters: EventFilters) {
  return keywordSql(keywordTerms(filters.q), {
    searchText: Prisma.sql`e."searchText"`,
    title: Prisma.sql`e.title`,
    fields: [
      { text: Prisma.sql`array_to_string(e.topics, ' ')`, weight: 4 },
      { text: Prisma.sql`b.name`, weight: 4 },
      { text: Prisma.sql`v.name`, weight: 3 },
      { text: Prisma.sql`e."placeName"`, weight: 3 },
      { text: Prisma.sql`e.summary`, weight: 1 },
    ],
    labels: { column: Prisma.sql`e.category`, matching: categoriesMatching, weight: 2 },
  })
}

/** A session anyone may see, whatever the filters: scheduled, of a published activity, in an active district. */
const publicSessionSql = Prisma.sql`s.status = 'SCHEDULED' AND e.status = 'PUBLISHED' AND d.active`

function whereSql(filters: EventFilters, origin: Origin | undefined, now: Date) {
  const window = filterTimeWindow(filters, now)
  const conditions: Prisma.Sql[] = [publicSessionSql, Prisma.sql`s."startsAt" > ${window.from}`]
  if (window.to) conditions.push(Prisma.sql`s."startsAt" < ${window.to}`)
  if (filters.district) conditions.push(Prisma.sql`d.slug = ${filters.district}`)
  if (filters.town) conditions.push(Prisma.sql`COALESCE(v."townId", e."townId") = ${filters.town}`)
  if (filters.venueType) conditions.push(Prisma.sql`v.type = ${filters.venueType}::"VenueType"`)
  if (filters.category) conditions.push(Prisma.sql`e.category = ${filters.category}::"EventCategory"`)
  if (filters.age !== undefined) {
    conditions.push(Prisma.sql`(e."audienceMinAge" IS NULL OR e."audienceMinAge" <= ${filters.age})`)
    conditions.push(Prisma.sql`(e."audienceMaxAge" IS NULL OR e."audienceMaxAge" >= ${filters.age})`)
  }
  if (filters.topic) conditions.push(Prisma.sql`${filters.topic} = ANY(e.topics)`)
  if (filters.brand) conditions.push(Prisma.sql`b.slug = ${filters.brand}`)
  if (filters.venue) conditions.push(Prisma.sql`v.slug = ${filters.venue}`)
  if (filters.seatsLeft) conditions.push(Prisma.sql`s."seatsTaken" < s.capacity`)
  const keyword = eventKeywordSql(filters)
  if (keyword) conditions.push(keyword.where)
  if (origin && filters.reach) {
    const radius = reachRadiusMetres(15, filters.reach === 'walk15' ? WALK_METRES_PER_MINUTE : BIKE_METRES_PER_MINUTE)
    // A bounding box first (cheap, index-friendly), then the exact distance.
    const dLat = radius / 111_000
    const dLng = radius / (111_000 * Math.cos((origin.lat * Math.PI) / 180))
    conditions.push(Prisma.sql`e.lat BETWEEN ${origin.lat - dLat} AND ${origin.lat + dLat}`)
    conditions.push(Prisma.sql`e.lng BETWEEN ${origin.lng - dLng} AND ${origin.lng + dLng}`)
    conditions.push(Prisma.sql`${distanceSql(origin)} <= ${radius}`)
  }
  return Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}`
}

const fromSql = Prisma.sql`FROM "EventSession" s
  JOIN "Event" e ON e.id = s."eventId"
  JOIN "District" d ON d.id = e."districtId"
  LEFT JOIN "Venue" v ON v.id = e."venueId"
  LEFT JOIN "ProgrammeBrand" b ON b.id = e."brandId"`

type SessionRow = {
  id: string
  startsAt: Date
  endsAt: Date
  capacity: number
  seatsTaken: number
  eventSlug: string
  title: string
  summary: string
  category: EventCategory
  isExample: boolean
  registersOnline: boolean
  audienceMinAge: number | null
  audienceMaxAge: number | null
  audienceNote: string | null
  placeName: string | null
  districtName: string
  districtNameEn: string
  venueSlug: string | null
  venueName: string | null
  brandName: string | null
  distanceM: number | null
}

export type SessionListItem = Omit<SessionRow, 'seatsTaken' | 'distanceM'> & {
  seatsLeft: number
  distance: { metres: number; walkMinutes: number; bikeMinutes: number } | null
}

export async function searchSessions(filters: EventFilters, { now = new Date(), pageSize = PAGE_SIZE } = {}) {
  const origin = await resolveOrigin(filters)
  const where = whereSql(filters, origin, now)
  const distance = origin ? distanceSql(origin) : Prisma.sql`NULL::float8`
  // A keyword search ranks by relevance first (decision 017), then as without one: nearest or soonest.
  const keyword = eventKeywordSql(filters)
  const titleHits = keyword?.titleHits ?? Prisma.sql`0`
  const score = keyword?.score ?? Prisma.sql`0`
  const relevance = keyword ? Prisma.sql`"titleHits" DESC, score DESC, ` : Prisma.empty
  const pageRelevance = keyword ? Prisma.sql`page."titleHits" DESC, page.score DESC, ` : Prisma.empty
  const order = origin
    ? Prisma.sql`${relevance}"distanceM" ASC, s."startsAt" ASC, s.id ASC`
    : Prisma.sql`${relevance}s."startsAt" ASC, s.id ASC`
  const offset = (filters.page - 1) * pageSize
  const [rows, [{ total }]] = await Promise.all([
    // The page's ids first, from the fewest columns; the details are joined for those rows only.
    prisma.$queryRaw<SessionRow[]>`
      WITH page AS (
        SELECT s.id, s."startsAt", ${distance} AS "distanceM", ${titleHits} AS "titleHits", ${score} AS score
        ${fromSql} ${where}
        ORDER BY ${order}
        LIMIT ${pageSize} OFFSET ${offset}
      )
      SELECT s.id, s."startsAt", s."endsAt", s.capacity, s."seatsTaken",
        e.slug AS "eventSlug", e.title, e.summary, e.category, e."isExample", e."registersOnline", e."audienceMinAge", e."audienceMaxAge",
        e."audienceNote", e."placeName", d.name AS "districtName", d."nameEn" AS "districtNameEn", v.slug AS "venueSlug", v.name AS "venueName",
        b.name AS "brandName", page."distanceM"
      FROM page
        JOIN "EventSession" s ON s.id = page.id
        JOIN "Event" e ON e.id = s."eventId"
        JOIN "District" d ON d.id = e."districtId"
        LEFT JOIN "Venue" v ON v.id = e."venueId"
        LEFT JOIN "ProgrammeBrand" b ON b.id = e."brandId"
      ORDER BY ${pageRelevance}${origin ? Prisma.sql`page."distanceM" ASC, page."startsAt" ASC, page.id ASC` : Prisma.sql`page."startsAt" ASC, page.id ASC`}`,
    prisma.$queryRaw<
      [{ total: number }]
    >`SELECT count(*)::int AS total FROM (SELECT 1 ${fromSql} ${where} LIMIT ${COUNT_CAP + 1}) AS matching`,
  ])
  const totalCapped = total > COUNT_CAP
  const sessions: SessionListItem[] = rows.map(({ seatsTaken, distanceM, ...row }) => ({
    ...row,
    seatsLeft: row.capacity - seatsTaken,
    distance:
      distanceM === null
        ? null
        : {
            metres: Math.round(distanceM),
            walkMinutes: travelMinutes(distanceM, WALK_METRES_PER_MINUTE),
            bikeMinutes: travelMinutes(distanceM, BIKE_METRES_PER_MINUTE),
          },
  }))
  return {
    sessions,
    total: Math.min(total, COUNT_CAP),
    totalCapped,
    pageCount: Math.max(1, Math.ceil(Math.min(total, COUNT_CAP) / pageSize)),
    hasNextPage: offset + rows.length < total,
    origin,
  }
}

export type MapPoint = {
  /** Venue slug, or the event slug for an event held at a place of its own. */
  key: string
  kind: 'venue' | 'place'
  name: string
  lat: number
  lng: number
  sessions: number
  approximate: boolean
}

/** A session's place on the map: its venue, or the activity's own place (an event without a venue). */
const placeKeySql = Prisma.sql`COALESCE(v.slug, e.slug)`

/**
 * The places of the sessions that match (inside `box` when given), one row per place with its count: the CTE `places`
 * both map answers read. Sessions are counted per activity first (a hash of 25,000 activities at city scale, not a
 * sort of 100,000 wide rows), then per place.
 */
function livePlacesSql(filters: EventFilters, origin: Origin | undefined, now: Date, box?: MapViewport) {
  const inBox = box
    ? Prisma.sql`AND e.lat BETWEEN ${box.south} AND ${box.north} AND e.lng BETWEEN ${box.west} AND ${box.east}`
    : Prisma.empty
  return Prisma.sql`
    WITH counted AS (
      SELECT e.id, count(*)::int AS sessions
      ${fromSql} ${whereSql(filters, origin, now)} ${inBox}
      GROUP BY e.id
    ), places AS (
      SELECT ${placeKeySql} AS key, CASE WHEN v.id IS NULL THEN 'place' ELSE 'venue' END AS kind,
        COALESCE(v.name, e."placeName", e.title) AS name, e.lat, e.lng, sum(c.sessions)::int AS sessions,
        COALESCE(bool_or(v."locationApproximate"), false) AS approximate
      FROM counted c JOIN "Event" e ON e.id = c.id LEFT JOIN "Venue" v ON v.id = e."venueId"
      GROUP BY 1, 2, 3, 4, 5
    )`
}

/** The roll-up is rebuilt at least this often, so the sessions subtracted for having started since are few. */
const ROLLUP_MAX_AGE_MS = 5 * 60_000
/** pg_try_advisory_xact_lock's key for rebuilding the roll-up: one instance at a time, the others answer live. */
const ROLLUP_LOCK = 22_022
/** The version of what the map shows (migration 0016), as text. */
const mapDataVersionSql = Prisma.sql`SELECT last_value::text || is_called::text FROM "MapDataVersion"`

/** No filter narrows the set: every upcoming session counts (the map's default view, which the roll-up answers). */
function leavesEverySession(filters: EventFilters, now: Date) {
  const window = filterTimeWindow(filters, now)
  const { q, district, town, venueType, category, age, topic, brand, venue, seatsLeft, reach } = filters
  return (
    !window.to &&
    window.from.getTime() === now.getTime() &&
    !(q && keywordTerms(q).length) &&
    [district, town, venueType, category, age, topic, brand, venue, seatsLeft, reach].every(
      (value) => value === undefined || value === false,
    )
  )
}

/**
 * When the map's roll-up (decision 022) was built, if it answers for `now`: built at the current MapDataVersion, not
 * after `now` and not older than ROLLUP_MAX_AGE_MS. Otherwise it is rebuilt here, unless another request (on any
 * instance) is rebuilding it; then undefined, and the caller counts live.
 */
async function mapRollupAsOf(now: Date): Promise<Date | undefined> {
  const [state] = await prisma.$queryRaw<Array<{ asOf: Date; current: boolean }>>`
    SELECT s."asOf", s.version = (${mapDataVersionSql}) AS current
    FROM "MapPlaceState" s WHERE s.id = 1`
  if (state?.current && state.asOf <= now && now.getTime() - state.asOf.getTime() < ROLLUP_MAX_AGE_MS) return state.asOf
  return rebuildMapRollup(now)
}

/** Rebuilds the roll-up as of `now` in one transaction; undefined if another rebuild holds the lock. */
export async function rebuildMapRollup(now: Date): Promise<Date | undefined> {
  return prisma.$transaction(async (tx) => {
    const [{ locked }] = await tx.$queryRaw<[{ locked: boolean }]>`SELECT pg_try_advisory_xact_lock(${ROLLUP_LOCK}) AS locked`
    if (!locked) return undefined
    // Read before the rows are counted: a change committing meanwhile moves the version past this one, so the next
    // map request rebuilds again rather than trusting rows that may have missed it.
    const [{ version }] = await tx.$queryRaw<[{ version: string }]>`SELECT (${mapDataVersionSql}) AS version`
    await tx.$executeRaw`DELETE FROM "MapPlace"`
    await tx.$executeRaw`${livePlacesSql({ page: 1 }, undefined, now)}
      INSERT INTO "MapPlace" (key, kind, name, lat, lng, sessions, approximate)
      SELECT key, kind, name, lat, lng, sessions, approximate FROM places`
    await tx.$executeRaw`INSERT INTO "MapPlaceState" (id, version, "asOf") VALUES (1, ${version}, ${now})
      ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, "asOf" = EXCLUDED."asOf"`
    return now
  })
}

/**
 * The CTE `places` from the roll-up built at `asOf`, less the sessions that started between then and `now`: the same
 * rows as livePlacesSql without filters, from a few thousand narrow rows instead of every upcoming session.
 */
function rollupPlacesSql(asOf: Date, now: Date, box?: MapViewport) {
  const inBox = box
    ? Prisma.sql`AND p.lat BETWEEN ${box.south} AND ${box.north} AND p.lng BETWEEN ${box.west} AND ${box.east}`
    : Prisma.empty
  return Prisma.sql`
    WITH started AS (
      SELECT ${placeKeySql} AS key, e.lat, e.lng, count(*)::int AS sessions
      ${fromSql}
      WHERE ${publicSessionSql} AND s."startsAt" > ${asOf} AND s."startsAt" <= ${now}
      GROUP BY 1, 2, 3
    ), places AS (
      SELECT p.key, p.kind, p.name, p.lat, p.lng, (p.sessions - COALESCE(x.sessions, 0))::int AS sessions, p.approximate
      FROM "MapPlace" p LEFT JOIN started x ON x.key = p.key AND x.lat = p.lat AND x.lng = p.lng
      WHERE p.sessions > COALESCE(x.sessions, 0) ${inBox}
    )`
}

/** The CTE `places` for these filters: from the roll-up when nothing narrows the set and it is current, else live. */
async function placesSql(
  filters: EventFilters,
  origin: Origin | undefined,
  now: Date,
  box: MapViewport | undefined,
  { rollup = true }: { rollup?: boolean } = {},
) {
  const asOf = rollup && leavesEverySession(filters, now) ? await mapRollupAsOf(now) : undefined
  return asOf ? rollupPlacesSql(asOf, now, box) : livePlacesSql(filters, origin, now, box)
}

/** The places of every session that matches, one point per place with its count (the map's markers). */
export async function searchMapPoints(
  filters: EventFilters,
  { now = new Date(), rollup = true }: { now?: Date; rollup?: boolean } = {},
): Promise<MapPoint[]> {
  const origin = await resolveOrigin(filters)
  return prisma.$queryRaw<MapPoint[]>`${await placesSql(filters, origin, now, undefined, { rollup })} SELECT * FROM places ORDER BY key`
}

/** A place near the origin with matching sessions, and how far it is (metres, straight line). */
export type NearPlace = { lat: number; lng: number; metres: number }

/**
 * The places nearest the origin that have matching sessions (issue 30), nearest first: the home map fits the person
 * and these after "near me", and offers the 15-minute walk only when the nearest lies inside it. Empty without an
 * origin. One statement over the same WHERE clause as the list.
 */
export async function nearestPlaces(filters: EventFilters, { now = new Date(), limit = 3 } = {}): Promise<NearPlace[]> {
  const origin = await resolveOrigin(filters)
  if (!origin) return []
  const rows = await prisma.$queryRaw<NearPlace[]>`
    SELECT e.lat, e.lng, min(${distanceSql(origin)})::float8 AS metres
    ${fromSql} ${whereSql(filters, origin, now)}
    GROUP BY e.lat, e.lng
    ORDER BY 3, 1, 2
    LIMIT ${limit}`
  return rows.map((row) => ({ lat: row.lat, lng: row.lng, metres: Math.round(row.metres) }))
}

/** A session in a map popup: when, and which activity (its page is the link). */
export type PlaceSession = { id: string; startsAt: Date; endsAt: Date; title: string; eventSlug: string }

/** How many popup dates a place lists; the rest are one link away on the venue's or activity's page. */
export const PLACE_SESSIONS_SHOWN = 3

/**
 * The next matching sessions at one place of the map (issue 30), for its popup, fetched when it opens so the map's
 * answers stay roll-ups (decisions 021, 022): a venue by its slug, or an activity held at its own place by its slug.
 */
export async function placeSessions(
  filters: EventFilters,
  place: { kind: 'venue' | 'place'; key: string },
  { now = new Date() } = {},
): Promise<{ sessions: PlaceSession[]; total: number }> {
  const origin = await resolveOrigin(filters)
  const at = place.kind === 'venue' ? Prisma.sql`v.slug = ${place.key}` : Prisma.sql`v.id IS NULL AND e.slug = ${place.key}`
  const where = Prisma.sql`${whereSql(filters, origin, now)} AND ${at}`
  const [sessions, [{ total }]] = await Promise.all([
    prisma.$queryRaw<PlaceSession[]>`
      SELECT s.id, s."startsAt", s."endsAt", e.title, e.slug AS "eventSlug"
      ${fromSql} ${where}
      ORDER BY s."startsAt", s.id
      LIMIT ${PLACE_SESSIONS_SHOWN}`,
    prisma.$queryRaw<[{ total: number }]>`SELECT count(*)::int AS total ${fromSql} ${where}`,
  ])
  return { sessions, total }
}

/** Several places close together at this zoom: one marker with how many, which zooms in when clicked. */
export type MapCluster = { kind: 'cluster'; lat: number; lng: number; places: number; sessions: number }

/** About this many screen pixels per cluster cell: markers 22 px wide stay apart. */
const CELL_PIXELS = 64
/** However large the box asked for, at most this many cells across it: the answer stays small (issue 17). */
const MAX_CELLS_ACROSS = 40

/**
 * The map's markers for what its viewport shows (issue 17): the places of matching sessions inside the box, grouped
 * in SQL into a grid whose cells are about CELL_PIXELS wide at the zoom. A cell with one place is that place; a
 * cell with more is a cluster with its counts, at their mean position. Both databases run the same SQL, and no
 * process keeps an index of its own (a supercluster index per filter would live in one process's memory).
 */
export async function searchMapCells(
  filters: EventFilters,
  viewport: MapViewport,
  { now = new Date(), rollup = true }: { now?: Date; rollup?: boolean } = {},
): Promise<Array<MapPoint | MapCluster>> {
  const origin = await resolveOrigin(filters)
  const degreesPerPixel = 360 / (256 * 2 ** viewport.zoom)
  const span = Math.max(viewport.east - viewport.west, viewport.north - viewport.south)
  const cell = Math.max(CELL_PIXELS * degreesPerPixel, span / MAX_CELLS_ACROSS)
  const rows = await prisma.$queryRaw<Array<MapPoint & { places: number }>>`
    ${await placesSql(filters, origin, now, viewport, { rollup })}
    SELECT count(*)::int AS places, sum(sessions)::int AS sessions, avg(lat)::float8 AS lat, avg(lng)::float8 AS lng,
      min(key) AS key, min(kind) AS kind, min(name) AS name, bool_or(approximate) AS approximate
    FROM places
    GROUP BY floor(lat / ${cell}), floor(lng / ${cell})
    ORDER BY 1 DESC, 5`
  return rows.map(({ places, ...row }) =>
    places === 1 ? row : { kind: 'cluster' as const, lat: round6(row.lat), lng: round6(row.lng), places, sessions: row.sessions },
  )
}

const round6 = (degrees: number) => Math.round(degrees * 1e6) / 1e6

type FilterChoices = Awaited<ReturnType<typeof loadFilterChoices>>
let cachedChoices: { value: Promise<FilterChoices>; expires: number } | undefined
const CHOICES_TTL_MS = 60_000

/**
 * The choices the filter form offers: active districts with their 街镇, brands, topics in use. Read on every
 * page view, changed rarely, so each instance keeps them for a minute (a cache, not state: any instance
 * can rebuild it from the database).
 */
export function filterChoices(now = Date.now()): Promise<FilterChoices> {
  if (!cachedChoices || cachedChoices.expires < now) {
    const value = loadFilterChoices()
    cachedChoices = { value, expires: now + CHOICES_TTL_MS }
    value.catch(() => {
      cachedChoices = undefined
    })
  }
  return cachedChoices.value
}

async function loadFilterChoices() {
  const [districts, brands, topics] = await Promise.all([
    prisma.district.findMany({
      where: { active: true },
      orderBy: { code: 'asc' },
      select: { slug: true, name: true, nameEn: true, towns: { orderBy: { name: 'asc' }, select: { id: true, name: true, nameEn: true } } },
    }),
    prisma.programmeBrand.findMany({ orderBy: { name: 'asc' }, select: { slug: true, name: true } }),
    prisma.$queryRaw<Array<{ topic: string }>>`
      SELECT DISTINCT unnest(topics) AS topic FROM "Event" WHERE status = 'PUBLISHED' ORDER BY 1 LIMIT 200`,
  ])
  return { districts, brands, topics: topics.map((t) => t.topic) }
}
