// School visits (馆校合作) and 进校园, run on PGlite and on PostgreSQL: the request rules, approval holding room,
// the teacher's cancel, staff decisions and completion, and the figures.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { addSchoolOffer, createStaffWorld, SONGJIANG_POINT, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'

const DAY = 86400_000

export function schoolVisitRules(kind: TestDatabaseKind) {
  let db: TestDatabase
  let world: StaffWorld
  let visits: typeof import('~/models/school-visit/school-visit.server')
  let admin: typeof import('~/models/school-visit/admin.server')
  let dashboard: typeof import('~/models/dashboard.server')
  let offer: Awaited<ReturnType<(typeof import('~/models/school-visit/school-visit.server'))['getOfferForVenue']>> & object
  // A fixed Tuesday noon in Shanghai, so weekdays and notice are exact.
  const now = new Date('2026-12-01T04:00:00Z')
  const day = (offset: number) => new Date(now.getTime() + offset * DAY + 8 * 3600_000).toISOString().slice(0, 10)

  beforeAll(async () => {
    db = await useTestDatabaseForApp(kind)
    visits = await import('~/models/school-visit/school-visit.server')
    admin = await import('~/models/school-visit/admin.server')
    dashboard = await import('~/models/dashboard.server')
  })
  afterAll(async () => {
    await db?.drop()
  })
  beforeEach(async () => {
    await db.prisma.$executeRawUnsafe(
      'TRUNCATE "SchoolBooking", "StudyCourse", "VisitSlot", "VisitClosedDate", "SchoolOffer", "AuditEntry", "UserSession", "Registration", "EventSession", "Event", "Venue", "User", "Organisation", "Town", "District" CASCADE',
    )
    world = await createStaffWorld(db.prisma)
    await addSchoolOffer(db.prisma, world)
    offer = (await visits.getOfferForVenue('venue-a'))!
  })

  const staff = () => ({ ...world.users.staff, sessionId: 'test' })
  const slotOn = (date: string, morning = true) => {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7
    return `${date}|${offer.slots.find((s) => s.weekday === weekday && s.startMinute === (morning ? 570 : 840))!.id}`
  }
  const course = (k: 'ON_SITE' | 'OUTREACH') => offer.courses.find((c) => c.kind === k)!.id
  const visit = (over: Record<string, unknown> = {}) => ({
    schoolName: '松江区实验小学',
    teacherName: '周老师',
    phone: '13711112222',
    grade: 'G4',
    students: 30,
    teachers: 2,
    courseId: course('ON_SITE'),
    consent: true as const,
    slot: slotOn(day(7)),
    ...over,
  })

  describe('requests', () => {
    it('takes a class visit as pending, holding no room until approved', async () => {
      const created = await visits.requestVisit(offer, visit(), now)
      expect(created.code).toMatch(/^S[2-9A-Z]{7}$/)
      const stored = await db.prisma.schoolBooking.findUniqueOrThrow({ where: { id: created.id } })
      expect(stored).toMatchObject({ status: 'PENDING', kind: 'VISIT', visitDate: day(7), students: 30 })
      expect(stored.startsAt.toISOString()).toBe(`${day(7)}T01:30:00.000Z`) // 09:30 Shanghai
      const days = await visits.availability(offer, now)
      expect(days.find((d) => d.date === day(7))!.slots[0].room).toBe(60)
      expect(await visits.findSchoolBookingByToken(created.manageToken)).toMatchObject({ id: created.id })
    })

    it('refuses too few teachers, a grade the course does not take, past, too soon and closed days, and a slot on another weekday — saying why', async () => {
      await db.prisma.visitClosedDate.create({ data: { offerId: offer.id, date: day(8), reason: '设备检修' } })
      offer = (await visits.getOfferForVenue('venue-a'))!
      const refusals: Array<[Record<string, unknown>, string, RegExp]> = [
        [{ students: 31, teachers: 2 }, 'teachers', /31 名学生至少 3 名老师/],
        [{ grade: 'G8' }, 'grade', /不接待八年级/],
        [{ slot: slotOn(day(-1)) }, 'slot', /已经过去/],
        [{ slot: slotOn(day(2)) }, 'slot', /至少提前 3 天/],
        [{ slot: slotOn(day(8)) }, 'slot', /不接待学校团体（设备检修）/],
        [
          { slot: `${day(7)}|${offer.slots.find((s) => s.weekday !== (new Date(`${day(7)}T00:00:00Z`).getUTCDay() || 7))!.id}` },
          'slot',
          /不在所选日期开放/,
        ],
        [{ students: 61, teachers: 5 }, 'students', /最多接待 60 名学生/],
        [{ courseId: course('OUTREACH') }, 'courseId', /请选择这家场馆提供的课程/],
      ]
      for (const [over, field, message] of refusals) {
        await expect(visits.requestVisit(offer, visit(over), now), JSON.stringify(over)).rejects.toMatchObject({
          field,
          message: expect.stringMatching(message),
        })
      }
      expect(await db.prisma.schoolBooking.count()).toBe(0)
    })

    it('says how much room a slot has left once approvals fill it', async () => {
      const first = await visits.requestVisit(offer, visit({ students: 45, teachers: 3 }), now)
      await admin.decideSchoolBooking(staff(), first.id, 'approve', null, now)
      await expect(visits.requestVisit(offer, visit({ students: 20, teachers: 2 }), now)).rejects.toMatchObject({
        field: 'slot',
        message: '这个时段只剩 15 个学生名额。',
      })
      expect((await visits.availability(offer, now)).find((d) => d.date === day(7))!.slots[0].room).toBe(15)
      await visits.requestVisit(offer, visit({ students: 15, teachers: 1 }), now)
    })
  })

  describe('staff decisions', () => {
    it('approving never puts more students in a slot than it holds; declining needs a reason; the teacher sees both', async () => {
      const a = await visits.requestVisit(offer, visit({ students: 40, teachers: 3 }), now)
      const b = await visits.requestVisit(offer, visit({ students: 30, teachers: 2, schoolName: '另一所小学' }), now)
      await admin.decideSchoolBooking(staff(), a.id, 'approve', '请提前 10 分钟到达', now)
      await expect(admin.decideSchoolBooking(staff(), b.id, 'approve', null, now)).rejects.toThrow(
        '已批准 40 名学生，再加 30 名会超过上限 60',
      )
      await expect(admin.decideSchoolBooking(staff(), b.id, 'decline', null, now)).rejects.toMatchObject({ field: 'message' })
      await admin.decideSchoolBooking(staff(), b.id, 'decline', '该时段已满，建议改约下午', now)
      await expect(admin.decideSchoolBooking(staff(), a.id, 'approve', null, now)).rejects.toThrow('已处理过')
      expect(await visits.findSchoolBookingByToken(a.manageToken)).toMatchObject({ status: 'APPROVED', staffMessage: '请提前 10 分钟到达' })
      expect(await visits.findSchoolBookingByToken(b.manageToken)).toMatchObject({
        status: 'DECLINED',
        staffMessage: '该时段已满，建议改约下午',
      })
      expect(await db.prisma.auditEntry.count({ where: { action: { startsWith: 'school_booking.' } } })).toBe(2)
      await expect(admin.decideSchoolBooking({ ...world.users.otherOrgStaff, sessionId: 't' }, a.id, 'cancel', 'x', now)).rejects.toThrow(
        '不在你的管理范围内',
      )
    })

    it('the teacher cancels before the visit (twice is harmless), which frees the room; staff mark a visit done with who came', async () => {
      const a = await visits.requestVisit(offer, visit({ students: 60, teachers: 4 }), now)
      await admin.decideSchoolBooking(staff(), a.id, 'approve', null, now)
      expect(await visits.cancelSchoolBooking(a.manageToken, now)).toBe('CANCELLED')
      expect(await visits.cancelSchoolBooking(a.manageToken, now)).toBe('CANCELLED')
      expect((await visits.availability(offer, now)).find((d) => d.date === day(7))!.slots[0].room).toBe(60)

      const b = await visits.requestVisit(offer, visit({ students: 25, teachers: 2 }), now)
      await admin.decideSchoolBooking(staff(), b.id, 'approve', null, now)
      await expect(admin.markSchoolVisitDone(staff(), b.id, { attendedStudents: 24, attendedTeachers: 2 }, now)).rejects.toThrow(
        '开始后才能登记',
      )
      const after = new Date(now.getTime() + 7 * DAY + 2 * 3600_000)
      await admin.markSchoolVisitDone(staff(), b.id, { attendedStudents: 24, attendedTeachers: 2 }, after)
      await expect(visits.cancelSchoolBooking(b.manageToken, after)).rejects.toThrow('已结束')
      const year = Number(day(7).slice(0, 4))
      const figures = await dashboard.districtDashboard(world.sj.id, year, { now: after })
      expect(figures.school).toEqual({ visits: 1, students: 24 })
    })

    it("进校园: at the school, at most the venue's number a day, shown on the map once approved", async () => {
      const outreach = (schoolName: string) => ({
        schoolName,
        teacherName: '吴老师',
        phone: '13722223333',
        grade: 'G5',
        students: 80,
        teachers: 6,
        courseId: course('OUTREACH'),
        consent: true as const,
        date: day(10),
        startTime: '14:00',
        schoolAddress: '松江区某路 1 号',
        lat: SONGJIANG_POINT.lat + 0.01,
        lng: SONGJIANG_POINT.lng,
      })
      const a = await visits.requestOutreach(offer, outreach('第一小学'), now)
      const b = await visits.requestOutreach(offer, outreach('第二小学'), now)
      await expect(visits.requestOutreach(offer, { ...outreach('x'), startTime: '21:00' }, now)).rejects.toMatchObject({
        field: 'startTime',
      })
      expect(await visits.outreachOnMap(now)).toEqual([])
      await admin.decideSchoolBooking(staff(), a.id, 'approve', null, now)
      await expect(admin.decideSchoolBooking(staff(), b.id, 'approve', null, now)).rejects.toThrow('达到每天上限')
      const onMap = await visits.outreachOnMap(now)
      expect(onMap).toEqual([expect.objectContaining({ schoolName: '第一小学', schoolLat: SONGJIANG_POINT.lat + 0.01 })])
      const stored = await db.prisma.schoolBooking.findUniqueOrThrow({ where: { id: a.id } })
      expect(stored.endsAt.getTime() - stored.startsAt.getTime()).toBe(60 * 60_000)
    })

    it("exports bookings for Excel with teachers' phones masked", async () => {
      await visits.requestVisit(offer, visit(), now)
      const csv = await admin.schoolBookingsCsv(staff(), {})
      expect(csv.charCodeAt(0)).toBe(0xfeff)
      expect(csv).toContain('松江区实验小学,四年级,30,2,周老师,137****2222')
      expect(csv).not.toContain('13711112222')
    })
  })
}
