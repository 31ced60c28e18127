// The yearly 考核 of bases on PGlite and PostgreSQL (issue 27 points 3-5, decision 036): each pre-filled figure equals
// a count of the records it comes from; opening once per designation and year (also at once); the state machine
// with its row lock and the state it starts from (a move not offered is 409 and changes nothing); scores in range;
// the result bands; reopening audited; scope (404 for another district or organisation); the early warning and
// the reminders; the dashboard's bases figures.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { addReviewRecords, EXPECTED_2026 } from '../helpers/base-review-records'
import { createStaffWorld, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'

export function baseReviewsRules(kind: TestDatabaseKind) {
  let db: TestDatabase
  let world: StaffWorld
  let reviews: typeof import('~/models/bases/review.server')
  let figures: typeof import('~/models/bases/figures.server')
  let venueB: { id: string }
  // Tuesday 1 December 2026, 10:00 in Shanghai.
  const now = new Date('2026-12-01T02:00:00Z')
  const deadline = new Date('2027-01-30T16:00:00Z') // 31 January 2027, Shanghai

  beforeAll(async () => {
    db = await useTestDatabaseForApp(kind)
    reviews = await import('~/models/bases/review.server')
    figures = await import('~/models/bases/figures.server')
  })
  afterAll(async () => {
    await db?.drop()
  })
  beforeEach(async () => {
    await db.prisma.$executeRawUnsafe(
      'TRUNCATE "BaseReview", "BaseReviewBands", "BaseApplication", "BaseDesignation", "Message", "AuditEntry", "VolunteerShift", "VolunteerRole", "Volunteer", "PassportStamp", "MenuOrder", "MenuItem", "SchoolBooking", "SchoolOffer", "Registration", "EventSession", "Event", "Venue", "User", "Organisation", "Town", "PlanFigure", "District" CASCADE',
    )
    world = await createStaffWorld(db.prisma, now)
    ;({ venueB } = await addReviewRecords(db.prisma, world))
    for (const venueId of [world.venue.id, venueB.id])
      await db.prisma.baseDesignation.create({
        data: { venueId, levelKey: 'district-base', year: 2025, validFrom: new Date('2024-12-31T16:00:00Z'), status: 'ACTIVE' },
      })
  })

  const staff = (key: keyof StaffWorld['users'] = 'districtAdmin') => ({ ...world.users[key], sessionId: 't' })
  const open = () => reviews.openReports(staff(), { districtId: world.sj.id, year: 2026, deadline }, now)
  const reportOfA = async () => {
    await open()
    return db.prisma.baseReview.findFirstOrThrow({ where: { venueId: world.venue.id, year: 2026 } })
  }
  const fullMarks = {
    openDays: '20',
    visitors: '20',
    activities: '15',
    schools: '10',
    passport: '10',
    volunteers: '5',
    exhibits: '10',
    management: '10',
  }

  describe('pre-fill', () => {
    it('each measured figure equals the records it counts, for the venue and the Shanghai year, up to now', async () => {
      const report = await reportOfA()
      expect(report.measured).toEqual(EXPECTED_2026)
      // The same counts straight from the records, one by one.
      const { from, to } = figures.yearBounds(2026)
      const held = {
        event: { venueId: world.venue.id, status: { not: 'DRAFT' as const }, isExample: false },
        status: 'SCHEDULED' as const,
        startsAt: { gte: from, lt: now },
      }
      const sessions = await db.prisma.eventSession.findMany({ where: held, select: { id: true, eventId: true, startsAt: true } })
      const days = new Set(sessions.map((s) => new Date(s.startsAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10)))
      const people = async (status: Array<'CONFIRMED' | 'ATTENDED'>) =>
        (await db.prisma.registration.aggregate({ where: { session: held, status: { in: status } }, _sum: { partySize: true } }))._sum
          .partySize
      const done = { venueId: world.venue.id, status: 'DONE' as const, startsAt: { gte: from, lt: to } }
      const minutes = (
        await db.prisma.volunteerShift.aggregate({
          where: {
            credit: { in: ['CREDITED', 'ADJUSTED'] },
            role: {
              startsAt: { gte: from, lt: to },
              OR: [{ venueId: world.venue.id }, { session: { event: { venueId: world.venue.id } } }],
            },
          },
          _sum: { creditedMinutes: true },
        })
      )._sum.creditedMinutes
      expect({
        openDays: days.size,
        activities: new Set(sessions.map((s) => s.eventId)).size,
        sessions: sessions.length,
        registered: await people(['CONFIRMED', 'ATTENDED']),
        checkedIn: await people(['ATTENDED']),
        schoolVisits: await db.prisma.schoolBooking.count({ where: done }),
        schoolPupils: (await db.prisma.schoolBooking.aggregate({ where: done, _sum: { attendedStudents: true } }))._sum.attendedStudents,
        menuDeliveries: await db.prisma.menuOrder.count({
          where: { status: 'DELIVERED', deliveredAt: { gte: from, lt: to }, menuItem: { organisationId: world.orgA.id } },
        }),
        passportStamps: await db.prisma.passportStamp.count({ where: { venueId: world.venue.id, stampedOn: { startsWith: '2026-' } } }),
        volunteerHours: (minutes ?? 0) / 60,
      }).toEqual(EXPECTED_2026)
    })

    it('refreshes while open: a check-in after opening is counted again; not once submitted', async () => {
      const report = await reportOfA()
      await db.prisma.registration.updateMany({
        where: { session: { eventId: { not: world.event.id } }, status: 'CONFIRMED', partySize: 3 },
        data: { status: 'ATTENDED', attendedAt: now },
      })
      await reviews.refreshMeasured(staff('staff'), report.id, now)
      const refreshed = await db.prisma.baseReview.findUniqueOrThrow({ where: { id: report.id } })
      expect(refreshed.measured).toMatchObject({ checkedIn: EXPECTED_2026.checkedIn + 3, registered: EXPECTED_2026.registered })
      await reviews.selfScore(staff('staff'), report.id, fullMarks)
      await reviews.submitReview(staff('staff'), report.id, now)
      await expect(reviews.refreshMeasured(staff('staff'), report.id, now)).rejects.toMatchObject({ status: 409 })
    })

    it('declared figures and overrides keep both values; a bad one is refused beside its box and nothing is saved', async () => {
      const report = await reportOfA()
      await reviews.saveDeclared(staff('staff'), report.id, {
        areaSqm: '3200',
        staffCount: '12',
        mediaReports: '5',
        exhibitsRenewed: '7',
        checkedIn: '12000',
      })
      const page = await reviews.getReview(staff('districtAdmin'), report.id)
      expect(page.declared).toEqual({ areaSqm: 3200, staffCount: 12, mediaReports: 5, exhibitsRenewed: 7, checkedIn: 12000 })
      expect(page.measured.checkedIn).toBe(EXPECTED_2026.checkedIn)
      // The sheet shows both and suggests from the base's figure: 12000 visitors reach the 10000 band (15 points).
      expect(page.rows.find((r) => r.key === 'visitors')).toMatchObject({ measured: 7, declared: 12000, suggested: 15 })
      expect(page.rows.find((r) => r.key === 'exhibits')).toMatchObject({ measured: null, declared: 7, suggested: 6 })
      expect(page.rows.find((r) => r.key === 'openDays')).toMatchObject({ measured: 4, declared: null, suggested: 0 })
      for (const bad of ['-1', '1e3', '2.5', 'abc', '99999999'])
        await expect(reviews.saveDeclared(staff('staff'), report.id, { areaSqm: '10', staffCount: bad })).rejects.toMatchObject({
          field: 'declared.staffCount',
          status: 409,
        })
      expect((await db.prisma.baseReview.findUniqueOrThrow({ where: { id: report.id } })).declared).toMatchObject({
        areaSqm: 3200,
        staffCount: 12,
      })
    })
  })

  describe('opening', () => {
    it('one action opens a report for each designation owing one, twice (even at once) makes none again', async () => {
      // A revoked designation, one that ended before the year and one in another district owe none.
      const venueC = await db.prisma.venue.create({
        data: { slug: 'venue-c', name: '丙馆', type: 'SCIENCE_MUSEUM', districtId: world.sj.id, lat: 31, lng: 121, source: 'test' },
      })
      await db.prisma.baseDesignation.create({
        data: {
          venueId: venueC.id,
          levelKey: 'community-academy',
          year: 2020,
          validFrom: new Date('2020-01-01'),
          validUntil: new Date('2025-06-30'),
          status: 'ACTIVE',
        },
      })
      await db.prisma.baseDesignation.create({
        data: { venueId: venueC.id, levelKey: 'science-courtyard', year: 2020, validFrom: new Date('2020-01-01'), status: 'REVOKED' },
      })
      const [a, b] = await Promise.all([open(), open()])
      expect(a + b).toBe(2)
      expect(await open()).toBe(0)
      expect(await db.prisma.baseReview.count()).toBe(2)
      expect(await db.prisma.auditEntry.count({ where: { action: 'base.review_open' } })).toBe(2)
      // The bases' staff are told.
      expect(await db.prisma.message.count({ where: { template: 'staff.base-review', recipient: world.users.staff.email } })).toBe(1)
      expect(await db.prisma.message.count({ where: { template: 'staff.base-review', recipient: world.users.otherOrgStaff.email } })).toBe(
        1,
      )
      // Only the district's own admins (and platform admins) open them.
      for (const who of ['otherDistrictAdmin', 'staff'] as const)
        await expect(reviews.openReports(staff(who), { districtId: world.sj.id, year: 2027, deadline }, now)).rejects.toMatchObject({
          status: 404,
        })
      expect(await reviews.openReports(staff('platformAdmin'), { districtId: world.sj.id, year: 2027, deadline }, now)).toBe(2)
    })
  })

  describe('the state machine', () => {
    it('open → self-scored → submitted → returned → submitted → scored → approved (locked) → reopened, each audited', async () => {
      const report = await reportOfA()
      const base = staff('staff')
      const district = staff('districtAdmin')
      await expect(reviews.submitReview(base, report.id, now)).rejects.toMatchObject({ status: 409 }) // no self score yet
      await expect(reviews.selfScore(base, report.id, { ...fullMarks, openDays: '21' })).rejects.toMatchObject({ field: 'self.openDays' })
      await expect(reviews.selfScore(base, report.id, { ...fullMarks, management: '' })).rejects.toMatchObject({ field: 'self.management' })
      expect(await reviews.selfScore(base, report.id, fullMarks)).toBe(100)
      // The district cannot score or approve an open report; the base cannot score for the district.
      await expect(reviews.districtScore(district, report.id, fullMarks, undefined)).rejects.toMatchObject({ status: 409 })
      await expect(reviews.approveReview(district, report.id, now)).rejects.toMatchObject({ status: 409 })
      await reviews.submitReview(base, report.id, now)
      await expect(reviews.districtScore(base, report.id, fullMarks, undefined)).rejects.toMatchObject({ status: 403 })
      await expect(reviews.selfScore(base, report.id, fullMarks)).rejects.toMatchObject({ status: 409 })
      await reviews.returnReview(district, report.id, '请补充媒体报道数量')
      const told = await db.prisma.message.findMany({ where: { template: 'staff.base-review', recipient: world.users.staff.email } })
      expect(told.filter((m) => JSON.stringify(m.params).includes('请补充媒体报道数量'))).toHaveLength(1)
      await reviews.saveDeclared(base, report.id, { mediaReports: '4' })
      await reviews.submitReview(base, report.id, now)
      await expect(reviews.approveReview(district, report.id, now)).rejects.toMatchObject({ status: 409 }) // not scored
      await expect(reviews.districtScore(district, report.id, { ...fullMarks, visitors: '25' }, undefined)).rejects.toMatchObject({
        field: 'district.visitors',
      })
      expect(await reviews.districtScore(district, report.id, { ...fullMarks, openDays: '5', visitors: '10' }, '开放天数不足')).toBe(75)
      expect(await reviews.approveReview(district, report.id, now)).toBe('优良')
      // Locked: every move refused with 409, nothing changes.
      const locked = await db.prisma.baseReview.findUniqueOrThrow({ where: { id: report.id } })
      expect(locked).toMatchObject({ status: 'APPROVED', districtTotal: 75, result: '优良', districtComments: '开放天数不足' })
      await expect(reviews.saveDeclared(base, report.id, { mediaReports: '40' })).rejects.toMatchObject({ status: 409 })
      await expect(reviews.selfScore(base, report.id, fullMarks)).rejects.toMatchObject({ status: 409 })
      await expect(reviews.submitReview(base, report.id, now)).rejects.toMatchObject({ status: 409 })
      await expect(reviews.districtScore(district, report.id, fullMarks, undefined)).rejects.toMatchObject({ status: 409 })
      await expect(reviews.returnReview(district, report.id, '再改改看看')).rejects.toMatchObject({ status: 409 })
      await expect(reviews.approveReview(district, report.id, now)).rejects.toMatchObject({ status: 409 })
      await expect(reviews.refreshMeasured(district, report.id, now)).rejects.toMatchObject({ status: 409 })
      expect(await db.prisma.baseReview.findUniqueOrThrow({ where: { id: report.id } })).toEqual(locked)
      // Reopening is the district's, with a reason, and audited; the base cannot.
      await expect(reviews.reopenReview(base, report.id, '我要改数据')).rejects.toMatchObject({ status: 403 })
      await reviews.reopenReview(district, report.id, '媒体报道数有误')
      expect(await db.prisma.baseReview.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({
        status: 'SUBMITTED',
        result: null,
      })
      const reopened = await db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'base.review_reopen' } })
      expect(reopened).toMatchObject({
        actorId: district.id,
        details: { reason: '媒体报道数有误', from: 'APPROVED', to: 'SUBMITTED', result: '优良' },
      })
      expect(
        (await db.prisma.auditEntry.findMany({ where: { entityId: report.id }, select: { action: true } })).map((a) => a.action).sort(),
      ).toEqual(
        [
          'base.review_approve',
          'base.review_declare',
          'base.review_district_score',
          'base.review_open',
          'base.review_reopen',
          'base.review_return',
          'base.review_self_score',
          'base.review_submit',
          'base.review_submit',
        ].sort(),
      )
    })

    it('two reviewers approving at once approve once', async () => {
      const report = await reportOfA()
      await reviews.selfScore(staff('staff'), report.id, fullMarks)
      await reviews.submitReview(staff('staff'), report.id, now)
      await reviews.districtScore(staff(), report.id, fullMarks, undefined)
      const results = await Promise.allSettled([
        reviews.approveReview(staff(), report.id, now),
        reviews.approveReview(staff('platformAdmin'), report.id, now),
      ])
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { status: 409 } })
      expect(await db.prisma.auditEntry.count({ where: { action: 'base.review_approve' } })).toBe(1)
    })
  })

  describe('bands', () => {
    it('the result of a total by the district bands; the district edits its bands; bad bands refused', async () => {
      const bands = figures.DEFAULT_BANDS
      expect([90, 89, 75, 74, 60, 59, 0].map((t) => figures.resultOf(t, 100, bands))).toEqual([
        '优秀',
        '优良',
        '优良',
        '合格',
        '合格',
        '不合格',
        '不合格',
      ])
      expect(figures.resultOf(45, 50, bands)).toBe('优秀')
      await expect(reviews.saveBands(staff(), world.sj.id, { excellent: 80, good: 85, pass: 50 })).rejects.toMatchObject({ status: 409 })
      await expect(
        reviews.saveBands(staff('otherDistrictAdmin'), world.sj.id, { excellent: 85, good: 70, pass: 50 }),
      ).rejects.toMatchObject({ status: 404 })
      await reviews.saveBands(staff(), world.sj.id, { excellent: 85, good: 70, pass: 50 })
      expect(await reviews.getBands(world.sj.id)).toEqual({ excellent: 85, good: 70, pass: 50 })
      expect(await reviews.getBands(world.qp.id)).toEqual(bands)
      // The database holds the order too.
      await expect(db.prisma.baseReviewBands.update({ where: { districtId: world.sj.id }, data: { pass: 95 } })).rejects.toThrow()
      const report = await reportOfA()
      await reviews.selfScore(staff('staff'), report.id, fullMarks)
      await reviews.submitReview(staff('staff'), report.id, now)
      await reviews.districtScore(staff(), report.id, { ...fullMarks, openDays: '5' }, undefined)
      expect(await reviews.approveReview(staff(), report.id, now)).toBe('优秀') // 85 of 100 under the district bands
    })

    it('a sheet criterion gives the points of the first band its figure reaches', () => {
      const [openDays] = figures.sheetOf([
        {
          key: 'o',
          label: 'o',
          points: 20,
          figure: 'openDays',
          bands: [
            { atLeast: 200, points: 10 },
            { atLeast: 300, points: 20 },
            { atLeast: 250, points: 15 },
          ],
        },
      ])
      expect([301, 300, 299, 250, 200, 199, 0].map((v) => figures.bandPoints(openDays, v))).toEqual([20, 20, 15, 15, 10, 0, 0])
    })
  })

  describe('scope', () => {
    it('a base sees only its own reports, a reviewer only their district; others get 404', async () => {
      const report = await reportOfA()
      const ofB = await db.prisma.baseReview.findFirstOrThrow({ where: { venueId: venueB.id } })
      expect((await reviews.listReviews(staff('staff'), 2026)).map((r) => r.id)).toEqual([report.id])
      expect((await reviews.listReviews(staff('otherOrgStaff'), 2026)).map((r) => r.id)).toEqual([ofB.id])
      expect(await reviews.listReviews(staff('otherDistrictAdmin'), 2026)).toEqual([])
      expect(await reviews.listReviews(staff(), 2026)).toHaveLength(2)
      for (const who of ['otherOrgStaff', 'otherDistrictAdmin'] as const) {
        await expect(reviews.getReview(staff(who), report.id)).rejects.toMatchObject({ status: 404 })
        await expect(reviews.saveDeclared(staff(who), report.id, { areaSqm: '1' })).rejects.toMatchObject({ status: 404 })
        await expect(reviews.selfScore(staff(who), report.id, fullMarks)).rejects.toMatchObject({ status: 404 })
        await expect(reviews.returnReview(staff(who), report.id, '越权的意见')).rejects.toMatchObject({ status: 404 })
      }
      expect(await reviews.getReview(staff('staff'), report.id)).toMatchObject({ isBase: true, isReviewer: false })
      expect(await reviews.getReview(staff(), report.id)).toMatchObject({ isBase: false, isReviewer: true })
    })
  })

  describe('early warning and reminders', () => {
    it('projects the figures so far to the year and flags a base on course for 不合格; reminds bases not submitted', async () => {
      // On 1 July (half the year gone, about) venue A has its figures so far; venue B almost nothing.
      const july = new Date('2026-07-02T04:00:00Z')
      const warnings = await reviews.earlyWarning(world.sj.id, 2026, july)
      const a = warnings.find((w) => w.venueId === world.venue.id)!
      const b = warnings.find((w) => w.venueId === venueB.id)!
      expect(a.measured).toMatchObject({ openDays: 3, sessions: 4 })
      expect(a.projected.openDays).toBe(Math.round(3 * (365 / ((july.getTime() - figures.yearBounds(2026).from.getTime()) / 86_400_000))))
      expect(a.measurablePoints).toBe(80)
      expect(b.atRisk).toBe(true)
      expect(a.atRisk).toBe(true) // a few sessions so far are far from 200 open days a year
      // A base on course: a session every day from 2 January, 16000 people checked in, 1600 pupils so far.
      const daily = Array.from({ length: 160 }, (_, i) => ({
        eventId: world.event.id,
        key: `d${i}`,
        startsAt: new Date(Date.UTC(2026, 0, 2 + i, 2)),
        endsAt: new Date(Date.UTC(2026, 0, 2 + i, 4)),
        capacity: 20000,
      }))
      await db.prisma.eventSession.createMany({ data: daily })
      const first = await db.prisma.eventSession.findFirstOrThrow({ where: { eventId: world.event.id, key: 'd0' } })
      await db.prisma.registration.create({
        data: {
          sessionId: first.id,
          name: '团体',
          phone: '13600000000',
          adults: 16000,
          children: 0,
          partySize: 16000,
          status: 'ATTENDED',
          attendedAt: first.startsAt,
          code: 'BIGGROUP1',
          manageTokenHash: 'big-group',
          consentAt: first.startsAt,
        },
      })
      await db.prisma.schoolBooking.updateMany({
        where: { venueId: world.venue.id, attendedStudents: 28 },
        data: { attendedStudents: 1600 },
      })
      const onCourse = (await reviews.earlyWarning(world.sj.id, 2026, july)).find((w) => w.venueId === world.venue.id)!
      expect(onCourse).toMatchObject({ projectedPoints: 50, measurablePoints: 80, percent: 63, atRisk: false })
      // The district's bands decide: with 合格 at 70% it is flagged again.
      await reviews.saveBands(staff(), world.sj.id, { excellent: 90, good: 80, pass: 70 })
      expect((await reviews.earlyWarning(world.sj.id, 2026, july)).find((w) => w.venueId === world.venue.id)!.atRisk).toBe(true)

      const report = await reportOfA()
      await reviews.selfScore(
        staff('otherOrgStaff'),
        (await db.prisma.baseReview.findFirstOrThrow({ where: { venueId: venueB.id } })).id,
        fullMarks,
      )
      await reviews.submitReview(
        staff('otherOrgStaff'),
        (await db.prisma.baseReview.findFirstOrThrow({ where: { venueId: venueB.id } })).id,
        now,
      )
      await db.prisma.message.deleteMany()
      await expect(reviews.remindNotSubmitted(staff('otherDistrictAdmin'), world.sj.id, 2026, now)).rejects.toMatchObject({ status: 404 })
      expect(await reviews.remindNotSubmitted(staff(), world.sj.id, 2026, now)).toBe(1)
      expect(await db.prisma.message.findMany({ select: { recipient: true, template: true } })).toEqual([
        { recipient: world.users.staff.email, template: 'staff.base-review' },
      ])
      expect((await db.prisma.baseReview.findUniqueOrThrow({ where: { id: report.id } })).remindedAt).toEqual(now)
    })
  })

  describe('dashboard', () => {
    it('counts bases with an active designation, high-quality bases of the year before, venues open this year', async () => {
      expect(await reviews.basesFigures(world.sj.id, 2026, now)).toEqual({ active: 2, highQuality: 0, venuesOpen: 2 })
      expect(await reviews.basesFigures(world.qp.id, 2026, now)).toEqual({ active: 0, highQuality: 0, venuesOpen: 0 })
      const report = await reportOfA()
      await reviews.selfScore(staff('staff'), report.id, fullMarks)
      await reviews.submitReview(staff('staff'), report.id, now)
      await reviews.districtScore(staff(), report.id, fullMarks, undefined)
      await reviews.approveReview(staff(), report.id, now)
      expect(await reviews.basesFigures(world.sj.id, 2027, new Date('2027-01-10T02:00:00Z'))).toMatchObject({ active: 2, highQuality: 1 })
      expect(await reviews.basesFigures(null, 2027, new Date('2027-01-10T02:00:00Z'))).toMatchObject({ highQuality: 1 })
      await db.prisma.baseDesignation.updateMany({ where: { venueId: venueB.id }, data: { status: 'REVOKED' } })
      expect((await reviews.basesFigures(world.sj.id, 2026, now)).active).toBe(1)
    })
  })

  describe('evidence files', () => {
    it('the base attaches evidence while open or returned, locked once submitted; the district reads it, another district or base gets nothing', async () => {
      const { mkdtemp, readdir, rm } = await import('node:fs/promises')
      const { tmpdir } = await import('node:os')
      const path = await import('node:path')
      const { localStore } = await import('~/utils/infra/storage/index.server')
      const files = await import('~/models/bases/attachments.server')
      const folder = await mkdtemp(path.join(tmpdir(), 'kepu-base-evidence-'))
      const store = localStore(folder)
      const stored = async () => (await readdir(folder, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length
      try {
        const report = await reportOfA()
        const owner = { kind: 'review' as const, id: report.id }
        const pdf = new File(
          [Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')],
          '媒体报道.pdf',
          {
            type: 'application/pdf',
          },
        )
        const id = await files.addAttachment(staff('staff'), owner, pdf, { store })
        expect((await files.listAttachments(owner)).map((a) => a.fileName)).toEqual(['媒体报道.pdf'])
        expect(await files.attachmentFor(staff(), id)).toMatchObject({ fileName: '媒体报道.pdf' })
        for (const who of ['otherOrgStaff', 'otherDistrictAdmin'] as const) {
          expect(await files.attachmentFor(staff(who), id)).toBeNull()
          await expect(files.addAttachment(staff(who), owner, pdf, { store })).rejects.toMatchObject({ status: 404 })
        }
        await expect(files.addAttachment(staff(), owner, pdf, { store })).rejects.toMatchObject({ status: 403 })
        await reviews.selfScore(staff('staff'), report.id, fullMarks)
        await reviews.submitReview(staff('staff'), report.id, now)
        await expect(files.addAttachment(staff('staff'), owner, pdf, { store })).rejects.toMatchObject({ status: 409 })
        await expect(files.removeAttachment(staff('staff'), owner, id, { store })).rejects.toMatchObject({ status: 409 })
        expect(await stored()).toBe(1)
        await reviews.returnReview(staff(), report.id, '请补充媒体报道的证明')
        await files.removeAttachment(staff('staff'), owner, id, { store })
        expect(await stored()).toBe(0)
        const history = await db.prisma.auditEntry.findMany({ where: { entityType: 'BaseReview', entityId: report.id } })
        expect(
          history
            .filter((h) => h.action.startsWith('base.attachment'))
            .map((h) => h.action)
            .sort(),
        ).toEqual(['base.attachment_add', 'base.attachment_remove'])
      } finally {
        await rm(folder, { recursive: true, force: true })
      }
    })
  })

  describe('the district scoring sheet', () => {
    let sheets: typeof import('~/models/bases/sheet.server')
    beforeAll(async () => {
      sheets = await import('~/models/bases/sheet.server')
    })
    const rows: Array<Record<string, string>> = [
      { key: 'openDays', label: '开放天数', points: '40', figure: 'openDays', bands: '300=40\n200=20' },
      { label: '媒体报道', points: '20', figure: 'mediaReports', bands: '10=20, 5=10' },
      { label: '队伍与管理', points: '40' },
    ]
    const refusal = async (posted: Array<Record<string, string | undefined>>) => {
      try {
        await sheets.saveSheet(staff(), world.sj.id, 'district-base', posted, now)
      } catch (error) {
        return (error as InstanceType<typeof sheets.SheetRefusal>).fieldErrors ?? { '': [(error as Error).message] }
      }
      throw new Error('not refused')
    }

    it('every wrong box is refused next to it and nothing is saved', async () => {
      expect(Object.keys(await refusal([{ ...rows[0], points: '0' }]))).toEqual(['c.0.points'])
      expect(
        Object.keys(
          await refusal([
            { ...rows[0], points: '2.5' },
            { ...rows[1], points: '-1' },
          ]),
        ),
      ).toEqual(['c.0.points', 'c.1.points'])
      expect((await refusal([{ ...rows[0], bands: '200=20\n300=40' }]))['c.0.bands'][0]).toContain('从高到低')
      expect((await refusal([{ ...rows[0], bands: '300=10\n200=20' }]))['c.0.bands'][0]).toContain('得分不能越高')
      expect((await refusal([{ ...rows[0], bands: '300=50' }]))['c.0.bands'][0]).toContain('本项分值 40')
      expect((await refusal([{ ...rows[0], bands: '三百=40' }]))['c.0.bands'][0]).toContain('达到值=得分')
      expect(Object.keys(await refusal([{ ...rows[0], figure: '' }]))).toEqual(['c.0.figure'])
      expect(Object.keys(await refusal([{ ...rows[0], figure: 'secret' }]))).toEqual(['c.0.figure'])
      expect(Object.keys(await refusal([{ ...rows[0], label: '' }]))).toEqual(['c.0.label'])
      expect((await refusal([{}, {}]))['c.0.label'][0]).toContain('总分须大于 0')
      expect(await db.prisma.baseReviewSheet.count()).toBe(0)
      expect(await db.prisma.auditEntry.count({ where: { action: 'base.review_sheet' } })).toBe(0)
    })

    it('the district sets its sheet: its new reports copy it, other districts keep the level sheet; an edit reaches this year unscored reports, and is refused once one is scored', async () => {
      expect(await sheets.saveSheet(staff(), world.sj.id, 'district-base', rows, now)).toBe(0)
      const saved = await sheets.getSheet(staff(), world.sj.id, 'district-base', now)
      expect(saved.total).toBe(100)
      expect(saved.sheet.map((c) => c.key)).toEqual(['openDays', 'c2', 'c3'])
      expect(saved.sheet[1]).toMatchObject({
        figure: 'mediaReports',
        bands: [
          { atLeast: 10, points: 20 },
          { atLeast: 5, points: 10 },
        ],
      })
      // 青浦 still reads the level's seeded sheet; its admin cannot see or change 松江's.
      expect((await sheets.getSheet(staff('otherDistrictAdmin'), world.qp.id, 'district-base', now)).own).toBeNull()
      await expect(sheets.getSheet(staff('otherDistrictAdmin'), world.sj.id, 'district-base', now)).rejects.toMatchObject({ status: 404 })
      await expect(sheets.saveSheet(staff('otherDistrictAdmin'), world.sj.id, 'district-base', rows, now)).rejects.toMatchObject({
        status: 404,
      })
      await expect(sheets.saveSheet(staff('staff'), world.sj.id, 'district-base', rows, now)).rejects.toMatchObject({ status: 404 })

      const report = await reportOfA()
      expect((report.sheet as Array<{ key: string }>).map((c) => c.key)).toEqual(['openDays', 'c2', 'c3'])
      // An edit before any score reaches this year's reports (both bases).
      const edited = [{ ...rows[0], points: '50', bands: '300=50\n200=25' }, rows[1], { ...rows[2], points: '30' }]
      expect(await sheets.saveSheet(staff(), world.sj.id, 'district-base', edited, now)).toBe(2)
      const reread = await reviews.getReview(staff(), report.id)
      expect(reread.total).toBe(100)
      expect(reread.rows[0]).toMatchObject({ key: 'openDays', points: 50 })

      // The base self-scores: the sheet is fixed for the year; the refusal names the report and why.
      expect(await reviews.selfScore(staff('staff'), report.id, { openDays: '50', c2: '20', c3: '30' })).toBe(100)
      const before = await db.prisma.baseReviewSheet.findFirstOrThrow()
      await expect(sheets.saveSheet(staff(), world.sj.id, 'district-base', rows, now)).rejects.toThrow(/已有自评分/)
      expect((await db.prisma.baseReviewSheet.findFirstOrThrow()).sheet).toEqual(before.sheet)
      expect((await db.prisma.baseReview.findUniqueOrThrow({ where: { id: report.id } })).sheet).toEqual(before.sheet)
      expect((await sheets.getSheet(staff(), world.sj.id, 'district-base', now)).locked).toContain('已有自评分')
      // Next year the district may change it again (the year's reports are then those of 2027).
      expect(await sheets.saveSheet(staff(), world.sj.id, 'district-base', rows, new Date('2027-01-05T02:00:00Z'))).toBe(0)
      expect((await db.prisma.baseReview.findUniqueOrThrow({ where: { id: report.id } })).sheet).toEqual(before.sheet)
      const audit = await db.prisma.auditEntry.findMany({ where: { action: 'base.review_sheet' } })
      expect(audit).toHaveLength(3)
      expect(audit.every((a) => a.entityType === 'BaseReviewSheet' && a.entityId === `${world.sj.id}:district-base`)).toBe(true)
    })

    it('a self score and a sheet edit at once: either the edit is refused or the score reads the new sheet, never a score under a sheet replaced after it', async () => {
      const report = await reportOfA()
      const [edit, score] = await Promise.allSettled([
        sheets.saveSheet(staff(), world.sj.id, 'district-base', rows, now),
        reviews.selfScore(staff('staff'), report.id, fullMarks),
      ])
      const stored = await db.prisma.baseReview.findUniqueOrThrow({ where: { id: report.id } })
      if (edit.status === 'fulfilled') {
        // The edit came first: the score (on the old keys) was refused against the new sheet, or not taken at all.
        expect((stored.sheet as Array<{ key: string }>).map((c) => c.key)).toEqual(['openDays', 'c2', 'c3'])
        expect(score.status === 'rejected' || stored.selfTotal === null).toBe(true)
      } else {
        expect(score.status).toBe('fulfilled')
        expect(stored.selfTotal).toBe(100)
      }
    })
  })
}
