// 科普志愿者 on PGlite and PostgreSQL (issue 26 part 1, decision 033): becoming a volunteer, the headcount under
// concurrent claims, the limits (overlap, hours a day, no-show block and its audited lift), approval and instant
// sign-up, drops until the cut-off serving the next in line, the hours rule (planned apart from credited, capped at
// the role's end, the minimum share, a forgotten check-out only when staff confirm, changes by hand with a reason),
// the star ladder, certificates and their verification, staff scope, the dashboard figures and account deletion.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createStaffWorld, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'

const MINUTE = 60_000
const HOUR = 3600_000
const DAY = 24 * HOUR

export function volunteerRules(kind: TestDatabaseKind, { rush }: { rush: number }) {
  let db: TestDatabase
  let world: StaffWorld
  let volunteers: typeof import('~/models/volunteers/volunteer.server')
  let roles: typeof import('~/models/volunteers/roles.server')
  let hours: typeof import('~/models/volunteers/hours.server')
  let figures: typeof import('~/models/volunteers/figures.server')
  let schema: typeof import('~/models/volunteers/schema')
  let adminSchema: typeof import('~/models/volunteers/admin-schema')
  // Tuesday 1 December 2026, 10:00 in Shanghai.
  const now = new Date('2026-12-01T02:00:00Z')
  /** Shanghai wall-clock time `days` after today. */
  const at = (days: number, hhmm: string) =>
    new Date(Date.parse('2026-11-30T16:00:00Z') + days * DAY + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * MINUTE)

  beforeAll(async () => {
    db = await useTestDatabaseForApp(kind)
    volunteers = await import('~/models/volunteers/volunteer.server')
    roles = await import('~/models/volunteers/roles.server')
    hours = await import('~/models/volunteers/hours.server')
    figures = await import('~/models/volunteers/figures.server')
    schema = await import('~/models/volunteers/schema')
    adminSchema = await import('~/models/volunteers/admin-schema')
  })
  afterAll(async () => {
    await db?.drop()
  })
  beforeEach(async () => {
    await db.prisma.$executeRawUnsafe(
      'TRUNCATE "VolunteerCertificate", "VolunteerBlockLift", "VolunteerShift", "VolunteerRole", "VolunteerRule", "Volunteer", "ResidentSession", "Resident", "Message", "AuditEntry", "Registration", "EventSession", "Event", "Venue", "User", "Organisation", "Town", "PlanFigure", "District" CASCADE',
    )
    world = await createStaffWorld(db.prisma, now)
  })

  const staff = (key: keyof StaffWorld['users'] = 'staff') => ({ ...world.users[key], sessionId: 't' })
  let phoneCounter = 0
  async function newVolunteer(over: Partial<{ name: string; districtIds: string[]; idNumber: string; shVolunteerNo: string }> = {}) {
    phoneCounter += 1
    const resident = await db.prisma.resident.create({
      data: { phone: `137${String(phoneCounter).padStart(8, '0')}`, passwordHash: 'x', passportCode: randomBytes(6).toString('hex') },
    })
    const { id } = await volunteers.saveVolunteer(
      resident.id,
      {
        consent: 'on',
        name: over.name ?? '志愿者',
        districtIds: over.districtIds ?? [world.sj.id],
        skills: ['guide'],
        freeTimes: ['WEEKEND_DAY'],
        idNumber: over.idNumber,
        shVolunteerNo: over.shVolunteerNo,
      },
      'zh-CN',
    )
    return { residentId: resident.id, id, phone: resident.phone }
  }
  const post = (over: Partial<Parameters<typeof roles.postRole>[1]> = {}, who: keyof StaffWorld['users'] = 'staff') =>
    roles.postRole(
      staff(who),
      {
        venueId: world.venue.id,
        title: '展厅讲解',
        headcount: 2,
        skills: ['guide'],
        startsAt: at(3, '09:00'),
        endsAt: at(3, '12:00'),
        briefing: '请提前到服务台领取马甲。',
        needsApproval: false,
        ...over,
      },
      now,
    )
  const shiftOf = (roleId: string, volunteerId: string) =>
    db.prisma.volunteerShift.findUniqueOrThrow({ where: { roleId_volunteerId: { roleId, volunteerId } } })
  const messages = (template: string) => db.prisma.message.findMany({ where: { template }, orderBy: { createdAt: 'asc' } })

  it('a resident becomes a volunteer: active districts only, skills from the list, the ID number kept only masked', async () => {
    const v = await newVolunteer({ idNumber: '310101199001011234', shVolunteerNo: 'SH-0001' })
    const row = await db.prisma.volunteer.findUniqueOrThrow({ where: { id: v.id } })
    expect(row).toMatchObject({
      idNumberMasked: '310***********1234',
      shVolunteerNo: 'SH-0001',
      skills: ['guide'],
      districtIds: [world.sj.id],
    })
    expect(row.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/)
    expect(JSON.stringify(row)).not.toContain('199001011234')
    const inactive = await db.prisma.district.create({
      data: { code: 310120, slug: 'fengxian', name: '奉贤区', nameEn: 'Fengxian', centerLat: 30.9, centerLng: 121.5 },
    })
    const resident = await db.prisma.resident.create({ data: { phone: '13600000001', passwordHash: 'x', passportCode: 'pc-inactive' } })
    await expect(
      volunteers.saveVolunteer(
        resident.id,
        { consent: 'on', name: '某人', districtIds: [inactive.id], skills: [], freeTimes: [] },
        'zh-CN',
      ),
    ).rejects.toMatchObject({ field: 'districtIds', code: 'DISTRICTS_UNKNOWN' })
    // Saving twice (a double click) keeps one profile.
    const again = await volunteers.saveVolunteer(
      v.residentId,
      { name: '改名', districtIds: [world.sj.id], skills: ['nope'], freeTimes: [] },
      'en',
    )
    expect(again).toEqual({ id: v.id, created: false })
    expect(await db.prisma.volunteer.findUniqueOrThrow({ where: { id: v.id } })).toMatchObject({
      name: '改名',
      skills: [],
      locale: 'en',
      idNumberMasked: '310***********1234',
    })
  })

  it(`never exceeds the headcount: ${rush} volunteers claim one role of 20 places at once`, async () => {
    const roleId = await post({ headcount: 20 })
    const people = await Promise.all(Array.from({ length: rush }, () => newVolunteer()))
    const outcomes = await Promise.allSettled(people.map((p) => roles.claimRole(p.residentId, roleId, { now })))
    const failed = outcomes.filter((o) => o.status === 'rejected')
    expect(failed, String((failed[0] as PromiseRejectedResult | undefined)?.reason)).toHaveLength(0)
    const shifts = await db.prisma.volunteerShift.findMany({ where: { roleId }, orderBy: { seq: 'asc' } })
    expect(shifts).toHaveLength(rush)
    expect(shifts.filter((s) => s.status === 'ACCEPTED')).toHaveLength(20)
    expect(shifts.filter((s) => s.status === 'WAITLISTED')).toHaveLength(rush - 20)
    expect(shifts.map((s) => s.seq)).toEqual(Array.from({ length: rush }, (_, i) => i + 1))
    // First come, first accepted: the accepted ones are the first 20 in line.
    expect(shifts.slice(0, 20).every((s) => s.status === 'ACCEPTED')).toBe(true)
    expect((await db.prisma.volunteerRole.findUniqueOrThrow({ where: { id: roleId } })).filled).toBe(20)
    expect(await messages('volunteer.accepted')).toHaveLength(20)
    // The database refuses a counter past the headcount even if the code were wrong.
    await expect(db.prisma.volunteerRole.update({ where: { id: roleId }, data: { filled: 21 } })).rejects.toThrow()
  })

  it('a double-clicked claim makes one claim', async () => {
    const roleId = await post()
    const v = await newVolunteer()
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map(() => roles.claimRole(v.residentId, roleId, { now })))
    expect(new Set(outcomes.map((o) => o.shiftId)).size).toBe(1)
    expect(outcomes.filter((o) => !o.repeated)).toHaveLength(1)
    expect(await db.prisma.volunteerShift.count({ where: { roleId } })).toBe(1)
    expect((await db.prisma.volunteerRole.findUniqueOrThrow({ where: { id: roleId } })).filled).toBe(1)
  })

  it('instant roles confirm at once; roles that need approval wait for staff, who accept while places last or decline', async () => {
    const instant = await post()
    const a = await newVolunteer()
    expect(await roles.claimRole(a.residentId, instant, { now })).toMatchObject({ status: 'ACCEPTED' })
    const approval = await post({ needsApproval: true, headcount: 1, startsAt: at(5, '09:00'), endsAt: at(5, '11:00') })
    const b = await newVolunteer()
    const c = await newVolunteer()
    const applied = await roles.claimRole(b.residentId, approval, { now })
    expect(applied.status).toBe('APPLIED')
    const second = await roles.claimRole(c.residentId, approval, { now })
    expect((await db.prisma.volunteerRole.findUniqueOrThrow({ where: { id: approval } })).filled).toBe(0)
    await roles.decideShift(staff(), applied.shiftId, 'accept', { now })
    await expect(roles.decideShift(staff(), second.shiftId, 'accept', { now })).rejects.toThrow('岗位已满')
    await roles.decideShift(staff(), second.shiftId, 'decline', { now })
    expect((await shiftOf(approval, c.id)).status).toBe('DECLINED')
    await expect(roles.claimRole(c.residentId, approval, { now })).rejects.toMatchObject({ code: 'DECLINED_BEFORE' })
    expect(await messages('volunteer.declined')).toHaveLength(1)
    expect((await messages('volunteer.accepted')).map((m) => m.recipient).sort()).toEqual([a.phone, b.phone].sort())
    // Each acceptance queues one reminder, held back before quiet hours.
    const reminders = await messages('volunteer.reminder')
    expect(reminders).toHaveLength(2)
    expect(await db.prisma.auditEntry.count({ where: { action: { in: ['volunteer.accept', 'volunteer.decline'] } } })).toBe(2)
  })

  it('refuses two overlapping roles, and allows one that starts when the other ends', async () => {
    const first = await post({ startsAt: at(3, '09:00'), endsAt: at(3, '12:00') })
    const overlapping = await post({ title: '实验助教', startsAt: at(3, '11:00'), endsAt: at(3, '13:00') })
    const after = await post({ title: '引导', startsAt: at(3, '12:00'), endsAt: at(3, '13:00') })
    const v = await newVolunteer()
    await roles.claimRole(v.residentId, first, { now })
    await expect(roles.claimRole(v.residentId, overlapping, { now })).rejects.toMatchObject({ code: 'OVERLAP', status: 409 })
    expect(await roles.claimRole(v.residentId, after, { now })).toMatchObject({ status: 'ACCEPTED' })
    // Two overlapping claims at once: one wins.
    const w = await newVolunteer()
    const racing = await Promise.allSettled([
      roles.claimRole(w.residentId, first, { now }),
      roles.claimRole(w.residentId, overlapping, { now }),
    ])
    expect(racing.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
  })

  it("limits planned hours a day by the district's setting", async () => {
    await volunteers.saveVolunteerRule(staff('districtAdmin'), {
      districtId: world.sj.id,
      maxHoursPerDay: 4,
      minPresentPct: 60,
      dropCutoffHours: 24,
    })
    const morning = await post({ startsAt: at(3, '09:00'), endsAt: at(3, '12:00') })
    const afternoon = await post({ title: '下午讲解', startsAt: at(3, '14:00'), endsAt: at(3, '16:00') })
    const nextDay = await post({ title: '次日讲解', startsAt: at(4, '14:00'), endsAt: at(4, '16:00') })
    const v = await newVolunteer()
    await roles.claimRole(v.residentId, morning, { now })
    await expect(roles.claimRole(v.residentId, afternoon, { now })).rejects.toMatchObject({
      code: 'DAILY_HOURS',
      localized: { values: { hours: 4 } },
    })
    expect(await roles.claimRole(v.residentId, nextDay, { now })).toMatchObject({ status: 'ACCEPTED' })
    // Another district's admin cannot set Songjiang's rule.
    await expect(
      volunteers.saveVolunteerRule(staff('otherDistrictAdmin'), {
        districtId: world.sj.id,
        maxHoursPerDay: 10,
        minPresentPct: 60,
        dropCutoffHours: 24,
      }),
    ).rejects.toMatchObject({ status: 403 })
  })

  it('blocks claims after M no-shows in the district until staff lift it, with a reason in the audit log', async () => {
    await volunteers.saveVolunteerRule(staff('districtAdmin'), {
      districtId: world.sj.id,
      noShowLimit: 2,
      minPresentPct: 60,
      dropCutoffHours: 24,
    })
    const v = await newVolunteer()
    const missed = [
      await post({ startsAt: at(2, '09:00'), endsAt: at(2, '10:00') }),
      await post({ title: '二', startsAt: at(2, '11:00'), endsAt: at(2, '12:00') }),
    ]
    for (const id of missed) await roles.claimRole(v.residentId, id, { now })
    const later = new Date(at(2, '13:00'))
    const next = await roles.postRole(
      staff(),
      {
        venueId: world.venue.id,
        title: '三',
        headcount: 2,
        skills: [],
        startsAt: at(6, '09:00'),
        endsAt: at(6, '10:00'),
        briefing: '说明说明',
        needsApproval: false,
      },
      later,
    )
    await expect(roles.claimRole(v.residentId, next, { now: later })).rejects.toMatchObject({
      code: 'NO_SHOW_BLOCK',
      localized: { values: { count: 2 } },
    })
    // Not in another district; not liftable by that district's admin or by organisation staff.
    await expect(
      volunteers.liftNoShowBlock(staff('otherDistrictAdmin'), { volunteerId: v.id, districtId: world.sj.id, reason: '误记' }, later),
    ).rejects.toMatchObject({ status: 403 })
    await expect(
      volunteers.liftNoShowBlock(staff('staff'), { volunteerId: v.id, districtId: world.sj.id, reason: '误记' }, later),
    ).rejects.toMatchObject({ status: 403 })
    await volunteers.liftNoShowBlock(
      staff('districtAdmin'),
      { volunteerId: v.id, districtId: world.sj.id, reason: '当天暴雨，已电话说明' },
      later,
    )
    const entry = await db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'volunteer.block_lift' } })
    expect(entry.summary).toContain('当天暴雨')
    expect(entry.districtId).toBe(world.sj.id)
    expect(await roles.claimRole(v.residentId, next, { now: later })).toMatchObject({ status: 'ACCEPTED' })
    // Lifting what is not blocked is refused.
    await expect(
      volunteers.liftNoShowBlock(staff('districtAdmin'), { volunteerId: v.id, districtId: world.sj.id, reason: '再来' }, later),
    ).rejects.toThrow('没有因爽约被暂停')
  })

  it('a drop before the cut-off frees the place and accepts the next in line; after the cut-off it is refused', async () => {
    const roleId = await post({ headcount: 1 })
    const [a, b, c] = [await newVolunteer(), await newVolunteer(), await newVolunteer()]
    const first = await roles.claimRole(a.residentId, roleId, { now })
    expect((await roles.claimRole(b.residentId, roleId, { now })).status).toBe('WAITLISTED')
    expect((await roles.claimRole(c.residentId, roleId, { now })).status).toBe('WAITLISTED')
    const { served } = await roles.dropShift(a.residentId, first.shiftId, { now })
    expect(served).toBe((await shiftOf(roleId, b.id)).id)
    expect((await shiftOf(roleId, b.id)).status).toBe('ACCEPTED')
    expect((await shiftOf(roleId, c.id)).status).toBe('WAITLISTED')
    expect((await db.prisma.volunteerRole.findUniqueOrThrow({ where: { id: roleId } })).filled).toBe(1)
    const told = await messages('volunteer.accepted')
    expect(told.map((m) => m.recipient)).toEqual([a.phone, b.phone])
    // The dropped volunteer's reminder will not go.
    const skipped = await db.prisma.message.findMany({ where: { template: 'volunteer.reminder', subjectId: first.shiftId } })
    expect(skipped.every((m) => m.status === 'SKIPPED')).toBe(true)
    // Within 24 hours of the start (the default cut-off) nobody drops online.
    const late = new Date(at(3, '09:00').getTime() - 23 * HOUR)
    const bShift = await shiftOf(roleId, b.id)
    await expect(roles.dropShift(b.residentId, bShift.id, { now: late })).rejects.toMatchObject({
      code: 'DROP_TOO_LATE',
      localized: { values: { hours: 24 } },
    })
    // Someone else's shift is not found.
    await expect(roles.dropShift(c.residentId, bShift.id, { now })).rejects.toMatchObject({ status: 404 })
  })

  it('on a role that needs approval, a drop tells the first applicant that a place opened', async () => {
    const roleId = await post({ headcount: 1, needsApproval: true })
    const [a, b] = [await newVolunteer(), await newVolunteer()]
    const first = await roles.claimRole(a.residentId, roleId, { now })
    await roles.decideShift(staff(), first.shiftId, 'accept', { now })
    await roles.claimRole(b.residentId, roleId, { now })
    await roles.dropShift(a.residentId, first.shiftId, { now })
    const opened = await messages('volunteer.place-opened')
    expect(opened.map((m) => m.recipient)).toEqual([b.phone])
    expect((await shiftOf(roleId, b.id)).status).toBe('APPLIED')
  })

  describe('hours', () => {
    async function acceptedShift(over: Partial<Parameters<typeof roles.postRole>[1]> = {}) {
      const roleId = await post({ sessionId: world.session.id, venueId: undefined, ...over })
      const v = await newVolunteer({ name: '李志愿' })
      await roles.claimRole(v.residentId, roleId, { now })
      const code = (await db.prisma.volunteer.findUniqueOrThrow({ where: { id: v.id } })).code
      return { roleId, v, code, shift: await shiftOf(roleId, v.id) }
    }

    it('credits time present from check-in to check-out, capped at the role end; planned and credited stay apart', async () => {
      const { code, shift, v } = await acceptedShift() // 09:00–12:00, 180 planned minutes
      expect(shift.plannedMinutes).toBe(180)
      // Early arrival counts from the arrival time.
      expect(await hours.scanVolunteerCode(staff(), { sessionId: world.session.id }, code, { now: at(3, '08:40') })).toMatchObject({
        ok: true,
        kind: 'in',
      })
      // A second phone scanning at once does not check out.
      expect(await hours.scanVolunteerCode(staff(), { sessionId: world.session.id }, code, { now: at(3, '08:40') })).toMatchObject({
        ok: false,
      })
      const out = await hours.scanVolunteerCode(staff(), { sessionId: world.session.id }, code.toLowerCase(), { now: at(3, '12:30') })
      expect(out).toMatchObject({ ok: true, kind: 'out', creditedMinutes: 180, credit: 'CREDITED' })
      const row = await db.prisma.volunteerShift.findUniqueOrThrow({ where: { id: shift.id } })
      expect(row).toMatchObject({ plannedMinutes: 180, creditedMinutes: 180, credit: 'CREDITED' })
      expect(await messages('volunteer.credited')).toHaveLength(1)
      expect(await hours.scanVolunteerCode(staff(), { sessionId: world.session.id }, code, { now: at(3, '12:40') })).toMatchObject({
        ok: false,
      })
      // The history lists the newest shifts only; the total counts every credited one (a later role, listed alone here).
      const later = await post({
        sessionId: world.session.id,
        venueId: undefined,
        title: '后来的岗位',
        startsAt: at(5, '09:00'),
        endsAt: at(5, '12:00'),
      })
      await roles.claimRole(v.residentId, later, { now })
      const record = await hours.volunteerRecord(v.id, at(3, '13:00'), { shown: 1 })
      expect(record.shifts.map((s) => s.role.title)).toEqual(['后来的岗位'])
      expect(record).toMatchObject({ olderShifts: 1, totalMinutes: 180 })
      // Another district's admin scanning the code finds no role of theirs.
      expect(
        await hours.scanVolunteerCode(staff('otherDistrictAdmin'), { sessionId: world.session.id }, code, { now: at(3, '10:00') }),
      ).toMatchObject({ ok: false })
    })

    it("credits nothing below the district's share of the role", async () => {
      const { code, shift } = await acceptedShift()
      await hours.scanVolunteerCode(staff(), { sessionId: world.session.id }, code, { now: at(3, '10:00') })
      // 09:00–12:00 is 180 minutes; 100 minutes present is 55% < 60%.
      expect(await hours.scanVolunteerCode(staff(), { sessionId: world.session.id }, code, { now: at(3, '11:40') })).toMatchObject({
        credit: 'TOO_SHORT',
        creditedMinutes: 0,
      })
      expect(await db.prisma.volunteerShift.findUniqueOrThrow({ where: { id: shift.id } })).toMatchObject({
        creditedMinutes: 0,
        credit: 'TOO_SHORT',
      })
      expect(await messages('volunteer.credited')).toHaveLength(0)
      // Exactly the share is enough: 108 of 180 minutes.
      const other = await acceptedShift({ title: '另一个岗位', startsAt: at(4, '09:00'), endsAt: at(4, '12:00') })
      await hours.scanVolunteerCode(staff(), { sessionId: world.session.id }, other.code, { now: at(4, '09:00') })
      expect(await hours.scanVolunteerCode(staff(), { sessionId: world.session.id }, other.code, { now: at(4, '10:48') })).toMatchObject({
        credit: 'CREDITED',
        creditedMinutes: 108,
      })
    })

    it('a forgotten check-out is credited to the role end only when staff confirm, after the role, with a reason', async () => {
      const { code, shift, v } = await acceptedShift()
      await hours.scanVolunteerCode(staff(), { sessionId: world.session.id }, code, { now: at(3, '09:30') })
      const record = await hours.volunteerRecord(v.id, at(3, '13:00'))
      expect(record.totalMinutes).toBe(0)
      expect(record.shifts[0]).toMatchObject({ awaitingConfirmation: true })
      await expect(hours.confirmForgottenCheckout(staff(), shift.id, '走时忘了扫码', { now: at(3, '11:00') })).rejects.toThrow('岗位结束后')
      await expect(
        hours.confirmForgottenCheckout(staff('otherDistrictAdmin'), shift.id, '走时忘了扫码', { now: at(3, '13:00') }),
      ).rejects.toMatchObject({ status: 404 })
      expect(await hours.confirmForgottenCheckout(staff(), shift.id, '走时忘了扫码', { now: at(3, '13:00') })).toEqual({
        minutes: 150,
        credit: 'CREDITED',
      })
      expect(await db.prisma.volunteerShift.findUniqueOrThrow({ where: { id: shift.id } })).toMatchObject({
        checkedOutAt: at(3, '12:00'),
        creditedMinutes: 150,
      })
      expect((await db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'volunteer.confirm_checkout' } })).summary).toContain(
        '走时忘了扫码',
      )
    })

    it('a change by hand needs a reason, stays within the planned time and is audited with before and after', async () => {
      const { shift } = await acceptedShift()
      expect(adminSchema.adjustHoursSchema.safeParse({ shiftId: shift.id, minutes: '60', reason: '' }).success).toBe(false)
      await expect(
        hours.adjustCreditedMinutes(staff(), { shiftId: shift.id, minutes: 60, reason: '现场补登' }, { now: at(3, '08:00') }),
      ).rejects.toThrow('岗位开始后')
      await expect(
        hours.adjustCreditedMinutes(staff(), { shiftId: shift.id, minutes: 200, reason: '现场补登' }, { now: at(3, '13:00') }),
      ).rejects.toMatchObject({ field: 'minutes' })
      await expect(
        hours.adjustCreditedMinutes(
          staff('otherOrgStaff'),
          { shiftId: shift.id, minutes: 60, reason: '现场补登' },
          { now: at(3, '13:00') },
        ),
      ).rejects.toMatchObject({ status: 404 })
      await hours.adjustCreditedMinutes(
        staff(),
        { shiftId: shift.id, minutes: 120, reason: '签到设备故障，现场核实' },
        { now: at(3, '13:00') },
      )
      expect(await db.prisma.volunteerShift.findUniqueOrThrow({ where: { id: shift.id } })).toMatchObject({
        creditedMinutes: 120,
        credit: 'ADJUSTED',
        creditNote: '签到设备故障，现场核实',
      })
      const entry = await db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'volunteer.hours_adjust' } })
      expect(entry.details).toMatchObject({ from: null, to: 120, reason: '签到设备故障，现场核实' })
    })

    it('the star ladder is 100/300/600/1,000/1,500 hours', () => {
      const h = (n: number) => schema.starLevel(n * 60)
      expect([h(0), h(99.9), h(100), h(299), h(300), h(600), h(1000), h(1499), h(1500), h(4000)].map((s) => s.stars)).toEqual([
        0, 0, 1, 1, 2, 3, 4, 4, 5, 5,
      ])
      expect(h(150).nextAtHours).toBe(300)
      expect(h(1500).nextAtHours).toBeNull()
    })

    it('a certificate is printed with an unguessable number; the verification page confirms it without the phone', async () => {
      const { code, v } = await acceptedShift()
      await hours.scanVolunteerCode(staff(), { sessionId: world.session.id }, code, { now: at(3, '09:00') })
      await hours.scanVolunteerCode(staff(), { sessionId: world.session.id }, code, { now: at(3, '12:00') })
      const number = await hours.issueCertificate(v.id, at(3, '18:00'))
      expect(number).toMatch(schema.CERTIFICATE_PATTERN)
      const printed = await hours.certificateForOwner(v.id, number)
      expect(printed).toMatchObject({ totalMinutes: 180, issuer: '松江科技馆', volunteer: { name: '李志愿' } })
      expect(printed!.services).toEqual([{ date: expect.any(String), title: '测试活动 · 展厅讲解', place: '测试科技馆', minutes: 180 }])
      const verified = await hours.verifyCertificate(number.toLowerCase())
      expect(verified).toMatchObject({ number, totalMinutes: 180, maskedName: '李**' })
      expect(JSON.stringify(verified)).not.toContain(v.phone)
      expect(JSON.stringify(verified)).not.toContain('李志愿')
      // Nothing is found by a near number, a prefix or a pattern.
      expect(await hours.verifyCertificate(number.slice(0, -1) + (number.endsWith('2') ? '3' : '2'))).toBeNull()
      expect(await hours.verifyCertificate(number.slice(0, 10))).toBeNull()
      expect(await hours.verifyCertificate('VC%')).toBeNull()
      // Someone else cannot open the owner's print page by number.
      const other = await newVolunteer()
      expect(await hours.certificateForOwner(other.id, number)).toBeNull()
    })
  })

  it("staff of another district (or organisation) see and change nothing of a district's roles and volunteers", async () => {
    const roleId = await post()
    const v = await newVolunteer()
    const claim = await roles.claimRole(v.residentId, roleId, { now })
    expect(await roles.roleForStaff(staff('otherDistrictAdmin'), roleId)).toBeNull()
    expect(await roles.roleForStaff(staff('otherOrgStaff'), roleId)).toBeNull()
    expect(await roles.roleForStaff(staff('districtAdmin'), roleId)).not.toBeNull()
    expect(await roles.listRolesForStaff(staff('otherDistrictAdmin'), { now })).toEqual([])
    await expect(roles.decideShift(staff('otherDistrictAdmin'), claim.shiftId, 'decline', { now })).rejects.toMatchObject({ status: 404 })
    await expect(roles.cancelRole(staff('otherDistrictAdmin'), roleId)).rejects.toMatchObject({ status: 404 })
    expect(await volunteers.listVolunteersForStaff(staff('otherDistrictAdmin'), { now })).toEqual([])
    expect((await volunteers.listVolunteersForStaff(staff('districtAdmin'), { now })).map((x) => x.id)).toEqual([v.id])
    // Posting on another district's venue or session is refused as not found.
    await expect(post({}, 'otherDistrictAdmin')).rejects.toMatchObject({ status: 404, field: 'venueId' })
    await expect(post({ sessionId: world.session.id, venueId: undefined }, 'otherOrgStaff')).rejects.toMatchObject({ status: 404 })
    const rows = await hours.creditedHoursRows(staff('otherDistrictAdmin'), { from: at(0, '00:00'), to: at(30, '00:00') })
    expect(rows).toHaveLength(1) // the headings only
    // Cancelling (by the role's own staff) cancels every claim.
    await roles.cancelRole(staff(), roleId)
    expect((await shiftOf(roleId, v.id)).status).toBe('CANCELLED')
  })

  it('the open-roles list filters by district, date and skill and needs no account', async () => {
    const a = await post({ skills: ['guide'] })
    await post({ title: '摄影', skills: ['photography'], startsAt: at(4, '09:00'), endsAt: at(4, '10:00') })
    expect((await roles.listOpenRoles({}, now)).map((r) => r.title)).toEqual(['展厅讲解', '摄影'])
    expect((await roles.listOpenRoles({ skill: 'photography' }, now)).map((r) => r.title)).toEqual(['摄影'])
    expect((await roles.listOpenRoles({ date: '2026-12-04' }, now)).map((r) => r.id)).toEqual([a])
    expect(await roles.listOpenRoles({ district: 'qingpu' }, now)).toEqual([])
    expect(await roles.listOpenRoles({ date: 'not-a-date' }, now)).toHaveLength(2)
  })

  it('the roles map: one place per venue or own place, with its roles and free places, under the list filters; a place lists its roles', async () => {
    const map = await import('~/models/volunteers/map.server')
    const a = await post({ skills: ['guide'], headcount: 2 })
    const b = await post({ title: '摄影', skills: ['photography'], headcount: 3, startsAt: at(4, '09:00'), endsAt: at(4, '10:00') })
    // An activity at its own place (a park lawn, no venue): its role is placed there.
    const park = await db.prisma.event.create({
      data: {
        slug: 'park-show',
        title: '草坪科学秀',
        summary: '测试',
        description: '测试',
        category: 'LECTURE',
        topics: [],
        placeName: '中山公园草坪',
        organisationId: world.orgA.id,
        districtId: world.sj.id,
        lat: 31.02,
        lng: 121.22,
        status: 'PUBLISHED',
        maxPartySize: 4,
      },
    })
    const parkSession = await db.prisma.eventSession.create({
      data: { eventId: park.id, key: 's1', startsAt: at(5, '09:00'), endsAt: at(5, '11:00'), capacity: 50 },
    })
    const c = await post({
      title: '引导',
      skills: ['usher'],
      sessionId: parkSession.id,
      venueId: undefined,
      startsAt: at(5, '09:00'),
      endsAt: at(5, '11:00'),
    })
    // Neither a closed role nor one that has begun is on the map.
    const closed = await post({ title: '已取消', startsAt: at(6, '09:00'), endsAt: at(6, '10:00') })
    await db.prisma.volunteerRole.update({ where: { id: closed }, data: { status: 'CANCELLED' } })
    // A claim takes a free place.
    const v = await newVolunteer()
    await roles.claimRole(v.residentId, a, { now })

    const venue = { kind: 'venue', key: world.venue.slug, name: world.venue.name, lat: world.venue.lat, lng: world.venue.lng }
    const own = { kind: 'place', key: 'park-show', name: '中山公园草坪', lat: 31.02, lng: 121.22 }
    expect(await map.openRolePlaces({}, now)).toEqual([
      { ...venue, roles: 2, free: 4 },
      { ...own, roles: 1, free: 2 },
    ])
    expect(await map.openRolePlaces({ skill: 'photography' }, now)).toEqual([{ ...venue, roles: 1, free: 3 }])
    expect(await map.openRolePlaces({ skill: 'usher' }, now)).toEqual([{ ...own, roles: 1, free: 2 }])
    expect(await map.openRolePlaces({ date: '2026-12-06' }, now)).toEqual([{ ...own, roles: 1, free: 2 }])
    expect(await map.openRolePlaces({ district: 'songjiang', date: '2026-12-04' }, now)).toEqual([{ ...venue, roles: 1, free: 1 }])
    expect(await map.openRolePlaces({ district: 'qingpu' }, now)).toEqual([])
    expect(await map.openRolePlaces({}, at(5, '10:00'))).toEqual([])

    // A place's popup: its roles, soonest first, under the same filters; another place's roles never.
    const at1 = await map.rolesAtPlace({}, { kind: 'venue', key: world.venue.slug }, now)
    expect(at1.roles.map((r) => r.id)).toEqual([a, b])
    expect(at1.total).toBe(2)
    expect(
      (await map.rolesAtPlace({ skill: 'photography' }, { kind: 'venue', key: world.venue.slug }, now)).roles.map((r) => r.id),
    ).toEqual([b])
    expect((await map.rolesAtPlace({}, { kind: 'place', key: 'park-show' }, now)).roles.map((r) => r.id)).toEqual([c])
    expect((await map.rolesAtPlace({}, { kind: 'place', key: world.event.slug }, now)).total).toBe(0)
  })

  it('dashboard figures per month: registered, active, hours credited, roles filled/posted, no-shows', async () => {
    const full = await post({ headcount: 1 })
    const open = await post({ title: '未满', headcount: 3, startsAt: at(4, '09:00'), endsAt: at(4, '10:00') })
    const [a, b] = [await newVolunteer(), await newVolunteer()]
    await roles.claimRole(a.residentId, full, { now })
    await roles.claimRole(b.residentId, open, { now })
    const code = (await db.prisma.volunteer.findUniqueOrThrow({ where: { id: a.id } })).code
    await hours.scanVolunteerCode(staff(), { roleId: full }, code, { now: at(3, '09:00') })
    await hours.scanVolunteerCode(staff(), { roleId: full }, code, { now: at(3, '11:00') })
    const result = await figures.volunteerFigures(world.sj.id, 2026, at(10, '00:00'))
    const december = result.months[11]
    expect(december).toMatchObject({ rolesPosted: 2, rolesFilled: 1, active: 1, creditedMinutes: 120, noShows: 1 })
    expect(result.totals).toMatchObject({ activeThisYear: 1, creditedMinutes: 120, noShows: 1, rolesPosted: 2, rolesFilled: 1 })
    expect(result.totals.registered).toBe(
      await db.prisma.volunteer.count({ where: { createdAt: { gte: new Date('2026-01-01T00:00:00+08:00') } } }),
    )
    expect((await figures.volunteerFigures(world.qp.id, 2026, at(10, '00:00'))).totals).toMatchObject({
      rolesPosted: 0,
      creditedMinutes: 0,
    })
  })

  it("deleting the account gives up the volunteer's places still to come (the next in line served) and withdraws certificates", async () => {
    const passport = await import('~/models/passport/passport.server')
    const roleId = await post({ headcount: 1 })
    const [a, b] = [await newVolunteer(), await newVolunteer()]
    await roles.claimRole(a.residentId, roleId, { now })
    await roles.claimRole(b.residentId, roleId, { now })
    const resident = await db.prisma.resident.findUniqueOrThrow({ where: { id: a.residentId } })
    await passport.deleteResident({ id: resident.id, phone: resident.phone, passportCode: resident.passportCode, sessionId: 'x' }, now)
    expect((await shiftOf(roleId, b.id)).status).toBe('ACCEPTED')
    expect(await db.prisma.volunteer.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ residentId: null, name: '（已注销）' })
    expect((await db.prisma.volunteerRole.findUniqueOrThrow({ where: { id: roleId } })).filled).toBe(1)
  })
}
