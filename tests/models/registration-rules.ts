// The registration rules (seats, party size, one place per phone, the window, the waitlist, cancelling), run on each
// database (registration.pglite.test.ts, registration.postgres.test.ts).
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashLinkSecret } from '~/utils/private-links.server'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createSession, nextPhone, person, seatInvariant } from '../helpers/fixtures'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'

export function registrationRules(kind: TestDatabaseKind) {
  describe(`registration rules on ${kind}`, () => {
    let db: TestDatabase
    let booking: typeof import('~/models/registration/registration.server')
    const now = new Date('2026-11-23T02:00:00Z')

    beforeAll(async () => {
      db = await useTestDatabaseForApp(kind)
      booking = await import('~/models/registration/registration.server')
    })
    afterAll(async () => {
      await db?.drop()
    })

    const register = (sessionId: string, who = person(), at = now) => booking.registerForSession(sessionId, who, { now: at })
    const statusOf = async (id: string) => (await db.prisma.registration.findUniqueOrThrow({ where: { id } })).status

    it('confirms while seats last, then waitlists; a smaller party that fits still gets the last seats', async () => {
      const session = await createSession(db.prisma, now, { capacity: 3 })
      const a = await register(session.id, person(2))
      const b = await register(session.id, person(2))
      const c = await register(session.id, person(1))
      expect([a.status, b.status, c.status]).toEqual(['CONFIRMED', 'WAITLISTED', 'CONFIRMED'])
      expect(b.waitlistPosition).toBe(1)
      const d = await register(session.id, person(1))
      expect(d).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 2 })
      expect(await seatInvariant(db.prisma, session.id)).toEqual({ seatsTaken: 3, held: 3, capacity: 3 })
    })

    it('gives each registration a code and a private link whose secret is not stored', async () => {
      const session = await createSession(db.prisma, now)
      const result = await register(session.id)
      expect(result.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/)
      const row = await db.prisma.registration.findUniqueOrThrow({ where: { id: result.id } })
      expect(row.manageTokenHash).toBe(hashLinkSecret(result.manageToken))
      expect(JSON.stringify(row)).not.toContain(result.manageToken)
      const found = await booking.findRegistrationByToken(result.manageToken)
      expect(found?.id).toBe(result.id)
      expect(await booking.findRegistrationByToken(`${result.manageToken.slice(0, -2)}xx`)).toBeNull()
    })

    it('refuses a party larger than the event allows, and an empty one', async () => {
      const session = await createSession(db.prisma, now, { maxPartySize: 3 })
      await expect(register(session.id, { ...person(), adults: 2, children: 2 })).rejects.toMatchObject({ code: 'PARTY_TOO_LARGE' })
      await expect(register(session.id, { ...person(), adults: 0, children: 0 })).rejects.toMatchObject({ code: 'PARTY_TOO_LARGE' })
      expect(await db.prisma.registration.count({ where: { sessionId: session.id } })).toBe(0)
    })

    it('holds one place per phone per session, waitlisted or confirmed; after cancelling the phone may register again', async () => {
      const session = await createSession(db.prisma, now, { capacity: 1 })
      const phone = nextPhone()
      const first = await register(session.id, person(1, phone))
      await expect(register(session.id, person(1, phone))).rejects.toMatchObject({ code: 'DUPLICATE_PHONE', field: 'phone' })
      const waiting = await register(session.id, person(1))
      await expect(
        register(session.id, person(1, (await db.prisma.registration.findUniqueOrThrow({ where: { id: waiting.id } })).phone)),
      ).rejects.toMatchObject({ code: 'DUPLICATE_PHONE' })
      await booking.cancelRegistration(first.manageToken, { now })
      const again = await register(session.id, person(1, phone))
      expect(again.status).toBe('WAITLISTED') // the seat went to the waitlist first
      expect(await seatInvariant(db.prisma, session.id)).toEqual({ seatsTaken: 1, held: 1, capacity: 1 })
    })

    it('registers only inside the window, and never for cancelled, unpublished or started sessions', async () => {
      const cases: Array<[Parameters<typeof createSession>[2], string]> = [
        [{ opensInHours: 2 }, 'NOT_OPEN_YET'],
        [{ closesInHours: -1 }, 'REGISTRATION_CLOSED'],
        [{ startsInHours: -1, closesInHours: null }, 'SESSION_STARTED'],
        [{ sessionStatus: 'CANCELLED' }, 'SESSION_CANCELLED'],
        [{ eventStatus: 'CANCELLED' }, 'SESSION_CANCELLED'],
        [{ eventStatus: 'DRAFT' }, 'SESSION_NOT_FOUND'],
      ]
      for (const [fixture, code] of cases) {
        const session = await createSession(db.prisma, now, fixture)
        await expect(register(session.id), code).rejects.toMatchObject({ code })
        expect(await db.prisma.registration.count({ where: { sessionId: session.id } })).toBe(0)
      }
      await expect(register('no-such-session')).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' })
      // Open edges: from the opening instant, until just before closing.
      const edge = await createSession(db.prisma, now, { opensInHours: 0, closesInHours: 1 })
      await expect(register(edge.id)).resolves.toMatchObject({ status: 'CONFIRMED' })
      await expect(register(edge.id, person(), new Date(now.getTime() + 3600_000))).rejects.toMatchObject({ code: 'REGISTRATION_CLOSED' })
    })

    it('on cancel, promotes the waitlist in order, passing over a party too large for the free seats', async () => {
      const session = await createSession(db.prisma, now, { capacity: 2 })
      const a = await register(session.id, person(2))
      const b = await register(session.id, person(1))
      const c = await register(session.id, person(2))
      const d = await register(session.id, person(1))
      expect([b.waitlistPosition, c.waitlistPosition, d.waitlistPosition]).toEqual([1, 2, 3])

      const first = await booking.cancelRegistration(a.manageToken, { now })
      expect(first.promoted).toEqual([b.id, d.id])
      expect(await statusOf(c.id)).toBe('WAITLISTED')
      expect((await booking.findRegistrationByToken(c.manageToken))?.waitlistPosition).toBe(1)

      expect((await booking.cancelRegistration(b.manageToken, { now })).promoted).toEqual([]) // 1 free seat, C needs 2
      expect((await booking.cancelRegistration(d.manageToken, { now })).promoted).toEqual([c.id])
      expect(await seatInvariant(db.prisma, session.id)).toEqual({ seatsTaken: 2, held: 2, capacity: 2 })
    })

    it('cancelling twice changes nothing the second time; a waitlisted cancel frees no seats', async () => {
      const session = await createSession(db.prisma, now, { capacity: 1 })
      const a = await register(session.id, person(1))
      const b = await register(session.id, person(1))
      await booking.cancelRegistration(b.manageToken, { now })
      expect(await seatInvariant(db.prisma, session.id)).toEqual({ seatsTaken: 1, held: 1, capacity: 1 })
      expect(await booking.cancelRegistration(a.manageToken, { now })).toEqual({ alreadyCancelled: false, promoted: [] })
      const again = await booking.cancelRegistration(a.manageToken, { now })
      expect(again).toEqual({ alreadyCancelled: true, promoted: [] })
      expect(await seatInvariant(db.prisma, session.id)).toEqual({ seatsTaken: 0, held: 0, capacity: 1 })
      await expect(booking.cancelRegistration('not-a-real-token-at-all')).rejects.toMatchObject({ code: 'REGISTRATION_NOT_FOUND' })
    })

    it('refuses to cancel once the session has started, and never cancels an attended registration', async () => {
      const session = await createSession(db.prisma, now, { startsInHours: 1 })
      const a = await register(session.id)
      await expect(booking.cancelRegistration(a.manageToken, { now: new Date(now.getTime() + 2 * 3600_000) })).rejects.toMatchObject({
        code: 'CANCEL_TOO_LATE',
      })
      const b = await register(session.id)
      await db.prisma.registration.update({ where: { id: b.id }, data: { status: 'ATTENDED', attendedAt: now } })
      await expect(booking.cancelRegistration(b.manageToken, { now })).rejects.toMatchObject({ code: 'ALREADY_ATTENDED' })
      expect(await statusOf(a.id)).toBe('CONFIRMED')
    })

    it('the database itself refuses overbooking and a second active place for a phone', async () => {
      const session = await createSession(db.prisma, now, { capacity: 1 })
      await expect(db.prisma.eventSession.update({ where: { id: session.id }, data: { seatsTaken: 2 } })).rejects.toThrow()
      const phone = nextPhone()
      const row = (code: string) => ({
        sessionId: session.id,
        name: 'x',
        phone,
        adults: 1,
        children: 0,
        partySize: 1,
        status: 'WAITLISTED' as const,
        waitlistSeq: Number(code.at(-1)),
        code,
        manageTokenHash: code,
        consentAt: now,
      })
      await db.prisma.registration.create({ data: row('DUP00001') })
      await expect(db.prisma.registration.create({ data: row('DUP00002') })).rejects.toThrow()
    })
    // The seat is taken by one statement (migration 0014, decision 021); what the app read before it may have changed by
    // the time it holds the lock, so the statement checks again. Called here as the app calls it, with stale inputs.
    it('takes the seat in one statement that checks again, under the lock, what changed since the app read the session', async () => {
      const session = await createSession(db.prisma, now, { capacity: 1 })
      const seat = (phone: string, expectedStarts = session.startsAt, id = `c${randomBytes(12).toString('hex')}`) =>
        db.prisma.$queryRaw<[{ outcome: string; waitlistPosition: number | null }]>`
          SELECT * FROM "registerInOneStatement"(${session.id}, ${expectedStarts.toISOString()}::timestamp(3), ${now.toISOString()}::timestamp(3),
            true, ${JSON.stringify({ id, name: '甲', phone, adults: 1, children: 0, code: id.slice(1, 9).toUpperCase(), manageTokenHash: id, locale: 'zh-CN', remindersOff: false, answers: {}, source: 'ONLINE', residentId: null })}::jsonb,
            ${JSON.stringify({
              CONFIRMED: [
                {
                  id: `${id}m`,
                  channel: 'SMS',
                  recipient: phone,
                  template: 'registration.confirmed',
                  locale: 'zh-CN',
                  params: { title: 't' },
                  subjectType: 'Registration',
                  subjectId: id,
                  districtId: null,
                  dedupeKey: null,
                  notBefore: null,
                },
              ],
              WAITLISTED: [
                {
                  id: `${id}m`,
                  channel: 'SMS',
                  recipient: phone,
                  template: 'registration.waitlisted',
                  locale: 'zh-CN',
                  params: { title: 't', position: '' },
                  subjectType: 'Registration',
                  subjectId: id,
                  districtId: null,
                  dedupeKey: null,
                  notBefore: null,
                },
              ],
            })}::jsonb)`.then(([row]) => row)
      const first = nextPhone()
      expect(await seat(first)).toEqual({ outcome: 'CONFIRMED', waitlistPosition: null })
      expect(await seat(first)).toMatchObject({ outcome: 'DUPLICATE_PHONE' })
      const waiting = nextPhone()
      expect(await seat(waiting)).toEqual({ outcome: 'WAITLISTED', waitlistPosition: 1 })
      const message = await db.prisma.message.findFirstOrThrow({ where: { recipient: waiting } })
      expect(message).toMatchObject({ template: 'registration.waitlisted', params: { title: 't', position: '1' }, status: 'QUEUED' })
      // The session's start moved since the app read it: nothing is written, the app reads again.
      const moved = nextPhone()
      expect(await seat(moved, new Date(session.startsAt.getTime() - 3600_000))).toMatchObject({ outcome: 'STALE' })
      // Staff cancelled the session after the app's read.
      await db.prisma.eventSession.update({ where: { id: session.id }, data: { status: 'CANCELLED' } })
      expect(await seat(moved)).toMatchObject({ outcome: 'SESSION_CANCELLED' })
      expect(await db.prisma.registration.count({ where: { phone: moved } })).toBe(0)
      expect(await db.prisma.message.count({ where: { recipient: moved } })).toBe(0)
      expect(await seatInvariant(db.prisma, session.id)).toEqual({ seatsTaken: 1, held: 1, capacity: 1 })
    })
  })
}
