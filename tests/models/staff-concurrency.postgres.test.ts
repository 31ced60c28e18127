// On a real PostgreSQL with a connection pool: staff changes racing residents never overbook, and a code
// scanned at two doors at once is checked in once.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { person, seatInvariant } from '../helpers/fixtures'
import { createStaffWorld, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase } from '../helpers/db'

let db: TestDatabase
let world: StaffWorld
let events: typeof import('~/models/event/admin.server')
let registrations: typeof import('~/models/registration/admin.server')
let booking: typeof import('~/models/registration/registration.server')

beforeAll(async () => {
  db = await useTestDatabaseForApp('postgres')
  world = await createStaffWorld(db.prisma)
  events = await import('~/models/event/admin.server')
  registrations = await import('~/models/registration/admin.server')
  booking = await import('~/models/registration/registration.server')
})
afterAll(async () => {
  await db?.drop()
})

const staffOf = (user: StaffWorld['users']['staff']) => ({ ...user, sessionId: 'test' })

it('capacity changes and staff additions racing 200 registrations keep seats exact', async () => {
  const staff = staffOf(world.users.staff)
  const { session } = world
  const change = { startsAt: session.startsAt, endsAt: session.endsAt }
  const capacities = [6, 30, 12, 40, 25]
  const work: Array<Promise<unknown>> = []
  for (let i = 0; i < 200; i++) {
    work.push(booking.registerForSession(session.id, person(1 + (i % 3))).catch((e) => e))
    if (i % 40 === 0) work.push(events.updateSession(staff, session.id, { ...change, capacity: capacities[i / 40] }).catch((e) => e))
    if (i % 25 === 0) work.push(registrations.addRegistrationByStaff(staff, session.id, person(1)).catch((e) => e))
  }
  const results = await Promise.all(work)
  // Every refusal is a rule speaking (fewer seats than taken), never a database error.
  for (const r of results) if (r instanceof Error) expect(r.message).toMatch(/名额不能少于/)
  const { seatsTaken, held, capacity } = await seatInvariant(db.prisma, session.id)
  expect(seatsTaken).toBe(held)
  expect(seatsTaken).toBeLessThanOrEqual(capacity)
  // Nobody waiting would fit in the seats left (first-fit promotion ran on every increase).
  const waiting = await db.prisma.registration.findMany({
    where: { sessionId: session.id, status: 'WAITLISTED' },
    select: { partySize: true },
  })
  for (const w of waiting) expect(w.partySize).toBeGreaterThan(capacity - seatsTaken)
})

it('the same code scanned on 20 phones at once is checked in exactly once', async () => {
  const staff = staffOf(world.users.staff)
  const during = new Date(world.session.startsAt.getTime() + 10 * 60_000)
  const outcomes = await Promise.all(
    Array.from({ length: 20 }, () => registrations.checkIn(staff, world.session.id, world.registration.code, during)),
  )
  expect(outcomes.filter((o) => o.ok)).toHaveLength(1)
  expect(await db.prisma.auditEntry.count({ where: { action: 'registration.check_in' } })).toBe(1)
})
