// 科普护照 on PGlite and PostgreSQL: accounts, claiming with the code, stamping once per venue per day, the
// passport's programmes, and deleting an account down to counts.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createSession, person, seatInvariant } from '../helpers/fixtures'
import { sentCode } from '../helpers/phone-codes'
import { createStaffWorld, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'

const HOUR = 3600_000

export function passportRules(kind: TestDatabaseKind) {
  let db: TestDatabase
  let world: StaffWorld
  let passport: typeof import('~/models/passport/passport.server')
  let residents: typeof import('~/models/passport/account.server')
  let booking: typeof import('~/models/registration/registration.server')
  let checkIns: typeof import('~/models/registration/admin.server')

  beforeAll(async () => {
    db = await useTestDatabaseForApp(kind)
    passport = await import('~/models/passport/passport.server')
    residents = await import('~/models/passport/account.server')
    booking = await import('~/models/registration/registration.server')
    checkIns = await import('~/models/registration/admin.server')
  })
  afterAll(async () => {
    await db?.drop()
  })
  beforeEach(async () => {
    await db.prisma.$executeRawUnsafe(
      'TRUNCATE "PhoneCode", "Message", "PassportStamp", "PassportProgrammeVenue", "PassportProgramme", "ResidentSession", "Resident", "AuditEntry", "RateLimitBucket", "Registration", "EventSession", "Event", "Venue", "User", "Organisation", "Town", "District" CASCADE',
    )
    world = await createStaffWorld(db.prisma)
    await db.prisma.venue.update({ where: { id: world.venue.id }, data: { stampsPassport: true } })
  })

  const staff = () => ({ ...world.users.staff, sessionId: 't' })
  // Each sign-up and claim a little later than the last, so the 60 s rule between codes to one number holds.
  let clock = Date.now()
  const tick = () => new Date((clock += 2 * 60_000))
  const signUp = async (phone = '13511112222') => {
    const now = tick()
    await residents.sendSignUpCode(phone, { address: `addr-${phone}`, language: 'zh-CN', now })
    const smsCode = await sentCode(db.prisma, phone)
    const id = await residents.signUpResident({ phone, password: 'a good password', smsCode }, `addr-${phone}`, now)
    const row = await db.prisma.resident.findUniqueOrThrow({ where: { id } })
    return { id, phone, passportCode: row.passportCode, sessionId: 't' }
  }
  type Me = Awaited<ReturnType<typeof signUp>>
  /** Claims with the registration's code and a fresh SMS code to the account's number. */
  const claim = async (me: Me, code: string, address: string) => {
    const now = tick()
    await passport.sendClaimCode(me, { address, language: 'zh-CN', now })
    return passport.claimRegistration(me, { code, smsCode: await sentCode(db.prisma, me.phone) }, address, now)
  }

  it('an account is a mobile number and an argon2id password; one account per number; one message for every wrong sign-in', async () => {
    const me = await signUp()
    expect((await db.prisma.resident.findUniqueOrThrow({ where: { id: me.id } })).passwordHash).toMatch(/^\$argon2id\$/)
    expect(me.passportCode).toMatch(/^P[2-9A-Z]{7}$/)
    // Signing up again with the number: no code goes out, so any code fails like a wrong one (nothing tells that
    // the number has an account).
    const later = tick()
    await residents.sendSignUpCode(me.phone, { address: 'x', language: 'zh-CN', now: later })
    await expect(
      residents.signUpResident({ phone: me.phone, password: 'another password', smsCode: await sentCode(db.prisma, me.phone) }, 'x', later),
    ).rejects.toMatchObject({ field: 'smsCode' })
    expect(await residents.signInResident(me.phone, 'a good password', 'y')).toEqual({ ok: true, residentId: me.id })
    expect(await residents.signInResident(me.phone, 'wrong password', 'y')).toEqual({
      ok: false,
      problem: { key: 'account.errors.wrongCredentials', values: undefined },
    })
    expect(await residents.signInResident('13500000000', 'wrong password', 'y')).toEqual({
      ok: false,
      problem: { key: 'account.errors.wrongCredentials', values: undefined },
    })
  })

  it("claims a registration only with its code and the account's own number; code guesses are limited", async () => {
    const me = await signUp()
    const mine = await booking.registerForSession(world.session.id, person(1, me.phone))
    const theirs = await booking.registerForSession(world.session.id, person(1, '13599998888'))
    await expect(claim(me, theirs.code, 'a')).rejects.toMatchObject({ field: 'code' })
    expect(await passport.accountRegistrations(me)).toEqual([])
    expect(await claim(me, mine.code.toLowerCase(), 'a')).toEqual({ title: '测试活动' })
    expect((await db.prisma.registration.findUniqueOrThrow({ where: { id: mine.id } })).residentId).toBe(me.id)
    expect((await passport.accountRegistrations(me)).map((r) => r.name)).toEqual([person(1, me.phone).name])
    // Ten tries an hour per account, from any address.
    for (let i = 0; i < 8; i += 1)
      await expect(passport.claimRegistration(me, { code: 'ZZZZZZZZ', smsCode: '000000' }, `b${i}`)).rejects.toMatchObject({
        localized: { key: 'account.errors.claimNotFound' },
      })
    await expect(passport.claimRegistration(me, { code: mine.code, smsCode: '000000' }, 'c')).rejects.toMatchObject({
      localized: { key: 'account.errors.tooManyTries' },
    })
  })

  it("an account made with someone else's number finds, lists, claims and deletes nothing of theirs", async () => {
    // 王小明 registers three people without an account; a stranger then signs up with his number.
    const victim = await booking.registerForSession(world.session.id, {
      ...person(1, '13612340001'),
      name: '王小明',
      adults: 3,
      children: 0,
    })
    expect(victim.status).toBe('CONFIRMED')
    const before = await db.prisma.registration.findUniqueOrThrow({ where: { id: victim.id } })
    const seatsBefore = await seatInvariant(db.prisma, world.session.id)
    const stranger = await signUp('13612340001')
    expect(await passport.accountRegistrations(stranger)).toEqual([])
    expect(await passport.passportView(stranger.id)).toMatchObject({ stamps: [] })
    // Deleting the stranger's account leaves 王小明's place, name and number as they were.
    expect(await passport.deleteResident(stranger)).toEqual({ cancelled: 0, anonymised: 0 })
    const after = await db.prisma.registration.findUniqueOrThrow({ where: { id: victim.id } })
    expect(after).toMatchObject({
      name: '王小明',
      phone: '13612340001',
      status: 'CONFIRMED',
      partySize: 3,
      residentId: null,
      cancelledAt: null,
    })
    expect(after.answers).toEqual(before.answers)
    expect(await seatInvariant(db.prisma, world.session.id)).toEqual(seatsBefore)
    // A second stranger's account with the number: checking 王小明 in stamps nobody's passport.
    await signUp('13612340001')
    const during = new Date(world.session.startsAt.getTime() + HOUR / 2)
    expect(await checkIns.checkIn(staff(), world.session.id, victim.code, during)).toMatchObject({ ok: true, stamped: false })
    expect(await db.prisma.passportStamp.count()).toBe(0)
  })

  it('stamps once per venue per day: at check-in of the account holder and at the door; not for registrations outside an account or venues that do not stamp', async () => {
    const me = await signUp()
    const inAccount = await booking.registerForSession(world.session.id, person(1, me.phone), { residentId: me.id })
    const anonymous = await booking.registerForSession(world.session.id, person(1, '13577776666'))
    const during = new Date(world.session.startsAt.getTime() + HOUR / 2)
    expect(await checkIns.checkIn(staff(), world.session.id, inAccount.code, during)).toMatchObject({ ok: true, stamped: true })
    expect(await checkIns.checkIn(staff(), world.session.id, anonymous.code, during)).toMatchObject({ ok: true, stamped: false })
    // The same day at the door: no second stamp.
    expect(await passport.stampAtDoor(staff(), world.venue.id, me.passportCode.toLowerCase(), during)).toEqual({
      stamped: false,
      venueName: '测试科技馆',
    })
    // The next day: a new stamp.
    expect(await passport.stampAtDoor(staff(), world.venue.id, me.passportCode, new Date(during.getTime() + 24 * HOUR))).toEqual({
      stamped: true,
      venueName: '测试科技馆',
    })
    expect(await db.prisma.passportStamp.count({ where: { residentId: me.id } })).toBe(2)
    // A code no passport has is refused next to the code (asked while the venue still stamps: the venue is checked first).
    await expect(passport.stampAtDoor(staff(), world.venue.id, 'PXXXXXXX', during)).rejects.toMatchObject({
      field: 'code',
      message: '没有护照码 PXXXXXXX。',
    })
    // Other staff's venues and venues that do not stamp refuse.
    await expect(
      passport.stampAtDoor({ ...world.users.otherOrgStaff, sessionId: 't' }, world.venue.id, me.passportCode, during),
    ).rejects.toMatchObject({ field: 'venueId' })
    await db.prisma.venue.update({ where: { id: world.venue.id }, data: { stampsPassport: false } })
    await expect(
      passport.stampAtDoor(staff(), world.venue.id, me.passportCode, new Date(during.getTime() + 48 * HOUR)),
    ).rejects.toMatchObject({ field: 'venueId' })
  })

  it('shows progress per programme and the venues still to visit', async () => {
    const me = await signUp()
    const other = await db.prisma.venue.create({
      data: {
        slug: 'venue-b',
        name: '第二个基地',
        type: 'EDUCATION_BASE',
        districtId: world.sj.id,
        organisationId: world.orgA.id,
        lat: 31.04,
        lng: 121.23,
        source: 't',
        stampsPassport: true,
      },
    })
    await db.prisma.passportProgramme.create({ data: { slug: 'p', name: '示范区科普护照', description: 'd', source: 's' } })
    await passport.setProgrammeVenues({ ...world.users.districtAdmin, sessionId: 't' }, 'p', [world.venue.id, other.id])
    await expect(passport.setProgrammeVenues({ ...world.users.otherDistrictAdmin, sessionId: 't' }, 'p', [world.venue.id])).rejects.toThrow(
      '只能选择你管理的',
    )
    await passport.stampAtDoor(staff(), world.venue.id, me.passportCode)
    const view = await passport.passportView(me.id)
    expect(view.stamps).toHaveLength(1)
    expect(view.programmes).toEqual([expect.objectContaining({ name: '示范区科普护照', done: 1 })])
    expect(view.programmes[0].venues.filter((v) => !v.stamped).map((v) => v.name)).toEqual(['第二个基地'])
  })

  it('deleting the account cancels its places to come (serving the waitlist), strips name and number from its registrations, made or claimed, keeps stamps as counts', async () => {
    const me = await signUp()
    await db.prisma.eventSession.update({ where: { id: world.session.id }, data: { capacity: 3 } }) // 2 taken by the world's registration
    const mine = await booking.registerForSession(world.session.id, { ...person(1, me.phone), name: '登录后报名' }, { residentId: me.id })
    const waiting = await booking.registerForSession(world.session.id, person(1, '13566665555'))
    expect(waiting.status).toBe('WAITLISTED')
    // One made before the account, claimed with its code, and one never claimed.
    const second = await createSession(db.prisma, new Date(), { capacity: 10 })
    const claimed = await booking.registerForSession(second.id, { ...person(2, me.phone), name: '用报名码加入' })
    await claim(me, claimed.code, 'a')
    const third = await createSession(db.prisma, new Date(), { capacity: 10 })
    const unclaimed = await booking.registerForSession(third.id, { ...person(3, me.phone), name: '没有加入' })
    expect((await passport.accountRegistrations(me)).map((r) => r.name).sort()).toEqual(['用报名码加入', '登录后报名'].sort())
    await passport.stampAtDoor(staff(), world.venue.id, me.passportCode)
    expect(await passport.deleteResident(me)).toEqual({ cancelled: 2, anonymised: 2 })
    const row = await db.prisma.registration.findUniqueOrThrow({ where: { id: mine.id } })
    expect(row).toMatchObject({ status: 'CANCELLED', name: '（已注销）', residentId: null, answers: {} })
    expect(row.phone).not.toBe(me.phone)
    expect(await db.prisma.registration.findUniqueOrThrow({ where: { id: claimed.id } })).toMatchObject({
      status: 'CANCELLED',
      name: '（已注销）',
    })
    expect(await db.prisma.registration.findUniqueOrThrow({ where: { id: unclaimed.id } })).toMatchObject({
      status: 'CONFIRMED',
      name: '没有加入',
      phone: me.phone,
    })
    expect((await db.prisma.registration.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe('CONFIRMED')
    expect(await seatInvariant(db.prisma, world.session.id)).toEqual({ seatsTaken: 3, held: 3, capacity: 3 })
    expect(await db.prisma.registration.count({ where: { phone: me.phone } })).toBe(1)
    expect(await db.prisma.passportStamp.count({ where: { venueId: world.venue.id } })).toBe(1)
    expect(await db.prisma.passportStamp.count({ where: { residentId: { not: null } } })).toBe(0)
    expect(await residents.signInResident(me.phone, 'a good password', 'z')).toMatchObject({ ok: false })
    const [entry] = await db.prisma.auditEntry.findMany({ where: { action: 'resident.delete' } })
    expect(entry.summary).not.toContain(me.phone)
  })
}
