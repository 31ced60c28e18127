// The registration rule is written twice (decision 021): in TypeScript (`seatBlocker`, which pages ask through
// `registrationBlocker` and registerForSession asks before the seat, app/models/registration.server.ts) and in the
// PL/pgSQL of migration 0014 (`registerInOneStatement`), which checks again under the session's lock and writes the
// place and its outbox messages. This test holds the two together, on each database
// (registration-statement.pglite.test.ts, registration-statement.postgres.test.ts):
// - every refusal code of the TypeScript rules (`registrationRuleCodes`) and every outcome the statement can return
//   (read from its text in the database) has a row in the tables below, so a new code on either side without a case
//   fails; on the same data the statement, called directly, `seatBlocker`, and registerForSession as a whole give the
//   same answer (the same refusal with its field and status, or the same place and waitlist position);
// - every column the statement writes into Registration and Message holds what the TypeScript side would write: the
//   place against what the person gave, and the messages against the same registration's messages queued by
//   `queueRegistrationMessages` through Prisma (as promotion queues them), column by column; a new column of either
//   table fails until it is decided here.
import { randomBytes } from 'node:crypto'
import { Prisma, type PrismaClient } from '@prisma/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createSession, nextPhone, person, type SessionFixture } from '../helpers/fixtures'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'
import type { RegistrationRuleCode } from '~/models/registration/registration.server'

const HOUR = 3600_000
const ORIGIN = 'https://kepu.example'
type Tx = Prisma.TransactionClient
type Outcome = { outcome: string; waitlistPosition: number | null }

type Scenario = {
  name: string
  by: 'public' | 'staff'
  /** The session as the test creates it; `registersOnline: false` marks its activity 不接受网上报名. */
  session?: SessionFixture & { registersOnline?: boolean }
  /** No session at all under the id asked for. */
  missing?: boolean
  party?: [adults: number, children: number]
  /** Hours after `now` at which the person registers. */
  atHours?: number
  /** What happened before: e.g. the same phone already holds a place. */
  before?: (ctx: { sessionId: string; phone: string; now: Date }) => Promise<void>
}

export function registrationStatementRules(kind: TestDatabaseKind) {
  describe(`the seat's statement and the TypeScript rules agree, on ${kind}`, () => {
    let db: TestDatabase
    let booking: typeof import('~/models/registration/registration.server')
    let notify: typeof import('~/models/message/notify.server')
    let links: typeof import('~/utils/private-links.server')
    const now = new Date('2026-11-23T02:00:00.000Z')
    // The statement's own text, as the database holds it (the migration may be replaced by a later one).
    let source = ''

    beforeAll(async () => {
      db = await useTestDatabaseForApp(kind)
      booking = await import('~/models/registration/registration.server')
      notify = await import('~/models/message/notify.server')
      links = await import('~/utils/private-links.server')
      const [row] = await db.prisma.$queryRaw<[{ prosrc: string }]>`SELECT prosrc FROM pg_proc WHERE proname = 'registerInOneStatement'`
      source = row.prosrc
    })
    afterAll(async () => {
      await db?.drop()
    })

    const registerBy = (by: Scenario['by'], sessionId: string, phone: string, at: Date, party: [number, number] = [1, 0]) =>
      booking.registerForSession(
        sessionId,
        { ...person(1, phone), adults: party[0], children: party[1] },
        { now: at, origin: ORIGIN, byStaff: by === 'staff' ? { audit: async () => {} } : undefined },
      )

    /** The phone already holds a place (confirmed, or waitlisted when `full`) in the session. */
    const holdsPlace =
      (full = false) =>
      async ({ sessionId, phone, now: at }: { sessionId: string; phone: string; now: Date }) => {
        if (full) {
          const session = await db.prisma.eventSession.findUniqueOrThrow({ where: { id: sessionId } })
          await registerBy('staff', sessionId, nextPhone(), at, [session.capacity, 0])
        }
        await registerBy('staff', sessionId, phone, at)
      }

    /** Every seat is taken, and one party waits. */
    const fill = async ({ sessionId, now: at }: { sessionId: string; now: Date }) => {
      const session = await db.prisma.eventSession.findUniqueOrThrow({ where: { id: sessionId } })
      await registerBy('staff', sessionId, nextPhone(), at, [session.capacity, 0])
      await registerBy('staff', sessionId, nextPhone(), at)
    }

    // Every refusal code of the TypeScript rules, with the data that makes the app refuse with it. Several rows mix
    // faults, so the order in which the two sides check them is compared too.
    const refusals: Record<RegistrationRuleCode, Scenario[] | { notTheSeat: string }> = {
      SESSION_NOT_FOUND: [
        { name: 'no such session', by: 'public', missing: true },
        { name: 'no such session, staff', by: 'staff', missing: true },
        { name: 'a draft activity', by: 'public', session: { eventStatus: 'DRAFT' } },
        {
          name: 'a draft activity whose session is cancelled',
          by: 'public',
          session: { eventStatus: 'DRAFT', sessionStatus: 'CANCELLED' },
        },
      ],
      SESSION_CANCELLED: [
        { name: 'a cancelled session', by: 'public', session: { sessionStatus: 'CANCELLED' } },
        { name: 'a cancelled activity', by: 'public', session: { eventStatus: 'CANCELLED' } },
        {
          name: 'a cancelled session that has started, party too large',
          by: 'public',
          session: { sessionStatus: 'CANCELLED', startsInHours: -1 },
          party: [9, 0],
        },
        { name: 'a cancelled session, staff', by: 'staff', session: { sessionStatus: 'CANCELLED' } },
        { name: 'a cancelled activity, staff', by: 'staff', session: { eventStatus: 'CANCELLED' } },
        {
          name: 'a cancelled session of a draft activity, staff',
          by: 'staff',
          session: { eventStatus: 'DRAFT', sessionStatus: 'CANCELLED' },
        },
      ],
      SESSION_STARTED: [
        { name: 'a session that has started', by: 'public', session: { startsInHours: -1, closesInHours: null } },
        { name: 'a session starting this instant', by: 'public', session: { startsInHours: 0, closesInHours: null } },
        { name: 'started, offline and closed', by: 'public', session: { startsInHours: -1, closesInHours: -2, registersOnline: false } },
      ],
      NO_ONLINE_REGISTRATION: [
        { name: 'an activity that takes no online registrations', by: 'public', session: { registersOnline: false } },
        {
          name: 'offline, not open yet, party too large',
          by: 'public',
          session: { registersOnline: false, opensInHours: 2 },
          party: [9, 0],
        },
      ],
      NOT_OPEN_YET: [
        { name: 'before the window opens', by: 'public', session: { opensInHours: 2 } },
        { name: 'a millisecond before it opens', by: 'public', session: { opensInHours: 1 }, atHours: 1 - 1 / HOUR },
        { name: 'not open yet, party too large', by: 'public', session: { opensInHours: 2 }, party: [0, 9] },
      ],
      REGISTRATION_CLOSED: [
        { name: 'after the window closed', by: 'public', session: { closesInHours: -1 } },
        { name: 'the instant it closes', by: 'public', session: { closesInHours: 0 } },
      ],
      PARTY_TOO_LARGE: [
        { name: 'more people than the activity allows', by: 'public', session: { maxPartySize: 4 }, party: [3, 2] },
        { name: 'nobody', by: 'public', party: [0, 0] },
        { name: 'more people than allowed, staff', by: 'staff', session: { maxPartySize: 2 }, party: [1, 2] },
        { name: 'too many on a started session, staff', by: 'staff', session: { startsInHours: -1 }, party: [5, 0] },
        { name: 'too many from a phone that holds a place', by: 'public', party: [5, 0], before: holdsPlace() },
      ],
      DUPLICATE_PHONE: [
        { name: 'the phone holds a confirmed place', by: 'public', before: holdsPlace() },
        { name: 'the phone holds a waitlisted place', by: 'public', session: { capacity: 1 }, before: holdsPlace(true) },
        { name: 'the phone holds a place, staff', by: 'staff', before: holdsPlace() },
      ],
      // Refusals of cancelling a place (cancelRegistration and staff changes), which the statement never makes.
      ALREADY_ATTENDED: { notTheSeat: 'cancelling an attended place' },
      CANCEL_TOO_LATE: { notTheSeat: 'cancelling after the start' },
      REGISTRATION_NOT_FOUND: { notTheSeat: 'a private link or staff id that names no place' },
    }

    // Places both sides give: the window's edges, and what staff adding someone by hand may do that the public may not.
    const accepted: Scenario[] = [
      { name: 'the instant the window opens', by: 'public', session: { opensInHours: 0 } },
      { name: 'a millisecond before it closes', by: 'public', session: { closesInHours: 1 }, atHours: 1 - 1 / HOUR },
      { name: 'no window at all', by: 'public', session: { opensInHours: null, closesInHours: null } },
      { name: 'the largest party allowed', by: 'public', session: { maxPartySize: 4 }, party: [2, 2] },
      { name: 'a full session: the waitlist', by: 'public', session: { capacity: 2 }, before: fill },
      { name: 'a full session, staff: the waitlist', by: 'staff', session: { capacity: 2, startsInHours: -1 }, before: fill },
      {
        name: 'a phone whose place was cancelled',
        by: 'public',
        before: async ({ sessionId, phone, now: at }) => {
          const earlier = await registerBy('public', sessionId, phone, at)
          await booking.cancelRegistration(earlier.manageToken, { now: at, origin: ORIGIN })
        },
      },
      { name: 'staff: a session that has started', by: 'staff', session: { startsInHours: -1 } },
      { name: 'staff: before the window opens', by: 'staff', session: { opensInHours: 2 } },
      { name: 'staff: after it closed', by: 'staff', session: { closesInHours: -1 } },
      { name: 'staff: an activity that takes no online registrations', by: 'staff', session: { registersOnline: false } },
      { name: 'staff: a draft activity', by: 'staff', session: { eventStatus: 'DRAFT' } },
    ]

    const prepare = async (s: Scenario) => {
      let sessionId = `c${randomBytes(12).toString('hex')}`
      let startsAt = now
      if (!s.missing) {
        const session = await createSession(db.prisma, now, s.session)
        if (s.session?.registersOnline === false)
          await db.prisma.event.update({ where: { id: session.eventId }, data: { registersOnline: false } })
        sessionId = session.id
        startsAt = session.startsAt
      }
      const phone = nextPhone()
      const at = new Date(now.getTime() + (s.atHours ?? 0) * HOUR)
      await s.before?.({ sessionId, phone, now: at })
      return { sessionId, startsAt, phone, at }
    }

    /** What `seatBlocker` says of the session as it stands (the app reads it before the seat, outside the lock). */
    const ruleSays = async (s: Scenario, sessionId: string, [adults, children]: [number, number], at: Date) => {
      const session = await db.prisma.eventSession.findUnique({
        where: { id: sessionId },
        select: {
          status: true,
          startsAt: true,
          registrationOpensAt: true,
          registrationClosesAt: true,
          event: { select: { status: true, registersOnline: true, maxPartySize: true } },
        },
      })
      if (!session) return 'SESSION_NOT_FOUND'
      const { event, ...window } = session
      return booking.seatBlocker(
        { ...window, eventStatus: event.status, registersOnline: event.registersOnline, maxPartySize: event.maxPartySize },
        adults + children,
        at,
        s.by === 'staff',
      )
    }

    it('every refusal code of the TypeScript rules and every outcome of the statement has its cases', () => {
      const statementOutcomes = new Set([...source.matchAll(/'([A-Z_]+)'::text/g)].map((m) => m[1]))
      expect(statementOutcomes.size).toBeGreaterThan(5) // the pattern still finds them
      for (const code of booking.registrationRuleCodes) {
        const cases = refusals[code]
        expect(cases, code).toBeDefined()
        if (Array.isArray(cases)) {
          expect(cases.length, code).toBeGreaterThan(0)
          expect(statementOutcomes, `${code} has cases against the statement, which never returns it`).toContain(code)
        } else expect(statementOutcomes, `${code} is said not to be the seat's, but the statement returns it`).not.toContain(code)
      }
      for (const outcome of statementOutcomes) {
        if (outcome === 'STALE') continue // the app reads the session again: 'STALE: nothing is written' below
        expect(booking.registrationRuleCodes, `the statement returns ${outcome}, which the TypeScript rules do not know`).toContain(outcome)
        expect(Array.isArray(refusals[outcome as RegistrationRuleCode]), `${outcome} needs cases`).toBe(true)
      }
      expect(Object.keys(refusals).sort()).toEqual([...booking.registrationRuleCodes].sort())
    })

    const refusalCases = Object.entries(refusals).flatMap(([code, cases]) =>
      Array.isArray(cases) ? cases.map((s) => [code, s] as const) : [],
    )
    it.each(refusalCases.map(([code, s]) => [`${code}: ${s.name}`, code, s] as const))('refuses alike: %s', async (_, code, scenario) => {
      const { sessionId, startsAt, phone, at } = await prepare(scenario)
      const party = scenario.party ?? [1, 0]
      const counts = async () => [await db.prisma.registration.count(), await db.prisma.message.count()]
      const before = await counts()
      // The statement on this data, as the app calls it, then rolled back (it wrote nothing anyway when it refuses).
      const direct = await rolledBack(db.prisma, (tx) =>
        statement(tx, { sessionId, expectedStarts: startsAt, now: at, isPublic: scenario.by === 'public', phone, party }),
      )
      const app = await registerBy(scenario.by, sessionId, phone, at, party).then(
        (result) => ({ outcome: result.status, waitlistPosition: result.waitlistPosition }),
        (error: unknown) => error,
      )
      expect(direct).toEqual({ outcome: code, waitlistPosition: null })
      // The TypeScript rule on the session as the app reads it (pages and the check before the seat ask it). A phone
      // that already holds a place is the statement's alone to find, under the lock.
      expect(await ruleSays(scenario, sessionId, party, at)).toBe(code === 'DUPLICATE_PHONE' ? null : code)
      // And what the person is told, from the TypeScript path as a whole.
      expect(app).toBeInstanceOf(Error)
      const { code: appCode, field, status, message, localized } = app as InstanceType<typeof import('~/utils/refusal').Refusal>
      expect({ code: appCode, field, status, message, localized }).toEqual(pick(booking.seatRefusal(code as RegistrationRuleCode)))
      expect(await counts()).toEqual(before)
    })

    it.each(accepted.map((s) => [s.name, s] as const))('gives a place alike: %s', async (_, scenario) => {
      const { sessionId, startsAt, phone, at } = await prepare(scenario)
      const party = scenario.party ?? [1, 0]
      const direct = await rolledBack(db.prisma, (tx) =>
        statement(tx, { sessionId, expectedStarts: startsAt, now: at, isPublic: scenario.by === 'public', phone, party }),
      )
      expect(await ruleSays(scenario, sessionId, party, at)).toBeNull()
      const result = await registerBy(scenario.by, sessionId, phone, at, party)
      expect(direct).toEqual({ outcome: result.status, waitlistPosition: result.waitlistPosition })
      expect(['CONFIRMED', 'WAITLISTED']).toContain(result.status)
    })

    it('STALE: when the start moved since the app read it, nothing is written and the app reads again', async () => {
      const session = await createSession(db.prisma, now)
      const phone = nextPhone()
      const moved = new Date(session.startsAt.getTime() - HOUR)
      const direct = await statement(db.prisma, { sessionId: session.id, expectedStarts: moved, now, isPublic: true, phone, party: [1, 0] })
      expect(direct).toEqual({ outcome: 'STALE', waitlistPosition: null })
      expect(await db.prisma.registration.count({ where: { phone } })).toBe(0)
      expect(await db.prisma.message.count({ where: { recipient: phone } })).toBe(0)
    })

    // ——— What the statement writes ———

    // Each column of Registration: what the place must hold after registerForSession, from what the person gave.
    type Given = {
      sessionId: string
      input: ReturnType<typeof person> & { reminders?: boolean }
      language: string
      by: 'public' | 'staff'
      residentId: string | null
      at: Date
      result: Awaited<ReturnType<typeof booking.registerForSession>>
      answers: unknown
    }
    const registrationColumns: Record<keyof typeof Prisma.RegistrationScalarFieldEnum, (g: Given) => unknown> = {
      id: (g) => g.result.id,
      sessionId: (g) => g.sessionId,
      name: (g) => g.input.name,
      phone: (g) => g.input.phone,
      adults: (g) => g.input.adults,
      children: (g) => g.input.children,
      partySize: (g) => g.input.adults + g.input.children,
      status: (g) => g.result.status,
      code: (g) => g.result.code,
      manageTokenHash: (g) => links.hashLinkSecret(g.result.manageToken),
      waitlistSeq: (g) => (g.result.status === 'WAITLISTED' ? expect.any(Number) : null),
      answers: (g) => g.answers,
      consentAt: (g) => g.at,
      source: (g) => (g.by === 'staff' ? 'STAFF' : 'ONLINE'),
      createdAt: (g) => g.at,
      cancelledAt: () => null,
      cancelReason: () => null,
      attendedAt: () => null,
      checkedInById: () => null,
      residentId: (g) => g.residentId,
      locale: (g) => g.language,
      remindersOff: (g) => g.input.reminders === false,
    }
    // Message columns the statement leaves to their defaults (they belong to the relay and the worker).
    const messageDefaults = [
      'status',
      'jobId',
      'attempts',
      'lastError',
      'provider',
      'providerMessageId',
      'createdAt',
      'sentAt',
      'failedAt',
      'resentAsId',
    ]

    it('writes every column of Registration and Message the TypeScript side has (a new column needs a decision here)', () => {
      const registrationInsert = /INSERT INTO "Registration" \(([^)]*)\)/.exec(source)?.[1]
      const messageRecord = /AS m\(([\s\S]*?)\)\s+ON CONFLICT/.exec(source)?.[1]
      expect(registrationInsert && messageRecord).toBeTruthy()
      const names = (list: string) => list.split(',').map((part) => part.trim().split(/\s+/)[0].replaceAll('"', ''))
      const notWritten = ['cancelledAt', 'cancelReason', 'attendedAt', 'checkedInById']
      expect([...names(registrationInsert!), ...notWritten].sort()).toEqual(Object.keys(Prisma.RegistrationScalarFieldEnum).sort())
      expect(Object.keys(registrationColumns).sort()).toEqual(Object.keys(Prisma.RegistrationScalarFieldEnum).sort())
      expect([...names(messageRecord!), ...messageDefaults].sort()).toEqual(Object.keys(Prisma.MessageScalarFieldEnum).sort())
    })

    // Registrations whose places and messages differ in every way the messages depend on.
    const places: Array<{
      name: string
      session?: SessionFixture
      by?: 'public' | 'staff'
      language?: 'zh-CN' | 'en'
      reminders?: boolean
      party?: [number, number]
      event?: Prisma.EventUpdateInput
      resident?: boolean
      venue?: boolean
      full?: number
      templates: string[]
    }> = [
      { name: 'confirmed, in Chinese, with its reminder', templates: ['registration.confirmed', 'registration.reminder'] },
      {
        name: 'confirmed, in English, at a venue with an English name, reminders off, a child with a per-child answer',
        language: 'en',
        reminders: false,
        party: [1, 2],
        session: { questions: [{ key: 'age', label: '年龄', kind: 'number', required: true, perChild: true }] },
        venue: true,
        templates: ['registration.confirmed'],
      },
      {
        name: 'confirmed the evening before: the reminder moves out of quiet hours',
        session: { startsInHours: 45 }, // 07:00 in Shanghai: 24 hours before is inside 21:00–08:00
        event: { placeName: '社区活动室' },
        templates: ['registration.confirmed', 'registration.reminder'],
      },
      { name: 'confirmed too late for a reminder', session: { startsInHours: 3 }, templates: ['registration.confirmed'] },
      {
        name: 'a demonstration activity, with an account',
        event: { isExample: true },
        resident: true,
        templates: ['registration.confirmed', 'registration.reminder'],
      },
      { name: 'waitlisted first', full: 1, templates: ['registration.waitlisted'] },
      { name: 'waitlisted third, in English', full: 3, language: 'en', templates: ['registration.waitlisted'] },
      { name: 'added by staff to a started session', by: 'staff', session: { startsInHours: -1 }, templates: ['registration.confirmed'] },
    ]

    it.each(places.map((p) => [p.name, p] as const))('writes the place and its messages as the TypeScript side would: %s', async (_, p) => {
      const session = await createSession(db.prisma, now, { capacity: p.full ? 1 : 10, ...p.session })
      if (p.event) await db.prisma.event.update({ where: { id: session.eventId }, data: p.event })
      if (p.venue) {
        const { districtId } = await db.prisma.event.findUniqueOrThrow({ where: { id: session.eventId } })
        const venue = await db.prisma.venue.create({
          data: {
            slug: `v-${randomBytes(4).toString('hex')}`,
            name: '上海地震科普馆（Shanghai Earthquake Museum）',
            type: 'SCIENCE_MUSEUM',
            districtId,
            lat: 31.03,
            lng: 121.22,
            source: 'test',
          },
        })
        await db.prisma.event.update({ where: { id: session.eventId }, data: { venueId: venue.id } })
      }
      for (let i = 0; i < (p.full ?? 0); i += 1) await registerBy('staff', session.id, nextPhone(), now)
      const input = { ...person(p.party?.[0] ?? 1), ...(p.party ? { children: p.party[1] } : {}), reminders: p.reminders }
      if (p.session?.questions) input.answers = { age: ['7', '9', '11'] }
      const residentId = p.resident
        ? (
            await db.prisma.resident.create({
              data: { phone: input.phone, passwordHash: 'x', passportCode: `P${randomBytes(4).toString('hex')}` },
            })
          ).id
        : null
      const language = p.language ?? 'zh-CN'
      const by = p.by ?? 'public'
      const result = await booking.registerForSession(session.id, input, {
        now,
        origin: ORIGIN,
        language,
        residentId: residentId ?? undefined,
        byStaff: by === 'staff' ? { audit: async () => {} } : undefined,
      })
      expect(result.status).toBe(p.full ? 'WAITLISTED' : 'CONFIRMED')

      // The place, column by column.
      const row = await db.prisma.registration.findUniqueOrThrow({ where: { id: result.id } })
      const answers = p.session?.questions ? { age: ['7', '9'] } : {}
      const given: Given = { sessionId: session.id, input, language, by, residentId, at: now, result, answers }
      const expected = Object.fromEntries(Object.entries(registrationColumns).map(([column, value]) => [column, value(given)]))
      expect(row).toEqual(expected)
      if (result.status === 'WAITLISTED') expect(result.waitlistPosition).toBe(p.full)

      // Its messages: those the statement wrote, against those the TypeScript side queues for the same place.
      const written = await outbox(db.prisma, result.id)
      expect(written.map((m) => m.template).sort()).toEqual([...p.templates].sort())
      const reference = await rolledBack(db.prisma, async (tx) => {
        await tx.message.deleteMany({ where: { subjectType: 'Registration', subjectId: result.id } })
        const waitlisted = result.status === 'WAITLISTED'
        await notify.queueRegistrationMessages(tx, [result.id], waitlisted ? 'registration.waitlisted' : 'registration.confirmed', {
          origin: ORIGIN,
          now,
          reminders: !waitlisted,
          extra: waitlisted ? () => ({ position: String(result.waitlistPosition) }) : undefined,
        })
        return outbox(tx, result.id)
      })
      expect(written).toEqual(reference)
    })

    it('inserts any outbox row as Prisma would, column by column (e-mail, no district, once-only key, not before)', async () => {
      const session = await createSession(db.prisma, now, { capacity: 1 })
      const rows = (registrationId: string, phone: string) => [
        message({ id: `${registrationId}a`, recipient: phone, subjectId: registrationId }),
        message({
          id: `${registrationId}b`,
          channel: 'EMAIL',
          recipient: 'someone@example.com',
          locale: 'en',
          params: { title: '“引号” & <tags>', nested: { n: 1, list: ['甲', null] } },
          subjectId: registrationId,
          districtId: null,
          dedupeKey: `once:${registrationId}`,
          notBefore: '2026-11-24T12:34:56.789Z',
        }),
      ]
      for (const outcome of ['CONFIRMED', 'WAITLISTED'] as const) {
        const id = `c${randomBytes(12).toString('hex')}`
        const phone = nextPhone()
        const prepared = rows(id, phone)
        const seat = await statement(db.prisma, {
          sessionId: session.id,
          expectedStarts: session.startsAt,
          now,
          isPublic: true,
          phone,
          party: [1, 0],
          id,
          messages: { [outcome]: prepared },
        })
        expect(seat.outcome).toBe(outcome)
        const written = await outbox(db.prisma, id)
        const reference = await rolledBack(db.prisma, async (tx) => {
          await tx.message.deleteMany({ where: { subjectId: id } })
          const position = seat.waitlistPosition === null ? {} : { position: String(seat.waitlistPosition) }
          await tx.message.createMany({
            data: prepared.map(({ notBefore, params, ...m }) => ({
              ...m,
              params: { ...params, ...position },
              notBefore: notBefore ? new Date(notBefore) : null,
            })),
          })
          return outbox(tx, id)
        })
        expect(written).toHaveLength(2)
        expect(written).toEqual(reference)
      }
    })
  })
}

/** The comparable part of a refusal. */
function pick(refusal: { code?: string; field?: string; status: number; message: string; localized?: unknown }) {
  const { code, field, status, message, localized } = refusal
  return { code, field, status, message, localized }
}

/** Runs `work` in a transaction that is rolled back, and returns what it returned. */
async function rolledBack<T>(prisma: PrismaClient, work: (tx: Tx) => Promise<T>): Promise<T> {
  const marker = Symbol('rolled back')
  let value: T | undefined
  try {
    await prisma.$transaction(async (tx) => {
      value = await work(tx)
      throw marker
    })
  } catch (error) {
    if (error !== marker) throw error
  }
  return value as T
}

/** A registration's outbox rows, comparable: without the ids and the database's clock, in a stable order. */
async function outbox(db: Tx | PrismaClient, subjectId: string) {
  const rows = await db.message.findMany({ where: { subjectId }, orderBy: [{ template: 'asc' }, { channel: 'asc' }] })
  return rows.map(({ id: _id, createdAt: _createdAt, ...row }) => row)
}

type MessageRow = {
  id: string
  channel: 'SMS' | 'EMAIL'
  recipient: string
  template: string
  locale: string
  params: Record<string, unknown>
  subjectType: string
  subjectId: string
  districtId: string | null
  dedupeKey: string | null
  notBefore: string | null
}
function message(row: Partial<MessageRow> & Pick<MessageRow, 'id' | 'recipient' | 'subjectId'>): MessageRow {
  return {
    channel: 'SMS',
    template: 'registration.confirmed',
    locale: 'zh-CN',
    params: { title: '测试' },
    subjectType: 'Registration',
    districtId: 'some-district',
    dedupeKey: null,
    notBefore: null,
    ...row,
  }
}

/** `registerInOneStatement`, called as the app calls it (registration.server.ts), on `db`. */
async function statement(
  db: Tx | PrismaClient,
  s: {
    sessionId: string
    expectedStarts: Date
    now: Date
    isPublic: boolean
    phone: string
    party: [number, number]
    id?: string
    messages?: Record<string, unknown[]>
  },
): Promise<Outcome> {
  const id = s.id ?? `c${randomBytes(12).toString('hex')}`
  const registration = {
    id,
    name: '测试居民',
    phone: s.phone,
    adults: s.party[0],
    children: s.party[1],
    code: randomBytes(4).toString('hex').toUpperCase(),
    manageTokenHash: id,
    locale: 'zh-CN',
    remindersOff: false,
    answers: {},
    source: s.isPublic ? 'ONLINE' : 'STAFF',
    residentId: null,
  }
  const messages = s.messages ?? { CONFIRMED: [], WAITLISTED: [] }
  const [row] = await db.$queryRaw<[Outcome]>`
    SELECT outcome, "waitlistPosition" FROM "registerInOneStatement"(${s.sessionId}, ${s.expectedStarts.toISOString()}::timestamp(3),
      ${s.now.toISOString()}::timestamp(3), ${s.isPublic}, ${JSON.stringify(registration)}::jsonb, ${JSON.stringify(messages)}::jsonb)`
  return row
}
