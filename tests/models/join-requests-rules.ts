// 申请入驻 on PGlite and PostgreSQL (issue 27, decision 040): a new organisation asks to join with its contact's
// mobile number proven by an SMS code; duplicates (a name an organisation has, a name or a phone a pending request
// has) are refused next to their field; the district's admins (and platform admins) see and decide their district's
// requests, anyone else gets 404; approval makes exactly one organisation, venue and staff account in one transaction
// (a failure half-way leaves none), decline needs a reason; both are audited and messaged; deciding twice is refused.
import { parseWithZod } from '@conform-to/zod'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { sentCode, wrongCode } from '../helpers/phone-codes'
import { createStaffWorld, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'

const origin = 'https://kepu.example.cn'

export function joinRequestRules(kind: TestDatabaseKind) {
  let db: TestDatabase
  let world: StaffWorld
  let joins: typeof import('~/models/bases/join-request.server')
  let schema: typeof import('~/models/bases/join-schema')
  let staffModel: typeof import('~/models/staff/staff.server')
  let i18n: typeof import('~/utils/i18n')
  // Each test its own stretch of time, so the SMS code limits of one never touch another.
  let now = new Date('2026-12-01T02:00:00Z')
  let phoneSeq = 0
  const nextPhone = () => `1390000${String(++phoneSeq).padStart(4, '0')}`

  beforeAll(async () => {
    db = await useTestDatabaseForApp(kind)
    joins = await import('~/models/bases/join-request.server')
    schema = await import('~/models/bases/join-schema')
    staffModel = await import('~/models/staff/staff.server')
    i18n = await import('~/utils/i18n')
  })
  afterAll(async () => {
    await db?.drop()
  })
  beforeEach(async () => {
    await db.prisma.$executeRawUnsafe(
      'TRUNCATE "OrganisationJoinRequest", "PasswordToken", "PhoneCode", "RateLimitBucket", "Message", "AuditEntry", "Registration", "EventSession", "Event", "Venue", "User", "Organisation", "Town", "PlanFigure", "District" CASCADE',
    )
    now = new Date(now.getTime() + 3 * 86400_000)
    world = await createStaffWorld(db.prisma, now)
  })

  const staff = (key: keyof StaffWorld['users'] = 'districtAdmin') => ({ ...world.users[key], sessionId: 't' })
  const counts = async () => ({
    organisations: await db.prisma.organisation.count(),
    venues: await db.prisma.venue.count(),
    users: await db.prisma.user.count(),
    tokens: await db.prisma.passwordToken.count(),
    messages: await db.prisma.message.count(),
    audit: await db.prisma.auditEntry.count(),
  })

  /** The form as a browser posts it, parsed by the page's schema (Chinese messages). */
  const form = (over: Record<string, string> = {}) => {
    const formData = new FormData()
    const posted = {
      intent: 'join',
      organisationName: '松江星空科普中心',
      kind: 'BASE_OPERATOR',
      districtId: world.sj.id,
      venueName: '星空天文馆',
      venueAddress: '松江区广富林路 100 号',
      contactName: '陈老师',
      contactEmail: 'Chen@Example.cn',
      phone: '139 0000 0000',
      smsCode: '000000',
      note: '我们面向中小学生开展天文观测与科普讲座，每月举办两次公众观星活动。',
      consent: 'on',
      ...over,
    }
    for (const [name, value] of Object.entries(posted)) formData.set(name, value)
    return parseWithZod(formData, { schema: schema.joinRequestSchema(i18n.tFor('zh-CN')) })
  }
  const input = (over: Record<string, string> = {}) => {
    const parsed = form(over)
    if (parsed.status !== 'success' || parsed.value.intent !== 'join') throw new Error(JSON.stringify(parsed.reply().error))
    return parsed.value
  }
  const request = { address: '10.0.0.1', language: 'zh-CN' as const, origin }

  /** A request sent with a code really sent to its phone. */
  async function join(over: Record<string, string> = {}) {
    const phone = over.phone ?? nextPhone()
    // An address of its own: the per-address limits of codes and requests are tested elsewhere.
    const address = `10.1.${phoneSeq}.${Math.floor(Math.random() * 250)}`
    await joins.sendJoinCode(phone, { address, language: 'zh-CN', now })
    const smsCode = await sentCode(db.prisma, phone)
    return joins.requestToJoin(input({ ...over, phone, smsCode }), { ...request, address, now })
  }

  describe('asking to join', () => {
    it('stores the request only with a proven code; the district admins are told by e-mail; nothing else is made', async () => {
      const phone = nextPhone()
      // No code sent: refused next to the code field, nothing stored.
      await expect(joins.requestToJoin(input({ phone }), { ...request, now })).rejects.toMatchObject({
        field: 'smsCode',
        code: 'CODE_MISSING',
      })
      await joins.sendJoinCode(phone, { address: request.address, language: 'zh-CN', now })
      const code = await sentCode(db.prisma, phone)
      await expect(joins.requestToJoin(input({ phone, smsCode: wrongCode(code) }), { ...request, now })).rejects.toMatchObject({
        field: 'smsCode',
        code: 'CODE_WRONG',
      })
      // A code for another purpose does not prove the phone for this one.
      const codes = await import('~/models/phone-code.server')
      const other = nextPhone()
      await codes.sendPhoneCode(other, 'SIGN_UP', { address: 'x', language: 'zh-CN', now })
      await expect(
        joins.requestToJoin(input({ phone: other, smsCode: await sentCode(db.prisma, other) }), { ...request, now }),
      ).rejects.toMatchObject({ field: 'smsCode' })
      expect(await db.prisma.organisationJoinRequest.count()).toBe(0)

      const before = await counts()
      const id = await joins.requestToJoin(input({ phone, smsCode: code }), { ...request, now })
      const stored = await db.prisma.organisationJoinRequest.findUniqueOrThrow({ where: { id } })
      expect(stored).toMatchObject({
        organisationName: '松江星空科普中心',
        kind: 'BASE_OPERATOR',
        districtId: world.sj.id,
        contactEmail: 'chen@example.cn',
        phone,
        status: 'PENDING',
        decidedAt: null,
      })
      // The code is used up with it: a second request with the same code is refused on the code.
      expect(await db.prisma.phoneCode.count({ where: { phone, usedAt: { not: null } } })).toBe(1)
      const after = await counts()
      expect(after).toMatchObject({ organisations: before.organisations, venues: before.venues, users: before.users })
      expect(
        await db.prisma.message.findMany({ where: { template: 'staff.org-join' }, select: { recipient: true, channel: true } }),
      ).toEqual([{ recipient: world.users.districtAdmin.email, channel: 'EMAIL' }])
      expect(await db.prisma.auditEntry.count({ where: { action: 'org_join.request', entityId: id } })).toBe(1)
    })

    it('bad input is refused by the schema next to its field', () => {
      const parsed = form({ organisationName: '星空', contactEmail: 'not-an-email', note: '太短', phone: '12345', kind: 'PIRATE' })
      expect(parsed.status).toBe('error')
      const errors = parsed.reply().error ?? {}
      expect(Object.keys(errors).sort()).toEqual(['contactEmail', 'kind', 'note', 'organisationName', 'phone'])
      expect(errors.organisationName?.[0]).toBe('单位名称请至少写 4 个字')
      expect(errors.note?.[0]).toBe('单位简介请至少写 20 个字')
    })

    it('refuses a name an organisation has, a name or a phone a pending request has, a district not served, an e-mail that is a staff account', async () => {
      // An organisation of the staff world's name, whatever the case of its letters.
      await expect(join({ organisationName: world.orgA.name })).rejects.toMatchObject({ field: 'organisationName', status: 409 })
      await db.prisma.organisation.create({ data: { slug: 'o-latin', name: 'Songjiang Star Lab', kind: 'OTHER', districtId: world.sj.id } })
      await expect(join({ organisationName: 'songjiang star lab' })).rejects.toMatchObject({ field: 'organisationName' })
      const phone = nextPhone()
      await join({ phone })
      await expect(join({ organisationName: '松江星空科普中心' })).rejects.toMatchObject({
        field: 'organisationName',
        message: expect.stringContaining('审核中'),
      })
      await expect(join({ organisationName: '另一家科普单位', phone })).rejects.toMatchObject({
        field: 'phone',
        message: expect.stringContaining('审核中'),
      })
      const closed = await db.prisma.district.create({
        data: { code: 310120, slug: 'fengxian', name: '奉贤区', nameEn: 'Fengxian', centerLat: 30.9, centerLng: 121.5 },
      })
      await expect(join({ organisationName: '奉贤一家单位', districtId: closed.id })).rejects.toMatchObject({ field: 'districtId' })
      await expect(join({ organisationName: '有账号的单位', contactEmail: world.users.staff.email })).rejects.toMatchObject({
        field: 'contactEmail',
      })
      expect(await db.prisma.organisationJoinRequest.count()).toBe(1)
      // The database holds the rule too, even if the code were wrong.
      const row = await db.prisma.organisationJoinRequest.findFirstOrThrow()
      const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = row
      await expect(db.prisma.organisationJoinRequest.create({ data: { ...copy, phone: nextPhone() } })).rejects.toThrow()
      await expect(db.prisma.organisationJoinRequest.create({ data: { ...copy, organisationName: '全新的名字单位' } })).rejects.toThrow()
      // Once decided, the same name and phone may ask again.
      await joins.declineJoinRequest(staff(), row.id, '材料不全，请补充后再申请', now)
      await expect(join({ phone })).resolves.toEqual(expect.any(String))
    })
  })

  describe('deciding', () => {
    it('approval makes exactly one organisation, venue and staff account, a set-password link, and tells the contact', async () => {
      const phone = nextPhone()
      const id = await join({ phone, kind: 'MUSEUM' })
      const before = await counts()
      const approval = await joins.approveJoinRequest(staff(), id, { origin, now })
      const after = await counts()
      expect(after.organisations - before.organisations).toBe(1)
      expect(after.venues - before.venues).toBe(1)
      expect(after.users - before.users).toBe(1)
      expect(after.tokens - before.tokens).toBe(1)
      const organisation = await db.prisma.organisation.findUniqueOrThrow({ where: { id: approval.organisationId } })
      expect(organisation).toMatchObject({ name: '松江星空科普中心', kind: 'MUSEUM', districtId: world.sj.id })
      const venue = await db.prisma.venue.findUniqueOrThrow({ where: { id: approval.venueId } })
      expect(venue).toMatchObject({
        name: '星空天文馆',
        address: '松江区广富林路 100 号',
        organisationId: organisation.id,
        districtId: world.sj.id,
        type: 'SCIENCE_MUSEUM',
        openToPublic: false,
        locationApproximate: true,
      })
      const user = await db.prisma.user.findUniqueOrThrow({ where: { id: approval.userId } })
      expect(user).toMatchObject({
        email: 'chen@example.cn',
        name: '陈老师',
        role: 'ORG_STAFF',
        organisationId: organisation.id,
        districtId: world.sj.id,
        passwordHash: null,
      })
      expect(await db.prisma.organisationJoinRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: 'APPROVED',
        decidedById: world.users.districtAdmin.id,
        organisationId: organisation.id,
      })
      // The link works once: the new staff member sets a password and may sign in.
      expect(await staffModel.findPasswordToken(approval.linkSecret, now)).toMatchObject({ user: { id: user.id } })
      // Told by e-mail (the link) and by SMS (the news).
      const told = await db.prisma.message.findMany({
        where: { subjectId: { in: [id, user.id] }, template: { not: 'staff.org-join' } },
        orderBy: { template: 'asc' },
        select: { template: true, channel: true, recipient: true, params: true },
      })
      expect(told).toEqual([
        { template: 'org-join.approved', channel: 'SMS', recipient: phone, params: { organisation: '松江星空科普中心' } },
        {
          template: 'staff.set-password',
          channel: 'EMAIL',
          recipient: 'chen@example.cn',
          params: expect.objectContaining({ link: `${origin}/admin/set-password/${approval.linkSecret}` }),
        },
      ])
      expect(
        await db.prisma.auditEntry.findMany({
          where: { entityId: { in: [id, user.id] } },
          select: { action: true },
          orderBy: { action: 'asc' },
        }),
      ).toEqual([{ action: 'org_join.approve' }, { action: 'org_join.request' }, { action: 'user.create' }])
      // The staff model sees the new account as any other: its organisation's venue is its own.
      await staffModel.setPasswordWithToken(approval.linkSecret, 'correct horse battery', now)
      const { venueScope } = await import('~/utils/permissions.server')
      const member = { ...user, sessionId: 't' }
      expect(await db.prisma.venue.findMany({ where: venueScope(member), select: { id: true } })).toEqual([{ id: venue.id }])
    })

    it('a failure half-way (the e-mail became a staff account meanwhile) leaves nothing: no organisation, venue, account or message', async () => {
      const id = await join()
      await db.prisma.user.create({ data: { email: 'chen@example.cn', name: '别人', role: 'ORG_STAFF', organisationId: world.orgB.id } })
      const before = await counts()
      await expect(joins.approveJoinRequest(staff(), id, { origin, now })).rejects.toMatchObject({
        status: 409,
        message: expect.stringContaining('邮箱已是工作人员账号'),
      })
      expect(await counts()).toEqual(before)
      expect(await db.prisma.organisation.count({ where: { name: '松江星空科普中心' } })).toBe(0)
      expect(await db.prisma.organisationJoinRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: 'PENDING',
        decidedAt: null,
      })
      // It can still be declined.
      await joins.declineJoinRequest(staff(), id, '邮箱已被占用，请换邮箱后重新申请', now)
    })

    it('decline needs a reason (form and database), is audited and messaged by SMS and e-mail', async () => {
      const { joinDecisionSchema } = await import('~/models/bases/admin-schema')
      expect(joinDecisionSchema.safeParse({ intent: 'decline', reason: '' }).success).toBe(false)
      expect(joinDecisionSchema.safeParse({ intent: 'decline', reason: '不' }).success).toBe(false)
      expect(joinDecisionSchema.safeParse({ intent: 'decline', reason: '长'.repeat(61) }).success).toBe(false)
      const phone = nextPhone()
      const id = await join({ phone })
      await expect(
        db.prisma.organisationJoinRequest.update({ where: { id }, data: { status: 'DECLINED', decidedAt: now, reason: '' } }),
      ).rejects.toThrow()
      await joins.declineJoinRequest(staff('platformAdmin'), id, '不属于科普单位', now)
      expect(await db.prisma.organisationJoinRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: 'DECLINED',
        reason: '不属于科普单位',
        decidedById: world.users.platformAdmin.id,
        organisationId: null,
      })
      expect(
        await db.prisma.message.findMany({
          where: { template: 'org-join.declined' },
          select: { channel: true, recipient: true },
          orderBy: { channel: 'asc' },
        }),
      ).toEqual([
        // The enum's order: SMS first.
        { channel: 'SMS', recipient: phone },
        { channel: 'EMAIL', recipient: 'chen@example.cn' },
      ])
      expect(await db.prisma.auditEntry.count({ where: { action: 'org_join.decline', entityId: id } })).toBe(1)
      // Deciding again is refused, either way, and changes nothing.
      const before = await counts()
      await expect(joins.approveJoinRequest(staff(), id, { origin, now })).rejects.toMatchObject({ status: 409 })
      await expect(joins.declineJoinRequest(staff(), id, '再次不予通过', now)).rejects.toMatchObject({ status: 409 })
      expect(await counts()).toEqual(before)
    })

    it('scope: another district admin and organisation staff get 404 for the request (list, page, approve, decline); lists mask the phone', async () => {
      const phone = nextPhone()
      const id = await join({ phone })
      for (const who of ['otherDistrictAdmin', 'staff', 'otherOrgStaff'] as const) {
        await expect(joins.getJoinRequest(staff(who), id)).rejects.toMatchObject({ status: 404 })
        await expect(joins.approveJoinRequest(staff(who), id, { origin, now })).rejects.toMatchObject({ status: 404 })
        await expect(joins.declineJoinRequest(staff(who), id, '不在本区范围', now)).rejects.toMatchObject({ status: 404 })
        expect(await joins.listJoinRequests(staff(who))).toEqual([])
      }
      expect(await db.prisma.organisationJoinRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'PENDING' })
      const masked = `${phone.slice(0, 3)}****${phone.slice(7)}`
      expect(await joins.listJoinRequests(staff())).toEqual([expect.objectContaining({ id, phone: masked, status: 'PENDING' })])
      expect(await joins.listJoinRequests(staff('platformAdmin'))).toEqual([expect.objectContaining({ id, phone: masked })])
      expect((await joins.getJoinRequest(staff(), id)).phone).toBe(masked)
      // The full number only on purpose, audited; out of scope 404, and never once decided.
      await expect(joins.revealJoinPhone(staff('otherDistrictAdmin'), id, '核实')).rejects.toMatchObject({ status: 404 })
      expect(await joins.revealJoinPhone(staff(), id, '核实入驻申请')).toEqual({ phone })
      expect(await db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'org_join.reveal_phone', entityId: id } })).toMatchObject({
        actorId: world.users.districtAdmin.id,
        summary: expect.stringContaining(`（${masked}），「松江星空科普中心」，用途：核实入驻申请`),
      })
      await joins.declineJoinRequest(staff(), id, '材料不全，请补充后再申请', now)
      await expect(joins.revealJoinPhone(staff(), id, '核实')).rejects.toMatchObject({ status: 404 })
    })

    if (kind === 'postgres')
      it('two admins approving at once: one organisation, one venue, one account; the other is refused', async () => {
        for (let round = 0; round < 5; round++) {
          const id = await join({ organisationName: `并发测试单位第${round}家`, contactEmail: `race${round}@example.cn` })
          const before = await counts()
          const results = await Promise.allSettled([
            joins.approveJoinRequest(staff('districtAdmin'), id, { origin, now }),
            joins.approveJoinRequest(staff('platformAdmin'), id, { origin, now }),
          ])
          expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
          const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
          expect(refused.reason).toMatchObject({ status: 409 })
          const after = await counts()
          expect([after.organisations - before.organisations, after.venues - before.venues, after.users - before.users]).toEqual([1, 1, 1])
          // And an approval racing a decline: one decision.
          const other = await join({ organisationName: `并发测试单位乙第${round}家`, contactEmail: `raceb${round}@example.cn` })
          const mixed = await Promise.allSettled([
            joins.approveJoinRequest(staff('districtAdmin'), other, { origin, now }),
            joins.declineJoinRequest(staff('platformAdmin'), other, '同时不予通过', now),
          ])
          expect(mixed.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
          const decided = await db.prisma.organisationJoinRequest.findUniqueOrThrow({ where: { id: other } })
          expect(await db.prisma.organisation.count({ where: { name: decided.organisationName } })).toBe(
            decided.status === 'APPROVED' ? 1 : 0,
          )
        }
      })
  })
}
