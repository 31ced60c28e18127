// Rules of the staff pages, run on PGlite and on PostgreSQL: accounts and sign-in, venues, activities and
// sessions, registrations, check-in, the CSV, the audit log and the dashboard.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { person, seatInvariant } from '../helpers/fixtures'
import { addStaffHomeTodos, createStaffWorld, QINGPU_POINT, SONGJIANG_POINT, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'

const HOUR = 3600_000

export function staffRules(kind: TestDatabaseKind) {
  let db: TestDatabase
  let world: StaffWorld
  let app: {
    staff: typeof import('~/models/staff/staff.server')
    auth: typeof import('~/utils/auth.server')
    venues: typeof import('~/models/venue/admin.server')
    events: typeof import('~/models/event/admin.server')
    registrations: typeof import('~/models/registration/admin.server')
    booking: typeof import('~/models/registration/registration.server')
    dashboard: typeof import('~/models/dashboard.server')
    home: typeof import('~/models/staff/home.server')
    schemas: typeof import('~/models/event/schema')
  }

  beforeAll(async () => {
    db = await useTestDatabaseForApp(kind)
    app = {
      staff: await import('~/models/staff/staff.server'),
      auth: await import('~/utils/auth.server'),
      venues: await import('~/models/venue/admin.server'),
      events: await import('~/models/event/admin.server'),
      registrations: await import('~/models/registration/admin.server'),
      booking: await import('~/models/registration/registration.server'),
      dashboard: await import('~/models/dashboard.server'),
      home: await import('~/models/staff/home.server'),
      schemas: await import('~/models/event/schema'),
    }
  })
  afterAll(async () => {
    await db?.drop()
  })
  beforeEach(async () => {
    // Each test gets a clean world (users, districts and what hangs off them).
    await db.prisma.$executeRawUnsafe(
      'TRUNCATE "AuditEntry", "UserSession", "PasswordToken", "Registration", "EventSession", "Event", "Venue", "User", "Organisation", "Town", "PlanFigure", "District", "RateLimitBucket" CASCADE',
    )
    world = await createStaffWorld(db.prisma)
  })

  const asStaff = (user: {
    id: string
    name: string
    email: string
    role: 'PLATFORM_ADMIN' | 'DISTRICT_ADMIN' | 'ORG_STAFF'
    districtId: string | null
    organisationId: string | null
  }) => ({ ...user, sessionId: 'test' })
  const audit = (action: string) => db.prisma.auditEntry.findMany({ where: { action } })

  describe('accounts and sign-in', () => {
    it('stores argon2id hashes and signs in only with the right password, with one message for every failure', async () => {
      const { linkSecret, userId } = await app.staff.createStaff(asStaff(world.users.platformAdmin), {
        email: 'New@Kepu.test',
        name: '新同事',
        role: 'ORG_STAFF',
        organisationId: world.orgA.id,
      })
      expect((await db.prisma.user.findUniqueOrThrow({ where: { id: userId } })).passwordHash).toBeNull()
      expect((await app.staff.signIn('new@kepu.test', 'anything at all', 'a1')).ok).toBe(false)
      await app.staff.setPasswordWithToken(linkSecret, 'a long enough secret')
      const stored = await db.prisma.user.findUniqueOrThrow({ where: { id: userId } })
      expect(stored.email).toBe('new@kepu.test')
      expect(stored.passwordHash).toMatch(/^\$argon2id\$/)
      expect(await app.staff.signIn('NEW@kepu.test', 'a long enough secret', 'a1')).toEqual({ ok: true, userId })
      const wrong = await app.staff.signIn('new@kepu.test', 'wrong password!', 'a1')
      const unknown = await app.staff.signIn('nobody@kepu.test', 'wrong password!', 'a1')
      expect(wrong).toEqual({ ok: false, message: '邮箱或密码不正确。' })
      expect(unknown).toEqual(wrong)
      expect(await audit('auth.login')).toHaveLength(1)
      // Before the password was set, and the wrong password; the unknown email has no account to log against.
      expect(await audit('auth.login_failed')).toHaveLength(2)
    })

    it('a set-password link works once and not after it expires', async () => {
      const now = new Date()
      const { linkSecret } = await app.staff.createStaff(null, { email: 'root@kepu.test', name: '根', role: 'PLATFORM_ADMIN' }, now)
      await expect(app.staff.setPasswordWithToken(linkSecret, 'first password here', new Date(now.getTime() + 73 * HOUR))).rejects.toThrow(
        '链接已失效',
      )
      await app.staff.setPasswordWithToken(linkSecret, 'first password here', now)
      await expect(app.staff.setPasswordWithToken(linkSecret, 'second password here', now)).rejects.toThrow('链接已失效')
      const [entry] = await audit('user.create')
      expect(entry.actorId).toBeNull()
      expect(entry.summary).toContain('命令行')
    })

    it("limits sign-in per (account, address) and per address, and a stranger's guesses never lock its owner out", async () => {
      const { linkSecret } = await app.staff.createStaff(null, { email: 'x@kepu.test', name: 'x', role: 'PLATFORM_ADMIN' })
      await app.staff.setPasswordWithToken(linkSecret, 'the right password')
      const limits = await import('~/utils/infra/sign-in-limits.server')
      // One moment a second into a 15-minute window, so the fixed windows cannot roll over mid-test.
      const now = new Date(Math.floor(Date.now() / 900_000) * 900_000 + 1000)
      const signIn = (password: string, address: string, device: string | null = null, at = now) =>
        app.staff.signIn('x@kepu.test', password, address, device, at)
      // The owner's own address and browser, known from an earlier sign-in there.
      expect((await signIn('the right password', 'door', 'door-tablet')).ok).toBe(true)
      // From one address: 5 tries for the account, then that pair is refused for 15 minutes.
      for (let i = 0; i < 5; i++) expect((await signIn(`wrong ${i}`, 'attacker-0')).ok).toBe(false)
      const pair = await signIn('the right password', 'attacker-0')
      expect(pair.ok === false && pair.retryAfterSeconds).toBe(899)
      // The owner's known device behind the same school NAT is not held by that address's failures (issue 24).
      expect((await signIn('the right password', 'attacker-0', 'door-tablet')).ok).toBe(true)
      // Spread over many addresses (figure: 50 guesses from 10 addresses), past the account's ceiling of 20.
      for (let a = 1; a < 10; a++) for (let i = 0; i < 5; i++) expect((await signIn(`wrong ${a}.${i}`, `attacker-${a}`)).ok).toBe(false)
      // The owner's known device signs in with the right password at once.
      expect((await signIn('the right password', 'door', 'door-tablet')).ok).toBe(true)
      // New devices may not try a password for the rest of the window: no shared slow lane for the attacker to
      // keep using; the message says how to get in anyway (a device used before, or a set-password link).
      const paused = await signIn('the right password', 'new-phone')
      expect(paused.ok === false && paused.message).toContain('以前登录过的设备')
      expect(paused.ok === false && paused.retryAfterSeconds).toBe(899)
      const nextMinute = new Date(now.getTime() + 60_000)
      expect(await limits.consumeSignInTry('staff', 'x@kepu.test', 'new-phone', null, nextMinute)).toMatchObject({
        allowed: false,
        reason: 'newDevices',
      })
      // Once the device has proven itself (the set-password link makes it known), it is counted on its own.
      expect((await limits.consumeSignInTry('staff', 'x@kepu.test', 'new-phone', 'new-phone-device', nextMinute)).allowed).toBe(true)
      const nextWindow = new Date(now.getTime() + 900_000)
      expect((await signIn('the right password', 'new-phone', null, nextWindow)).ok).toBe(true)
      // Per address: 30 tries in 15 minutes whatever the accounts; a known device is not counted by its address.
      for (let i = 0; i < 30; i++) await limits.consumeSignInTry('staff', `someone${i}@kepu.test`, 'sprayer', null, now)
      expect((await limits.consumeSignInTry('staff', 'y@kepu.test', 'sprayer', null, now)).allowed).toBe(false)
      expect((await limits.consumeSignInTry('staff', 'x@kepu.test', 'sprayer', 'door-tablet', now)).allowed).toBe(true)
      // A known device has its own budget: 10 tries in 15 minutes.
      for (let i = 0; i < 6; i++)
        expect((await limits.consumeSignInTry('staff', 'x@kepu.test', 'anywhere', 'door-tablet', now)).allowed).toBe(true)
      expect(await limits.consumeSignInTry('staff', 'x@kepu.test', 'anywhere', 'door-tablet', now)).toMatchObject({
        allowed: false,
        reason: 'tries',
      })
    })

    it('disabling an account ends its sessions; changing a password ends the others', async () => {
      const admin = asStaff(world.users.districtAdmin)
      const request = new Request('http://kepu.test/')
      const setCookie = await app.auth.startSession(request, world.users.staff.id)
      // A request each time: one request's loaders share one read.
      const signedIn = () => new Request('http://kepu.test/admin', { headers: { Cookie: setCookie.split(';')[0] } })
      expect(await app.auth.getStaff(signedIn())).toMatchObject({ id: world.users.staff.id, role: world.users.staff.role })
      // An expired session is signed out, and so is a disabled account's.
      await db.prisma.userSession.updateMany({ where: { userId: world.users.staff.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
      expect(await app.auth.getStaff(signedIn())).toBeNull()
      await db.prisma.userSession.updateMany({ where: { userId: world.users.staff.id }, data: { expiresAt: new Date(Date.now() + HOUR) } })
      expect(await app.auth.getStaff(signedIn())).toMatchObject({ id: world.users.staff.id })
      await app.staff.setStaffDisabled(admin, world.users.staff.id, true)
      expect(await db.prisma.userSession.count({ where: { userId: world.users.staff.id } })).toBe(0)
      expect(await app.auth.getStaff(signedIn())).toBeNull()
      await expect(app.staff.setStaffDisabled(admin, admin.id, true)).rejects.toThrow('不能停用自己')

      const { linkSecret } = await app.staff.createStaff(null, { email: 'y@kepu.test', name: 'y', role: 'PLATFORM_ADMIN' })
      const { userId } = await app.staff.setPasswordWithToken(linkSecret, 'old password 123')
      const sessions = await Promise.all(
        [1, 2].map(() => db.prisma.userSession.create({ data: { userId, expiresAt: new Date(Date.now() + HOUR) } })),
      )
      const me = { ...asStaff(await db.prisma.user.findUniqueOrThrow({ where: { id: userId } })), sessionId: sessions[0].id }
      await expect(app.staff.changePassword(me, 'not the password', 'new password 456')).rejects.toThrow('当前密码不正确')
      await app.staff.changePassword(me, 'old password 123', 'new password 456')
      expect((await db.prisma.userSession.findMany({ where: { userId } })).map((s) => s.id)).toEqual([sessions[0].id])
    })

    it("district admins create only their district's organisation staff", async () => {
      const admin = asStaff(world.users.districtAdmin)
      await expect(
        app.staff.createStaff(admin, { email: 'a@kepu.test', name: 'a', role: 'DISTRICT_ADMIN', districtId: world.sj.id }),
      ).rejects.toThrow('只有平台管理员')
      const qpOrg = await db.prisma.organisation.create({
        data: { slug: 'qp-org', name: '青浦单位', kind: 'OTHER', districtId: world.qp.id },
      })
      await expect(
        app.staff.createStaff(admin, { email: 'b@kepu.test', name: 'b', role: 'ORG_STAFF', organisationId: qpOrg.id }),
      ).rejects.toThrow('只能为本区')
      await app.staff.createStaff(admin, { email: 'c@kepu.test', name: 'c', role: 'ORG_STAFF', organisationId: world.orgB.id })
      await expect(
        app.staff.createStaff(admin, { email: 'C@kepu.test', name: 'c', role: 'ORG_STAFF', organisationId: world.orgB.id }),
      ).rejects.toThrow('已有账号')
      expect(await db.prisma.user.count({ where: { email: { in: ['a@kepu.test', 'b@kepu.test'] } } })).toBe(0)
    })
  })

  describe('venues', () => {
    const input = (over: Record<string, unknown> = {}) => ({
      name: '新科普基地',
      type: 'EDUCATION_BASE' as const,
      level: 'DISTRICT' as const,
      districtId: world.sj.id,
      townId: world.sjTown.id,
      lat: SONGJIANG_POINT.lat,
      lng: SONGJIANG_POINT.lng,
      openToPublic: true,
      takesSchoolVisits: true,
      stampsPassport: false,
      recognisedYear: 2026,
      ...over,
    })

    it("saves a venue inside its district, for the staff member's organisation, with an audit entry", async () => {
      const staff = asStaff(world.users.staff)
      const venue = await app.venues.createVenue(staff, input({ organisationId: world.orgB.id }))
      const saved = await db.prisma.venue.findUniqueOrThrow({ where: { id: venue.id } })
      expect(saved.organisationId).toBe(world.orgA.id) // organisation staff always publish for their own organisation
      expect(saved.slug).toMatch(/^v-[0-9a-f]{10}$/)
      expect((await audit('venue.create'))[0].entityId).toBe(venue.id)
    })

    it('refuses a point outside the district, a town of another district, and another district for a district admin — saving nothing', async () => {
      const before = await db.prisma.venue.count()
      await expect(
        app.venues.createVenue(asStaff(world.users.staff), input({ lat: QINGPU_POINT.lat, lng: QINGPU_POINT.lng })),
      ).rejects.toMatchObject({ field: 'lat', message: expect.stringContaining('不在松江区内') })
      await expect(app.venues.createVenue(asStaff(world.users.staff), input({ townId: world.qpTown.id }))).rejects.toMatchObject({
        field: 'townId',
      })
      await expect(app.venues.createVenue(asStaff(world.users.otherDistrictAdmin), input())).rejects.toMatchObject({ field: 'districtId' })
      expect(await db.prisma.venue.count()).toBe(before)
      expect(await db.prisma.auditEntry.count()).toBe(0)
    })

    it('moving a venue moves its activities with it', async () => {
      const moved = { lat: 31.05, lng: 121.25 }
      await app.venues.updateVenue(asStaff(world.users.districtAdmin), world.venue.id, input({ name: world.venue.name, ...moved }))
      expect(await db.prisma.event.findUniqueOrThrow({ where: { id: world.event.id } })).toMatchObject(moved)
    })
  })

  describe('activities and sessions', () => {
    const eventInput = (over: Record<string, unknown> = {}) =>
      app.schemas.eventSchema.parse({
        title: '星空下的科学课',
        summary: '认识冬季星座',
        description: '带孩子认识冬季星座。',
        category: 'LECTURE',
        topics: '天文、科学',
        placeKind: 'venue',
        venueId: world.venue.id,
        maxPartySize: 3,
        questions: [{ label: '孩子年级', kind: 'choice', required: true, options: '一年级、二年级、三年级' }],
        ...over,
      })
    const sessionInput = (startsInHours: number, capacity: number) => ({
      startsAt: new Date(Date.now() + startsInHours * HOUR),
      endsAt: new Date(Date.now() + (startsInHours + 2) * HOUR),
      capacity,
    })

    it('creates a draft with its questions; publishing needs a session', async () => {
      const staff = asStaff(world.users.staff)
      const { id } = await app.events.createEvent(staff, eventInput())
      const event = await db.prisma.event.findUniqueOrThrow({ where: { id } })
      expect(event).toMatchObject({
        status: 'DRAFT',
        topics: ['天文', '科学'],
        districtId: world.sj.id,
        organisationId: world.orgA.id,
        lat: world.venue.lat,
      })
      expect(event.questions).toEqual([
        expect.objectContaining({ label: '孩子年级', kind: 'choice', required: true, options: ['一年级', '二年级', '三年级'] }),
      ])
      await expect(app.events.publishEvent(staff, id)).rejects.toThrow('请先添加至少一个')
      await app.events.addSession(staff, id, sessionInput(24, 10))
      await app.events.publishEvent(staff, id)
      expect((await db.prisma.event.findUniqueOrThrow({ where: { id } })).status).toBe('PUBLISHED')
      await expect(app.events.publishEvent(asStaff(world.users.otherOrgStaff), id)).rejects.toThrow('不在你的管理范围内')
    })

    it('refuses fewer seats than are taken, with the number, and serves the waitlist when seats are added', async () => {
      const staff = asStaff(world.users.staff)
      const session = world.session // capacity 10
      await db.prisma.eventSession.update({ where: { id: session.id }, data: { capacity: 3, seatsTaken: 2 } })
      const waiting = await app.booking.registerForSession(session.id, person(2))
      expect(waiting.status).toBe('WAITLISTED')
      const change = { startsAt: session.startsAt, endsAt: session.endsAt }
      await expect(app.events.updateSession(staff, session.id, { ...change, capacity: 1 })).rejects.toMatchObject({
        field: 'capacity',
        message: expect.stringContaining('已有 2 个名额被占用'),
      })
      expect((await db.prisma.eventSession.findUniqueOrThrow({ where: { id: session.id } })).capacity).toBe(3)
      expect(await app.events.updateSession(staff, session.id, { ...change, capacity: 4 })).toEqual({ promoted: 1 })
      expect((await db.prisma.registration.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe('CONFIRMED')
      expect(await seatInvariant(db.prisma, session.id)).toEqual({ seatsTaken: 4, held: 4, capacity: 4 })
    })

    it('cancelling the activity keeps registrations, marks them, frees the seats and lists the people to contact', async () => {
      const staff = asStaff(world.users.districtAdmin)
      const waiting = await app.booking.registerForSession(world.session.id, person(1))
      await expect(app.events.unpublishEvent(staff, world.event.id)).rejects.toThrow('已有 2 份报名')
      await expect(app.events.removeSession(staff, world.session.id)).rejects.toThrow('不能删除')
      const { registrationsCancelled } = await app.events.cancelEvent(staff, world.event.id)
      expect(registrationsCancelled).toBe(2)
      const rows = await db.prisma.registration.findMany({ where: { sessionId: world.session.id } })
      expect(rows.map((r) => [r.status, r.cancelReason])).toEqual([
        ['CANCELLED', 'EVENT_CANCELLED'],
        ['CANCELLED', 'EVENT_CANCELLED'],
      ])
      expect(await db.prisma.eventSession.findUniqueOrThrow({ where: { id: world.session.id } })).toMatchObject({
        status: 'CANCELLED',
        seatsTaken: 0,
      })
      expect((await app.events.peopleToContact(world.event.id)).map((p) => p.id).sort()).toEqual([world.registration.id, waiting.id].sort())
      expect((await audit('event.cancel'))[0].summary).toContain('2 份报名需通知')
    })

    it('removes a session nobody registered for', async () => {
      const staff = asStaff(world.users.staff)
      const { id } = await app.events.addSession(staff, world.event.id, sessionInput(72, 5))
      await app.events.removeSession(staff, id)
      expect(await db.prisma.eventSession.findUnique({ where: { id } })).toBeNull()
    })
  })

  describe('registrations, check-in and export', () => {
    it('staff add people by hand after registration closes, still within the seats', async () => {
      const staff = asStaff(world.users.staff)
      await db.prisma.eventSession.update({
        where: { id: world.session.id },
        data: { registrationClosesAt: new Date(Date.now() - HOUR), capacity: 3 },
      })
      await expect(app.booking.registerForSession(world.session.id, person(1))).rejects.toThrow('报名已截止')
      const added = await app.registrations.addRegistrationByStaff(staff, world.session.id, person(1))
      expect(added.status).toBe('CONFIRMED')
      const overflow = await app.registrations.addRegistrationByStaff(staff, world.session.id, person(1))
      expect(overflow.status).toBe('WAITLISTED')
      expect((await db.prisma.registration.findUniqueOrThrow({ where: { id: added.id } })).source).toBe('STAFF')
      expect(await audit('registration.add')).toHaveLength(2)
      await expect(
        app.registrations.addRegistrationByStaff(asStaff(world.users.otherOrgStaff), world.session.id, person(1)),
      ).rejects.toThrow('找不到这场活动')
    })

    it('moves a party from the waitlist only into free seats', async () => {
      const staff = asStaff(world.users.staff)
      await db.prisma.eventSession.update({ where: { id: world.session.id }, data: { capacity: 3 } }) // 2 taken
      const big = await app.booking.registerForSession(world.session.id, person(2))
      const small = await app.booking.registerForSession(world.session.id, person(1))
      expect([big.status, small.status]).toEqual(['WAITLISTED', 'CONFIRMED'])
      await expect(app.registrations.promoteByStaff(staff, big.id)).rejects.toThrow('剩余 0 个名额，不够这份报名的 2 人')
      await app.registrations.cancelRegistrationByStaff(staff, small.id)
      // The cancel served the waitlist first-fit, but 1 free seat does not fit 2.
      expect((await db.prisma.registration.findUniqueOrThrow({ where: { id: big.id } })).status).toBe('WAITLISTED')
      await db.prisma.eventSession.update({ where: { id: world.session.id }, data: { capacity: 4 } })
      await app.registrations.promoteByStaff(staff, big.id)
      expect(await seatInvariant(db.prisma, world.session.id)).toEqual({ seatsTaken: 4, held: 4, capacity: 4 })
      expect((await db.prisma.registration.findUniqueOrThrow({ where: { id: small.id } })).cancelReason).toBe('BY_STAFF')
    })

    it('checks a person in once, by code typed any way; refuses other sessions, the waitlist, cancelled and out-of-window codes', async () => {
      const staff = asStaff(world.users.staff)
      const start = world.session.startsAt
      const during = new Date(start.getTime() + 30 * 60_000)
      expect(await app.registrations.checkIn(staff, world.session.id, 'abcd-efgh', new Date(start.getTime() - 4 * HOUR))).toMatchObject({
        ok: false,
        message: expect.stringContaining('前 3 小时'),
      })
      expect(await app.registrations.checkIn(staff, world.session.id, ' abcd efgh ', during)).toEqual({
        ok: true,
        name: '王小明',
        partySize: 2,
        code: 'ABCDEFGH',
        stamped: false,
      })
      expect(await app.registrations.checkIn(staff, world.session.id, 'ABCDEFGH', during)).toMatchObject({
        ok: false,
        message: expect.stringContaining('不重复记录'),
      })
      expect(await db.prisma.registration.findUniqueOrThrow({ where: { id: world.registration.id } })).toMatchObject({
        status: 'ATTENDED',
        checkedInById: staff.id,
        attendedAt: during,
      })
      expect(await audit('registration.check_in')).toHaveLength(1)
      expect(await app.registrations.checkIn(staff, world.session.id, 'ZZZZZZZZ', during)).toMatchObject({
        ok: false,
        message: '没有找到这个报名码（ZZZZZZZZ），请核对后重新输入。',
      })
      // Well-formed (8 letters and digits) but with characters no code has: not found, not the format message.
      for (const typed of ['ABCD1234', 'abcd-0123']) {
        expect(await app.registrations.checkIn(staff, world.session.id, typed, during)).toMatchObject({
          ok: false,
          message: expect.stringContaining('没有找到这个报名码'),
        })
      }
      expect(await app.registrations.checkIn(staff, world.session.id, '12', during)).toMatchObject({
        ok: false,
        message: expect.stringContaining('8 位'),
      })

      const other = await db.prisma.eventSession.create({
        data: { eventId: world.event.id, key: 's2', startsAt: start, endsAt: world.session.endsAt, capacity: 1 },
      })
      const elsewhere = await app.booking.registerForSession(other.id, person(1))
      const waiting = await app.booking.registerForSession(other.id, person(1))
      expect(await app.registrations.checkIn(staff, world.session.id, elsewhere.code, during)).toMatchObject({
        ok: false,
        message: expect.stringContaining('属于另一场'),
      })
      expect(await app.registrations.checkIn(staff, other.id, waiting.code, during)).toMatchObject({
        ok: false,
        message: expect.stringContaining('候补'),
      })
      expect(await app.registrations.checkIn(asStaff(world.users.otherOrgStaff), other.id, elsewhere.code, during)).toMatchObject({
        ok: false,
        message: expect.stringContaining('不在你的管理范围内'),
      })
      const figures = await app.registrations.sessionFigures(world.session.id)
      expect(figures).toMatchObject({ attendedPeople: 2, attendedParties: 1, confirmedPeople: 0 })
    })

    it('exports CSV for Excel: a BOM, CRLF, masked phones unless asked (and that is logged), formulas neutralised', async () => {
      const staff = asStaff(world.users.staff)
      await app.booking.registerForSession(world.session.id, { ...person(1), name: '=HYPERLINK("x")' })
      const csv = await app.registrations.registrationsCsv(staff, world.session.id, { fullPhones: false })
      expect(csv.charCodeAt(0)).toBe(0xfeff)
      const lines = csv.slice(1).split('\r\n')
      expect(lines[0]).toBe('报名码,姓名,手机号,成人,儿童,合计,状态,候补位次,来源,报名时间,签到时间')
      expect(lines[1]).toContain('ABCDEFGH,王小明,138****5678,1,1,2,已确认')
      expect(csv).not.toContain('13812345678')
      expect(csv).toContain(`"'=HYPERLINK(""x"")"`)
      expect(await audit('registration.export_full')).toHaveLength(0)
      const full = await app.registrations.registrationsCsv(staff, world.session.id, { fullPhones: true, purpose: '活动通知' })
      expect(full).toContain('13812345678')
      expect(await audit('registration.export_full')).toHaveLength(1)
    })

    it('shows a full number only on purpose, and logs who looked and why', async () => {
      const staff = asStaff(world.users.districtAdmin)
      expect((await app.registrations.listRegistrations(world.session.id))[0]).toMatchObject({ phoneMasked: '138****5678' })
      expect((await app.registrations.listRegistrations(world.session.id))[0]).not.toHaveProperty('phone')
      expect(await app.registrations.revealPhone(staff, world.registration.id, '通知活动取消')).toEqual({
        name: '王小明',
        phone: '13812345678',
      })
      const [entry] = await audit('registration.reveal_phone')
      expect(entry).toMatchObject({ actorId: staff.id, entityId: world.registration.id })
      expect(entry.summary).toContain('通知活动取消')
      // Another district's registration is not found for its admin (404), and nothing is shown.
      await expect(
        app.registrations.revealPhone(asStaff(world.users.otherDistrictAdmin), world.registration.id, 'x'),
      ).rejects.toMatchObject({
        code: 'REGISTRATION_NOT_FOUND',
        status: 404,
      })
    })
  })

  describe('staff home', () => {
    it("counts pending school requests, 菜单 orders waiting for the provider and today's sessions, in each role's scope", async () => {
      const now = new Date()
      await addStaffHomeTodos(db.prisma, world, now)
      const counts = (user: Parameters<typeof asStaff>[0]) => app.home.staffHomeCounts(asStaff(user), now)
      expect(await counts(world.users.platformAdmin)).toEqual({ pendingSchoolRequests: 2, pendingMenuOrders: 1, sessionsToday: 1 })
      expect(await counts(world.users.districtAdmin)).toEqual({ pendingSchoolRequests: 2, pendingMenuOrders: 1, sessionsToday: 1 })
      expect(await counts(world.users.staff)).toEqual({ pendingSchoolRequests: 1, pendingMenuOrders: 1, sessionsToday: 1 })
      expect(await counts(world.users.otherOrgStaff)).toEqual({ pendingSchoolRequests: 1, pendingMenuOrders: 0, sessionsToday: 0 })
      expect(await counts(world.users.otherDistrictAdmin)).toEqual({ pendingSchoolRequests: 0, pendingMenuOrders: 0, sessionsToday: 0 })
      expect((await app.home.listSessionsToday(asStaff(world.users.staff), now)).map((s) => s.startsAt)).toEqual([now])
    })
  })

  describe('dashboard', () => {
    it('counts held sessions, seats, registered and attended people by Shanghai month, and measures plan metrics', async () => {
      const year = 2026
      // 31 Jan 17:00 UTC is 1 Feb 01:00 in Shanghai: a February session.
      const held = await db.prisma.eventSession.create({
        data: {
          eventId: world.event.id,
          key: 'feb',
          startsAt: new Date(Date.UTC(2026, 0, 31, 17)),
          endsAt: new Date(Date.UTC(2026, 0, 31, 19)),
          capacity: 30,
          seatsTaken: 5,
        },
      })
      await db.prisma.registration.createMany({
        data: [
          {
            sessionId: held.id,
            name: 'a',
            phone: '13900000001',
            adults: 2,
            children: 1,
            partySize: 3,
            status: 'ATTENDED',
            attendedAt: held.startsAt,
            code: 'AAAAAAA2',
            manageTokenHash: 'h1',
            consentAt: held.startsAt,
          },
          {
            sessionId: held.id,
            name: 'b',
            phone: '13900000002',
            adults: 2,
            children: 0,
            partySize: 2,
            status: 'CONFIRMED',
            code: 'AAAAAAA3',
            manageTokenHash: 'h2',
            consentAt: held.startsAt,
          },
          {
            sessionId: held.id,
            name: 'c',
            phone: '13900000003',
            adults: 1,
            children: 0,
            partySize: 1,
            status: 'CANCELLED',
            cancelledAt: held.startsAt,
            code: 'AAAAAAA4',
            manageTokenHash: 'h3',
            consentAt: held.startsAt,
          },
        ],
      })
      await db.prisma.eventSession.create({
        data: {
          eventId: world.event.id,
          key: 'cancelled',
          startsAt: new Date(Date.UTC(2026, 2, 3)),
          endsAt: new Date(Date.UTC(2026, 2, 3, 2)),
          capacity: 50,
          status: 'CANCELLED',
        },
      })
      await db.prisma.venue.update({
        where: { id: world.venue.id },
        data: { type: 'EDUCATION_BASE', level: 'DISTRICT', recognisedYear: year },
      })
      await db.prisma.planFigure.create({
        data: {
          key: 'sj-new',
          districtId: world.sj.id,
          year,
          kind: 'TARGET',
          metric: 'new_bases:DISTRICT',
          label: '新建区级科普基地',
          value: 3,
          atLeast: true,
          source: 'test',
        },
      })
      await db.prisma.planFigure.create({
        data: {
          key: 'sj-delivered',
          districtId: world.sj.id,
          year,
          kind: 'REPORTED',
          metric: 'activities:social',
          label: '社会资源',
          value: 9,
          source: 'test',
        },
      })

      const dashboard = await app.dashboard.districtDashboard(world.sj.id, year, { now: new Date(Date.UTC(2026, 5, 1)) })
      expect(dashboard.months[1]).toMatchObject({ month: 2, activities: 1, sessions: 1, seats: 30, registered: 5, attended: 3 })
      expect(dashboard.months[0].sessions + dashboard.months[2].sessions).toBe(0)
      expect(dashboard.totals).toMatchObject({ activities: 1, sessions: 1, seats: 30, registered: 5, attended: 3 })
      expect(dashboard.newBases).toBe(1)
      expect(dashboard.plan.find((p) => p.key === 'sj-new')).toMatchObject({ measured: 1, met: false })
      expect(dashboard.plan.find((p) => p.key === 'sj-delivered')).toMatchObject({ measured: null, met: null }) // nothing records it
      // An example activity counts only when asked for.
      await db.prisma.event.update({ where: { id: world.event.id }, data: { isExample: true } })
      expect((await app.dashboard.districtDashboard(world.sj.id, year, { now: new Date(Date.UTC(2026, 5, 1)) })).totals.sessions).toBe(0)
      expect(
        (await app.dashboard.districtDashboard(world.sj.id, year, { now: new Date(Date.UTC(2026, 5, 1)), includeExamples: true })).totals
          .sessions,
      ).toBe(1)
    })
  })
}
