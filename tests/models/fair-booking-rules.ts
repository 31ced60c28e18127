// The fair-booking rules (decision 013), run on each database (fair-booking.pglite.test.ts, fair-booking.postgres.test.ts).
import { randomBytes } from 'node:crypto'
import { parseWithZod } from '@conform-to/zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fairBookingPageSchema, fairRuleRowOf } from '~/models/registration/fair-booking-schema'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createDistrict, nextPhone, person } from '../helpers/fixtures'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'
import type { RegistrationStatus } from '@prisma/client'
import type { Staff } from '~/utils/auth.server'

const HOUR = 3600_000

export function fairBookingRules(kind: TestDatabaseKind) {
  describe(`fair-booking rules on ${kind}`, () => {
    let db: TestDatabase
    let booking: typeof import('~/models/registration/registration.server')
    let fair: typeof import('~/models/registration/fair-booking.server')
    // 10:00 Shanghai time on Monday 23 November 2026.
    const now = new Date('2026-11-23T02:00:00Z')

    beforeAll(async () => {
      db = await useTestDatabaseForApp(kind)
      booking = await import('~/models/registration/registration.server')
      fair = await import('~/models/registration/fair-booking.server')
    })
    afterAll(async () => {
      await db?.drop()
    })

    /** A district with one published event; `session(h)` adds a one-hour session starting h hours from now. */
    async function world(rule?: {
      maxActive?: number
      windowDays?: number
      noShowLimit?: number
      noShowWindowDays?: number
      blockDays?: number
    }) {
      const district = await createDistrict(db.prisma)
      if (rule) await db.prisma.fairBookingRule.create({ data: { districtId: district.id, ...rule } })
      const event = await db.prisma.event.create({
        data: {
          slug: `e-${randomBytes(4).toString('hex')}`,
          title: '公平预约测试活动',
          summary: '测试',
          description: '测试',
          category: 'LECTURE',
          topics: [],
          lat: 31.03,
          lng: 121.22,
          districtId: district.id,
          status: 'PUBLISHED',
        },
      })
      let key = 0
      const session = async (startsInHours: number, capacity = 10) => {
        key += 1
        const startsAt = new Date(now.getTime() + startsInHours * HOUR)
        return db.prisma.eventSession.create({
          data: { eventId: event.id, key: `s${key}`, startsAt, endsAt: new Date(startsAt.getTime() + HOUR), capacity },
        })
      }
      /** A registration written directly (past sessions cannot be registered for): how a no-show looks in the table. */
      const past = async (endedHoursAgo: number, phone: string, status: RegistrationStatus = 'CONFIRMED') => {
        const s = await session(-endedHoursAgo - 1)
        await db.prisma.registration.create({
          data: {
            sessionId: s.id,
            name: '测试',
            phone,
            adults: 1,
            children: 0,
            partySize: 1,
            status,
            code: randomBytes(6).toString('hex'),
            manageTokenHash: randomBytes(16).toString('hex'),
            consentAt: s.startsAt,
            createdAt: s.startsAt,
            attendedAt: status === 'ATTENDED' ? s.startsAt : null,
            cancelledAt: status === 'CANCELLED' ? s.startsAt : null,
            waitlistSeq: status === 'WAITLISTED' ? 1 : null,
          },
        })
        return s
      }
      return { district, event, session, past }
    }

    const register = (sessionId: string, phone: string, at = now) => booking.registerForSession(sessionId, person(1, phone), { now: at })

    async function admin(): Promise<Staff> {
      const user = await db.prisma.user.create({
        data: { email: `admin-${randomBytes(4).toString('hex')}@kepu.test`, name: '平台管理员', role: 'PLATFORM_ADMIN' },
      })
      return { id: user.id, name: user.name, email: user.email, role: user.role, districtId: null, organisationId: null, sessionId: 'x' }
    }

    it('is off by default, and a rule with only some of its numbers set is off too', async () => {
      const phone = nextPhone()
      const off = await world()
      for (let i = 0; i < 6; i++) await register((await off.session(24 + i)).id, phone)
      const half = await world({ maxActive: 1, noShowLimit: 1, blockDays: 30 })
      await half.past(5, phone)
      await register((await half.session(24)).id, phone)
      await register((await half.session(25)).id, phone)
      expect(await fair.getFairRules(half.district.id)).toEqual({ limit: null, noShow: null })
    })

    it('refuses the N+1th active place in D days, naming the rule and the day it lifts; a cancellation makes room again', async () => {
      const w = await world({ maxActive: 2, windowDays: 30 })
      const phone = nextPhone()
      const first = await register((await w.session(24)).id, phone) // ends 2026-11-24 03:00Z, 11:00 in Shanghai
      const full = await w.session(48, 0) // no seats: a waitlisted place counts as active too
      expect((await register(full.id, phone)).status).toBe('WAITLISTED')
      const third = await w.session(72)
      const refusal = await register(third.id, phone).catch((e: unknown) => e)
      expect(refusal).toMatchObject({ code: 'FAIR_LIMIT', field: 'phone', status: 409 })
      expect((refusal as { localized: unknown }).localized).toEqual({
        key: 'registrationRefusal.FAIR_LIMIT',
        values: { max: 2, days: 30, until: '2026-11-24' },
      })
      expect((refusal as Error).message).toContain('30 天内最多 2 个有效预约')
      // A session more than D days ahead is refused too while the phone holds N places in the next D days.
      await expect(register((await w.session(40 * 24)).id, phone)).rejects.toMatchObject({ code: 'FAIR_LIMIT' })
      await booking.cancelRegistration(first.manageToken, { now })
      expect((await register(third.id, phone)).status).toBe('CONFIRMED')
      // Once a session has ended, its place no longer counts.
      const afterEnd = await w.session(24 * 5)
      await expect(register(afterEnd.id, phone)).rejects.toMatchObject({ code: 'FAIR_LIMIT' })
      expect((await register(afterEnd.id, phone, new Date(full.endsAt.getTime() + 1))).status).toBe('CONFIRMED')
    })

    it('counts only places for sessions starting within D days of now, and only in the district', async () => {
      const w = await world({ maxActive: 1, windowDays: 7 })
      const other = await world({ maxActive: 1, windowDays: 7 })
      const phone = nextPhone()
      await register((await other.session(24)).id, phone) // another district's place
      await register((await w.session(10 * 24)).id, phone) // starts after the 7 days: not counted yet
      expect((await register((await w.session(24)).id, phone)).status).toBe('CONFIRMED')
      await expect(register((await w.session(48)).id, phone)).rejects.toMatchObject({ code: 'FAIR_LIMIT' })
    })

    it('does not bind staff adding someone by hand, nor a waitlist promotion', async () => {
      const w = await world({ maxActive: 1, windowDays: 30 })
      const phone = nextPhone()
      const full = await w.session(24, 1)
      const holder = await register(full.id, nextPhone())
      expect((await register(full.id, phone)).status).toBe('WAITLISTED')
      const byHand = await booking.registerForSession((await w.session(48)).id, person(1, phone), {
        now,
        byStaff: { audit: async () => {} },
      })
      expect(byHand.status).toBe('CONFIRMED')
      // The waitlisted place is promoted although the phone now holds two: a promotion is not a new registration.
      const { promoted } = await booking.cancelRegistration(holder.manageToken, { now })
      expect(promoted).toHaveLength(1)
    })

    it('counts a no-show: a confirmed place not checked in whose session has ended; attended and cancelled places do not count', async () => {
      const w = await world({ noShowLimit: 2, noShowWindowDays: 30, blockDays: 10 })
      const phone = nextPhone()
      await w.past(48, phone, 'ATTENDED')
      await w.past(30, phone, 'CANCELLED')
      await w.past(20, phone, 'WAITLISTED') // never had a seat
      await w.past(10, phone) // one no-show
      const upcoming = await w.session(24)
      expect((await register(upcoming.id, phone)).status).toBe('CONFIRMED') // not a no-show yet: it has not ended
      // A session cancelled by staff is nobody's no-show.
      const cancelled = await w.past(5, phone)
      await db.prisma.eventSession.update({ where: { id: cancelled.id }, data: { status: 'CANCELLED' } })
      expect((await register((await w.session(25)).id, phone)).status).toBe('CONFIRMED')
    })

    it('blocks for X days from the Kth no-show within M days, names the day it lifts, and lets the phone register from that day', async () => {
      const w = await world({ noShowLimit: 2, noShowWindowDays: 30, blockDays: 10 })
      const phone = nextPhone()
      await w.past(25 * 24, phone) // ended 2026-10-29
      // The second ended at 2026-11-21 03:00Z (11:00 in Shanghai): within 30 days of the first.
      await w.past(47, phone)
      const next = await w.session(24 * 20)
      const refusal = await register(next.id, phone).catch((e: unknown) => e)
      expect(refusal).toMatchObject({ code: 'NO_SHOW_BLOCK', field: 'phone' })
      expect((refusal as { localized: unknown }).localized).toEqual({
        key: 'registrationRefusal.NO_SHOW_BLOCK',
        values: { noShows: 2, days: 30, blockDays: 10, until: '2026-12-01' },
      })
      expect(await fair.lookUpPhoneStanding(await admin(), w.district.id, phone, now)).toMatchObject({ blockedUntil: '2026-12-01' })
      // 23:59 on 30 November in Shanghai: still blocked. 00:00 on 1 December: free.
      const lift = new Date('2026-11-30T16:00:00Z')
      await expect(register(next.id, phone, new Date(lift.getTime() - 60_000))).rejects.toMatchObject({ code: 'NO_SHOW_BLOCK' })
      expect((await register(next.id, phone, lift)).status).toBe('CONFIRMED')
      // Other districts do not see this district's no-shows.
      const other = await world({ noShowLimit: 2, noShowWindowDays: 30, blockDays: 10 })
      expect((await register((await other.session(24)).id, phone)).status).toBe('CONFIRMED')
    })

    it('does not block for no-shows further apart than M days', async () => {
      const w = await world({ noShowLimit: 2, noShowWindowDays: 30, blockDays: 60 })
      const phone = nextPhone()
      await w.past(45 * 24, phone)
      await w.past(10 * 24, phone)
      expect((await register((await w.session(24)).id, phone)).status).toBe('CONFIRMED')
    })

    it('staff lifting a block forgive the no-shows before it, with an audit entry; a later no-show counts again', async () => {
      const w = await world({ noShowLimit: 1, noShowWindowDays: 30, blockDays: 30 })
      const phone = nextPhone()
      await w.past(24, phone)
      const next = await w.session(24)
      await expect(register(next.id, phone)).rejects.toMatchObject({ code: 'NO_SHOW_BLOCK' })
      const staff = await admin()
      await expect(fair.liftNoShowBlock(staff, w.district.id, nextPhone(), '核实有误', now)).rejects.toMatchObject({ field: 'phone' })
      await fair.liftNoShowBlock(staff, w.district.id, phone, '当天暴雨停课，已核实', now)
      const audit = await db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'fair_booking.lift', districtId: w.district.id } })
      expect(audit.summary).toContain('当天暴雨停课')
      expect(audit.summary).not.toContain(phone)
      expect(await fair.listRecentLifts(w.district.id)).toMatchObject([{ phoneMasked: `${phone.slice(0, 3)}****${phone.slice(7)}` }])
      expect((await register(next.id, phone, new Date(now.getTime() + 1000))).status).toBe('CONFIRMED')
      // That place is missed too: a new no-show after the lift blocks again.
      const afterward = new Date(next.endsAt.getTime() + HOUR)
      await expect(register((await w.session(24 * 5)).id, phone, afterward)).rejects.toMatchObject({ code: 'NO_SHOW_BLOCK' })
    })

    it('saves a rule with an audit entry; a district admin reaches only their own district', async () => {
      const w = await world()
      const staff = await admin()
      await fair.saveFairBookingRule(staff, w.district.id, {
        maxActive: 5,
        windowDays: 30,
        noShowLimit: 3,
        noShowWindowDays: 30,
        blockDays: 30,
      })
      expect(await fair.getFairRules(w.district.id)).toEqual({
        limit: { max: 5, days: 30 },
        noShow: { noShows: 3, days: 30, blockDays: 30 },
      })
      const audit = await db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'fair_booking.rule', districtId: w.district.id } })
      expect(audit.summary).toContain('每个手机号 30 天内最多 5 个有效预约')
      const other = await world()
      const districtAdmin = { ...staff, role: 'DISTRICT_ADMIN' as const, districtId: other.district.id }
      const thrown = await fair
        .saveFairBookingRule(districtAdmin, w.district.id, { ...(await fair.getFairBookingRuleRow(w.district.id)) })
        .catch((e: unknown) => e)
      expect((thrown as Response).status).toBe(403)
    })

    it('switches the rule off when staff save it with every number emptied, as the page posts it', async () => {
      const phone = nextPhone()
      const w = await world({ maxActive: 1, windowDays: 30, noShowLimit: 1, noShowWindowDays: 30, blockDays: 30 })
      await register((await w.session(24)).id, phone)
      await expect(register((await w.session(25)).id, phone)).rejects.toMatchObject({ code: 'FAIR_LIMIT' })
      const form = new FormData()
      for (const [name, value] of Object.entries({ intent: 'rule', districtId: w.district.id })) form.set(name, value)
      for (const name of ['maxActive', 'windowDays', 'noShowLimit', 'noShowWindowDays', 'blockDays']) form.set(name, '')
      const submission = parseWithZod(form, { schema: fairBookingPageSchema })
      if (submission.status !== 'success' || submission.value.intent !== 'rule') throw new Error('the emptied form is refused')
      await fair.saveFairBookingRule(await admin(), w.district.id, fairRuleRowOf(submission.value))
      expect(await fair.getFairBookingRuleRow(w.district.id)).toMatchObject({
        maxActive: null,
        windowDays: null,
        noShowLimit: null,
        noShowWindowDays: null,
        blockDays: null,
      })
      expect(await fair.getFairRules(w.district.id)).toEqual({ limit: null, noShow: null })
      const audit = await db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'fair_booking.rule', districtId: w.district.id } })
      expect(audit.summary).toContain('预约数不限；不限制爽约')
      await register((await w.session(26)).id, phone)
    })

    it('lets exactly N of many simultaneous registrations of one phone through', async () => {
      const w = await world({ maxActive: 3, windowDays: 30 })
      const phone = nextPhone()
      const sessions = await Promise.all(Array.from({ length: 10 }, (_, i) => w.session(24 + i)))
      const results = await Promise.allSettled(sessions.map((s) => register(s.id, phone)))
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3)
      const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as { code?: string }] : []))
      expect(refusals.map((r) => r.code)).toEqual(Array(7).fill('FAIR_LIMIT'))
      expect(await db.prisma.registration.count({ where: { phone, status: { not: 'CANCELLED' } } })).toBe(3)
    })
  })
}
