// Series of sessions (issue 19, part 2), on each database (session-series.pglite.test.ts, .postgres.test.ts): the
// dates a pattern makes in Shanghai time with its skipped days, the 200-session cap, and the bulk change and cancel
// with the single-session rules — refused as a whole when seats taken exceed the new capacity (naming the
// sessions), registrations kept and marked, people told in the same transaction, and the staff scope.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { person, seatInvariant } from '../helpers/fixtures'
import { createStaffWorld, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'

const ORIGIN = 'https://kepu.example.cn'

export function sessionSeriesRules(kind: TestDatabaseKind) {
  describe(`series of sessions on ${kind}`, () => {
    let db: TestDatabase
    let world: StaffWorld
    let app: {
      series: typeof import('~/models/event/series.server')
      booking: typeof import('~/models/registration/registration.server')
      schema: typeof import('~/models/event/series-schema')
    }
    // A fixed Tuesday noon in Shanghai.
    const now = new Date('2026-12-01T04:00:00Z')

    beforeAll(async () => {
      db = await useTestDatabaseForApp(kind)
      app = {
        series: await import('~/models/event/series.server'),
        booking: await import('~/models/registration/registration.server'),
        schema: await import('~/models/event/series-schema'),
      }
    })
    afterAll(async () => {
      await db?.drop()
    })
    beforeEach(async () => {
      await db.prisma.$executeRawUnsafe(
        'TRUNCATE "Message", "AuditEntry", "UserSession", "Registration", "EventSession", "SessionSeries", "Event", "Venue", "User", "Organisation", "Town", "PlanFigure", "District" CASCADE',
      )
      world = await createStaffWorld(db.prisma, now)
    })

    const staffOf = (user: StaffWorld['users']['staff']) => ({ ...user, sessionId: 't' })
    /** A pattern as the form sends it, parsed by the form's own schema. */
    const pattern = (over: Record<string, unknown> = {}) =>
      app.schema.seriesPatternSchema.parse({
        weekdays: ['6'],
        startTime: '14:00',
        endTime: '15:30',
        fromDate: '2026-12-01',
        untilDate: '2026-12-31',
        capacity: 10,
        ...over,
      })
    const seriesSessions = (seriesId: string) => db.prisma.eventSession.findMany({ where: { seriesId }, orderBy: { startsAt: 'asc' } })
    const register = (sessionId: string, partySize: number, language: 'zh-CN' | 'en' = 'zh-CN') =>
      app.booking.registerForSession(sessionId, person(partySize), { now, origin: ORIGIN, language })

    describe('the dates a pattern makes', () => {
      it('are the chosen weekdays in Shanghai time, without the days already started, with the listed days skipped', () => {
        const zone = process.env.TZ
        process.env.TZ = 'America/New_York' // the server's own zone must not matter
        try {
          // Saturday and Sunday 07:30 Shanghai is Friday and Saturday 23:30 UTC.
          const preview = app.series.previewSeries(
            pattern({ weekdays: ['0', '6'], startTime: '07:30', endTime: '09:00', skipDates: '2026-12-13、2026-12-25，2027-01-01' }),
            new Date('2026-12-05T23:00:00Z'), // Sunday 6 December 07:00 Shanghai: Saturday the 5th has started
          )
          expect(preview.days.map((d) => [d.date, d.weekday, d.skipped])).toEqual([
            ['2026-12-06', 0, false],
            ['2026-12-12', 6, false],
            ['2026-12-13', 0, true],
            ['2026-12-19', 6, false],
            ['2026-12-20', 0, false],
            ['2026-12-26', 6, false],
            ['2026-12-27', 0, false],
          ])
          expect(preview.days[0]).toMatchObject({
            startsAt: new Date('2026-12-05T23:30:00Z'),
            endsAt: new Date('2026-12-06T01:00:00Z'),
            registrationOpensAt: null,
            registrationClosesAt: null,
          })
          expect(preview).toMatchObject({ past: 1, sessions: 6, notInPattern: ['2026-12-25', '2027-01-01'] })
        } finally {
          process.env.TZ = zone
        }
      })

      it('open and close registration the set days and hours before each session', () => {
        const [first] = app.series.previewSeries(pattern({ opensDaysBefore: 7, closesHoursBefore: 2 }), now).days
        expect(first.startsAt).toEqual(new Date('2026-12-05T06:00:00Z'))
        expect(first.registrationOpensAt).toEqual(new Date('2026-11-28T06:00:00Z'))
        expect(first.registrationClosesAt).toEqual(new Date('2026-12-05T04:00:00Z'))
      })

      it('refuses, next to the field, a window that closes before it opens, an end before the start, and bad skip dates', () => {
        const issues = (over: Record<string, unknown>) =>
          app.schema.seriesPatternSchema
            .safeParse({
              weekdays: ['6'],
              startTime: '14:00',
              endTime: '15:30',
              fromDate: '2026-12-01',
              untilDate: '2026-12-31',
              capacity: 10,
              ...over,
            })
            .error?.issues.map((i) => [i.path.join('.'), i.message])
        expect(issues({ opensDaysBefore: 1, closesHoursBefore: 24 })).toEqual([['closesHoursBefore', expect.stringContaining('少于 24')]])
        expect(issues({ endTime: '14:00' })).toEqual([['endTime', expect.stringContaining('晚于开始时间')]])
        expect(issues({ skipDates: '2026-12-25 12月26日' })).toEqual([['skipDates', expect.stringContaining('12月26日')]])
        expect(issues({ untilDate: '2026-11-30' })).toEqual([['untilDate', '结束日期不能早于开始日期']])
        expect(issues({ weekdays: [] })).toEqual([['weekdays', '请至少选择一个星期几']])
      })

      it('makes at most 200 sessions: more is refused at the last day, listing days to skip counts', async () => {
        const daily = { weekdays: ['0', '1', '2', '3', '4', '5', '6'], fromDate: '2026-12-02' }
        // 2 December to 20 June 2027: 201 days.
        expect(() => app.series.previewSeries(pattern({ ...daily, untilDate: '2027-06-20' }), now)).toThrow(
          expect.objectContaining({ field: 'untilDate', message: expect.stringContaining('会生成 201 个场次，一个系列最多 200 个') }),
        )
        const skipOne = pattern({ ...daily, untilDate: '2027-06-20', skipDates: '2027-01-01' })
        expect(app.series.previewSeries(skipOne, now).sessions).toBe(200)
        const all = app.series.previewSeries(skipOne, now).days.map((d) => d.date)
        await expect(
          app.series.createSeries(staffOf(world.users.staff), world.event.id, pattern({ ...daily, untilDate: '2027-06-20' }), all, now),
        ).rejects.toMatchObject({ field: 'untilDate', message: expect.stringContaining('201') })
        expect(await db.prisma.sessionSeries.count()).toBe(0)
        const made = await app.series.createSeries(
          staffOf(world.users.staff),
          world.event.id,
          skipOne,
          all.filter((d) => d !== '2027-01-01'),
          now,
        )
        expect(made.sessions).toBe(200)
        expect(await db.prisma.eventSession.count({ where: { seriesId: made.id } })).toBe(200)
      })
    })

    describe('making a series', () => {
      it('saves the sessions of the ticked days and keeps the unticked ones as skipped, with one audit entry', async () => {
        const p = pattern({ skipDates: '2026-12-26', opensDaysBefore: 14 })
        const shown = app.series.previewSeries(p, now).days
        // The person also unticked the 12th in the preview; the listed 26th stays unticked.
        const ticked = shown.filter((d) => !d.skipped && d.date !== '2026-12-12').map((d) => d.date)
        const { id, sessions } = await app.series.createSeries(staffOf(world.users.staff), world.event.id, p, ticked, now)
        expect(sessions).toBe(2)
        const rows = await seriesSessions(id)
        expect(rows.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString(), s.capacity, s.status])).toEqual([
          ['2026-12-05T06:00:00.000Z', '2026-12-05T07:30:00.000Z', 10, 'SCHEDULED'],
          ['2026-12-19T06:00:00.000Z', '2026-12-19T07:30:00.000Z', 10, 'SCHEDULED'],
        ])
        expect(rows[0].registrationOpensAt).toEqual(new Date('2026-11-21T06:00:00Z'))
        expect(rows.every((s) => s.eventId === world.event.id)).toBe(true)
        expect(await db.prisma.sessionSeries.findUniqueOrThrow({ where: { id } })).toMatchObject({
          weekdays: [6],
          startMinute: 840,
          endMinute: 930,
          skippedDates: ['2026-12-12', '2026-12-26'],
        })
        const [entry] = await db.prisma.auditEntry.findMany({ where: { action: 'series.create' } })
        expect(entry.summary).toContain('按规律添加 2 个场次（每周六 14:00–15:30')
        // A session of the series can be booked like any other.
        expect((await register(rows[0].id, 2)).status).toBe('CONFIRMED')
      })

      it("refuses a day not in the pattern, no day at all, and an activity outside the member's scope — saving nothing", async () => {
        const staff = staffOf(world.users.staff)
        await expect(app.series.createSeries(staff, world.event.id, pattern(), ['2026-12-06'], now)).rejects.toMatchObject({
          field: 'fromDate',
          message: expect.stringContaining('2026-12-06'),
        })
        await expect(app.series.createSeries(staff, world.event.id, pattern(), [], now)).rejects.toMatchObject({ field: 'dates' })
        for (const other of [world.users.otherOrgStaff, world.users.otherDistrictAdmin]) {
          await expect(app.series.createSeries(staffOf(other), world.event.id, pattern(), ['2026-12-05'], now)).rejects.toThrow(
            '不在你的管理范围内',
          )
        }
        expect(await db.prisma.sessionSeries.count()).toBe(0)
        expect(await db.prisma.eventSession.count({ where: { seriesId: { not: null } } })).toBe(0)
      })
    })

    describe('changing and cancelling all sessions still to come', () => {
      /** The Saturdays of December 2026 (5, 12, 19, 26), made on the Tuesday before. */
      async function saturdays() {
        const p = pattern()
        const { id } = await app.series.createSeries(
          staffOf(world.users.staff),
          world.event.id,
          p,
          app.series.previewSeries(p, now).days.map((d) => d.date),
          now,
        )
        return { id, sessions: await seriesSessions(id) }
      }

      it('refuses a capacity below the seats taken in any session, naming each one, and changes nothing', async () => {
        const { id, sessions } = await saturdays()
        await register(sessions[1].id, 3)
        await register(sessions[3].id, 4)
        await register(sessions[3].id, 1)
        const messagesBefore = await db.prisma.message.count()
        const change = app.schema.seriesTimesSchema.parse({ startTime: '15:00', endTime: '16:30', capacity: 2 })
        const refusal = await app.series.changeSeries(staffOf(world.users.staff), id, change, { now, origin: ORIGIN }).catch((e) => e)
        expect(refusal).toMatchObject({ field: 'capacity' })
        expect(refusal.message).toContain('12月12日周六 14:00（已占 3 个）')
        expect(refusal.message).toContain('12月26日周六 14:00（已占 5 个）')
        expect(refusal.message).toContain('至少 5 个')
        expect(refusal.message).not.toContain('12月5日')
        // Nothing moved, not even the sessions that had room: one transaction.
        expect((await seriesSessions(id)).map((s) => [s.capacity, s.startsAt.toISOString()])).toEqual(
          sessions.map((s) => [10, s.startsAt.toISOString()]),
        )
        expect(await db.prisma.message.count()).toBe(messagesBefore)
        expect((await db.prisma.sessionSeries.findUniqueOrThrow({ where: { id } })).capacity).toBe(10)
      })

      it('changes seats and times of the sessions to come as single changes do: people told, waitlist served, held ones kept', async () => {
        const { id, sessions } = await saturdays()
        await db.prisma.eventSession.update({ where: { id: sessions[2].id }, data: { capacity: 2 } }) // one changed on its own
        const a = await register(sessions[2].id, 2, 'en')
        const waiting = await register(sessions[2].id, 1)
        expect(waiting.status).toBe('WAITLISTED')
        // After the first Saturday has started.
        const later = new Date('2026-12-05T06:30:00Z')
        const change = app.schema.seriesTimesSchema.parse({ startTime: '09:30', endTime: '11:00', capacity: 6, opensDaysBefore: 3 })
        expect(await app.series.changeSeries(staffOf(world.users.districtAdmin), id, change, { now: later, origin: ORIGIN })).toEqual({
          sessions: 3,
          promoted: 1,
        })
        const rows = await seriesSessions(id)
        expect(rows.map((s) => [s.startsAt.toISOString(), s.capacity])).toEqual([
          ['2026-12-05T06:00:00.000Z', 10], // already started: as it was
          ['2026-12-12T01:30:00.000Z', 6],
          ['2026-12-19T01:30:00.000Z', 6],
          ['2026-12-26T01:30:00.000Z', 6],
        ])
        expect(rows[2].registrationOpensAt).toEqual(new Date('2026-12-16T01:30:00Z'))
        expect(await db.prisma.registration.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({ status: 'CONFIRMED' })
        expect(await seatInvariant(db.prisma, rows[2].id)).toEqual({ seatsTaken: 3, held: 3, capacity: 6 })
        const told = await db.prisma.message.findMany({ where: { subjectId: a.id, template: 'registration.time-changed' } })
        expect(told.map((m) => [m.locale, m.status])).toEqual([['en', 'QUEUED']])
        expect(await db.prisma.message.count({ where: { subjectId: waiting.id, template: 'registration.promoted' } })).toBe(1)
        expect(await db.prisma.sessionSeries.findUniqueOrThrow({ where: { id } })).toMatchObject({
          startMinute: 570,
          capacity: 6,
          opensDaysBefore: 3,
        })
        const [entry] = await db.prisma.auditEntry.findMany({ where: { action: 'series.update' } })
        expect(entry.summary).toContain('每周六 14:00–15:30 → 每周六 09:30–11:00，名额 10 → 6')
      })

      it('cancels every session to come in one transaction: registrations kept and marked, everyone told in their language', async () => {
        const { id, sessions } = await saturdays()
        const a = await register(sessions[1].id, 2, 'en')
        const b = await register(sessions[3].id, 1)
        const held = await register(sessions[0].id, 1)
        const later = new Date('2026-12-05T06:30:00Z')
        expect(await app.series.cancelSeries(staffOf(world.users.staff), id, { now: later, origin: ORIGIN })).toEqual({
          sessions: 3,
          registrationsCancelled: 2,
        })
        const rows = await seriesSessions(id)
        expect(rows.map((s) => [s.status, s.seatsTaken])).toEqual([
          ['SCHEDULED', 1],
          ['CANCELLED', 0],
          ['CANCELLED', 0],
          ['CANCELLED', 0],
        ])
        for (const r of [a, b]) {
          expect(await db.prisma.registration.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({
            status: 'CANCELLED',
            cancelReason: 'SESSION_CANCELLED',
            cancelledAt: later,
          })
        }
        expect((await db.prisma.registration.findUniqueOrThrow({ where: { id: held.id } })).status).toBe('CONFIRMED')
        const told = await db.prisma.message.findMany({ where: { template: 'registration.session-cancelled' }, orderBy: { locale: 'asc' } })
        expect(told.map((m) => [m.subjectId, m.locale])).toEqual([
          [a.id, 'en'],
          [b.id, 'zh-CN'],
        ])
        expect(await db.prisma.message.count({ where: { subjectId: a.id, template: 'registration.reminder', status: 'QUEUED' } })).toBe(0)
        expect((await db.prisma.sessionSeries.findUniqueOrThrow({ where: { id } })).cancelledAt).toEqual(later)
        expect((await db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'series.cancel' } })).summary).toContain('2 份报名需通知')
        const change = app.schema.seriesTimesSchema.parse({ startTime: '09:30', endTime: '11:00', capacity: 6 })
        await expect(app.series.changeSeries(staffOf(world.users.staff), id, change, { now: later })).rejects.toThrow('系列已取消')
      })

      it('a failure on the last session undoes the whole cancel: no session, registration or message changed', async () => {
        const { id, sessions } = await saturdays()
        const a = await register(sessions[0].id, 1)
        await register(sessions[3].id, 1)
        const messagesBefore = await db.prisma.message.count()
        // The last Saturday refuses to be cancelled (a stand-in for any failure part-way through).
        await db.prisma.$executeRawUnsafe(`CREATE FUNCTION test_refuse_cancel() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN IF NEW.status = 'CANCELLED' AND NEW.id = '${sessions[3].id}' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$`)
        await db.prisma.$executeRawUnsafe(
          'CREATE TRIGGER test_refuse_cancel BEFORE UPDATE ON "EventSession" FOR EACH ROW EXECUTE FUNCTION test_refuse_cancel()',
        )
        try {
          await expect(app.series.cancelSeries(staffOf(world.users.staff), id, { now, origin: ORIGIN })).rejects.toThrow('refused by test')
        } finally {
          await db.prisma.$executeRawUnsafe('DROP TRIGGER test_refuse_cancel ON "EventSession"')
          await db.prisma.$executeRawUnsafe('DROP FUNCTION test_refuse_cancel()')
        }
        expect((await seriesSessions(id)).map((s) => s.status)).toEqual(['SCHEDULED', 'SCHEDULED', 'SCHEDULED', 'SCHEDULED'])
        expect((await db.prisma.registration.findUniqueOrThrow({ where: { id: a.id } })).status).toBe('CONFIRMED')
        expect(await db.prisma.message.count()).toBe(messagesBefore)
        expect((await db.prisma.sessionSeries.findUniqueOrThrow({ where: { id } })).cancelledAt).toBeNull()
      })

      it("refuses staff outside the activity's scope and changes nothing", async () => {
        const { id, sessions } = await saturdays()
        const change = app.schema.seriesTimesSchema.parse({ startTime: '09:30', endTime: '11:00', capacity: 6 })
        for (const other of [world.users.otherOrgStaff, world.users.otherDistrictAdmin]) {
          await expect(app.series.changeSeries(staffOf(other), id, change, { now })).rejects.toThrow('不在你的管理范围内')
          await expect(app.series.cancelSeries(staffOf(other), id, { now })).rejects.toThrow('不在你的管理范围内')
          expect(await app.series.findSeriesForStaff(staffOf(other), world.event.id, id)).toBeNull()
        }
        expect((await seriesSessions(id)).map((s) => [s.status, s.capacity, s.startsAt.getTime()])).toEqual(
          sessions.map((s) => ['SCHEDULED', 10, s.startsAt.getTime()]),
        )
        expect(await db.prisma.auditEntry.count({ where: { action: { in: ['series.update', 'series.cancel'] } } })).toBe(0)
        expect((await app.series.findSeriesForStaff(staffOf(world.users.staff), world.event.id, id))?.sessions).toHaveLength(4)
      })

      it('a change of 200 sessions with people registered finishes in one transaction', async () => {
        const p = pattern({ weekdays: ['0', '1', '2', '3', '4', '5', '6'], fromDate: '2026-12-02', untilDate: '2027-06-19' })
        const days = app.series.previewSeries(p, now).days.map((d) => d.date)
        const { id } = await app.series.createSeries(staffOf(world.users.staff), world.event.id, p, days, now)
        const rows = await seriesSessions(id)
        for (const s of rows.filter((_, i) => i % 10 === 0)) await register(s.id, 2)
        const change = app.schema.seriesTimesSchema.parse({ startTime: '10:00', endTime: '11:00', capacity: 8 })
        let started = performance.now()
        expect(await app.series.changeSeries(staffOf(world.users.staff), id, change, { now, origin: ORIGIN })).toEqual({
          sessions: 200,
          promoted: 0,
        })
        console.log(`[${kind}] change 200 sessions of a series (20 with registrations): ${(performance.now() - started).toFixed(0)} ms`)
        expect(await db.prisma.message.count({ where: { template: 'registration.time-changed' } })).toBe(20)
        started = performance.now()
        expect((await app.series.cancelSeries(staffOf(world.users.staff), id, { now, origin: ORIGIN })).registrationsCancelled).toBe(20)
        console.log(`[${kind}] cancel 200 sessions of a series: ${(performance.now() - started).toFixed(0)} ms`)
        expect(await db.prisma.eventSession.count({ where: { seriesId: id, status: 'CANCELLED' } })).toBe(200)
      }, 120_000)
    })
  })
}
