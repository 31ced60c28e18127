// On a real PostgreSQL with a pool: many approvals of one slot at once never put more students in it than it holds;
// identical requests sent at once make one booking.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { addSchoolOffer, createStaffWorld, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase } from '../helpers/db'

let db: TestDatabase
let world: StaffWorld

beforeAll(async () => {
  db = await useTestDatabaseForApp('postgres')
  world = await createStaffWorld(db.prisma)
  await addSchoolOffer(db.prisma, world)
})
afterAll(async () => {
  await db?.drop()
})

it('40 classes of 7–25 students approved at once by two staff fill the 60-student slot without passing it', async () => {
  const visits = await import('~/models/school-visit/school-visit.server')
  const admin = await import('~/models/school-visit/admin.server')
  const offer = (await visits.getOfferForVenue('venue-a'))!
  const now = new Date()
  const date = new Date(now.getTime() + 10 * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10)
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7
  const slot = offer.slots.find((s) => s.weekday === weekday && s.startMinute === 570)!
  const sizes = Array.from({ length: 40 }, (_, i) => 7 + ((i * 7) % 19))
  const requests = []
  for (const [i, students] of sizes.entries()) {
    requests.push(
      await visits.requestVisit(
        offer,
        {
          schoolName: `学校${i}`,
          teacherName: '老师',
          phone: `1370000${String(i).padStart(4, '0')}`,
          grade: 'G4',
          students,
          teachers: 2,
          courseId: offer.courses.find((c) => c.kind === 'ON_SITE')!.id,
          consent: true,
          slot: `${date}|${slot.id}`,
        },
        now,
      ),
    )
  }
  const deciders = [world.users.staff, world.users.districtAdmin].map((u) => ({ ...u, sessionId: 't' }))
  const outcomes = await Promise.allSettled(requests.map((r, i) => admin.decideSchoolBooking(deciders[i % 2], r.id, 'approve', null)))
  for (const o of outcomes) if (o.status === 'rejected') expect(String(o.reason.message)).toMatch(/会超过上限 60/)
  const approved = await db.prisma.schoolBooking.findMany({
    where: { slotId: slot.id, visitDate: date, status: 'APPROVED' },
    select: { students: true },
  })
  const held = approved.reduce((sum, b) => sum + b.students, 0)
  expect(held).toBeLessThanOrEqual(60)
  // Whatever is left is smaller than every class that was refused: approvals did not stop early.
  const refused = await db.prisma.schoolBooking.findMany({
    where: { slotId: slot.id, visitDate: date, status: 'PENDING' },
    select: { students: true },
  })
  expect(refused.length).toBeGreaterThan(0)
  for (const r of refused) expect(r.students).toBeGreaterThan(60 - held)
  expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(approved.length)
})

it('identical class-visit requests sent at once (a double click) make one booking; the others get 409', async () => {
  const visits = await import('~/models/school-visit/school-visit.server')
  const offer = (await visits.getOfferForVenue('venue-a'))!
  const now = new Date()
  const date = new Date(now.getTime() + 12 * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10)
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7
  const slot = offer.slots.find((s) => s.weekday === weekday)!
  const input = {
    schoolName: '双击小学',
    teacherName: '老师',
    phone: '13799990000',
    grade: 'G4',
    students: 20,
    teachers: 2,
    courseId: offer.courses.find((c) => c.kind === 'ON_SITE')!.id,
    consent: true as const,
    slot: `${date}|${slot.id}`,
  }
  const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => visits.requestVisit(offer, input, now)))
  expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
  for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ status: 409 })
  expect(await db.prisma.schoolBooking.count({ where: { schoolName: '双击小学' } })).toBe(1)
})
