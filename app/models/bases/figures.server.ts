// 科普基地 yearly 考核 (issue 27 points 3-5, decision 036): the figures of a report. Measured ones are counted from
// Kepu's own records for one venue and one Shanghai calendar year, in one SQL statement; declared ones are what the
// base states (what Kepu cannot know, and its overrides of measured ones). The scoring sheet of a level reads them.
import { Prisma } from '@prisma/client'
import { parseShanghaiDate } from '~/utils/shanghai-time'
import type { Figures, MeasuredKey } from './labels'
import type { PrismaClient } from '@prisma/client'
import type { Tx } from '~/utils/infra/db.server'

export function yearBounds(year: number) {
  return { from: parseShanghaiDate(`${year}-01-01`)!, to: parseShanghaiDate(`${year + 1}-01-01`)! }
}

type Row = Record<Exclude<MeasuredKey, 'volunteerHours'> | 'volunteerMinutes', number>

/**
 * What Kepu recorded at the venue in the Shanghai calendar year, up to `now`: sessions held (published, not an
 * example, not cancelled, started by `now`) and their open days, activities, people registered (confirmed or
 * attended, party sizes) and checked in; school visits marked done and the pupils who came; 科普菜单 orders of the
 * venue's organisation delivered; 科普护照 stamps at the venue; volunteer minutes credited on roles at the venue or on
 * its sessions. One statement.
 */
export async function measureVenueYear(
  db: Tx | PrismaClient,
  venue: { id: string; organisationId: string | null },
  year: number,
  now = new Date(),
): Promise<Record<MeasuredKey, number>> {
  const { from, to } = yearBounds(year)
  const until = now < to ? now : to
  const [row] = await db.$queryRaw<Row[]>(Prisma.sql`
    WITH held AS (
      SELECT s.id, s."eventId", s."startsAt"
      FROM "EventSession" s JOIN "Event" e ON e.id = s."eventId"
      WHERE e."venueId" = ${venue.id} AND e.status <> 'DRAFT' AND NOT e."isExample" AND s.status = 'SCHEDULED'
        AND s."startsAt" >= ${from} AND s."startsAt" < ${until}
    ), people AS (
      SELECT COALESCE(sum(r."partySize") FILTER (WHERE r.status IN ('CONFIRMED', 'ATTENDED')), 0) AS registered,
        COALESCE(sum(r."partySize") FILTER (WHERE r.status = 'ATTENDED'), 0) AS attended
      FROM "Registration" r JOIN held ON held.id = r."sessionId"
    ), school AS (
      SELECT count(*) AS visits, COALESCE(sum(b."attendedStudents"), 0) AS pupils
      FROM "SchoolBooking" b
      WHERE b."venueId" = ${venue.id} AND b.status = 'DONE' AND b."startsAt" >= ${from} AND b."startsAt" < ${until}
    )
    SELECT
      (SELECT count(DISTINCT to_char(held."startsAt" + interval '8 hours', 'YYYY-MM-DD')) FROM held)::int AS "openDays",
      (SELECT count(DISTINCT held."eventId") FROM held)::int AS activities,
      (SELECT count(*) FROM held)::int AS sessions,
      (SELECT registered FROM people)::int AS registered,
      (SELECT attended FROM people)::int AS "checkedIn",
      (SELECT visits FROM school)::int AS "schoolVisits",
      (SELECT pupils FROM school)::int AS "schoolPupils",
      (SELECT count(*) FROM "MenuOrder" o JOIN "MenuItem" i ON i.id = o."menuItemId"
        WHERE i."organisationId" = ${venue.organisationId ?? '-'} AND o.status = 'DELIVERED'
          AND o."deliveredAt" >= ${from} AND o."deliveredAt" < ${until})::int AS "menuDeliveries",
      (SELECT count(*) FROM "PassportStamp" p
        WHERE p."venueId" = ${venue.id} AND p."stampedOn" >= ${`${year}-01-01`} AND p."stampedOn" < ${`${year + 1}-01-01`})::int AS "passportStamps",
      (SELECT COALESCE(sum(sh."creditedMinutes"), 0) FROM "VolunteerShift" sh
        JOIN "VolunteerRole" vr ON vr.id = sh."roleId"
        LEFT JOIN "EventSession" es ON es.id = vr."sessionId"
        LEFT JOIN "Event" ev ON ev.id = es."eventId"
        WHERE (vr."venueId" = ${venue.id} OR ev."venueId" = ${venue.id}) AND sh.credit IN ('CREDITED', 'ADJUSTED')
          AND sh."creditedMinutes" IS NOT NULL AND vr."startsAt" >= ${from} AND vr."startsAt" < ${until})::int AS "volunteerMinutes"
  `)
  const { volunteerMinutes, ...counts } = row
  return { ...counts, volunteerHours: Math.round((volunteerMinutes / 60) * 10) / 10 }
}

// ——— The scoring sheet ———

export type Band = { atLeast: number; points: number }
export type SheetCriterion = { key: string; label: string; points: number; figure?: string; bands?: Band[] }

export function sheetOf(json: Prisma.JsonValue): SheetCriterion[] {
  if (!Array.isArray(json)) return []
  return json.flatMap((c) => {
    if (!c || typeof c !== 'object' || Array.isArray(c)) return []
    if (typeof c.key !== 'string' || typeof c.label !== 'string' || typeof c.points !== 'number') return []
    const bands = Array.isArray(c.bands)
      ? c.bands
          .flatMap((b) =>
            b && typeof b === 'object' && !Array.isArray(b) && typeof b.atLeast === 'number' && typeof b.points === 'number'
              ? [{ atLeast: b.atLeast, points: Math.min(b.points, c.points as number) }]
              : [],
          )
          .sort((a, b) => b.atLeast - a.atLeast)
      : undefined
    return [
      {
        key: c.key,
        label: c.label,
        points: c.points,
        ...(typeof c.figure === 'string' ? { figure: c.figure } : {}),
        ...(bands ? { bands } : {}),
      },
    ]
  })
}

export const sheetTotal = (sheet: SheetCriterion[]) => sheet.reduce((sum, c) => sum + c.points, 0)

/** The points a figure earns on a criterion: the first band (highest first) it reaches, else 0; null without bands. */
export function bandPoints(criterion: SheetCriterion, value: number | undefined): number | null {
  if (!criterion.bands || !criterion.figure || value === undefined) return null
  return criterion.bands.find((b) => value >= b.atLeast)?.points ?? 0
}

export function figuresOf(json: Prisma.JsonValue): Figures {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return {}
  return Object.fromEntries(Object.entries(json).filter((e): e is [string, number] => typeof e[1] === 'number'))
}

/** The figure a criterion reads: the base's declared value when it gave one (an override), else Kepu's measure. */
export function figureFor(key: string, measured: Figures, declared: Figures): number | undefined {
  return (declared as Record<string, number>)[key] ?? (measured as Record<string, number>)[key]
}

export type ResultBands = { excellent: number; good: number; pass: number }
export const DEFAULT_BANDS: ResultBands = { excellent: 90, good: 75, pass: 60 }
export const RESULTS = ['优秀', '优良', '合格', '不合格'] as const
export type Result = (typeof RESULTS)[number]

/** The result of a total out of `max` by the district's bands (percent, the lower bound included). */
export function resultOf(total: number, max: number, bands: ResultBands): Result {
  const percent = max > 0 ? (total * 100) / max : 0
  if (percent >= bands.excellent) return '优秀'
  if (percent >= bands.good) return '优良'
  if (percent >= bands.pass) return '合格'
  return '不合格'
}
