// Personal data past its retention period loses names and numbers; counts stay; recent data is untouched.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { addSchoolOffer, createStaffWorld } from '../helpers/staff-world'
import type { TestDatabase } from '../helpers/db'

let db: TestDatabase
beforeAll(async () => {
  db = await useTestDatabaseForApp('pglite')
})
afterAll(async () => {
  await db?.drop()
})

it('removes names and numbers 180 days after the activity, the visit or the order, and keeps the counts', async () => {
  const { applyRetention } = await import('~/models/retention.server')
  const world = await createStaffWorld(db.prisma)
  const offer = await addSchoolOffer(db.prisma, world)
  const day = 86400_000
  const now = new Date()
  const old = await db.prisma.eventSession.create({
    data: {
      eventId: world.event.id,
      key: 'old',
      startsAt: new Date(now.getTime() - 200 * day),
      endsAt: new Date(now.getTime() - 200 * day + 3600_000),
      capacity: 10,
      seatsTaken: 3,
    },
  })
  const oldRegistration = await db.prisma.registration.create({
    data: {
      sessionId: old.id,
      name: '张三',
      phone: '13800001111',
      adults: 2,
      children: 1,
      partySize: 3,
      status: 'ATTENDED',
      attendedAt: old.startsAt,
      code: 'OLDCODE2',
      manageTokenHash: 'old',
      consentAt: old.startsAt,
      answers: { childAge: 8 },
    },
  })
  const slot = await db.prisma.visitSlot.findFirstOrThrow({ where: { offerId: offer.id } })
  const course = await db.prisma.studyCourse.findFirstOrThrow({ where: { offerId: offer.id } })
  const visit = await db.prisma.schoolBooking.create({
    data: {
      code: 'SOLD2345',
      manageTokenHash: 'v',
      kind: 'VISIT',
      offerId: offer.id,
      venueId: world.venue.id,
      courseId: course.id,
      slotId: slot.id,
      visitDate: '2020-01-01',
      startsAt: old.startsAt,
      endsAt: old.endsAt,
      schoolName: '某小学',
      teacherName: '李老师',
      phone: '13700002222',
      grade: 'G4',
      students: 30,
      teachers: 3,
      status: 'DONE',
      attendedStudents: 29,
      consentAt: old.startsAt,
    },
  })
  const oldMessage = await db.prisma.message.create({
    data: {
      channel: 'SMS',
      recipient: '13800000000',
      template: 'registration.confirmed',
      subjectType: 'Registration',
      subjectId: oldRegistration.id,
      status: 'SENT',
      createdAt: new Date(now.getTime() - 200 * day),
    },
  })
  const recentMessage = await db.prisma.message.create({
    data: {
      channel: 'SMS',
      recipient: '13800000001',
      template: 'registration.confirmed',
      subjectType: 'Registration',
      subjectId: null,
      status: 'SENT',
      createdAt: new Date(now.getTime() - day),
    },
  })
  // 申请入驻: a request declined 200 days ago loses its contact's details; a pending one as old waits for its decision.
  const joinRequest = (organisationName: string, phone: string, decided: boolean) =>
    db.prisma.organisationJoinRequest.create({
      data: {
        organisationName,
        kind: 'OTHER',
        districtId: world.sj.id,
        venueName: '某场馆',
        venueAddress: '松江区某路 1 号',
        contactName: '赵老师',
        contactEmail: 'zhao@example.cn',
        phone,
        note: '面向社区居民开展科普讲座和动手实验活动。',
        createdAt: new Date(now.getTime() - 210 * day),
        ...(decided ? { status: 'DECLINED' as const, reason: '材料不全', decidedAt: new Date(now.getTime() - 200 * day) } : {}),
      },
    })
  const declined = await joinRequest('旧的入驻申请单位', '13900003333', true)
  const pending = await joinRequest('等待决定的单位', '13900004444', false)
  expect(await applyRetention(now)).toEqual({ registrations: 1, schoolBookings: 1, menuOrders: 0, joinRequests: 1, messages: 1 })
  expect(await db.prisma.organisationJoinRequest.findUniqueOrThrow({ where: { id: declined.id } })).toMatchObject({
    organisationName: '旧的入驻申请单位',
    contactName: '（已过保存期）',
    contactEmail: 'expired',
    phone: `expired:${declined.id}`,
    note: '',
    status: 'DECLINED',
    reason: '材料不全',
  })
  expect(await db.prisma.organisationJoinRequest.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ phone: '13900004444' })
  expect(await db.prisma.message.findUnique({ where: { id: oldMessage.id } })).toBeNull()
  expect(await db.prisma.message.findUnique({ where: { id: recentMessage.id } })).not.toBeNull()
  expect(await db.prisma.registration.findUniqueOrThrow({ where: { id: oldRegistration.id } })).toMatchObject({
    name: '（已过保存期）',
    phone: `expired:${oldRegistration.id}`,
    answers: {},
    partySize: 3,
    status: 'ATTENDED',
  })
  expect(await db.prisma.schoolBooking.findUniqueOrThrow({ where: { id: visit.id } })).toMatchObject({
    teacherName: '（已过保存期）',
    phone: 'expired',
    students: 30,
    attendedStudents: 29,
    schoolName: '某小学',
  })
  // The world's registration is for a session two days ahead: untouched. A second run changes nothing.
  expect(await db.prisma.registration.findUniqueOrThrow({ where: { id: world.registration.id } })).toMatchObject({
    name: '王小明',
    phone: '13812345678',
  })
  expect(await applyRetention(now)).toEqual({ registrations: 0, schoolBookings: 0, menuOrders: 0, joinRequests: 0, messages: 0 })
})
