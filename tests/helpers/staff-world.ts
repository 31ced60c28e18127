// A small world for staff tests: two districts with real outlines (松江 310117, 青浦 310118), two
// organisations in 松江, a venue, a published activity with one session and one registration, and one
// account for each role the access rules name.
import { randomBytes } from 'node:crypto'
import type { PrismaClient, UserRole } from '@prisma/client'

const HOUR = 3600_000
export const SONGJIANG_POINT = { lat: 31.0322, lng: 121.2274 } // 松江区 centre, inside its outline
export const QINGPU_POINT = { lat: 31.1497, lng: 121.1243 }

export async function createStaffWorld(prisma: PrismaClient, now = new Date()) {
  const sj = await prisma.district.create({
    data: {
      code: 310117,
      slug: 'songjiang',
      name: '松江区',
      nameEn: 'Songjiang',
      active: true,
      centerLat: SONGJIANG_POINT.lat,
      centerLng: SONGJIANG_POINT.lng,
    },
  })
  const qp = await prisma.district.create({
    data: {
      code: 310118,
      slug: 'qingpu',
      name: '青浦区',
      nameEn: 'Qingpu',
      active: true,
      centerLat: QINGPU_POINT.lat,
      centerLng: QINGPU_POINT.lng,
    },
  })
  const sjTown = await prisma.town.create({
    data: { districtId: sj.id, name: '方松街道', kind: 'STREET', centerLat: 31.03, centerLng: 121.22 },
  })
  const qpTown = await prisma.town.create({
    data: { districtId: qp.id, name: '夏阳街道', kind: 'STREET', centerLat: 31.15, centerLng: 121.12 },
  })
  const orgA = await prisma.organisation.create({ data: { slug: 'org-a', name: '松江科技馆', kind: 'MUSEUM', districtId: sj.id } })
  const orgB = await prisma.organisation.create({ data: { slug: 'org-b', name: '松江另一基地', kind: 'BASE_OPERATOR', districtId: sj.id } })
  const venue = await prisma.venue.create({
    data: {
      slug: 'venue-a',
      name: '测试科技馆',
      type: 'SCIENCE_MUSEUM',
      districtId: sj.id,
      townId: sjTown.id,
      organisationId: orgA.id,
      lat: SONGJIANG_POINT.lat,
      lng: SONGJIANG_POINT.lng,
      source: 'test',
    },
  })
  const event = await prisma.event.create({
    data: {
      slug: `a-${randomBytes(4).toString('hex')}`,
      title: '测试活动',
      summary: '测试',
      description: '测试',
      category: 'LECTURE',
      topics: [],
      venueId: venue.id,
      organisationId: orgA.id,
      districtId: sj.id,
      lat: venue.lat,
      lng: venue.lng,
      status: 'PUBLISHED',
      maxPartySize: 4,
    },
  })
  const session = await prisma.eventSession.create({
    data: {
      eventId: event.id,
      key: 's1',
      startsAt: new Date(now.getTime() + 48 * HOUR),
      endsAt: new Date(now.getTime() + 50 * HOUR),
      capacity: 10,
      seatsTaken: 2,
    },
  })
  const registration = await prisma.registration.create({
    data: {
      sessionId: session.id,
      name: '王小明',
      phone: '13812345678',
      adults: 1,
      children: 1,
      partySize: 2,
      status: 'CONFIRMED',
      code: 'ABCDEFGH',
      manageTokenHash: randomBytes(16).toString('hex'),
      consentAt: now,
    },
  })
  const user = (email: string, role: UserRole, scope: { districtId?: string; organisationId?: string } = {}) =>
    prisma.user.create({ data: { email, name: email.split('@')[0], role, ...scope } })
  const users = {
    platformAdmin: await user('platform@kepu.test', 'PLATFORM_ADMIN'),
    districtAdmin: await user('sj-admin@kepu.test', 'DISTRICT_ADMIN', { districtId: sj.id }),
    otherDistrictAdmin: await user('qp-admin@kepu.test', 'DISTRICT_ADMIN', { districtId: qp.id }),
    staff: await user('staff-a@kepu.test', 'ORG_STAFF', { organisationId: orgA.id, districtId: sj.id }),
    otherOrgStaff: await user('staff-b@kepu.test', 'ORG_STAFF', { organisationId: orgB.id, districtId: sj.id }),
  }
  return { sj, qp, sjTown, qpTown, orgA, orgB, venue, event, session, registration, users }
}

export type StaffWorld = Awaited<ReturnType<typeof createStaffWorld>>

/**
 * The world's venue takes schools: every day 09:30–11:30 and 14:00–16:00, 60 students a slot, a teacher per
 * 15 students, 3 days' notice, grades 三年级–九年级; one course at the venue (三–六年级) and one 进校园 programme.
 */
export async function addSchoolOffer(prisma: PrismaClient, world: StaffWorld) {
  const offer = await prisma.schoolOffer.create({
    data: {
      venueId: world.venue.id,
      maxStudentsPerSlot: 60,
      studentsPerTeacher: 15,
      minNoticeDays: 3,
      outreachPerDay: 1,
      grades: ['G3', 'G4', 'G5', 'G6', 'G7', 'G8', 'G9'],
      slots: {
        create: [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
          { weekday, startMinute: 570, endMinute: 690 },
          { weekday, startMinute: 840, endMinute: 960 },
        ]),
      },
      courses: {
        create: [
          { kind: 'ON_SITE', title: '小小天文学家', durationMinutes: 90, grades: ['G3', 'G4', 'G5', 'G6'], description: '认识太阳系' },
          {
            kind: 'OUTREACH',
            title: '科学秀进校园',
            durationMinutes: 60,
            grades: ['G3', 'G4', 'G5', 'G6', 'G7'],
            description: '静电与空气炮',
          },
        ],
      },
    },
  })
  await prisma.venue.update({ where: { id: world.venue.id }, data: { takesSchoolVisits: true, slug: 'venue-a' } })
  return offer
}

/**
 * What waits on the staff home at `now`: in 松江, a pending school request at org A's venue and one at org B's
 * venue (plus a past pending one, an approved one: not counted), a 菜单 order waiting for org A (plus one
 * proposed, waiting for the site: not counted), and a session of org A's activity starting at `now` (plus one
 * tomorrow: not counted).
 */
export async function addStaffHomeTodos(prisma: PrismaClient, world: StaffWorld, now = new Date()) {
  const venueB = await prisma.venue.create({
    data: {
      slug: 'venue-b',
      name: '另一基地',
      type: 'SCIENCE_MUSEUM',
      districtId: world.sj.id,
      organisationId: world.orgB.id,
      lat: SONGJIANG_POINT.lat,
      lng: SONGJIANG_POINT.lng,
      source: 'test',
    },
  })
  const offerA =
    (await prisma.schoolOffer.findUnique({ where: { venueId: world.venue.id } })) ??
    (await prisma.schoolOffer.create({ data: { venueId: world.venue.id, maxStudentsPerSlot: 60, studentsPerTeacher: 15 } }))
  const offerB = await prisma.schoolOffer.create({ data: { venueId: venueB.id, maxStudentsPerSlot: 60, studentsPerTeacher: 15 } })
  const booking = (offerId: string, venueId: string, startsAt: Date, status: 'PENDING' | 'APPROVED' = 'PENDING') =>
    prisma.schoolBooking.create({
      data: {
        code: `S${randomBytes(4).toString('hex').toUpperCase()}`,
        manageTokenHash: randomBytes(16).toString('hex'),
        // 进校园: no visit slot to set up (a visit needs one).
        kind: 'OUTREACH',
        schoolAddress: '松江区某路 2 号',
        schoolLat: SONGJIANG_POINT.lat,
        schoolLng: SONGJIANG_POINT.lng,
        offerId,
        venueId,
        visitDate: startsAt.toISOString().slice(0, 10),
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * HOUR),
        schoolName: '测试小学',
        teacherName: '李老师',
        phone: '13912345678',
        grade: 'G4',
        students: 30,
        teachers: 2,
        status,
        consentAt: now,
      },
    })
  const later = new Date(now.getTime() + 7 * 24 * HOUR)
  await booking(offerA.id, world.venue.id, later)
  await booking(offerA.id, world.venue.id, new Date(now.getTime() - 24 * HOUR))
  await booking(offerA.id, world.venue.id, later, 'APPROVED')
  await booking(offerB.id, venueB.id, later)
  const item = await prisma.menuItem.create({
    data: {
      organisationId: world.orgA.id,
      title: '科学秀',
      kind: 'SCIENCE_SHOW',
      audience: '小学生',
      durationMinutes: 60,
      minGroup: 10,
      maxGroup: 100,
      leadDays: 7,
      description: '测试',
    },
  })
  const order = (status: 'REQUESTED' | 'PROPOSED') =>
    prisma.menuOrder.create({
      data: {
        code: `M${randomBytes(4).toString('hex').toUpperCase()}`,
        manageTokenHash: randomBytes(16).toString('hex'),
        menuItemId: item.id,
        siteName: '方松社区书院',
        siteKind: 'COMMUNITY_ACADEMY',
        districtId: world.sj.id,
        siteAddress: '松江区某路 1 号',
        siteLat: SONGJIANG_POINT.lat,
        siteLng: SONGJIANG_POINT.lng,
        contactName: '赵老师',
        phone: '13912345679',
        preferredDates: '下个月周末',
        expectedAudience: 40,
        status,
        proposedStartsAt: status === 'PROPOSED' ? new Date(now.getTime() + 14 * 24 * HOUR) : null,
        consentAt: now,
      },
    })
  await order('REQUESTED')
  await order('PROPOSED')
  const today = await prisma.eventSession.create({
    data: { eventId: world.event.id, key: 'today', startsAt: now, endsAt: new Date(now.getTime() + HOUR), capacity: 10 },
  })
  // 00:00 Shanghai tomorrow, plus 10 hours.
  const local = now.getTime() + 8 * HOUR
  const tomorrow = new Date(local - (local % (24 * HOUR)) - 8 * HOUR + 34 * HOUR)
  await prisma.eventSession.create({
    data: { eventId: world.event.id, key: 'tomorrow', startsAt: tomorrow, endsAt: new Date(tomorrow.getTime() + HOUR), capacity: 10 },
  })
  return { venueB, today }
}
