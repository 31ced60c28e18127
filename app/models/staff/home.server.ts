// The staff home's "to do" figures: school requests waiting for an answer, 菜单 orders waiting for the provider,
// and sessions starting today (Shanghai day). Each counts exactly what its list shows, in the same scope.
import { menuItemScope } from '~/models/menu/menu.server'
import { prisma } from '~/utils/infra/db.server'
import { eventScope, venueScope } from '~/utils/permissions.server'
import { addDays, startOfShanghaiDay } from '~/utils/shanghai-time'
import type { Staff } from '~/utils/auth.server'

export type StaffHomeCounts = { pendingSchoolRequests: number; pendingMenuOrders: number; sessionsToday: number }

/** Sessions of the staff member's published activities that start on the Shanghai day of `now`. */
export function sessionsTodayWhere(staff: Staff, now: Date) {
  const from = startOfShanghaiDay(now)
  return {
    status: 'SCHEDULED' as const,
    startsAt: { gte: from, lt: addDays(from, 1) },
    event: { AND: [eventScope(staff), { status: 'PUBLISHED' as const }] },
  }
}

export async function staffHomeCounts(staff: Staff, now = new Date()): Promise<StaffHomeCounts> {
  const [pendingSchoolRequests, pendingMenuOrders, sessionsToday] = await Promise.all([
    // As the school bookings page's "待处理": pending requests for visits still to come.
    prisma.schoolBooking.count({ where: { venue: venueScope(staff), status: 'PENDING', startsAt: { gte: now } } }),
    // As the 菜单 orders page filtered to "REQUESTED": the provider has not answered yet.
    prisma.menuOrder.count({ where: { menuItem: menuItemScope(staff), status: 'REQUESTED' } }),
    prisma.eventSession.count({ where: sessionsTodayWhere(staff, now) }),
  ])
  return { pendingSchoolRequests, pendingMenuOrders, sessionsToday }
}

/** Today's sessions for the home page's list, in start order. */
export function listSessionsToday(staff: Staff, now = new Date()) {
  return prisma.eventSession.findMany({
    where: sessionsTodayWhere(staff, now),
    orderBy: { startsAt: 'asc' },
    select: { id: true, startsAt: true, endsAt: true, capacity: true, seatsTaken: true, event: { select: { id: true, title: true } } },
  })
}

/** The coming sessions of the staff member's published activities (the next 15, in start order). */
export function listUpcomingSessions(staff: Staff, now = new Date()) {
  return prisma.eventSession.findMany({
    where: { status: 'SCHEDULED', endsAt: { gt: now }, event: { AND: [eventScope(staff), { status: 'PUBLISHED' }] } },
    orderBy: { startsAt: 'asc' },
    take: 15,
    select: { id: true, startsAt: true, capacity: true, seatsTaken: true, event: { select: { id: true, title: true } } },
  })
}

/** The staff member's activities still in draft. */
export function countDraftEvents(staff: Staff) {
  return prisma.event.count({ where: { AND: [eventScope(staff), { status: 'DRAFT' }] } })
}

/** The venues in the staff member's scope. */
export function countVenues(staff: Staff) {
  return prisma.venue.count({ where: venueScope(staff) })
}
