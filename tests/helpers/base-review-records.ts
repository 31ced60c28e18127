// Records at the staff world's venue (organisation A, 松江) for the yearly 考核 of bases (decision 036): what each
// pre-filled figure of 2026 must count, and records beside them it must not (another year by Shanghai time, a
// cancelled session, a draft or example activity, another venue, a booking not done, an order not delivered, a
// volunteer shift not credited). `EXPECTED_2026` is what the report of 2026 counts on 1 December 2026.
import { randomBytes } from 'node:crypto'
import { addSchoolOffer, SONGJIANG_POINT, type StaffWorld } from './staff-world'
import type { PrismaClient } from '@prisma/client'

const HOUR = 3600_000
const hex = () => randomBytes(6).toString('hex')

export const EXPECTED_2026 = {
  openDays: 4,
  activities: 2,
  sessions: 5,
  registered: 11,
  checkedIn: 7,
  schoolVisits: 2,
  schoolPupils: 68,
  menuDeliveries: 2,
  passportStamps: 3,
  volunteerHours: 4.5,
}

export async function addReviewRecords(prisma: PrismaClient, world: StaffWorld) {
  const venueB = await prisma.venue.create({
    data: {
      slug: `venue-b-${hex()}`,
      name: '另一基地',
      type: 'SCIENCE_MUSEUM',
      districtId: world.sj.id,
      organisationId: world.orgB.id,
      lat: SONGJIANG_POINT.lat,
      lng: SONGJIANG_POINT.lng,
      source: 'test',
    },
  })
  const event = (venueId: string | null, over: { status?: 'PUBLISHED' | 'DRAFT'; isExample?: boolean } = {}) =>
    prisma.event.create({
      data: {
        slug: `r-${hex()}`,
        title: '考核测试活动',
        summary: '测试',
        description: '测试',
        category: 'LECTURE',
        topics: [],
        venueId,
        organisationId: world.orgA.id,
        districtId: world.sj.id,
        lat: SONGJIANG_POINT.lat,
        lng: SONGJIANG_POINT.lng,
        status: over.status ?? 'PUBLISHED',
        isExample: over.isExample ?? false,
      },
    })
  const session = (eventId: string, startsAt: string, status: 'SCHEDULED' | 'CANCELLED' = 'SCHEDULED') =>
    prisma.eventSession.create({
      data: {
        eventId,
        key: hex(),
        startsAt: new Date(startsAt),
        endsAt: new Date(new Date(startsAt).getTime() + 2 * HOUR),
        capacity: 50,
        status,
      },
    })
  const registration = (sessionId: string, partySize: number, status: 'CONFIRMED' | 'ATTENDED' | 'CANCELLED' | 'WAITLISTED') =>
    prisma.registration.create({
      data: {
        sessionId,
        name: '测试',
        phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
        adults: partySize,
        children: 0,
        partySize,
        status,
        attendedAt: status === 'ATTENDED' ? new Date('2026-01-01T00:00:00Z') : null,
        cancelledAt: status === 'CANCELLED' ? new Date('2026-01-01T00:00:00Z') : null,
        waitlistSeq: status === 'WAITLISTED' ? 1 : null,
        code: hex().toUpperCase(),
        manageTokenHash: hex() + hex(),
        consentAt: new Date(),
      },
    })

  // Sessions: 10:00 and 14:00 on 14 March (one open day), 1 July 01:00 and 1 January 01:00 Shanghai (the UTC day
  // before), 9 September; not counted: 31 December 2025 23:00 Shanghai, a cancelled one, a draft, an example, venue B.
  const e1 = await event(world.venue.id)
  const s1 = await session(e1.id, '2026-03-14T02:00:00Z')
  await session(e1.id, '2026-03-14T06:00:00Z')
  const s3 = await session(e1.id, '2026-06-30T17:00:00Z')
  const s4 = await session(e1.id, '2025-12-31T17:00:00Z')
  const s5 = await session(e1.id, '2025-12-31T15:00:00Z')
  const cancelled = await session(e1.id, '2026-05-01T02:00:00Z', 'CANCELLED')
  const e2 = await event(world.venue.id)
  await session(e2.id, '2026-09-09T02:00:00Z')
  await session((await event(world.venue.id, { status: 'DRAFT' })).id, '2026-04-01T02:00:00Z')
  await session((await event(world.venue.id, { isExample: true })).id, '2026-04-02T02:00:00Z')
  const other = await session((await event(venueB.id)).id, '2026-04-03T02:00:00Z')

  // People: registered 3 + 2 + 5 + 1 = 11, of whom checked in 2 + 5 = 7.
  await registration(s1.id, 3, 'CONFIRMED')
  await registration(s1.id, 2, 'ATTENDED')
  await registration(s1.id, 4, 'CANCELLED')
  await registration(s1.id, 1, 'WAITLISTED')
  await registration(s3.id, 5, 'ATTENDED')
  await registration(s4.id, 1, 'CONFIRMED')
  await registration(s5.id, 6, 'ATTENDED')
  await registration(cancelled.id, 2, 'ATTENDED')
  await registration(other.id, 9, 'ATTENDED')

  // School visits done in 2026 at the venue: 2, with 28 + 40 pupils.
  const offerA = await addSchoolOffer(prisma, world)
  const offerB = await prisma.schoolOffer.create({ data: { venueId: venueB.id, maxStudentsPerSlot: 60, studentsPerTeacher: 15 } })
  const booking = (offerId: string, venueId: string, startsAt: string, status: 'DONE' | 'APPROVED', attendedStudents?: number) =>
    prisma.schoolBooking.create({
      data: {
        code: `S${hex().toUpperCase()}`,
        manageTokenHash: hex() + hex(),
        kind: 'OUTREACH',
        schoolAddress: '松江区某路 2 号',
        schoolLat: SONGJIANG_POINT.lat,
        schoolLng: SONGJIANG_POINT.lng,
        offerId,
        venueId,
        visitDate: startsAt.slice(0, 10),
        startsAt: new Date(startsAt),
        endsAt: new Date(new Date(startsAt).getTime() + 2 * HOUR),
        schoolName: '测试小学',
        teacherName: '李老师',
        phone: '13912345678',
        grade: 'G4',
        students: 30,
        teachers: 2,
        status,
        attendedStudents: attendedStudents ?? null,
        consentAt: new Date(),
      },
    })
  await booking(offerA.id, world.venue.id, '2026-05-10T02:00:00Z', 'DONE', 28)
  await booking(offerA.id, world.venue.id, '2026-10-10T02:00:00Z', 'DONE', 40)
  await booking(offerA.id, world.venue.id, '2026-11-20T02:00:00Z', 'APPROVED')
  await booking(offerA.id, world.venue.id, '2025-06-01T02:00:00Z', 'DONE', 50)
  await booking(offerB.id, venueB.id, '2026-06-01T02:00:00Z', 'DONE', 50)

  // 菜单: organisation A delivered 2 orders in 2026.
  const item = (organisationId: string) =>
    prisma.menuItem.create({
      data: {
        organisationId,
        title: '科学秀',
        kind: 'SCIENCE_SHOW',
        topics: [],
        audience: '小学生',
        durationMinutes: 60,
        minGroup: 10,
        maxGroup: 100,
        leadDays: 7,
        deliversTo: [world.sj.id],
        description: '测试',
      },
    })
  const itemA = await item(world.orgA.id)
  const itemB = await item(world.orgB.id)
  const order = async (menuItemId: string, status: 'DELIVERED' | 'ACCEPTED', deliveredAt?: string) =>
    prisma.menuOrder.create({
      data: {
        code: `M${hex().toUpperCase()}`,
        manageTokenHash: hex() + hex(),
        menuItemId,
        siteName: '某社区书院',
        siteKind: 'COMMUNITY_ACADEMY',
        districtId: world.sj.id,
        siteAddress: '松江区某路 1 号',
        siteLat: SONGJIANG_POINT.lat,
        siteLng: SONGJIANG_POINT.lng,
        contactName: '张',
        phone: '13712345678',
        preferredDates: '周末',
        expectedAudience: 30,
        status,
        eventId: (await event(null)).id,
        deliveredAt: deliveredAt ? new Date(deliveredAt) : null,
        consentAt: new Date(),
      },
    })
  await order(itemA.id, 'DELIVERED', '2026-04-01T02:00:00Z')
  await order(itemA.id, 'DELIVERED', '2026-08-01T02:00:00Z')
  await order(itemA.id, 'DELIVERED', '2025-08-01T02:00:00Z')
  await order(itemA.id, 'ACCEPTED')
  await order(itemB.id, 'DELIVERED', '2026-04-01T02:00:00Z')

  // 护照: 3 stamps at the venue in 2026.
  for (const [venueId, stampedOn] of [
    [world.venue.id, '2026-01-01'],
    [world.venue.id, '2026-06-01'],
    [world.venue.id, '2026-12-01'],
    [world.venue.id, '2025-12-31'],
    [venueB.id, '2026-06-01'],
  ])
    await prisma.passportStamp.create({ data: { venueId, stampedOn, via: 'DOOR' } })

  // Volunteers: 120 + 90 minutes on a role at the venue and 60 on a role on its session: 270 minutes, 4.5 hours.
  const volunteers = await Promise.all(
    [1, 2, 3, 4].map((n) =>
      prisma.volunteer.create({
        data: { name: `志愿者${n}`, code: `V${hex().toUpperCase()}`, districtIds: [world.sj.id], skills: [], freeTimes: [] },
      }),
    ),
  )
  const role = (over: { venueId?: string; sessionId?: string }, startsAt: string) =>
    prisma.volunteerRole.create({
      data: {
        districtId: world.sj.id,
        ...over,
        title: '引导',
        headcount: 5,
        startsAt: new Date(startsAt),
        endsAt: new Date(new Date(startsAt).getTime() + 3 * HOUR),
        briefing: '测试',
      },
    })
  const shift = (roleId: string, n: number, credit: 'CREDITED' | 'ADJUSTED' | 'TOO_SHORT' | 'NONE', creditedMinutes: number | null) =>
    prisma.volunteerShift.create({
      data: { roleId, volunteerId: volunteers[n].id, status: 'ACCEPTED', seq: n + 1, plannedMinutes: 180, credit, creditedMinutes },
    })
  const atVenue = await role({ venueId: world.venue.id }, '2026-05-01T01:00:00Z')
  await shift(atVenue.id, 0, 'CREDITED', 120)
  await shift(atVenue.id, 1, 'ADJUSTED', 90)
  await shift(atVenue.id, 2, 'TOO_SHORT', null)
  await shift(atVenue.id, 3, 'NONE', null)
  const onSession = await role({ sessionId: s3.id }, '2026-06-30T16:00:00Z')
  await shift(onSession.id, 0, 'CREDITED', 60)
  const lastYear = await role({ venueId: world.venue.id }, '2025-05-01T01:00:00Z')
  await shift(lastYear.id, 0, 'CREDITED', 600)
  const atB = await role({ venueId: venueB.id }, '2026-05-01T01:00:00Z')
  await shift(atB.id, 0, 'CREDITED', 600)

  return { venueB, e1, s1 }
}
