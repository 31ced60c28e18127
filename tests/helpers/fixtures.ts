// Small, explicit rows for model tests: one district, one event, sessions with the dates a test needs.
import { randomBytes } from 'node:crypto'
import type { PrismaClient } from '@prisma/client'

const HOUR = 3600_000

/** `bytes` random letters, then the count in letters: no digits, so a keyword test searching for "100%" never finds
 * them in a district's name (a random hex suffix held "100" about once in a thousand runs). */
const lettersOf = (bytes: number, count: number) =>
  [...randomBytes(bytes)].map((b) => String.fromCharCode(97 + (b % 26))).join('') +
  count.toString(26).replace(/[0-9]/g, (d) => 'qrstuvwxyz'[Number(d)])

// Codes count up (random codes collided now and then: ~20 districts per file made a birthday clash likely enough).
let districtCounter = 0
export async function createDistrict(prisma: PrismaClient) {
  districtCounter += 1
  const suffix = lettersOf(4, districtCounter)
  return prisma.district.create({
    data: {
      code: 390000 + districtCounter,
      slug: `d-${suffix}`,
      name: `测试区${suffix}`,
      nameEn: 'Test',
      active: true,
      centerLat: 31.03,
      centerLng: 121.22,
    },
  })
}

export type SessionFixture = {
  capacity?: number
  maxPartySize?: number
  startsInHours?: number
  opensInHours?: number | null
  closesInHours?: number | null
  sessionStatus?: 'SCHEDULED' | 'CANCELLED'
  eventStatus?: 'DRAFT' | 'PUBLISHED' | 'CANCELLED'
  questions?: unknown[]
}

export async function createSession(prisma: PrismaClient, now: Date, fixture: SessionFixture = {}) {
  const district = await createDistrict(prisma)
  const startsAt = new Date(now.getTime() + (fixture.startsInHours ?? 48) * HOUR)
  const event = await prisma.event.create({
    data: {
      slug: `e-${randomBytes(4).toString('hex')}`,
      title: '测试活动',
      summary: '测试',
      description: '测试',
      category: 'LECTURE',
      topics: ['测试'],
      lat: 31.03,
      lng: 121.22,
      districtId: district.id,
      status: fixture.eventStatus ?? 'PUBLISHED',
      maxPartySize: fixture.maxPartySize ?? 4,
      questions: (fixture.questions ?? []) as object[],
    },
  })
  return prisma.eventSession.create({
    data: {
      eventId: event.id,
      key: 's1',
      startsAt,
      endsAt: new Date(startsAt.getTime() + HOUR),
      capacity: fixture.capacity ?? 10,
      registrationOpensAt: fixture.opensInHours === null ? null : new Date(now.getTime() + (fixture.opensInHours ?? -24) * HOUR),
      registrationClosesAt:
        fixture.closesInHours === null
          ? null
          : fixture.closesInHours === undefined
            ? startsAt
            : new Date(now.getTime() + fixture.closesInHours * HOUR),
      status: fixture.sessionStatus ?? 'SCHEDULED',
    },
  })
}

let phoneCounter = 0
/** A distinct valid mainland mobile number per call. */
export function nextPhone(): string {
  phoneCounter += 1
  return `139${String(Date.now() % 10000).padStart(4, '0')}${String(phoneCounter).padStart(4, '0')}`
}

export function person(partySize = 1, phone = nextPhone()) {
  return { name: '测试居民', phone, adults: partySize, children: 0, answers: {}, consent: true }
}

/** seatsTaken must equal the people of confirmed and attended registrations, always. */
export async function seatInvariant(prisma: PrismaClient, sessionId: string) {
  const session = await prisma.eventSession.findUniqueOrThrow({ where: { id: sessionId } })
  const held = await prisma.registration.aggregate({
    where: { sessionId, status: { in: ['CONFIRMED', 'ATTENDED'] } },
    _sum: { partySize: true },
  })
  return { seatsTaken: session.seatsTaken, held: held._sum.partySize ?? 0, capacity: session.capacity }
}
