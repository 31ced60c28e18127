// What the public home page lists: active districts with their venues and upcoming sessions.
import { prisma } from '~/utils/db.server'

export async function listActiveDistricts() {
  return prisma.district.findMany({
    where: { active: true },
    orderBy: { code: 'asc' },
    select: { id: true, slug: true, name: true, _count: { select: { venues: true } } },
  })
}

export async function listVenuesByDistrict(districtIds: string[]) {
  return prisma.venue.findMany({
    where: { districtId: { in: districtIds }, openToPublic: true },
    orderBy: [{ type: 'asc' }, { name: 'asc' }],
    select: {
      id: true, slug: true, name: true, type: true, level: true, address: true, districtId: true,
      locationApproximate: true, town: { select: { name: true } },
    },
  })
}

export async function listUpcomingSessions({ now = new Date(), take = 200 }: { now?: Date; take?: number } = {}) {
  const sessions = await prisma.eventSession.findMany({
    where: { startsAt: { gt: now }, status: 'SCHEDULED', event: { status: 'PUBLISHED', district: { active: true } } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take,
    select: {
      id: true, startsAt: true, endsAt: true, capacity: true, seatsTaken: true,
      event: {
        select: {
          slug: true, title: true, category: true, isExample: true, audienceMinAge: true, audienceMaxAge: true,
          audienceNote: true, districtId: true, placeName: true,
          venue: { select: { slug: true, name: true } }, brand: { select: { name: true } },
        },
      },
    },
  })
  return sessions.map(({ capacity, seatsTaken, ...session }) => ({ ...session, capacity, seatsLeft: capacity - seatsTaken }))
}
