// The dashboard's 科普志愿者 and 讲师团 figures as xlsx (issue 26 part 3): the export route is called with real
// signed-in requests and read back with exceljs. A district admin gets their own district's figures, equal to what
// the dashboard's model functions give, and nothing of the other district's; a platform admin may ask for every
// district; organisation staff, another district's admin asking for 松江 and anonymous requests are refused.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createStaffWorld, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase } from '../helpers/db'

type Persona = 'staff' | 'otherOrgStaff' | 'districtAdmin' | 'otherDistrictAdmin' | 'platformAdmin'
const YEAR = 2026
const at = (iso: string) => new Date(iso)

let db: TestDatabase
let world: StaffWorld
const cookies = new Map<Persona, string>()

beforeAll(async () => {
  db = await useTestDatabaseForApp('pglite')
  world = await createStaffWorld(db.prisma)
  const p = db.prisma
  const orgQ = await p.organisation.create({ data: { slug: 'org-q', name: '青浦科技馆', kind: 'MUSEUM', districtId: world.qp.id } })
  const role = (districtId: string, organisationId: string, startsAt: string, headcount: number, filled: number) =>
    p.volunteerRole.create({
      data: {
        districtId,
        organisationId,
        title: '讲解',
        headcount,
        filled,
        startsAt: at(startsAt),
        endsAt: new Date(at(startsAt).getTime() + 3 * 3600_000),
        briefing: '说明',
      },
    })
  const volunteer = (n: number, districtIds: string[], createdAt: string) =>
    p.volunteer.create({
      data: {
        resident: {
          create: { phone: `1350000${String(n).padStart(4, '0')}`, passwordHash: 'x', passportCode: `PVOL${String(n).padStart(4, '0')}` },
        },
        name: `志愿者${n}`,
        districtIds,
        code: `VVVV${2340 + n}`,
        createdAt: at(createdAt),
      },
    })
  // 松江: two volunteers registered in March; in April two roles (one filled), one volunteer credited 150 minutes,
  // one a no-show.
  const v1 = await volunteer(1, [world.sj.id], '2026-03-05T02:00:00Z')
  const v2 = await volunteer(2, [world.sj.id], '2026-03-06T02:00:00Z')
  const sjRole = await role(world.sj.id, world.orgA.id, '2026-04-10T01:00:00Z', 2, 2)
  await role(world.sj.id, world.orgA.id, '2026-04-11T01:00:00Z', 3, 0)
  await p.volunteerShift.create({
    data: {
      roleId: sjRole.id,
      volunteerId: v1.id,
      status: 'ACCEPTED',
      seq: 1,
      plannedMinutes: 180,
      checkedInAt: at('2026-04-10T01:00:00Z'),
      creditedMinutes: 150,
      credit: 'CREDITED',
    },
  })
  await p.volunteerShift.create({ data: { roleId: sjRole.id, volunteerId: v2.id, status: 'ACCEPTED', seq: 2, plannedMinutes: 180 } })
  // 青浦: five volunteers and four roles in June, none of which may show up in 松江's export.
  for (let n = 10; n < 15; n++) await volunteer(n, [world.qp.id], '2026-06-01T02:00:00Z')
  for (let n = 0; n < 4; n++) await role(world.qp.id, orgQ.id, `2026-06-1${n}T01:00:00Z`, 1, 1)
  // 讲师团: a lecturer in each district with talks delivered and rated, and one order waiting in 松江.
  const lecturer = (districtId: string, name: string) =>
    p.lecturer.create({
      data: { districtId, name, organisation: '单位', title: '', topics: ['ai'], audiences: ['adults'], monthlyCapacity: 4, bio: '简介' },
    })
  const sjLecturer = await lecturer(world.sj.id, '松江讲师')
  const qpLecturer = await lecturer(world.qp.id, '青浦讲师')
  const item = await p.menuItem.create({
    data: {
      organisationId: world.orgA.id,
      title: '科学秀',
      kind: 'SCIENCE_SHOW',
      audience: '居民',
      durationMinutes: 60,
      minGroup: 10,
      maxGroup: 100,
      leadDays: 3,
      deliversTo: [world.sj.id, world.qp.id],
      description: '测试',
      lecturers: { create: [{ lecturerId: sjLecturer.id }, { lecturerId: qpLecturer.id }] },
    },
  })
  let code = 0
  // A delivered order has its activity (a CHECK), in the order's district.
  const activity = (districtId: string) =>
    p.event.create({
      data: {
        slug: `talk-${code}`,
        title: '讲座',
        summary: '测试',
        description: '测试',
        category: 'LECTURE',
        topics: [],
        organisationId: world.orgA.id,
        districtId,
        lat: 31.03,
        lng: 121.22,
        status: 'PUBLISHED',
        maxPartySize: 4,
      },
    })
  const order = async (districtId: string, data: { lecturerId?: string; rating?: number; delivered?: boolean }) =>
    p.menuOrder.create({
      data: {
        code: `MAAAAAA${String.fromCharCode(65 + code++)}`,
        manageTokenHash: `hash-${code}`,
        menuItemId: item.id,
        siteName: '书院',
        siteKind: 'COMMUNITY_ACADEMY',
        districtId,
        siteAddress: '某路',
        siteLat: 31.03,
        siteLng: 121.22,
        contactName: '联系人',
        phone: '13600001111',
        preferredDates: '周六',
        expectedAudience: 30,
        consentAt: new Date(),
        ...(data.delivered
          ? {
              status: 'DELIVERED' as const,
              eventId: (await activity(districtId)).id,
              deliveredAt: at('2026-05-20T06:00:00Z'),
              lecturerId: data.lecturerId,
              rating: data.rating,
              ratedAt: at('2026-05-21T06:00:00Z'),
            }
          : {}),
      },
    })
  await order(world.sj.id, { delivered: true, lecturerId: sjLecturer.id, rating: 5 })
  await order(world.sj.id, { delivered: true, lecturerId: sjLecturer.id, rating: 4 })
  await order(world.sj.id, {}) // waiting for dispatch
  await order(world.qp.id, { delivered: true, lecturerId: qpLecturer.id, rating: 2 })
  await order(world.qp.id, {})
  await order(world.qp.id, {})

  const { startSession } = await import('~/utils/auth.server')
  for (const persona of ['staff', 'otherOrgStaff', 'districtAdmin', 'otherDistrictAdmin', 'platformAdmin'] as const) {
    cookies.set(persona, (await startSession(new Request('http://kepu.test/admin/login'), world.users[persona].id)).split(';')[0])
  }
})

afterAll(async () => {
  await db?.drop()
})

async function call(persona: Persona | 'anonymous', query: string): Promise<Response> {
  const route = await import('~/routes/admin+/dashboard_.volunteers[.xlsx]')
  const headers = new Headers(persona === 'anonymous' ? {} : { Cookie: cookies.get(persona)! })
  const request = new Request(`http://kepu.test/admin/dashboard/volunteers.xlsx${query}`, { headers })
  try {
    return await route.loader({ request, params: {}, context: {} })
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

async function readWorkbook(response: Response) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await response.arrayBuffer())
  const sheets = new Map<string, Array<Array<string | number | null>>>()
  for (const sheet of workbook.worksheets) {
    const rows: Array<Array<string | number | null>> = []
    const width = sheet.getRow(1).cellCount
    sheet.eachRow((row) => rows.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).value as string | number | null)))
    sheets.set(sheet.name, rows)
  }
  return sheets
}

describe('the dashboard volunteer and lecturer figures as xlsx', () => {
  it('gives a district admin their own district: the dashboard model figures, one sheet per table', async () => {
    const response = await call('districtAdmin', `?year=${YEAR}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(response.headers.get('Content-Disposition')).toContain(encodeURIComponent('科普志愿者与讲师团-松江区-2026.xlsx'))
    const sheets = await readWorkbook(response)
    expect([...sheets.keys()]).toEqual(['科普志愿者（按月）', '各讲师已授课', '各菜单项目的评分', '等待派单的订单'])

    const { volunteerFigures } = await import('~/models/volunteers/figures.server')
    const { lecturerFigures } = await import('~/models/lecturers/dispatch.server')
    const { hoursOf } = await import('~/models/volunteers/schema')
    const figures = await volunteerFigures(world.sj.id, YEAR)
    const months = sheets.get('科普志愿者（按月）')!
    expect(months[0]).toEqual(['月份', '新登记志愿者', '有记录时长的志愿者', '记录时长（小时）', '岗位满员', '岗位发布', '爽约'])
    expect(months.slice(1, 13)).toEqual(
      figures.months.map((m) => [
        `${m.month}月`,
        m.registered,
        m.active,
        hoursOf(m.creditedMinutes),
        m.rolesFilled,
        m.rolesPosted,
        m.noShows,
      ]),
    )
    const t = figures.totals
    expect(months[13]).toEqual([
      '全年',
      t.registered,
      t.activeThisYear,
      hoursOf(t.creditedMinutes),
      t.rolesFilled,
      t.rolesPosted,
      t.noShows,
    ])
    // What the data above makes, so the comparison is not of two empty years: only 松江's.
    expect(months[3]).toEqual(['3月', 2, 0, 0, 0, 0, 0])
    expect(months[4]).toEqual(['4月', 0, 1, 2.5, 1, 2, 1])
    expect(months[6]).toEqual(['6月', 0, 0, 0, 0, 0, 0])
    expect(months[13]).toEqual(['全年', 2, 1, 2.5, 1, 2, 1])

    const lecturers = await lecturerFigures([world.sj.id], {
      from: new Date(Date.UTC(YEAR, 0, 1) - 8 * 3600_000),
      to: new Date(Date.UTC(YEAR + 1, 0, 1) - 8 * 3600_000),
    })
    expect(sheets.get('各讲师已授课')).toEqual([
      ['讲师', '已授课（场）', '平均评分'],
      ...lecturers.perLecturer.map((l) => [l.name, l.delivered, l.averageRating]),
    ])
    expect(sheets.get('各讲师已授课')!.slice(1)).toEqual([['松江讲师', 2, 4.5]])
    expect(sheets.get('各菜单项目的评分')!.slice(1)).toEqual([['科学秀', 2, 4.5]])
    expect(lecturers.waiting.count).toBe(1)
    expect(sheets.get('等待派单的订单')![1][0]).toBe(1)
    const everything = JSON.stringify([...sheets.values()])
    expect(everything).not.toContain('青浦')
  })

  it('ignores a district admin asking for another district or every district', async () => {
    expect((await call('districtAdmin', `?year=${YEAR}&district=${world.qp.id}`)).status).toBe(403)
    expect((await call('otherDistrictAdmin', `?year=${YEAR}&district=${world.sj.id}`)).status).toBe(403)
    const all = await call('districtAdmin', `?year=${YEAR}&district=all`)
    expect(all.status).toBe(403)
  })

  it('gives a platform admin every district summed', async () => {
    const sheets = await readWorkbook(await call('platformAdmin', `?year=${YEAR}&district=all`))
    const months = sheets.get('科普志愿者（按月）')!
    expect(months[13]).toEqual(['全年', 7, 1, 2.5, 5, 6, 1])
    expect(sheets.get('各讲师已授课')!.slice(1)).toEqual([
      ['松江讲师', 2, 4.5],
      ['青浦讲师', 1, 2],
    ])
    expect(sheets.get('等待派单的订单')![1][0]).toBe(3)
  })

  it('refuses organisation staff and anonymous requests', async () => {
    for (const persona of ['staff', 'otherOrgStaff'] as const) {
      const response = await call(persona, `?year=${YEAR}&district=${world.sj.id}`)
      expect(response.status).toBe(403)
      expect(response.headers.get('Content-Type')).not.toContain('spreadsheetml')
    }
    const anonymous = await call('anonymous', `?year=${YEAR}`)
    expect([302, 303]).toContain(anonymous.status)
    expect(anonymous.headers.get('Location')).toContain('/admin/login')
  })
})
