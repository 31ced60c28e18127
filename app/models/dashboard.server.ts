// The district dashboard: what the portal recorded in a year, month by month, beside the figures the plans
// report and the targets they set (seeded as PlanFigure). Metrics the portal cannot measure yet say so. A district
// id of null is every district (platform admins): the figures summed, each plan figure measured in its district.
// A session counts once it has started or once someone is checked in at it (check-in opens 3 hours before).
import { Prisma, type VenueLevel, type VenueType } from '@prisma/client'
import { basesFigures } from '~/models/bases/review.server'
import { deliveredCount } from '~/models/menu/menu.server'
import { onlineReachTotal, REACH_RULE } from '~/models/online/reach.server'
import { VENUE_LEVELS, VENUE_TYPES } from '~/models/venue/schema'
import { prisma } from '~/utils/infra/db.server'
import { parseShanghaiDate, shanghaiDateKey } from '~/utils/shanghai-time'

const OFFSET = Prisma.sql`interval '8 hours'` // Shanghai time, for months

export type MonthRow = { month: number; activities: number; sessions: number; seats: number; registered: number; attended: number }
export type SchoolMonthRow = { month: number; visits: number; students: number }

/** School visits and 进校园 marked done in the year, by Shanghai month: how many, and the students who came. */
export async function schoolMonthlyFigures(districtId: string | null, year: number): Promise<SchoolMonthRow[]> {
  const { from, to } = yearBounds(year)
  const rows = await prisma.$queryRaw<SchoolMonthRow[]>`
    SELECT EXTRACT(MONTH FROM b."startsAt" + ${OFFSET})::int AS month, count(*)::int AS visits, COALESCE(sum(b."attendedStudents"), 0)::int AS students
    FROM "SchoolBooking" b JOIN "Venue" v ON v.id = b."venueId"
    WHERE ${districtId ? Prisma.sql`v."districtId" = ${districtId}` : Prisma.sql`true`} AND b.status = 'DONE' AND b."startsAt" >= ${from} AND b."startsAt" < ${to}
    GROUP BY 1 ORDER BY 1`
  return Array.from({ length: 12 }, (_, i) => rows.find((r) => r.month === i + 1) ?? { month: i + 1, visits: 0, students: 0 })
}

function yearBounds(year: number) {
  return { from: parseShanghaiDate(`${year}-01-01`)!, to: parseShanghaiDate(`${year + 1}-01-01`)! }
}

/**
 * Sessions held in the year (started, or with someone checked in), by Shanghai month: activities, sessions, seats
 * offered, people registered (confirmed or attended) and people who attended. Example activities count only on
 * request.
 */
export async function monthlyFigures(
  districtId: string | null,
  year: number,
  { includeExamples = false, now = new Date(), venueType }: { includeExamples?: boolean; now?: Date; venueType?: VenueType } = {},
): Promise<MonthRow[]> {
  const { from, to } = yearBounds(year)
  const rows = await prisma.$queryRaw<MonthRow[]>`
    SELECT EXTRACT(MONTH FROM s."startsAt" + ${OFFSET})::int AS month,
      count(DISTINCT s."eventId")::int AS activities, count(*)::int AS sessions, COALESCE(sum(s.capacity), 0)::int AS seats,
      COALESCE(sum(r.registered), 0)::int AS registered, COALESCE(sum(r.attended), 0)::int AS attended
    FROM "EventSession" s
    JOIN "Event" e ON e.id = s."eventId"
    LEFT JOIN "Venue" v ON v.id = e."venueId"
    LEFT JOIN LATERAL (
      SELECT sum("partySize") FILTER (WHERE status IN ('CONFIRMED', 'ATTENDED')) AS registered,
        sum("partySize") FILTER (WHERE status = 'ATTENDED') AS attended
      FROM "Registration" WHERE "sessionId" = s.id
    ) r ON true
    WHERE ${districtId ? Prisma.sql`e."districtId" = ${districtId}` : Prisma.sql`true`} AND e.status <> 'DRAFT' AND s.status = 'SCHEDULED'
      AND s."startsAt" >= ${from} AND s."startsAt" < ${to} AND (s."startsAt" <= ${now} OR r.attended > 0)
      ${includeExamples ? Prisma.empty : Prisma.sql`AND NOT e."isExample"`}
      ${venueType ? Prisma.sql`AND v.type = ${venueType}::"VenueType"` : Prisma.empty}
    GROUP BY 1 ORDER BY 1`
  return Array.from(
    { length: 12 },
    (_, i) => rows.find((r) => r.month === i + 1) ?? { month: i + 1, activities: 0, sessions: 0, seats: 0, registered: 0, attended: 0 },
  )
}

export function totals(rows: MonthRow[]) {
  return rows.reduce(
    (sum, r) => ({
      activities: sum.activities + r.activities,
      sessions: sum.sessions + r.sessions,
      seats: sum.seats + r.seats,
      registered: sum.registered + r.registered,
      attended: sum.attended + r.attended,
    }),
    { activities: 0, sessions: 0, seats: 0, registered: 0, attended: 0 },
  )
}

/** Distinct activities held over the year (an activity with sessions in two months counts once). */
async function activitiesHeld(
  districtId: string | null,
  year: number,
  includeExamples: boolean,
  now: Date,
  venueType?: VenueType,
): Promise<number> {
  const { from, to } = yearBounds(year)
  return prisma.event.count({
    where: {
      ...(districtId ? { districtId } : {}),
      status: { not: 'DRAFT' },
      ...(includeExamples ? {} : { isExample: false }),
      ...(venueType ? { venue: { type: venueType } } : {}),
      sessions: {
        some: {
          status: 'SCHEDULED',
          startsAt: { gte: from, lt: to },
          OR: [{ startsAt: { lte: now } }, { registrations: { some: { status: 'ATTENDED' } } }],
        },
      },
    },
  })
}

const venueTypes = new Set<string>(VENUE_TYPES)
const venueLevels = new Set<string>(VENUE_LEVELS)
const asType = (value?: string) => (value && venueTypes.has(value) ? (value as VenueType) : undefined)
const asLevel = (value?: string) => (value && venueLevels.has(value) ? (value as VenueLevel) : undefined)

/**
 * What the portal measures for a plan metric in a district and year, or null when it records nothing of the
 * kind yet. Metric names are those of seeds/plan-figures.ts.
 */
export async function measure(
  metric: string,
  districtId: string,
  year: number,
  { includeExamples = false, now = new Date() } = {},
): Promise<number | null> {
  const [name, first, second] = metric.split(':')
  switch (name) {
    case 'venues':
      return asType(first)
        ? prisma.venue.count({ where: { districtId, type: asType(first) } })
        : prisma.venue.count({ where: { districtId } })
    case 'venues_open_to_public':
      return prisma.venue.count({ where: { districtId, openToPublic: true } })
    case 'passport_venues':
      return prisma.venue.count({ where: { districtId, stampsPassport: true } })
    case 'new_bases':
      return prisma.venue.count({
        where: { districtId, type: 'EDUCATION_BASE', recognisedYear: year, ...(asLevel(first) ? { level: asLevel(first) } : {}) },
      })
    case 'new_venues':
      return prisma.venue.count({
        where: {
          districtId,
          recognisedYear: year,
          ...(asType(first) ? { type: asType(first) } : {}),
          ...(asLevel(second) ? { level: asLevel(second) } : {}),
        },
      })
    case 'activities':
      if (first === 'delivered') return deliveredCount(districtId, yearBounds(year).from, yearBounds(year).to) // 科普菜单 orders delivered
      if (first && !asType(first)) return null // e.g. activities:social — nothing in the portal records it yet
      return activitiesHeld(districtId, year, includeExamples, now, asType(first))
    case 'participants':
      if (first && !asType(first)) return null
      return totals(await monthlyFigures(districtId, year, { includeExamples, now, venueType: asType(first) })).attended
    case 'reach': {
      // 线上 (decision 037): every counted reach of the year; 线上线下: that plus the people checked in at activities.
      const online = await onlineReachTotal(districtId, year)
      if (first === 'online') return online
      if (first === 'online+offline') return online + totals(await monthlyFigures(districtId, year, { includeExamples, now })).attended
      return null
    }
    default:
      return null
  }
}

/** 线下 reach: people checked in at the year's activities (the dashboard's 签到人数). */
export const OFFLINE_RULE = '线下 = 当年活动的签到人数（只计已开始或已有人签到的场次，不含示例活动）。'

/** How a metric is counted, printed beside its figure; null where the label says it all. */
export function metricRule(metric: string): string | null {
  if (metric === 'reach:online') return REACH_RULE
  if (metric === 'reach:online+offline')
    return `${REACH_RULE} ${OFFLINE_RULE} 门户还不能区分哪些属于科技节、科普日等主题活动，这里是全区全年的合计。`
  return null
}

/** A district's name and slug, for naming a dashboard download. */
export function dashboardDistrict(districtId: string) {
  return prisma.district.findUniqueOrThrow({ where: { id: districtId }, select: { name: true, slug: true } })
}

/** 线上 and 线下 reach of a year per active district (platform admins compare districts). */
export async function reachPerDistrict(year: number, { includeExamples = false, now = new Date() } = {}) {
  const districts = await prisma.district.findMany({ where: { active: true }, orderBy: { code: 'asc' }, select: { id: true, name: true } })
  return Promise.all(
    districts.map(async (d) => ({
      districtId: d.id,
      name: d.name,
      online: await onlineReachTotal(d.id, year),
      offline: totals(await monthlyFigures(d.id, year, { includeExamples, now })).attended,
    })),
  )
}

export async function districtDashboard(districtId: string | null, year: number, { includeExamples = false, now = new Date() } = {}) {
  const inDistrict = districtId ? { districtId } : {}
  const [district, months, schoolMonths, openVenues, newBases, figures, bases] = await Promise.all([
    districtId
      ? prisma.district.findUniqueOrThrow({ where: { id: districtId }, select: { id: true, name: true } })
      : { id: null, name: '全部区' },
    monthlyFigures(districtId, year, { includeExamples, now }),
    schoolMonthlyFigures(districtId, year),
    prisma.venue.count({ where: { ...inDistrict, openToPublic: true } }),
    prisma.venue.count({ where: { ...inDistrict, type: 'EDUCATION_BASE', recognisedYear: year } }),
    prisma.planFigure.findMany({
      where: { ...inDistrict, year },
      orderBy: [{ district: { code: 'asc' } }, { kind: 'desc' }, { key: 'asc' }],
      include: { district: { select: { name: true } } },
    }),
    basesFigures(districtId, year, now),
  ])
  const planned = await prisma.eventSession.count({
    where: {
      status: 'SCHEDULED',
      startsAt: { gt: now, lt: yearBounds(year).to },
      event: { ...inDistrict, status: 'PUBLISHED', ...(includeExamples ? {} : { isExample: false }) },
    },
  })
  const activities = await activitiesHeld(districtId, year, includeExamples, now)
  const plan = await Promise.all(
    figures.map(async (f) => {
      const measured = await measure(f.metric, f.districtId, year, { includeExamples, now })
      const met = measured === null ? null : f.atLeast ? measured >= f.value : measured === f.value
      return {
        key: districtId ? f.key : `${f.districtId}:${f.key}`,
        label: districtId ? f.label : `${f.district.name}：${f.label}`,
        kind: f.kind,
        value: f.value,
        atLeast: f.atLeast,
        source: f.source,
        metric: f.metric,
        rule: metricRule(f.metric),
        measured,
        met,
      }
    }),
  )
  const school = schoolMonths.reduce((sum, m) => ({ visits: sum.visits + m.visits, students: sum.students + m.students }), {
    visits: 0,
    students: 0,
  })
  return {
    district,
    year,
    months: months.map((m, i) => ({ ...m, schoolVisits: schoolMonths[i].visits, schoolStudents: schoolMonths[i].students })),
    totals: { ...totals(months), activities },
    school,
    openVenues,
    newBases,
    bases,
    planned,
    plan,
  }
}

/** Years that have plan figures or sessions, for the year picker. */
export async function dashboardYears(now = new Date()): Promise<number[]> {
  const rows = await prisma.planFigure.findMany({ distinct: ['year'], select: { year: true } })
  const thisYear = Number(shanghaiDateKey(now).slice(0, 4))
  return [...new Set([thisYear, thisYear + 1, ...rows.map((r) => r.year)])].sort((a, b) => b - a)
}
