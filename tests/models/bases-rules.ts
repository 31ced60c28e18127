// 科普基地 on PGlite and PostgreSQL (issue 27, decision 036): the designation register (who may add or change one,
// one designation per level not revoked, the dates and the 整改 deadline held by the schema and the database, what
// the public venue page and the level filter show, the history in the audit log, the list of levels).
import { parseWithZod } from '@conform-to/zod'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createStaffWorld, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'

export function basesRules(kind: TestDatabaseKind) {
  let db: TestDatabase
  let world: StaffWorld
  let designation: typeof import('~/models/bases/designation.server')
  let adminSchema: typeof import('~/models/bases/admin-schema')
  let listing: typeof import('~/models/venue/listing.server')
  let applications: typeof import('~/models/bases/application.server')
  let recusals: typeof import('~/models/bases/recusal.server')
  // Tuesday 1 December 2026, 10:00 in Shanghai.
  const now = new Date('2026-12-01T02:00:00Z')

  beforeAll(async () => {
    db = await useTestDatabaseForApp(kind)
    designation = await import('~/models/bases/designation.server')
    adminSchema = await import('~/models/bases/admin-schema')
    listing = await import('~/models/venue/listing.server')
    applications = await import('~/models/bases/application.server')
    recusals = await import('~/models/bases/recusal.server')
  })
  afterAll(async () => {
    await db?.drop()
  })
  beforeEach(async () => {
    await db.prisma.$executeRawUnsafe(
      'TRUNCATE "BaseRecusal", "BaseApplication", "BaseDesignation", "Message", "AuditEntry", "Registration", "EventSession", "Event", "Venue", "User", "Organisation", "Town", "PlanFigure", "District" CASCADE',
    )
    await db.prisma.baseLevel.deleteMany({ where: { key: { startsWith: 'l-' } } })
    await db.prisma.baseLevel.updateMany({ data: { active: true } })
    world = await createStaffWorld(db.prisma, now)
  })

  const staff = (key: keyof StaffWorld['users'] = 'districtAdmin') => ({ ...world.users[key], sessionId: 't' })
  /** A designation form as posted, parsed by the form schema (dates as typed). */
  const form = (over: Record<string, string> = {}) => {
    const posted: Record<string, string> = {
      venueId: world.venue.id,
      levelKey: 'district-base',
      batch: '2026年第一批',
      year: '2026',
      validFrom: '2026-01-01',
      validUntil: '2028-12-31',
      status: 'ACTIVE',
      ...over,
    }
    const parsed = parse(posted)
    if (parsed.status !== 'success') throw new Error(JSON.stringify(parsed.error))
    return parsed.value
  }
  /** As the form pipeline parses a post (conform: empty fields left out, numbers from text). */
  const parse = (posted: Record<string, string>) => {
    const formData = new FormData()
    for (const [name, value] of Object.entries(posted)) formData.set(name, value)
    return parseWithZod(formData, { schema: adminSchema.designationSchema })
  }

  describe('levels', () => {
    it('seeds the six levels of the plans, with criteria that add up to 100 points', async () => {
      const levels = await designation.listLevels()
      expect(levels.map((l) => l.name)).toEqual([
        '区级科普基地',
        '社区书院',
        '科技小院',
        '示范性科普场馆',
        '基础性科普基地',
        '青少年科学创新实践工作站',
      ])
      for (const level of levels) {
        const criteria = level.criteria as Array<{ points: number }>
        expect(criteria.reduce((sum, c) => sum + c.points, 0)).toBe(100)
      }
    })

    it('only the platform admin adds or stops a level; a stopped level takes no new designation but keeps its own', async () => {
      await expect(designation.addLevel(staff('districtAdmin'), { name: '市级科普基地', nameEn: 'City base' })).rejects.toMatchObject({
        status: 403,
      })
      const key = await designation.addLevel(staff('platformAdmin'), { name: '市级科普基地', nameEn: 'City base' })
      await expect(designation.addLevel(staff('platformAdmin'), { name: '市级科普基地', nameEn: 'Again' })).rejects.toMatchObject({
        field: 'name',
      })
      const id = await designation.saveDesignation(staff(), form({ levelKey: key }))
      await designation.setLevelActive(staff('platformAdmin'), key, false)
      expect((await designation.listLevels()).map((l) => l.key)).not.toContain(key)
      await expect(designation.saveDesignation(staff(), form({ levelKey: key, venueId: world.venue.id }))).rejects.toMatchObject({
        field: 'levelKey',
      })
      // The existing one still shows, under its name, and can still be changed.
      expect((await designation.currentDesignations(world.venue.slug, now)).map((d) => d.level.name)).toEqual(['市级科普基地'])
      await designation.saveDesignation(staff(), form({ levelKey: key, designationId: id, status: 'REVOKED' }))
      expect(await db.prisma.auditEntry.count({ where: { action: { startsWith: 'base.level_' } } })).toBe(2)
    })
  })

  describe('designations', () => {
    it('the venue district admin adds one; the public page shows it; the change is in its history', async () => {
      const id = await designation.saveDesignation(staff(), form())
      expect(await designation.currentDesignations(world.venue.slug, now)).toEqual([
        expect.objectContaining({
          id,
          year: 2026,
          batch: '2026年第一批',
          status: 'ACTIVE',
          level: expect.objectContaining({ name: '区级科普基地' }),
        }),
      ])
      await designation.saveDesignation(staff('platformAdmin'), form({ designationId: id, status: 'RECTIFY', rectifyBy: '2027-03-31' }))
      const { designations, history } = await designation.venueDesignations(world.venue.id)
      expect(designations).toEqual([expect.objectContaining({ id, status: 'RECTIFY' })])
      expect(designations[0].rectifyBy?.toISOString()).toBe('2027-03-30T16:00:00.000Z')
      expect(history.map((h) => h.summary)).toEqual([
        expect.stringContaining('→ 2026年（2026年第一批），有效期 2026-01-01 至 2028-12-31，整改中，整改期限 2027-03-31'),
        expect.stringContaining('认定「测试科技馆」为区级科普基地'),
      ])
      const change = await db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'base.designation_change' } })
      expect(change).toMatchObject({
        actorId: world.users.platformAdmin.id,
        districtId: world.sj.id,
        details: { before: { status: 'ACTIVE' }, after: { status: 'RECTIFY', rectifyBy: '2027-03-31' } },
      })
      // Under 整改 the venue still shows it (with the status); revoked, it is gone from the public page.
      expect((await designation.currentDesignations(world.venue.slug, now))[0].status).toBe('RECTIFY')
      await designation.saveDesignation(staff(), form({ designationId: id, status: 'REVOKED' }))
      expect(await designation.currentDesignations(world.venue.slug, now)).toEqual([])
    })

    it('another district admin and organisation staff change nothing; nothing half-saved', async () => {
      await expect(designation.saveDesignation(staff('otherDistrictAdmin'), form())).rejects.toMatchObject({ status: 404 })
      await expect(designation.saveDesignation(staff('staff'), form())).rejects.toMatchObject({ status: 404 })
      const id = await designation.saveDesignation(staff(), form())
      await expect(
        designation.saveDesignation(staff('otherDistrictAdmin'), form({ designationId: id, status: 'REVOKED' })),
      ).rejects.toMatchObject({
        status: 404,
      })
      expect(await db.prisma.baseDesignation.findMany({ select: { status: true } })).toEqual([{ status: 'ACTIVE' }])
      expect(await db.prisma.auditEntry.count()).toBe(1)
      // Reading: the venue's own staff see it, organisation B's staff and Qingpu's admin get "not found".
      await expect(designation.requireDesignationVenue(staff('staff'), world.venue.id)).resolves.toMatchObject({ id: world.venue.id })
      await expect(designation.requireDesignationVenue(staff('staff'), world.venue.id, { write: true })).rejects.toMatchObject({
        status: 403,
      })
      await expect(designation.requireDesignationVenue(staff('otherOrgStaff'), world.venue.id)).rejects.toMatchObject({ status: 404 })
      await expect(designation.requireDesignationVenue(staff('otherDistrictAdmin'), world.venue.id)).rejects.toMatchObject({ status: 404 })
      expect(await designation.listDesignations(staff('otherDistrictAdmin'))).toEqual([])
      expect(await designation.listDesignations(staff('otherOrgStaff'))).toEqual([])
      expect((await designation.listDesignations(staff('staff'))).map((d) => d.id)).toEqual([id])
      expect((await designation.listDesignations(staff('platformAdmin'), { levelKey: 'community-academy' })).length).toBe(0)
    })

    it('one designation per level not revoked: a second is refused, a renewal changes the first; another level is fine', async () => {
      const id = await designation.saveDesignation(staff(), form())
      await expect(designation.saveDesignation(staff(), form({ year: '2027' }))).rejects.toMatchObject({ field: 'levelKey' })
      await designation.saveDesignation(staff(), form({ levelKey: 'community-academy' }))
      await designation.saveDesignation(staff(), form({ designationId: id, status: 'REVOKED' }))
      await designation.saveDesignation(staff(), form({ year: '2027', validFrom: '2027-01-01' }))
      expect(await db.prisma.baseDesignation.count()).toBe(3)
    })

    it('two admins adding the same level at once: exactly one is kept', async () => {
      const results = await Promise.allSettled([
        designation.saveDesignation(staff(), form()),
        designation.saveDesignation(staff('platformAdmin'), form()),
      ])
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      expect(await db.prisma.baseDesignation.count()).toBe(1)
    })

    it('dates and the 整改 deadline: refused by the form, by the model and by the database', async () => {
      const bad = (over: Record<string, string>) =>
        parse({ venueId: 'v', levelKey: 'district-base', year: '2026', validFrom: '2026-01-01', status: 'ACTIVE', ...over }).reply()
          .error ?? {}
      expect(bad({ validUntil: '2025-12-31' }).validUntil).toEqual(['有效期止不能早于有效期起'])
      expect(bad({ status: 'RECTIFY' }).rectifyBy).toEqual(['整改状态须写明整改期限'])
      expect(bad({ validFrom: '2026-02-30' }).validFrom).toEqual(['有效期起请按 年-月-日 填写，例如 2026-01-01'])
      expect(bad({ year: '12026' }).year).toEqual(['年份不晚于 2100'])
      expect(bad({ year: '0x7EA' }).year).toEqual(['年份请填写数字'])
      expect(bad({ status: 'GONE' }).status).toEqual(['请选择状态'])
      const valid = form()
      await expect(designation.saveDesignation(staff(), { ...valid, status: 'RECTIFY', rectifyBy: undefined })).rejects.toMatchObject({
        field: 'rectifyBy',
      })
      const id = await designation.saveDesignation(staff(), valid)
      await expect(db.prisma.baseDesignation.update({ where: { id }, data: { status: 'RECTIFY' } })).rejects.toThrow()
      await expect(db.prisma.baseDesignation.update({ where: { id }, data: { validUntil: new Date('2020-01-01') } })).rejects.toThrow()
    })

    it('current on the public page: begun, not past its last day (which counts whole), not revoked', async () => {
      await designation.saveDesignation(staff(), form({ validFrom: '2023-01-01', validUntil: '2026-12-01' }))
      await designation.saveDesignation(staff(), form({ levelKey: 'community-academy', validFrom: '2026-12-02', validUntil: '' }))
      await designation.saveDesignation(staff(), form({ levelKey: 'science-courtyard', validFrom: '2020-01-01', validUntil: '2026-11-30' }))
      expect((await designation.currentDesignations(world.venue.slug, now)).map((d) => d.level.key)).toEqual(['district-base'])
      // The next day the first has run out and the second has begun.
      const tomorrow = new Date(now.getTime() + 86400_000)
      expect((await designation.currentDesignations(world.venue.slug, tomorrow)).map((d) => d.level.key)).toEqual(['community-academy'])
    })

    it('the venue list and its map filter by level: only venues holding that level now', async () => {
      const other = await db.prisma.venue.create({
        data: {
          slug: 'venue-b',
          name: '另一个书院',
          type: 'COMMUNITY_ACADEMY',
          districtId: world.sj.id,
          lat: 31.03,
          lng: 121.22,
          source: 'test',
        },
      })
      await designation.saveDesignation(staff(), form())
      await designation.saveDesignation(staff(), form({ venueId: other.id, levelKey: 'community-academy' }))
      const revoked = await designation.saveDesignation(staff(), form({ venueId: other.id }))
      await designation.saveDesignation(staff(), form({ venueId: other.id, designationId: revoked, status: 'REVOKED' }))
      const names = async (level?: string) => (await listing.listVenuesByDistrict([world.sj.id], { level })).map((v) => v.slug).sort()
      expect(await names()).toEqual(['venue-a', 'venue-b'])
      expect(await names('district-base')).toEqual(['venue-a'])
      expect(await names('community-academy')).toEqual(['venue-b'])
      expect(await names('youth-station')).toEqual([])
    })
  })

  describe('申报', () => {
    const draft = (over: Partial<Parameters<typeof applications.createApplication>[1]> = {}) =>
      applications.createApplication(staff('staff'), {
        venueId: world.venue.id,
        levelKey: 'district-base',
        summary: '本馆面积 3000 平方米，常设展厅四个，全年开放，每月举办讲座。',
        openDaysPerYear: 300,
        ...over,
      })
    const approval = { year: 2026, batch: '2026年第一批', validFrom: new Date('2025-12-31T16:00:00Z') }
    const statusOf = async (id: string) => (await db.prisma.baseApplication.findUniqueOrThrow({ where: { id } })).status

    it('draft → submitted → returned → submitted → under review → scored → approved: the designation in the same step, every move audited and told', async () => {
      const id = await draft()
      await applications.submitApplication(staff('staff'), id)
      await applications.returnApplication(staff(), id, '请补充开放时间')
      expect((await applications.getApplication(staff('staff'), id)).reviewNotes).toBe('请补充开放时间')
      await applications.updateApplication(staff('staff'), id, {
        venueId: world.venue.id,
        levelKey: 'district-base',
        summary: '补充：每周二至周日 9:00-16:30 开放，全年开放 300 天。',
      })
      await applications.submitApplication(staff('staff'), id)
      await applications.startReview(staff(), id)
      expect(await applications.scoreApplication(staff(), id, { venue: '28', programme: '36', staff: '25' })).toBe(89)
      const designationId = await applications.approveApplication(staff(), id, approval)
      expect(await statusOf(id)).toBe('APPROVED')
      expect(await db.prisma.baseDesignation.findUniqueOrThrow({ where: { id: designationId } })).toMatchObject({
        venueId: world.venue.id,
        levelKey: 'district-base',
        applicationId: id,
        status: 'ACTIVE',
        year: 2026,
      })
      expect((await designation.currentDesignations(world.venue.slug, now)).map((d) => d.id)).toEqual([designationId])
      const actions = (
        await db.prisma.auditEntry.findMany({ where: { entityType: 'BaseApplication', entityId: id }, orderBy: { at: 'asc' } })
      ).map((a) => a.action)
      expect(actions).toEqual([
        'base.application_create',
        'base.application_submitted',
        'base.application_returned',
        'base.application_edit',
        'base.application_submitted',
        'base.application_under_review',
        'base.application_score',
        'base.application_approved',
      ])
      // Submissions tell 松江's reviewers; the return, the review and the decision tell organisation A's staff.
      const told = await db.prisma.message.findMany({
        where: { subjectType: 'BaseApplication', subjectId: id },
        select: { recipient: true },
      })
      expect(told.filter((m) => m.recipient === world.users.districtAdmin.email)).toHaveLength(2)
      expect(told.filter((m) => m.recipient === world.users.staff.email)).toHaveLength(3)
      expect(
        told.filter((m) => m.recipient === world.users.otherDistrictAdmin.email || m.recipient === world.users.otherOrgStaff.email),
      ).toEqual([])
    })

    it('moves out of order are refused and change nothing (a crafted post for a button the page did not show)', async () => {
      const id = await draft()
      await expect(applications.startReview(staff(), id)).rejects.toMatchObject({ status: 409 })
      await expect(applications.approveApplication(staff(), id, approval)).rejects.toMatchObject({ status: 409 })
      await applications.submitApplication(staff('staff'), id)
      await expect(
        applications.updateApplication(staff('staff'), id, {
          venueId: world.venue.id,
          levelKey: 'district-base',
          summary: '已提交后再改，应被拒绝的修改内容。',
        }),
      ).rejects.toMatchObject({ status: 409 })
      await applications.startReview(staff(), id)
      await expect(applications.approveApplication(staff(), id, approval)).rejects.toThrow('请先评分')
      await applications.declineApplication(staff(), id, '场地条件不足')
      await expect(applications.approveApplication(staff(), id, approval)).rejects.toMatchObject({ status: 409 })
      await expect(applications.submitApplication(staff('staff'), id)).rejects.toMatchObject({ status: 409 })
      expect(await statusOf(id)).toBe('DECLINED')
      expect(await db.prisma.baseDesignation.count()).toBe(0)
    })

    it('scores out of range or not whole numbers are refused next to their box; nothing is saved', async () => {
      const id = await draft()
      await applications.submitApplication(staff('staff'), id)
      await applications.startReview(staff(), id)
      for (const bad of [{ venue: '31' }, { venue: '-1' }, { venue: '2.5' }, { venue: '' }, { venue: '1e1' }]) {
        await expect(applications.scoreApplication(staff(), id, { programme: '30', staff: '20', ...bad })).rejects.toMatchObject({
          field: 'scores.venue',
        })
      }
      await expect(applications.scoreApplication(staff(), id, { venue: '30', programme: '41', staff: '20' })).rejects.toMatchObject({
        field: 'scores.programme',
        message: '「科普活动与开放」最多 40 分',
      })
      expect(await db.prisma.baseApplication.findUniqueOrThrow({ where: { id } })).toMatchObject({ totalScore: null, scores: {} })
      expect(await applications.scoreApplication(staff(), id, { venue: '30', programme: '40', staff: '30' })).toBe(100)
    })

    it('the platform admin sets what a level is scored against: each wrong line refused by its number, names keep their keys, locked while a score waits for a decision', async () => {
      const level = async () =>
        applications.criteriaOf((await db.prisma.baseLevel.findUniqueOrThrow({ where: { key: 'district-base' } })).criteria)
      const seeded = await level()
      const text = seeded.map((c) => `${c.label}=${c.points}`).join('\n')
      // The tests after this one score against the seeded criteria: put them back whatever happens.
      try {
        await expect(applications.saveLevelCriteria(staff(), 'district-base', text)).rejects.toMatchObject({ status: 403 })
        for (const [bad, message] of [
          ['', '至少写一项评分标准，每行一项，例如：科普活动=40'],
          [`${text}\n讲解`, '第 4 行请写成“名称=分值”，例如：科普活动=40'],
          [`${text}\n讲解=0`, '第 4 行的分值须为 1 到 100 的整数'],
          [`${text}\n讲解=101`, '第 4 行的分值须为 1 到 100 的整数'],
          [`${text}\n讲=5`, '第 4 行的名称请写 2–40 个字'],
          [`${text}\n${seeded[0].label}=5`, '第 4 行的名称与前面重复'],
        ] as const)
          await expect(applications.saveLevelCriteria(staff('platformAdmin'), 'district-base', bad)).rejects.toMatchObject({
            field: 'criteria',
            message,
          })
        expect(await level()).toEqual(seeded)
        await expect(applications.saveLevelCriteria(staff('platformAdmin'), 'no-such-level', text)).rejects.toMatchObject({ status: 404 })

        // A scored application not yet decided holds the criteria; once decided, they may change.
        const id = await draft()
        await applications.submitApplication(staff('staff'), id)
        await applications.startReview(staff(), id)
        await applications.scoreApplication(staff(), id, { venue: '28', programme: '36', staff: '25' })
        await expect(applications.saveLevelCriteria(staff('platformAdmin'), 'district-base', `${text}\n讲解服务=10`)).rejects.toMatchObject(
          {
            field: 'criteria',
            status: 409,
          },
        )
        await applications.declineApplication(staff(), id, '开放天数不足，明年再申报。')
        // Full-width ＝ and spaces are read; a name that stays keeps its key (an old score still names it).
        await applications.saveLevelCriteria(
          staff('platformAdmin'),
          'district-base',
          ` ${seeded[0].label} ＝ ${seeded[0].points}\n讲解服务=10\n\n`,
        )
        const saved = await level()
        expect(saved).toHaveLength(2)
        expect(saved[0]).toEqual(seeded[0])
        expect(saved[1]).toMatchObject({ label: '讲解服务', points: 10 })
        expect(await db.prisma.auditEntry.count({ where: { action: 'base.level_criteria' } })).toBe(1)
        // The next application is scored against the new criteria.
        const next = await draft()
        await applications.submitApplication(staff('staff'), next)
        await applications.startReview(staff(), next)
        await expect(applications.scoreApplication(staff(), next, { [seeded[0].key]: '1', [saved[1].key]: '11' })).rejects.toMatchObject({
          field: `scores.${saved[1].key}`,
        })
        expect(await applications.scoreApplication(staff(), next, { [seeded[0].key]: '20', [saved[1].key]: '9' })).toBe(29)
      } finally {
        await db.prisma.baseLevel.update({ where: { key: 'district-base' }, data: { criteria: seeded } })
      }
    })

    it('scope: a base sees only its own applications, a reviewer only their district; others change nothing', async () => {
      const id = await draft()
      await expect(
        applications.createApplication(staff('otherOrgStaff'), {
          venueId: world.venue.id,
          levelKey: 'district-base',
          summary: '不是本单位的场馆，应被拒绝的申报内容。',
        }),
      ).rejects.toMatchObject({
        field: 'venueId',
      })
      await expect(
        applications.createApplication(staff(), {
          venueId: world.venue.id,
          levelKey: 'district-base',
          summary: '区管理员不能代为申报，应被拒绝的申报内容。',
        }),
      ).rejects.toMatchObject({
        status: 403,
      })
      await expect(applications.getApplication(staff('otherOrgStaff'), id)).rejects.toMatchObject({ status: 404 })
      await expect(applications.getApplication(staff('otherDistrictAdmin'), id)).rejects.toMatchObject({ status: 404 })
      await expect(applications.submitApplication(staff('otherOrgStaff'), id)).rejects.toMatchObject({ status: 404 })
      await applications.submitApplication(staff('staff'), id)
      await expect(applications.startReview(staff('otherDistrictAdmin'), id)).rejects.toMatchObject({ status: 404 })
      // The applicant cannot review their own application.
      await expect(applications.startReview(staff('staff'), id)).rejects.toMatchObject({ status: 403 })
      expect((await applications.listApplications(staff('otherDistrictAdmin'))).length).toBe(0)
      expect((await applications.listApplications(staff('otherOrgStaff'))).length).toBe(0)
      expect((await applications.listApplications(staff())).map((a) => a.id)).toEqual([id])
      expect((await applications.listApplications(staff('staff'))).map((a) => a.id)).toEqual([id])
      expect(await statusOf(id)).toBe('SUBMITTED')
    })

    // Attachments (decision 036): the store is a folder of this test's own.
    it('attachments: the applicant adds and removes files while a draft or returned, locked once submitted; only the applicant and the district read them; audited; nothing stored when refused', async () => {
      const { mkdtemp, readdir, rm } = await import('node:fs/promises')
      const { tmpdir } = await import('node:os')
      const path = await import('node:path')
      const sharp = (await import('sharp')).default
      const { localStore } = await import('~/utils/infra/storage/index.server')
      const files = await import('~/models/bases/attachments.server')
      const folder = await mkdtemp(path.join(tmpdir(), 'kepu-base-attachments-'))
      const store = localStore(folder)
      const stored = async () => (await readdir(folder, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length
      try {
        const id = await draft()
        const owner = { kind: 'application' as const, id }
        const pdf = new File(
          [Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')],
          '../../场馆平面图.pdf',
          {
            type: 'application/pdf',
          },
        )
        const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 10, g: 120, b: 60 } } })
          .withMetadata({ exif: { IFD0: { Copyright: 'secret owner' } } })
          .jpeg()
          .toBuffer()
        const image = new File([new Uint8Array(photo)], '展厅.jpg', { type: 'image/jpeg' })
        const pdfId = await files.addAttachment(staff('staff'), owner, pdf, { store })
        const imageId = await files.addAttachment(staff('staff'), owner, image, { store })
        expect(await stored()).toBe(2)
        const listed = await files.listAttachments(owner)
        expect(listed.map((a) => [a.fileName, a.contentType, a.uploadedBy])).toEqual([
          ['场馆平面图.pdf', 'application/pdf', world.users.staff.name],
          ['展厅.jpg', 'image/jpeg', world.users.staff.name],
        ])
        expect(listed[0].byteSize).toBe(pdf.size)
        const row = await db.prisma.baseAttachment.findUniqueOrThrow({ where: { id: imageId } })
        expect(row.key).toMatch(/^base-attachment\/\d{4}-\d{2}\/[0-9a-f-]{36}\.jpg$/)
        // The image was re-encoded: its metadata is gone.
        const kept = await store.get(row.key)
        expect((await sharp(Buffer.from(kept!.bytes)).metadata()).exif).toBeUndefined()

        // Who reads a file: the applicant, the district, a platform admin; not another organisation or district.
        for (const who of ['staff', 'districtAdmin', 'platformAdmin'] as const)
          expect(await files.attachmentFor(staff(who), pdfId)).toMatchObject({ fileName: '场馆平面图.pdf' })
        for (const who of ['otherOrgStaff', 'otherDistrictAdmin'] as const) expect(await files.attachmentFor(staff(who), pdfId)).toBeNull()
        expect(await files.attachmentFor(null, pdfId)).toBeNull()
        const response = await files.attachmentResponse(staff(), pdfId, store)
        expect(response!.headers.get('Content-Disposition')).toContain('attachment')
        expect(response!.headers.get('Cache-Control')).toBe('private, no-store')
        expect(
          Buffer.from(await response!.arrayBuffer())
            .subarray(0, 5)
            .toString(),
        ).toBe('%PDF-')
        expect(await files.attachmentResponse(staff('otherDistrictAdmin'), pdfId, store)).toBeNull()

        // Only the applicant adds or removes: reviewers 403, other organisations and districts 404; nothing stored.
        await expect(files.addAttachment(staff(), owner, pdf, { store })).rejects.toMatchObject({ status: 403 })
        await expect(files.addAttachment(staff('otherOrgStaff'), owner, pdf, { store })).rejects.toMatchObject({ status: 404 })
        await expect(files.removeAttachment(staff('otherDistrictAdmin'), owner, pdfId, { store })).rejects.toMatchObject({ status: 404 })
        // A file that is not what it says (text named .pdf) is refused by the model too, as a second line.
        const fake = new File([Buffer.from('hello, this is text')], 'fake.pdf', { type: 'application/pdf' })
        await expect(files.addAttachment(staff('staff'), owner, fake, { store })).rejects.toMatchObject({ field: 'file', status: 400 })
        expect(await stored()).toBe(2)

        // The applicant removes one while a draft.
        expect(await files.removeAttachment(staff('staff'), owner, imageId, { store })).toBe('展厅.jpg')
        expect(await stored()).toBe(1)
        // Submitted: locked, a crafted post adds or removes nothing.
        await applications.submitApplication(staff('staff'), id)
        await expect(files.addAttachment(staff('staff'), owner, pdf, { store })).rejects.toMatchObject({ status: 409, field: 'file' })
        await expect(files.removeAttachment(staff('staff'), owner, pdfId, { store })).rejects.toMatchObject({ status: 409 })
        expect(await stored()).toBe(1)
        expect(await db.prisma.baseAttachment.count()).toBe(1)
        // Returned: open again.
        await applications.returnApplication(staff(), id, '请补充场馆照片')
        await files.addAttachment(staff('staff'), owner, image, { store })
        expect(await stored()).toBe(2)
        // An attachment of another record is not found through this one.
        const other = await draft({ levelKey: 'community-academy' })
        await expect(files.removeAttachment(staff('staff'), { kind: 'application', id: other }, pdfId, { store })).rejects.toMatchObject({
          status: 404,
        })
        const history = await db.prisma.auditEntry.findMany({
          where: { entityType: 'BaseApplication', entityId: id },
          orderBy: { at: 'asc' },
        })
        expect(history.map((h) => h.action).filter((a) => a.startsWith('base.attachment'))).toEqual([
          'base.attachment_add',
          'base.attachment_add',
          'base.attachment_remove',
          'base.attachment_add',
        ])
        // The database holds one owner per file.
        await expect(
          db.prisma.baseAttachment.create({
            data: { key: 'base-attachment/2026-12/x.pdf', fileName: 'x.pdf', contentType: 'application/pdf', byteSize: 1 },
          }),
        ).rejects.toThrow()
      } finally {
        await rm(folder, { recursive: true, force: true })
      }
    })

    describe('回避申请', () => {
      /** A second reviewer of 松江 (the one the applicant will name). */
      const secondReviewer = async () => {
        const user = await db.prisma.user.create({
          data: { email: 'sj-admin-2@kepu.test', name: 'sj-admin-2', role: 'DISTRICT_ADMIN', districtId: world.sj.id },
        })
        return { ...user, sessionId: 't' }
      }
      const reason = '该评审人员曾任本馆顾问，与本单位有利益关系。'
      const parseRequest = (posted: Record<string, string>) => {
        const formData = new FormData()
        for (const [name, value] of Object.entries(posted)) formData.set(name, value)
        const parsed = parseWithZod(formData, { schema: adminSchema.recusalRequestSchema })
        return parsed.status === 'success' ? { error: undefined } : { error: parsed.error }
      }

      it('the applicant names a reviewer; another reviewer grants it; the named one is refused every review move, sees no score, and the score they gave is set aside; audited and told', async () => {
        const named = await secondReviewer()
        const id = await draft()
        await applications.submitApplication(staff('staff'), id)
        await applications.startReview(named, id)
        expect(await applications.scoreApplication(named, id, { venue: '28', programme: '36', staff: '25' })).toBe(89)
        // The applicant sees the district's reviewers to name, and names the second.
        expect((await applications.getApplication(staff('staff'), id)).recusable.map((r) => r.name)).toEqual(['sj-admin', 'sj-admin-2'])
        const recusalId = await recusals.requestRecusal(staff('staff'), id, { reviewerId: named.id, reason })
        expect((await applications.getApplication(staff('staff'), id)).recusable.map((r) => r.name)).toEqual(['sj-admin'])
        // Asking again about the same reviewer is refused next to the field.
        await expect(recusals.requestRecusal(staff('staff'), id, { reviewerId: named.id, reason })).rejects.toMatchObject({
          field: 'reviewerId',
        })
        // A decision on the application waits for the request.
        await expect(applications.approveApplication(staff(), id, approval)).rejects.toThrow('回避申请未决定')
        await expect(applications.declineApplication(staff(), id, '场地条件不足')).rejects.toThrow('回避申请未决定')
        // The named reviewer cannot decide it.
        await expect(recusals.decideRecusal(named, id, { recusalId, decision: 'decline', note: '我没有利益关系' })).rejects.toMatchObject({
          status: 403,
        })
        await recusals.decideRecusal(staff(), id, { recusalId, decision: 'grant', note: '情况属实，予以回避' })
        // The score is set aside (kept in the audit entry); the application needs a new one.
        expect(await db.prisma.baseApplication.findUniqueOrThrow({ where: { id } })).toMatchObject({
          totalScore: null,
          scores: {},
          reviewerId: null,
          status: 'UNDER_REVIEW',
        })
        const granted = await db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'base.recusal_granted' } })
        expect(granted.details).toMatchObject({ setAside: { totalScore: 89, scores: { venue: 28 } }, reviewerId: named.id })
        await expect(applications.approveApplication(staff(), id, approval)).rejects.toThrow('请先评分')
        // Every review move is refused to the named reviewer, naming the rule; nothing changes.
        for (const attempt of [
          () => applications.scoreApplication(named, id, { venue: '30', programme: '40', staff: '30' }),
          () => applications.approveApplication(named, id, approval),
          () => applications.declineApplication(named, id, '场地条件不足'),
          () => applications.returnApplication(named, id, '请补充材料'),
        ]) {
          await expect(attempt()).rejects.toMatchObject({ status: 403, message: applications.RECUSED_MESSAGE })
        }
        // The other reviewer scores; the named one does not see the score, on the page, in the history or the list.
        await applications.scoreApplication(staff(), id, { venue: '20', programme: '30', staff: '20' })
        const seen = await applications.getApplication(named, id)
        expect(seen).toMatchObject({ recused: true, isReviewer: false, totalScore: null, scores: {} })
        expect(seen.history.map((h) => h.summary).join(' ')).not.toMatch(/70 分|89 分/)
        expect((await applications.listApplications(named)).find((a) => a.id === id)?.totalScore).toBeNull()
        expect((await applications.listApplications(staff())).find((a) => a.id === id)?.totalScore).toBe(70)
        await applications.approveApplication(staff(), id, approval)
        expect(await statusOf(id)).toBe('APPROVED')
        expect((await applications.getApplication(named, id)).history.map((h) => h.summary).join(' ')).not.toContain('70 分')
        // In the history, and told: the request to the applicant and the district, the decision to the applicant.
        const actions = (await applications.getApplication(staff('staff'), id)).history.map((h) => h.summary).join('\n')
        expect(actions).toContain('申请评审人员「sj-admin-2」回避')
        expect(actions).toContain('批准「sj-admin-2」回避，其评分作废，须另行评分（情况属实，予以回避）')
        const told = (
          await db.prisma.message.findMany({
            where: { subjectType: 'BaseApplication', subjectId: id },
            select: { recipient: true, params: true },
          })
        ).filter((m) => String((m.params as { state?: string }).state).includes('回避'))
        expect(told.filter((m) => m.recipient === world.users.staff.email)).toHaveLength(2)
        expect(told.filter((m) => m.recipient === named.email)).toHaveLength(1)
      })

      it('declined: the reviewer goes on; bad input refused next to its field; only the applicant asks; out of scope 404; decided once', async () => {
        const named = await secondReviewer()
        const id = await draft()
        await applications.submitApplication(staff('staff'), id)
        // The form: a reviewer and a reason of 4 to 500 characters.
        expect(parseRequest({ reviewerId: named.id, reason: '太短' }).error).toMatchObject({ reason: ['请写明回避理由（至少 4 个字）'] })
        expect(parseRequest({ reviewerId: named.id, reason: '长'.repeat(501) }).error).toMatchObject({ reason: ['回避理由请少于 500 字'] })
        expect(parseRequest({ reason }).error).toMatchObject({ reviewerId: ['请选择要求回避的评审人员'] })
        // Only a reviewer of the application's district may be named.
        for (const reviewerId of [world.users.otherDistrictAdmin.id, world.users.platformAdmin.id, world.users.staff.id, 'nobody']) {
          await expect(recusals.requestRecusal(staff('staff'), id, { reviewerId, reason })).rejects.toMatchObject({ field: 'reviewerId' })
        }
        // Only the applicant asks; another organisation and another district do not see the application.
        await expect(recusals.requestRecusal(staff(), id, { reviewerId: named.id, reason })).rejects.toMatchObject({ status: 403 })
        await expect(recusals.requestRecusal(staff('otherOrgStaff'), id, { reviewerId: named.id, reason })).rejects.toMatchObject({
          status: 404,
        })
        const recusalId = await recusals.requestRecusal(staff('staff'), id, { reviewerId: named.id, reason })
        await expect(
          recusals.decideRecusal(staff('otherDistrictAdmin'), id, { recusalId, decision: 'grant', note: '同意' }),
        ).rejects.toMatchObject({ status: 404 })
        await expect(recusals.decideRecusal(staff('staff'), id, { recusalId, decision: 'grant', note: '同意' })).rejects.toMatchObject({
          status: 403,
        })
        // Declined: the named reviewer goes on, and the applicant may ask again about the same reviewer.
        await recusals.decideRecusal(staff(), id, { recusalId, decision: 'decline', note: '理由不成立' })
        await expect(recusals.decideRecusal(staff(), id, { recusalId, decision: 'grant', note: '再次决定' })).rejects.toMatchObject({
          status: 409,
        })
        await applications.startReview(named, id)
        expect(await statusOf(id)).toBe('UNDER_REVIEW')
        const again = await recusals.requestRecusal(staff('staff'), id, { reviewerId: named.id, reason })
        // Two reviewers deciding at once: one decision.
        const results = await Promise.allSettled([
          recusals.decideRecusal(staff(), id, { recusalId: again, decision: 'decline', note: '理由不成立' }),
          recusals.decideRecusal(staff('platformAdmin'), id, { recusalId: again, decision: 'grant', note: '同意回避' }),
        ])
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
        expect(await db.prisma.auditEntry.count({ where: { action: { in: ['base.recusal_granted', 'base.recusal_declined'] } } })).toBe(2)
        // The database keeps one request not declined per reviewer, a decision with its time and note, and a reason.
        await db.prisma.baseRecusal.create({ data: { applicationId: id, reviewerId: world.users.districtAdmin.id, reason } })
        await expect(
          db.prisma.baseRecusal.create({ data: { applicationId: id, reviewerId: world.users.districtAdmin.id, reason } }),
        ).rejects.toThrow()
        await expect(
          db.prisma.baseRecusal.create({
            data: { applicationId: id, reviewerId: world.users.platformAdmin.id, reason, status: 'GRANTED' },
          }),
        ).rejects.toThrow()
        await expect(
          db.prisma.baseRecusal.create({ data: { applicationId: id, reviewerId: world.users.platformAdmin.id, reason: '' } }),
        ).rejects.toThrow()
      })
    })

    it('two reviewers approving at once: one approval, one designation', async () => {
      const id = await draft()
      await applications.submitApplication(staff('staff'), id)
      await applications.startReview(staff(), id)
      await applications.scoreApplication(staff(), id, { venue: '28', programme: '36', staff: '25' })
      const results = await Promise.allSettled([
        applications.approveApplication(staff(), id, approval),
        applications.approveApplication(staff('platformAdmin'), id, approval),
      ])
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      expect(await db.prisma.baseDesignation.count()).toBe(1)
      expect(await db.prisma.auditEntry.count({ where: { action: 'base.application_approved' } })).toBe(1)
    })
  })
}
