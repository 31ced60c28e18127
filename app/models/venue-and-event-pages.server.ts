// Venue and event pages: what a resident needs to decide and to get there. Sources of the data (plan sections,
// research notes) are for staff pages and the open data, never sent to these pages.
import { sessionWindowSelect } from '~/models/registration/registration.server'
import { readQuestions } from '~/models/registration/schema'
import { prisma } from '~/utils/infra/db.server'

/** schema.org addressRegion for every place the portal lists (data, as written in Chinese addresses). */
export const SHANGHAI_REGION = '上海市'

/** What every public view of a venue shows: its name, kind, address and point, and when it opens. */
export const venueFactsSelect = {
  slug: true,
  name: true,
  type: true,
  level: true,
  address: true,
  lat: true,
  lng: true,
  locationApproximate: true,
  openingHours: true,
} as const

export async function getVenuePage(slug: string, now = new Date()) {
  const venue = await prisma.venue.findUnique({
    where: { slug },
    select: {
      ...venueFactsSelect,
      phone: true,
      website: true,
      accessibility: true,
      description: true,
      openToPublic: true,
      takesSchoolVisits: true,
      schoolOffer: { select: { active: true } },
      stampsPassport: true,
      district: { select: { name: true, nameEn: true, slug: true, active: true } },
      town: { select: { id: true, name: true, nameEn: true } },
      organisation: { select: { name: true } },
      events: {
        where: { status: 'PUBLISHED', sessions: { some: { startsAt: { gt: now }, status: 'SCHEDULED' } } },
        select: {
          slug: true,
          title: true,
          category: true,
          summary: true,
          isExample: true,
          registersOnline: true,
          sessions: { where: { startsAt: { gt: now }, status: 'SCHEDULED' }, orderBy: { startsAt: 'asc' }, select: sessionWindowSelect },
        },
      },
    },
  })
  if (!venue) return null
  const events = venue.events
    .map((event) => ({ ...event, sessions: event.sessions.map(withSeatsLeft) }))
    .sort((a, b) => a.sessions[0].startsAt.getTime() - b.sessions[0].startsAt.getTime())
  return { ...venue, events }
}

function withSeatsLeft<T extends { capacity: number; seatsTaken: number }>({ seatsTaken, ...session }: T) {
  return { ...session, seatsLeft: session.capacity - seatsTaken }
}

/** A published (or cancelled, so old links explain themselves) event with its sessions from today on. */
export async function getEventPage(slug: string, now = new Date()) {
  const event = await prisma.event.findUnique({
    where: { slug },
    select: {
      slug: true,
      title: true,
      summary: true,
      description: true,
      category: true,
      topics: true,
      status: true,
      audienceMinAge: true,
      audienceMaxAge: true,
      audienceNote: true,
      maxPartySize: true,
      questions: true,
      placeName: true,
      placeAddress: true,
      lat: true,
      lng: true,
      isExample: true,
      registersOnline: true,
      districtId: true,
      district: { select: { name: true, nameEn: true, slug: true } },
      town: { select: { name: true, nameEn: true } },
      venue: {
        select: {
          slug: true,
          name: true,
          address: true,
          openingHours: true,
          locationApproximate: true,
          town: { select: { name: true, nameEn: true } },
        },
      },
      organisation: { select: { name: true } },
      brand: { select: { slug: true, name: true } },
      sessions: {
        where: { endsAt: { gt: new Date(now.getTime() - 86400_000) } },
        orderBy: { startsAt: 'asc' },
        select: sessionWindowSelect,
      },
    },
  })
  if (!event || event.status === 'DRAFT') return null
  return { ...event, questions: readQuestions(event.questions), sessions: event.sessions.map(withSeatsLeft) }
}
