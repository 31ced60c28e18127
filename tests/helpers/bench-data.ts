// A city-sized data set for benchmarks: the plans' seed data plus thousands of venues and upcoming events
// spread over the active districts' 街镇, written with createMany. Deterministic (seeded random numbers).
import { EVENT_CATEGORIES } from '~/models/event/schema'
import { seedData } from '../../seeds'
import { seedDatabase } from '../../seeds/load'
import type { EventCategory, PrismaClient, VenueType } from '@prisma/client'

function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const categories: readonly EventCategory[] = EVENT_CATEGORIES
const venueTypes: VenueType[] = [
  'SCIENCE_MUSEUM',
  'EDUCATION_BASE',
  'COMMUNITY_ACADEMY',
  'SCIENCE_VILLAGE',
  'DIGITAL_POINT',
  'RESEARCH_LAB',
  'PARTY_SERVICE_CENTER',
  'SCHOOL',
]
const topics = ['天文', '人工智能', '健康', '农业科技', '生态环保', '物理', '化学', '航天', '海洋', '脑科学', '编程', '安全应急']

/**
 * Writes rows in one statement per batch: the rows go as one JSON parameter that PostgreSQL unpacks
 * (jsonb_to_recordset), so a batch of 10,000 costs one round trip and almost no work in the client (Prisma's
 * createMany binds every value as a parameter of its own). Columns not in the rows take their defaults.
 */
async function insertRows(prisma: PrismaClient, table: string, rows: Array<Record<string, unknown>>, batch = 10_000) {
  if (!rows.length) return
  const columns = Object.keys(rows[0])
  const types = await prisma.$queryRaw<Array<{ column: string; type: string }>>`
    SELECT a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type
    FROM pg_attribute a WHERE a.attrelid = ${`"${table}"`}::regclass AND a.attnum > 0 AND NOT a.attisdropped`
  const typeOf = new Map(types.map((t) => [t.column, t.type]))
  const list = columns.map((c) => `"${c}"`).join(', ')
  const record = columns.map((c) => `"${c}" ${typeOf.get(c)}`).join(', ')
  for (let i = 0; i < rows.length; i += batch)
    await prisma.$executeRawUnsafe(
      `INSERT INTO "${table}" (${list}) SELECT ${list} FROM jsonb_to_recordset($1::jsonb) AS x(${record})`,
      JSON.stringify(rows.slice(i, i + batch)),
    )
}

/**
 * `sessionsPerEvent` upcoming sessions per event; `allDistricts` opens all 16 districts (city scale, issue 17): the
 * 13 without 街镇 in the seed get venues around their centres.
 */
export async function seedBenchData(
  prisma: PrismaClient,
  {
    venues,
    events,
    now,
    sessionsPerEvent = 1,
    allDistricts = false,
  }: { venues: number; events: number; now: Date; sessionsPerEvent?: number; allDistricts?: boolean },
) {
  await seedDatabase(prisma, seedData, { now })
  const rand = random(42)
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]
  if (allDistricts) await prisma.district.updateMany({ data: { active: true } })
  const towns: Array<{ id: string | null; districtId: string; centerLat: number; centerLng: number }> = await prisma.town.findMany({
    where: { district: { active: true } },
    select: { id: true, districtId: true, centerLat: true, centerLng: true },
  })
  if (allDistricts) {
    const withoutTowns = await prisma.district.findMany({
      where: { towns: { none: {} } },
      select: { id: true, centerLat: true, centerLng: true },
    })
    // Each district without 街镇 counts as eight places around its centre, so venues spread over the whole city.
    for (const d of withoutTowns)
      for (let k = 0; k < 8; k++)
        towns.push({
          id: null,
          districtId: d.id,
          centerLat: d.centerLat + (rand() - 0.5) * 0.12,
          centerLng: d.centerLng + (rand() - 0.5) * 0.12,
        })
  }
  const brands = await prisma.programmeBrand.findMany({ select: { id: true } })
  const venueRows = Array.from({ length: venues }, (_, i) => {
    const town = pick(towns)
    return {
      id: `bench-venue-${i}`,
      slug: `bench-venue-${i}`,
      name: `基准场馆 ${i}`,
      type: pick(venueTypes),
      districtId: town.districtId,
      townId: town.id,
      lat: town.centerLat + (rand() - 0.5) * 0.05,
      lng: town.centerLng + (rand() - 0.5) * 0.05,
      source: 'benchmark',
    }
  })
  const stamped = { createdAt: now.toISOString(), updatedAt: now.toISOString() }
  await insertRows(
    prisma,
    'Venue',
    venueRows.map((v) => ({ ...v, ...stamped })),
  )
  const eventRows = Array.from({ length: events }, (_, i) => {
    const venue = pick(venueRows)
    const minAge = rand() < 0.5 ? Math.floor(rand() * 12) : null
    return {
      id: `bench-event-${i}`,
      slug: `bench-event-${i}`,
      // Titles and summaries about as long as real ones, so keyword search (decision 017) reads realistic text.
      title: `基准活动 ${i}：${pick(topics)}${pick(['讲座', '体验营', '开放日', '科学秀'])}`,
      summary: `${pick(topics)}与${pick(topics)}主题的科普活动，适合亲子参加，现场有讲解员与动手体验环节，请提前报名。`,
      description: '基准',
      category: pick(categories),
      topics: [pick(topics), pick(topics)],
      audienceMinAge: minAge,
      audienceMaxAge: minAge === null ? null : minAge + 6,
      venueId: venue.id,
      lat: venue.lat,
      lng: venue.lng,
      districtId: venue.districtId,
      brandId: rand() < 0.3 ? pick(brands).id : null,
      status: 'PUBLISHED' as const,
      maxPartySize: 4,
    }
  })
  await insertRows(
    prisma,
    'Event',
    eventRows.map((e) => ({ ...e, ...stamped })),
  )
  const sessionRows = eventRows.flatMap((event, i) =>
    Array.from({ length: sessionsPerEvent }, (_, k) => {
      const startsAt = new Date(now.getTime() + (1 + rand() * 60 * 24) * 3600_000)
      const capacity = 20 + Math.floor(rand() * 100)
      return {
        id: `bench-session-${i}-${k}`,
        eventId: event.id,
        key: `s${k + 1}`,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
        capacity,
        seatsTaken: rand() < 0.2 ? capacity : Math.floor(rand() * capacity),
        registrationOpensAt: new Date(now.getTime() - 86400_000),
        registrationClosesAt: startsAt,
      }
    }),
  )
  await insertRows(prisma, 'EventSession', sessionRows)
  // What autovacuum (PostgreSQL) or the start-up ANALYZE (scripts/seed.ts) does after a bulk load.
  await prisma.$executeRawUnsafe('ANALYZE')
  return { venues: await prisma.venue.count(), events: await prisma.event.count(), sessions: await prisma.eventSession.count() }
}
