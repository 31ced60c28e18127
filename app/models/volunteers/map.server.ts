// Open volunteer roles on a map (issue 26, decision 033): the places with open roles under the /volunteers list's
// own filters (district, date, skill), one marker per place with its count of roles, and a popup that lists a
// place's roles, each linking to /volunteers/roles/:id. A role's place is its venue (a role on a session at a venue
// carries the venue: postRole writes it), else its session's own place (an activity away from any venue).
// Counted live, in one grouped statement: open roles are few beside sessions (about 2,000 posted a month against
// 100,000 upcoming sessions, decision 022), the answer is one row per place, capped, and the filters narrow it
// through the (status, startsAt) and (districtId, startsAt) indexes. The session map's roll-up is not touched.
import { Prisma } from '@prisma/client'
import { prisma } from '~/utils/infra/db.server'
import { openRoleWhere, roleFilterDay, type OpenRoleFilters } from './roles.server'

/** At most this many places in one answer (Shanghai has a few hundred places that host roles in a month). */
export const ROLE_PLACES_CAP = 500

export type RolePlace = {
  kind: 'venue' | 'place'
  key: string
  name: string
  lat: number
  lng: number
  roles: number
  /** Places still free across the place's roles (a full role that keeps a waiting line still counts as a role). */
  free: number
}

/** Places with open roles under the filters, soonest first. */
export async function openRolePlaces(filters: OpenRoleFilters, now = new Date()): Promise<RolePlace[]> {
  const day = roleFilterDay(filters.date)
  const where = [
    Prisma.sql`r.status = 'OPEN'`,
    Prisma.sql`r."startsAt" > ${now}`,
    filters.district ? Prisma.sql`r."districtId" = (SELECT id FROM "District" WHERE slug = ${filters.district})` : null,
    filters.skill ? Prisma.sql`${filters.skill} = ANY(r.skills)` : null,
    day ? Prisma.sql`r."startsAt" >= ${day.from} AND r."startsAt" < ${day.to}` : null,
  ].filter((part): part is Prisma.Sql => part !== null)
  // Grouped by venue id first (a few hundred groups), the names and positions joined after; a role away from any
  // venue finds its activity through its session's primary key, only for those roles.
  const rows = await prisma.$queryRaw<Array<RolePlace & { first: Date }>>`
    WITH grouped AS (
      SELECT r."venueId",
             CASE WHEN r."venueId" IS NULL THEN (SELECT s."eventId" FROM "EventSession" s WHERE s.id = r."sessionId") END AS "eventId",
             count(*)::int AS roles,
             sum(GREATEST(r.headcount - r.filled, 0))::int AS free,
             min(r."startsAt") AS first
      FROM "VolunteerRole" r
      WHERE ${Prisma.join(where, ' AND ')}
      GROUP BY 1, 2
    )
    SELECT CASE WHEN v.id IS NOT NULL THEN 'venue' ELSE 'place' END AS kind,
           COALESCE(v.slug, e.slug) AS key,
           COALESCE(v.name, e."placeName", e.title) AS name,
           COALESCE(v.lat, e.lat) AS lat,
           COALESCE(v.lng, e.lng) AS lng,
           g.roles,
           g.free,
           g.first
    FROM grouped g
    LEFT JOIN "Venue" v ON v.id = g."venueId"
    LEFT JOIN "Event" e ON e.id = g."eventId"
    WHERE v.id IS NOT NULL OR e.id IS NOT NULL
    ORDER BY g.first, 2
    LIMIT ${ROLE_PLACES_CAP}`
  return rows.map(({ first: _first, ...place }) => place)
}

/** The open roles at one place (for its map popup), soonest first, with how many there are. */
export async function rolesAtPlace(filters: OpenRoleFilters, place: { kind: 'venue' | 'place'; key: string }, now = new Date()) {
  let at: Prisma.VolunteerRoleWhereInput
  if (place.kind === 'venue') {
    const venue = await prisma.venue.findUnique({ where: { slug: place.key }, select: { id: true } })
    if (!venue) return { roles: [], total: 0 }
    at = { venueId: venue.id }
  } else at = { venueId: null, session: { event: { slug: place.key, venueId: null } } }
  const where: Prisma.VolunteerRoleWhereInput = { AND: [openRoleWhere(filters, now), at] }
  const [roles, total] = await Promise.all([
    prisma.volunteerRole.findMany({
      where,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      take: 8,
      select: { id: true, title: true, startsAt: true },
    }),
    prisma.volunteerRole.count({ where }),
  ])
  return { roles, total }
}
