// 科普志愿者 figures for the dashboard, per district (null: every district) and Shanghai month of a year:
// volunteers registered (profiles made that month, counted in each district they chose), active (distinct
// volunteers with time credited on the district's roles, per month and for the year), hours credited, roles
// posted and filled (a role is filled when its accepted volunteers reach its headcount) and no-shows (places held
// on roles that ended without a check-in). Roles count in the month of their arrival time; cancelled roles do not.
import { Prisma } from '@prisma/client'
import { prisma } from '~/utils/infra/db.server'
import { parseShanghaiDate } from '~/utils/shanghai-time'

const OFFSET = Prisma.sql`interval '8 hours'`

export type VolunteerMonthRow = {
  month: number
  registered: number
  active: number
  creditedMinutes: number
  rolesPosted: number
  rolesFilled: number
  noShows: number
}

export async function volunteerFigures(districtId: string | null, year: number, now = new Date()) {
  const from = parseShanghaiDate(`${year}-01-01`)!
  const to = parseShanghaiDate(`${year + 1}-01-01`)!
  const inRoleDistrict = districtId ? Prisma.sql`r."districtId" = ${districtId}` : Prisma.sql`true`
  const [registered, roles, shifts, activeYear] = await Promise.all([
    prisma.$queryRaw<Array<{ month: number; n: number }>>`
      SELECT EXTRACT(MONTH FROM v."createdAt" + ${OFFSET})::int AS month, count(*)::int AS n
      FROM "Volunteer" v
      WHERE v."residentId" IS NOT NULL AND v."createdAt" >= ${from} AND v."createdAt" < ${to}
        ${districtId ? Prisma.sql`AND ${districtId} = ANY(v."districtIds")` : Prisma.empty}
      GROUP BY 1`,
    prisma.$queryRaw<Array<{ month: number; posted: number; filled: number }>>`
      SELECT EXTRACT(MONTH FROM r."startsAt" + ${OFFSET})::int AS month, count(*)::int AS posted,
        count(*) FILTER (WHERE r.filled >= r.headcount)::int AS filled
      FROM "VolunteerRole" r
      WHERE ${inRoleDistrict} AND r.status = 'OPEN' AND r."startsAt" >= ${from} AND r."startsAt" < ${to}
      GROUP BY 1`,
    prisma.$queryRaw<Array<{ month: number; active: number; minutes: number; noshows: number }>>`
      SELECT EXTRACT(MONTH FROM r."startsAt" + ${OFFSET})::int AS month,
        count(DISTINCT s."volunteerId") FILTER (WHERE s.credit IN ('CREDITED', 'ADJUSTED') AND s."creditedMinutes" > 0)::int AS active,
        COALESCE(sum(s."creditedMinutes") FILTER (WHERE s.credit IN ('CREDITED', 'ADJUSTED')), 0)::int AS minutes,
        count(*) FILTER (WHERE s.status = 'ACCEPTED' AND s."checkedInAt" IS NULL AND r."endsAt" <= ${now})::int AS noshows
      FROM "VolunteerShift" s JOIN "VolunteerRole" r ON r.id = s."roleId"
      WHERE ${inRoleDistrict} AND r.status = 'OPEN' AND r."startsAt" >= ${from} AND r."startsAt" < ${to}
      GROUP BY 1`,
    prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(DISTINCT s."volunteerId")::int AS n
      FROM "VolunteerShift" s JOIN "VolunteerRole" r ON r.id = s."roleId"
      WHERE ${inRoleDistrict} AND r.status = 'OPEN' AND r."startsAt" >= ${from} AND r."startsAt" < ${to}
        AND s.credit IN ('CREDITED', 'ADJUSTED') AND s."creditedMinutes" > 0`,
  ])
  const months: VolunteerMonthRow[] = Array.from({ length: 12 }, (_, i) => {
    const month = i + 1
    const r = roles.find((x) => x.month === month)
    const s = shifts.find((x) => x.month === month)
    return {
      month,
      registered: registered.find((x) => x.month === month)?.n ?? 0,
      active: s?.active ?? 0,
      creditedMinutes: s?.minutes ?? 0,
      rolesPosted: r?.posted ?? 0,
      rolesFilled: r?.filled ?? 0,
      noShows: s?.noshows ?? 0,
    }
  })
  const sum = (key: keyof VolunteerMonthRow) => months.reduce((total, m) => total + m[key], 0)
  return {
    months,
    totals: {
      registered: sum('registered'),
      activeThisYear: activeYear[0]?.n ?? 0,
      creditedMinutes: sum('creditedMinutes'),
      rolesPosted: sum('rolesPosted'),
      rolesFilled: sum('rolesFilled'),
      noShows: sum('noShows'),
    },
  }
}
