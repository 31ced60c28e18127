// Which messages each change queues (issue 15), on each database (message.pglite.test.ts, message.postgres.test.ts):
// the outbox rows a change writes in its own transaction — template, recipient, language, parameters, and a link
// that opens the record — and none when the change is refused or rolled back.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { beforeQuietHours, isQuietHour } from '~/utils/quiet-hours'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { nextPhone, person } from '../helpers/fixtures'
import { addSchoolOffer, createStaffWorld, SONGJIANG_POINT, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'

const HOUR = 3600_000
const DAY = 24 * HOUR
const ORIGIN = 'https://kepu.example.cn'

export function messageRules(kind: TestDatabaseKind, { bulk }: { bulk: number }) {
  describe(`messages on ${kind}`, () => {
    let db: TestDatabase
    let world: StaffWorld
    let app: {
      booking: typeof import('~/models/registration/registration.server')
      admin: typeof import('~/models/registration/admin.server')
      events: typeof import('~/models/event/admin.server')
      notify: typeof import('~/models/message/notify.server')
      visits: typeof import('~/models/school-visit/school-visit.server')
      visitAdmin: typeof import('~/models/school-visit/admin.server')
      menu: typeof import('~/models/menu/menu.server')
      staff: typeof import('~/models/staff/staff.server')
      links: typeof import('~/utils/private-links.server')
    }
    // A fixed Tuesday noon in Shanghai.
    const now = new Date('2026-12-01T04:00:00Z')

    beforeAll(async () => {
      db = await useTestDatabaseForApp(kind)
      app = {
        booking: await import('~/models/registration/registration.server'),
        admin: await import('~/models/registration/admin.server'),
        events: await import('~/models/event/admin.server'),
        notify: await import('~/models/message/notify.server'),
        visits: await import('~/models/school-visit/school-visit.server'),
        visitAdmin: await import('~/models/school-visit/admin.server'),
        menu: await import('~/models/menu/menu.server'),
        staff: await import('~/models/staff/staff.server'),
        links: await import('~/utils/private-links.server'),
      }
    })
    afterAll(async () => {
      await db?.drop()
    })
    beforeEach(async () => {
      await db.prisma.$executeRawUnsafe(
        'TRUNCATE "Message", "MenuOrder", "MenuItem", "SchoolBooking", "StudyCourse", "VisitSlot", "VisitClosedDate", "SchoolOffer", "AuditEntry", "UserSession", "PasswordToken", "Registration", "EventSession", "Event", "Venue", "User", "Organisation", "Town", "PlanFigure", "District" CASCADE',
      )
      world = await createStaffWorld(db.prisma, now)
    })

    const staffOf = (user: StaffWorld['users']['staff']) => ({ ...user, sessionId: 't' })
    const messages = (where: { subjectId?: string; template?: string } = {}) =>
      db.prisma.message.findMany({ where, orderBy: [{ createdAt: 'asc' }, { template: 'asc' }] })
    /** A session of the world's event starting at `startsAt`, with `capacity` seats. */
    const session = (startsAt: Date, capacity = 10) =>
      db.prisma.eventSession.create({
        data: {
          eventId: world.event.id,
          key: `s-${startsAt.getTime()}-${Math.random()}`,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 2 * HOUR),
          capacity,
        },
      })
    const register = (sessionId: string, options: { language?: 'zh-CN' | 'en'; reminders?: boolean; partySize?: number } = {}) =>
      app.booking.registerForSession(
        sessionId,
        { ...person(options.partySize ?? 1), reminders: options.reminders ?? true },
        { now, origin: ORIGIN, language: options.language },
      )
    /** The secret in a message's link, checked to open the record whose hash is stored. */
    const secretOf = (link: unknown, path: string) => {
      expect(String(link).startsWith(`${ORIGIN}${path}`)).toBe(true)
      return String(link).slice(ORIGIN.length + path.length)
    }

    describe('registrations', () => {
      it('a confirmed place: the confirmation in the page language with the private link, and a reminder before the start', async () => {
        const startsAt = new Date('2026-12-05T06:00:00Z') // Saturday 14:00 Shanghai
        const s = await session(startsAt)
        const r = await register(s.id, { language: 'en' })
        const rows = await messages({ subjectId: r.id })
        expect(rows.map((m) => [m.template, m.channel, m.locale, m.status])).toEqual([
          ['registration.confirmed', 'SMS', 'en', 'QUEUED'],
          ['registration.reminder', 'SMS', 'en', 'QUEUED'],
        ])
        const stored = await db.prisma.registration.findUniqueOrThrow({ where: { id: r.id } })
        expect(stored.locale).toBe('en')
        for (const m of rows) {
          expect(m.recipient).toBe(stored.phone)
          const params = m.params as Record<string, string>
          expect(params).toMatchObject({ title: '测试活动', place: '测试科技馆', code: r.code })
          expect(params.time).toContain('December')
          const secret = secretOf(params.link, '/r/')
          expect(secret).toBe(r.manageToken)
          expect(app.links.hashLinkSecret(secret)).toBe(stored.manageTokenHash)
        }
        const reminder = rows[1]
        expect(reminder.notBefore).toEqual(new Date(startsAt.getTime() - DAY))
        expect(reminder.dedupeKey).toBe(`reminder:${r.id}:${startsAt.toISOString()}:sms`)
        expect((reminder.params as Record<string, string>).startsAt).toBe(startsAt.toISOString())
      })

      it('a waitlisted party hears its position and gets no reminder; promotion on a cancel tells them and queues theirs', async () => {
        const s = await session(new Date('2026-12-05T06:00:00Z'), 1)
        const first = await register(s.id)
        const second = await register(s.id, { language: 'en' })
        expect(second.status).toBe('WAITLISTED')
        const waiting = await messages({ subjectId: second.id })
        expect(waiting.map((m) => m.template)).toEqual(['registration.waitlisted'])
        expect((waiting[0].params as Record<string, string>).position).toBe('1')

        await app.booking.cancelRegistration(first.manageToken, { now, origin: ORIGIN })
        const firstRows = await messages({ subjectId: first.id })
        expect(firstRows.map((m) => [m.template, m.status])).toEqual([
          ['registration.confirmed', 'QUEUED'],
          ['registration.reminder', 'SKIPPED'],
          ['registration.cancelled', 'QUEUED'],
        ])
        const promoted = await messages({ subjectId: second.id })
        expect(promoted.map((m) => [m.template, m.locale])).toEqual([
          ['registration.waitlisted', 'en'],
          ['registration.promoted', 'en'],
          ['registration.reminder', 'en'],
        ])
        expect(secretOf((promoted[1].params as Record<string, string>).link, '/r/')).toBe(second.manageToken)
      })

      it('a link sent before links were shortened keeps working: its page opens and later messages carry it', async () => {
        const s = await session(new Date('2026-12-05T06:00:00Z'))
        const r = await register(s.id)
        expect(r.manageToken).toMatch(/^[0-9A-Za-z]{17}$/)
        // The 32-character link such a registration was sent (HMAC-SHA256 of kind and code, base64url).
        const { createHmac } = await import('node:crypto')
        const { linkKey } = await import('~/utils/infra/secrets.server')
        const legacy = createHmac('sha256', await linkKey())
          .update(`registration:${r.code}`)
          .digest('base64url')
          .slice(0, 32)
        await db.prisma.registration.update({ where: { id: r.id }, data: { manageTokenHash: app.links.hashLinkSecret(legacy) } })
        expect((await app.booking.findRegistrationByToken(legacy))?.id).toBe(r.id)
        expect(await app.booking.findRegistrationByToken(r.manageToken)).toBeNull()
        await app.admin.cancelRegistrationByStaff(staffOf(world.users.staff), r.id, now, ORIGIN)
        const [cancelled] = await messages({ subjectId: r.id, template: 'registration.cancelled-by-staff' })
        expect(secretOf((cancelled.params as Record<string, string>).link, '/r/')).toBe(legacy)
      })

      it('staff cancelling one place and promoting by hand tell each person', async () => {
        const s = await session(new Date('2026-12-05T06:00:00Z'), 2)
        const a = await register(s.id, { partySize: 2 })
        const b = await register(s.id, { partySize: 1 })
        const staff = staffOf(world.users.staff)
        await app.admin.cancelRegistrationByStaff(staff, a.id, now, ORIGIN)
        expect((await messages({ subjectId: a.id })).map((m) => [m.template, m.status])).toEqual([
          ['registration.confirmed', 'QUEUED'],
          ['registration.reminder', 'SKIPPED'],
          ['registration.cancelled-by-staff', 'QUEUED'],
        ])
        expect((await messages({ subjectId: b.id })).map((m) => m.template)).toEqual([
          'registration.waitlisted',
          'registration.promoted',
          'registration.reminder',
        ])
        const c = await register(s.id)
        const d = await register(s.id)
        expect(d.status).toBe('WAITLISTED')
        await db.prisma.eventSession.update({ where: { id: s.id }, data: { capacity: 3 } })
        await app.admin.promoteByStaff(staff, d.id, { now, origin: ORIGIN })
        expect((await messages({ subjectId: d.id })).map((m) => m.template)).toEqual([
          'registration.waitlisted',
          'registration.promoted',
          'registration.reminder',
        ])
        expect((await messages({ subjectId: c.id })).map((m) => m.template)).toEqual(['registration.confirmed', 'registration.reminder'])
      })

      it('nothing is queued when a change is refused or its transaction rolls back', async () => {
        const s = await session(new Date('2026-12-05T06:00:00Z'), 1)
        const a = await register(s.id)
        const before = await db.prisma.message.count()
        const phone = (await db.prisma.registration.findUniqueOrThrow({ where: { id: a.id } })).phone
        await expect(app.booking.registerForSession(s.id, { ...person(1, phone) }, { now, origin: ORIGIN })).rejects.toMatchObject({
          code: 'DUPLICATE_PHONE',
        })
        await expect(
          app.booking.cancelRegistration(a.manageToken, { now: new Date('2026-12-06T00:00:00Z'), origin: ORIGIN }),
        ).rejects.toMatchObject({ code: 'CANCEL_TOO_LATE' })
        await expect(
          app.events.updateSession(
            staffOf(world.users.staff),
            s.id,
            { startsAt: new Date('2026-12-06T06:00:00Z'), endsAt: new Date('2026-12-06T08:00:00Z'), capacity: 0 },
            { now, origin: ORIGIN },
          ),
        ).rejects.toMatchObject({ field: 'capacity' })
        await expect(
          db.prisma.$transaction(async (tx) => {
            await app.notify.queueRegistrationMessages(tx, [a.id], 'registration.confirmed', { origin: ORIGIN, now })
            throw new Error('rolled back')
          }),
        ).rejects.toThrow('rolled back')
        expect(await db.prisma.message.count()).toBe(before)
      })

      it(`staff cancel a session of ${bulk} registrations: one message per person, in the one transaction`, async () => {
        const s = await session(new Date('2026-12-05T06:00:00Z'), bulk)
        const key = await (await import('~/utils/infra/secrets.server')).linkKey()
        const rows = Array.from({ length: bulk }, (_, i) => {
          const code = `B${String(i).padStart(7, '0')}`
          return {
            sessionId: s.id,
            name: '批量',
            phone: `1390${String(i).padStart(7, '0')}`,
            adults: 1,
            children: 0,
            partySize: 1,
            status: i < bulk - 10 ? ('CONFIRMED' as const) : ('WAITLISTED' as const),
            waitlistSeq: i < bulk - 10 ? null : i,
            code,
            manageTokenHash: app.links.derivedLinkSecret(key, 'registration', code).hash,
            consentAt: now,
            locale: i % 2 ? 'en' : 'zh-CN',
          }
        })
        await db.prisma.registration.createMany({ data: rows })
        await db.prisma.eventSession.update({ where: { id: s.id }, data: { seatsTaken: bulk - 10 } })
        const started = performance.now()
        const { registrationsCancelled } = await app.events.cancelSession(staffOf(world.users.staff), s.id, now, ORIGIN)
        const ms = performance.now() - started
        console.log(`[${kind}] cancel a session of ${bulk} registrations with their messages: ${ms.toFixed(0)} ms`)
        expect(registrationsCancelled).toBe(bulk)
        const queued = await db.prisma.message.findMany({ where: { template: 'registration.session-cancelled' } })
        expect(queued).toHaveLength(bulk)
        expect(new Set(queued.map((m) => m.recipient)).size).toBe(bulk)
        expect(queued.every((m) => m.channel === 'SMS')).toBe(true)
        const sample = queued.find((m) => m.recipient === rows[7].phone)!
        expect(sample.locale).toBe('en')
        expect(app.links.hashLinkSecret(secretOf((sample.params as Record<string, string>).link, '/r/'))).toBe(rows[7].manageTokenHash)
      })

      it('an activity cancelled by staff tells everyone of its sessions to come', async () => {
        const s1 = await session(new Date('2026-12-05T06:00:00Z'))
        const s2 = await session(new Date('2026-12-06T06:00:00Z'))
        const a = await register(s1.id)
        const b = await register(s2.id)
        await app.events.cancelEvent(staffOf(world.users.staff), world.event.id, now, ORIGIN)
        for (const r of [a, b]) {
          expect((await messages({ subjectId: r.id })).map((m) => [m.template, m.status])).toEqual([
            ['registration.confirmed', 'QUEUED'],
            ['registration.reminder', 'SKIPPED'],
            ['registration.event-cancelled', 'QUEUED'],
          ])
        }
        // The world's own registration was made without a derived link: its message says how to find it by code.
        const old = await messages({ subjectId: world.registration.id })
        expect((old[0].params as Record<string, string>).link).toContain('ABCDEFGH')
      })

      it('reminders: REMINDER_HOURS before the start, moved before quiet hours; none when that time has passed', async () => {
        // 07:00 Shanghai on Saturday: 24 h before is 07:00 Friday, in quiet hours, so 20:59 Thursday.
        const early = new Date('2026-12-04T23:00:00Z')
        const r = await register((await session(early)).id)
        const [reminder] = await messages({ subjectId: r.id, template: 'registration.reminder' })
        expect(reminder.notBefore).toEqual(beforeQuietHours(new Date(early.getTime() - DAY)))
        expect(reminder.notBefore).toEqual(new Date('2026-12-03T12:59:00Z'))
        expect(isQuietHour(reminder.notBefore!)).toBe(false)
        // Starts in 10 hours: the reminder's time has passed, so only the confirmation.
        const soon = await register((await session(new Date(now.getTime() + 10 * HOUR))).id)
        expect((await messages({ subjectId: soon.id })).map((m) => m.template)).toEqual(['registration.confirmed'])
      })

      it('a time change tells confirmed and waitlisted people, skips the old reminders and queues new ones', async () => {
        const s = await session(new Date('2026-12-05T06:00:00Z'), 1)
        const a = await register(s.id)
        const b = await register(s.id)
        const startsAt = new Date('2026-12-08T06:00:00Z')
        await app.events.updateSession(
          staffOf(world.users.staff),
          s.id,
          { startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR), capacity: 1 },
          { now, origin: ORIGIN },
        )
        const rowsA = await messages({ subjectId: a.id })
        expect(rowsA.map((m) => [m.template, m.status, m.dedupeKey])).toEqual([
          ['registration.confirmed', 'QUEUED', null],
          ['registration.reminder', 'SKIPPED', `reminder:${a.id}:2026-12-05T06:00:00.000Z:sms`],
          ['registration.reminder', 'QUEUED', `reminder:${a.id}:2026-12-08T06:00:00.000Z:sms`],
          ['registration.time-changed', 'QUEUED', null],
        ])
        expect((await messages({ subjectId: b.id })).map((m) => m.template)).toEqual([
          'registration.waitlisted',
          'registration.time-changed',
        ])
      })

      it('a place change tells people of upcoming sessions and the queued reminders name the new place', async () => {
        const s = await session(new Date('2026-12-05T06:00:00Z'))
        const a = await register(s.id)
        const staff = staffOf(world.users.staff)
        const other = await db.prisma.venue.create({
          data: {
            slug: 'venue-b',
            name: '新场馆',
            type: 'SCIENCE_MUSEUM',
            districtId: world.sj.id,
            organisationId: world.orgA.id,
            lat: SONGJIANG_POINT.lat,
            lng: SONGJIANG_POINT.lng,
            source: 'test',
          },
        })
        const event = await db.prisma.event.findUniqueOrThrow({ where: { id: world.event.id } })
        await app.events.updateEvent(
          staff,
          world.event.id,
          {
            title: event.title,
            summary: event.summary,
            description: event.description,
            category: event.category,
            topics: '',
            placeKind: 'venue',
            venueId: other.id,
            maxPartySize: 4,
            questions: [],
            requiresSmsCode: false,
          },
          { now, origin: ORIGIN },
        )
        const rows = await messages({ subjectId: a.id })
        expect(rows.map((m) => m.template).sort()).toEqual([
          'registration.confirmed',
          'registration.place-changed',
          'registration.reminder',
        ])
        expect((rows.find((m) => m.template === 'registration.place-changed')!.params as Record<string, string>).place).toBe('新场馆')
        expect((rows.find((m) => m.template === 'registration.reminder')!.params as Record<string, string>).place).toBe('新场馆')
      })

      it('remindersOff: no reminder; the private page turns it on and off again', async () => {
        const s = await session(new Date('2026-12-05T06:00:00Z'))
        const r = await register(s.id, { reminders: false })
        expect((await db.prisma.registration.findUniqueOrThrow({ where: { id: r.id } })).remindersOff).toBe(true)
        expect((await messages({ subjectId: r.id })).map((m) => m.template)).toEqual(['registration.confirmed'])
        await app.booking.setReminders(r.manageToken, true, { now, origin: ORIGIN })
        expect((await messages({ subjectId: r.id, template: 'registration.reminder' })).map((m) => m.status)).toEqual(['QUEUED'])
        await app.booking.setReminders(r.manageToken, false, { now, origin: ORIGIN })
        expect((await messages({ subjectId: r.id, template: 'registration.reminder' })).map((m) => m.status)).toEqual(['SKIPPED'])
        await app.booking.setReminders(r.manageToken, true, { now, origin: ORIGIN })
        expect((await messages({ subjectId: r.id, template: 'registration.reminder' })).map((m) => m.status)).toEqual(['QUEUED'])
        expect((await db.prisma.registration.findUniqueOrThrow({ where: { id: r.id } })).remindersOff).toBe(false)
      })
    })

    describe('school visits', () => {
      const day = (offset: number) => new Date(now.getTime() + offset * DAY + 8 * HOUR).toISOString().slice(0, 10)

      it('a request tells the teacher (SMS and e-mail) and e-mails the venue staff; decisions carry the staff message', async () => {
        await addSchoolOffer(db.prisma, world)
        const offer = (await app.visits.getOfferForVenue('venue-a'))!
        const date = day(7)
        const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7
        const slot = offer.slots.find((s) => s.weekday === weekday && s.startMinute === 570)!
        const booking = await app.visits.requestVisit(
          offer,
          {
            schoolName: '松江区实验小学',
            teacherName: '周老师',
            phone: '13711112222',
            email: 'zhou@school.example.cn',
            grade: 'G4',
            students: 30,
            teachers: 2,
            courseId: offer.courses.find((c) => c.kind === 'ON_SITE')!.id,
            consent: true,
            slot: `${date}|${slot.id}`,
          },
          now,
          { origin: ORIGIN, language: 'en' },
        )
        const rows = await messages({ subjectId: booking.id })
        expect(rows.map((m) => [m.template, m.channel, m.recipient, m.locale]).sort()).toEqual(
          [
            ['school.received', 'EMAIL', 'zhou@school.example.cn', 'en'],
            ['school.received', 'SMS', '13711112222', 'en'],
            ['staff.school-request', 'EMAIL', 'staff-a@kepu.test', 'zh-CN'],
          ].sort(),
        )
        const stored = await db.prisma.schoolBooking.findUniqueOrThrow({ where: { id: booking.id } })
        const link = (rows.find((m) => m.template === 'school.received')!.params as Record<string, string>).link
        expect(app.links.hashLinkSecret(secretOf(link, '/s/'))).toBe(stored.manageTokenHash)

        await app.visitAdmin.decideSchoolBooking(staffOf(world.users.staff), booking.id, 'approve', '请提前十分钟到', now, ORIGIN)
        await app.visitAdmin.decideSchoolBooking(staffOf(world.users.staff), booking.id, 'cancel', '设备检修', now, ORIGIN)
        const decided = (await messages({ subjectId: booking.id })).filter((m) => m.channel === 'SMS' && m.template !== 'school.received')
        expect(decided.map((m) => [m.template, (m.params as Record<string, string>).message])).toEqual([
          ['school.approved', '请提前十分钟到'],
          ['school.cancelled', '设备检修'],
        ])
        // Refused (already cancelled): nothing more.
        const count = await db.prisma.message.count()
        await expect(
          app.visitAdmin.decideSchoolBooking(staffOf(world.users.staff), booking.id, 'decline', '满了', now, ORIGIN),
        ).rejects.toMatchObject({ message: '只能拒绝待处理的申请。', status: 409 })
        expect(await db.prisma.message.count()).toBe(count)
      })

      it('with no staff at the venue organisation, the district admins hear of the request', async () => {
        await addSchoolOffer(db.prisma, world)
        await db.prisma.user.update({ where: { id: world.users.staff.id }, data: { disabled: true } })
        const offer = (await app.visits.getOfferForVenue('venue-a'))!
        const date = day(8)
        const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7
        const slot = offer.slots.find((s) => s.weekday === weekday && s.startMinute === 840)!
        const booking = await app.visits.requestVisit(
          offer,
          {
            schoolName: '松江区第二小学',
            teacherName: '吴老师',
            phone: nextPhone(),
            grade: 'G5',
            students: 20,
            teachers: 2,
            courseId: offer.courses.find((c) => c.kind === 'ON_SITE')!.id,
            consent: true,
            slot: `${date}|${slot.id}`,
          },
          now,
          { origin: ORIGIN },
        )
        const toStaff = await messages({ subjectId: booking.id, template: 'staff.school-request' })
        expect(toStaff.map((m) => m.recipient)).toEqual(['sj-admin@kepu.test'])
      })
    })

    describe('科普菜单', () => {
      it('an order tells the site and e-mails the provider staff; each decision tells the site', async () => {
        const staff = staffOf(world.users.otherOrgStaff)
        const { id: itemId } = await app.menu.saveMenuItem(staff, null, {
          title: '会跳舞的静电',
          kind: 'SCIENCE_SHOW',
          topics: '物理',
          audience: '亲子',
          durationMinutes: 60,
          minGroup: 20,
          maxGroup: 120,
          leadDays: 7,
          deliversTo: [world.sj.id],
          description: '上门表演。',
          active: true,
          organisationId: world.orgB.id,
        })
        const placed = await app.menu.placeOrder(
          itemId,
          {
            siteName: '方松社区书院',
            siteKind: 'COMMUNITY_ACADEMY',
            districtId: world.sj.id,
            siteAddress: '松江区某路 8 号',
            lat: SONGJIANG_POINT.lat,
            lng: SONGJIANG_POINT.lng,
            contactName: '钱老师',
            phone: '13698765432',
            email: 'qian@site.example.cn',
            preferredDates: '12月中旬周六下午',
            expectedAudience: 60,
            consent: true,
          },
          now,
          { origin: ORIGIN, language: 'zh-CN' },
        )
        const order = await db.prisma.menuOrder.findUniqueOrThrow({ where: { code: placed.code } })
        const rows = await messages({ subjectId: order.id })
        expect(rows.map((m) => [m.template, m.channel, m.recipient]).sort()).toEqual(
          [
            ['menu.received', 'EMAIL', 'qian@site.example.cn'],
            ['menu.received', 'SMS', '13698765432'],
            ['staff.menu-order', 'EMAIL', 'staff-b@kepu.test'],
          ].sort(),
        )
        const link = (rows[0].params as Record<string, string>).link
        expect(app.links.hashLinkSecret(secretOf(link, '/m/'))).toBe(order.manageTokenHash)

        const startsAt = new Date(now.getTime() + 10 * DAY)
        await app.menu.decideOrder(staff, { intent: 'propose', orderId: order.id, startsAt, message: '周六上午可以吗' }, now, ORIGIN)
        await app.menu.acceptProposal(placed.manageToken, now, ORIGIN)
        await app.menu.decideOrder(
          staff,
          { intent: 'deliver', orderId: order.id, attendance: 50 },
          new Date(startsAt.getTime() + HOUR),
          ORIGIN,
        )
        const sms = (await messages({ subjectId: order.id })).filter((m) => m.channel === 'SMS')
        expect(sms.map((m) => m.template)).toEqual(['menu.received', 'menu.proposed', 'menu.accepted', 'menu.delivered'])
        expect((sms[1].params as Record<string, string>).message).toBe('周六上午可以吗')
        expect((sms[2].params as Record<string, string>).time).toBe((sms[1].params as Record<string, string>).time)
      })
    })

    describe('staff accounts', () => {
      it('a new account can have its set-password link e-mailed instead of shown', async () => {
        const admin = staffOf(world.users.platformAdmin)
        const shown = await app.staff.createStaff(admin, {
          email: 'a@kepu.test',
          name: '甲',
          role: 'ORG_STAFF',
          organisationId: world.orgA.id,
        })
        expect(shown.linkSecret).toBeTruthy()
        const mailed = await app.staff.createStaff(
          admin,
          { email: 'b@kepu.test', name: '乙', role: 'ORG_STAFF', organisationId: world.orgA.id },
          now,
          { mailFrom: ORIGIN },
        )
        expect(mailed.linkSecret).toBeNull()
        const rows = await db.prisma.message.findMany({ where: { template: 'staff.set-password' } })
        expect(rows.map((m) => [m.channel, m.recipient, m.subjectId])).toEqual([['EMAIL', 'b@kepu.test', mailed.userId]])
        const secret = secretOf((rows[0].params as Record<string, string>).link, '/admin/set-password/')
        expect((await app.staff.findPasswordToken(secret, now))?.user.email).toBe('b@kepu.test')
        expect(await app.staff.reissuePasswordLink(admin, mailed.userId, now, { mailFrom: ORIGIN })).toBeNull()
        expect(await db.prisma.message.count({ where: { template: 'staff.set-password' } })).toBe(2)
      })
    })
  })
}
