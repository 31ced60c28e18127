// Real concurrency: its own file, since the app's Prisma client points at one database per test process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createSession, person, seatInvariant } from '../helpers/fixtures'
import type { TestDatabase } from '../helpers/db'

describe('a registration rush on PostgreSQL', () => {
  let db: TestDatabase
  let booking: typeof import('~/models/registration/registration.server')
  const now = new Date('2026-11-23T02:00:00Z')
  beforeAll(async () => {
    db = await useTestDatabaseForApp('postgres')
    booking = await import('~/models/registration/registration.server')
  })
  afterAll(async () => {
    await db?.drop()
  })

  it('500 people at once for 50 seats: exactly 50 confirmed, 450 waitlisted in one gapless order', async () => {
    const session = await createSession(db.prisma, now, { capacity: 50 })
    const people = Array.from({ length: 500 }, () => person(1))
    const results = await Promise.allSettled(people.map((who) => booking.registerForSession(session.id, who, { now })))
    const failures = results.filter((r) => r.status === 'rejected')
    expect(failures, String((failures[0] as PromiseRejectedResult | undefined)?.reason)).toHaveLength(0)

    const rows = await db.prisma.registration.findMany({ where: { sessionId: session.id }, orderBy: { waitlistSeq: 'asc' } })
    expect(rows).toHaveLength(500)
    expect(new Set(rows.map((r) => r.phone)).size).toBe(500) // nobody lost, nobody doubled
    expect(rows.filter((r) => r.status === 'CONFIRMED')).toHaveLength(50)
    const waitlisted = rows.filter((r) => r.status === 'WAITLISTED')
    expect(waitlisted.map((r) => r.waitlistSeq)).toEqual(Array.from({ length: 450 }, (_, i) => i + 1))
    // What each person was told: positions 1…450, each once, matching their number in the waitlist.
    const told = results.flatMap((r) => (r.status === 'fulfilled' && r.value.status === 'WAITLISTED' ? [r.value] : []))
    expect(told.map((r) => r.waitlistPosition).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 450 }, (_, i) => i + 1))
    const seqById = new Map(waitlisted.map((r) => [r.id, r.waitlistSeq]))
    for (const r of told) expect(r.waitlistPosition).toBe(seqById.get(r.id))
    expect(await seatInvariant(db.prisma, session.id)).toEqual({ seatsTaken: 50, held: 50, capacity: 50 })
  })

  it('mixed party sizes and cancellations racing each other never overbook and keep the count exact', async () => {
    const session = await createSession(db.prisma, now, { capacity: 40, maxPartySize: 4 })
    const first = await Promise.all(
      Array.from({ length: 60 }, (_, i) => booking.registerForSession(session.id, person((i % 4) + 1), { now })),
    )
    const cancels = first.filter((_, i) => i % 3 === 0).map((r) => booking.cancelRegistration(r.manageToken, { now }))
    const more = Array.from({ length: 60 }, (_, i) => booking.registerForSession(session.id, person((i % 3) + 1), { now }))
    await Promise.all([...cancels, ...more])
    const invariant = await seatInvariant(db.prisma, session.id)
    expect(invariant.seatsTaken).toBe(invariant.held)
    expect(invariant.seatsTaken).toBeLessThanOrEqual(40)
    // Whoever waits does not fit in what is free (first fit was applied after every change).
    const free = 40 - invariant.seatsTaken
    const waiting = await db.prisma.registration.findMany({ where: { sessionId: session.id, status: 'WAITLISTED' } })
    for (const w of waiting) expect(w.partySize).toBeGreaterThan(free)
  })
})
