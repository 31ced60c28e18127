// Every staff CSV export has an .xlsx twin (issue 19, point 4). Each twin is called through its route module with a
// real signed-in request and read back with exceljs: the same headings and cells as the CSV of the same route, phones
// masked the same way, instants as real date cells in Shanghai time, the header bold and frozen; another
// organisation's staff gets what they get from the CSV; full numbers only by POST, logged exactly like the CSV's.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { addSchoolOffer, createStaffWorld, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase } from '../helpers/db'

type Route = { loader: (args: object) => Promise<Response>; action?: (args: object) => Promise<Response> }
type Persona = 'staff' | 'otherOrgStaff'

let db: TestDatabase
let world: StaffWorld
let csrf: { token: string; cookie: string }
const cookies = new Map<Persona, string>()
const registrationCreatedAt = new Date('2026-11-20T01:05:00Z') // 09:05 in Shanghai
const bookingStartsAt = new Date('2026-12-10T16:30:00Z') // 2026-12-11 00:30 in Shanghai: the day turns over too

beforeAll(async () => {
  db = await useTestDatabaseForApp('pglite')
  world = await createStaffWorld(db.prisma)
  await addSchoolOffer(db.prisma, world)
  await db.prisma.registration.update({ where: { id: world.registration.id }, data: { createdAt: registrationCreatedAt } })
  const offer = await db.prisma.schoolOffer.findUniqueOrThrow({
    where: { venueId: world.venue.id },
    include: { slots: true, courses: true },
  })
  await db.prisma.schoolBooking.create({
    data: {
      code: 'SAAAAAAA',
      manageTokenHash: 'x',
      kind: 'VISIT',
      offerId: offer.id,
      venueId: world.venue.id,
      courseId: offer.courses[0].id,
      slotId: offer.slots[0].id,
      visitDate: '2026-12-11',
      startsAt: bookingStartsAt,
      endsAt: new Date(bookingStartsAt.getTime() + 7200_000),
      schoolName: '=学校', // would run as a formula in a CSV; a text cell in the .xlsx
      teacherName: '老师',
      phone: '13700001111',
      grade: 'G4',
      students: 20,
      teachers: 2,
      consentAt: new Date(),
    },
  })
  const item = await db.prisma.menuItem.create({
    data: {
      organisationId: world.orgA.id,
      title: '科学秀',
      kind: 'SCIENCE_SHOW',
      audience: '居民',
      durationMinutes: 60,
      minGroup: 10,
      maxGroup: 100,
      leadDays: 3,
      deliversTo: [world.sj.id],
      description: '测试',
    },
  })
  await db.prisma.menuOrder.create({
    data: {
      code: 'MAAAAAAA',
      manageTokenHash: 'y',
      menuItemId: item.id,
      eventId: world.event.id, // accepted: its session's start is the 确定时间 column
      siteName: '书院',
      siteKind: 'COMMUNITY_ACADEMY',
      districtId: world.sj.id,
      siteAddress: '某路',
      siteLat: 31.03,
      siteLng: 121.22,
      contactName: '联系人',
      phone: '13600001111',
      preferredDates: '周六',
      expectedAudience: 30,
      consentAt: new Date(),
    },
  })
  const { startSession } = await import('~/utils/auth.server')
  const { adminCsrf } = await import('~/utils/form-security.server')
  const issued = await adminCsrf(new Request('http://kepu.test/admin'))
  csrf = { token: issued.csrfToken, cookie: issued.headers!['Set-Cookie'].split(';')[0] }
  for (const persona of ['staff', 'otherOrgStaff'] as const) {
    cookies.set(persona, (await startSession(new Request('http://kepu.test/admin/login'), world.users[persona].id)).split(';')[0])
  }
})

afterAll(async () => {
  await db?.drop()
})

const routes = {
  'sessions+/$sessionId.export': {
    csv: () => import('~/routes/admin+/sessions+/$sessionId.export[.csv]'),
    xlsx: () => import('~/routes/admin+/sessions+/$sessionId.export[.xlsx]'),
  },
  'school-bookings+/export': {
    csv: () => import('~/routes/admin+/school-bookings+/export[.csv]'),
    xlsx: () => import('~/routes/admin+/school-bookings+/export[.xlsx]'),
  },
  'menu-orders+/export': {
    csv: () => import('~/routes/admin+/menu-orders+/export[.csv]'),
    xlsx: () => import('~/routes/admin+/menu-orders+/export[.xlsx]'),
  },
}

async function call(
  route: keyof typeof routes,
  format: 'csv' | 'xlsx',
  {
    persona = 'staff',
    kind = 'loader',
    query = '',
    body,
  }: { persona?: Persona; kind?: 'loader' | 'action'; query?: string; body?: Record<string, string> } = {},
): Promise<Response> {
  const module = (await routes[route][format]()) as unknown as Route
  const headers = new Headers({ Cookie: `${csrf.cookie}; ${cookies.get(persona)}` })
  let init: RequestInit = { headers }
  if (kind === 'action') {
    headers.set('Content-Type', 'application/x-www-form-urlencoded')
    init = { method: 'POST', headers, body: new URLSearchParams({ csrf: csrf.token, ...body }) }
  }
  const request = new Request(`http://kepu.test/admin/x.${format}${query}`, init)
  try {
    return await module[kind]!({ request, params: { sessionId: world.session.id }, context: {} })
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

async function readXlsx(response: Response) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await response.arrayBuffer())
  const sheet = workbook.worksheets[0]
  const rows: ExcelJS.Row[] = []
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push(row))
  const width = sheet.getRow(1).cellCount
  const cells = rows.map((row) => Array.from({ length: width }, (_, i) => row.getCell(i + 1)))
  return { sheet, cells }
}

// The CSV read back: quoted cells with "" for a quote, CRLF between records.
async function readCsv(response: Response): Promise<string[][]> {
  const text = (await response.text()).replace(/^\uFEFF/, '')
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"'
      i++
    } else if (ch === '"') {
      quoted = !quoted
    } else if (quoted) {
      cell += ch
    } else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else {
      cell += ch
    }
  }
  return rows
}

/** An .xlsx cell as the CSV writes it: "2026/12/5 09:30" for dates (already Shanghai wall-clock), text without the CSV's formula guard. */
const asCsvText = (cell: ExcelJS.Cell) => {
  const value = cell.value
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${value.getUTCFullYear()}/${value.getUTCMonth() + 1}/${value.getUTCDate()} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`
  }
  return value === null || value === undefined ? '' : String(value)
}
const unguarded = (text: string) => text.replace(/^'(?=[=+\-@])/, '')

const cases = [
  {
    route: 'sessions+/$sessionId.export',
    phone: '138****5678',
    full: '13812345678',
    dateHeading: '报名时间',
    shanghai: '2026-11-20T09:05:00Z',
  },
  {
    route: 'school-bookings+/export',
    query: '?month=2026-12',
    phone: '137****1111',
    full: '13700001111',
    dateHeading: '开始',
    shanghai: '2026-12-11T00:30:00Z',
  },
  { route: 'menu-orders+/export', phone: '136****1111', full: '13600001111', dateHeading: '确定时间', shanghai: null },
] as const

describe.each(cases)('.xlsx of $route', (testCase) => {
  const query = 'query' in testCase ? testCase.query : ''

  it('is an attachment with a Chinese-safe name, never cached, with the CSV’s headings and cells', async () => {
    const response = await call(testCase.route, 'xlsx', { query })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    expect(response.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="[\x20-\x7e]+\.xlsx"; filename\*=UTF-8''[%\w.-]+\.xlsx$/,
    )
    const csvResponse = await call(testCase.route, 'csv', { query })
    expect(decodeURIComponent(response.headers.get('Content-Disposition')!.split("''")[1])).toBe(
      decodeURIComponent(csvResponse.headers.get('Content-Disposition')!.split("''")[1]).replace(/\.csv$/, '.xlsx'),
    )
    const [{ sheet, cells }, csv] = await Promise.all([readXlsx(response), readCsv(csvResponse)])
    expect(csv.length).toBeGreaterThan(1)
    expect(cells.map((row) => row.map(asCsvText))).toEqual(csv.map((row) => row.map(unguarded)))
    // Headings in Chinese, bold, frozen; columns wide enough for them.
    expect(cells[0].map((c) => c.value)).toContain('手机号')
    expect(cells[0].every((c) => c.font?.bold)).toBe(true)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    for (let i = 1; i <= cells[0].length; i++) expect(sheet.getColumn(i).width).toBeGreaterThanOrEqual(8)
    // The phone masked exactly as in the CSV.
    const phoneColumn = cells[0].findIndex((c) => c.value === '手机号')
    expect(cells[1][phoneColumn].value).toBe(testCase.phone)
    expect(JSON.stringify(cells.map((row) => row.map((c) => c.value)))).not.toContain(testCase.full)
  })

  it('writes instants as date cells in Shanghai time, yyyy-mm-dd hh:mm', async () => {
    const { cells } = await readXlsx(await call(testCase.route, 'xlsx', { query }))
    const cell = cells[1][cells[0].findIndex((c) => c.value === testCase.dateHeading)]
    expect(cell.type).toBe(ExcelJS.ValueType.Date)
    expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm')
    if (testCase.shanghai) expect(cell.value).toEqual(new Date(testCase.shanghai))
    // No text cell anywhere looks like a date the CSV would have written: every instant is a date cell.
    expect(cells.flat().some((c) => typeof c.value === 'string' && /^\d{4}\/\d{1,2}\/\d{1,2} \d\d:\d\d$/.test(c.value))).toBe(false)
  })

  it('gives another organisation’s staff what the CSV gives them', async () => {
    const [xlsx, csv] = [
      await call(testCase.route, 'xlsx', { query, persona: 'otherOrgStaff' }),
      await call(testCase.route, 'csv', { query, persona: 'otherOrgStaff' }),
    ]
    expect(xlsx.status).toBe(csv.status)
    if (csv.status !== 200) {
      expect([403, 404]).toContain(xlsx.status)
      return
    }
    // A list export of one's own organisations: for them it is only the headings.
    const [{ cells }, csvRows] = [await readXlsx(xlsx), await readCsv(csv)]
    expect(cells.map((row) => row.map(asCsvText))).toEqual(csvRows)
    expect(cells).toHaveLength(1)
  })
})

describe('full numbers in the registration .xlsx', () => {
  const logged = () => db.prisma.auditEntry.findMany({ where: { action: 'registration.export_full' }, orderBy: { at: 'asc' } })

  it('are never given, nor logged, by GET (?full=1 is ignored, as for the CSV)', async () => {
    const before = await db.prisma.auditEntry.count()
    const { cells } = await readXlsx(await call('sessions+/$sessionId.export', 'xlsx', { query: '?full=1' }))
    expect(cells[1][2].value).toBe('138****5678')
    expect(await db.prisma.auditEntry.count()).toBe(before)
  })

  it('are given by a POST naming why, and logged exactly like the CSV’s', async () => {
    const refused = await call('sessions+/$sessionId.export', 'xlsx', { kind: 'action', body: { purpose: ' ' } })
    expect(refused.status).toBe(400)
    const before = (await logged()).length
    const xlsx = await call('sessions+/$sessionId.export', 'xlsx', { kind: 'action', body: { purpose: '活动通知' } })
    expect(decodeURIComponent(xlsx.headers.get('Content-Disposition')!)).toContain('-完整号码.xlsx')
    const { cells } = await readXlsx(xlsx)
    expect(cells[1][2].value).toBe('13812345678')
    await call('sessions+/$sessionId.export', 'csv', { kind: 'action', body: { purpose: '活动通知' } })
    const entries = await logged()
    expect(entries).toHaveLength(before + 2)
    const pick = ({ action, entityType, entityId, districtId, summary, actorId }: (typeof entries)[number]) => ({
      action,
      entityType,
      entityId,
      districtId,
      summary,
      actorId,
    })
    expect(pick(entries[before])).toEqual(pick(entries[before + 1]))
    expect(entries[before].summary).toContain('用途：活动通知')
  })

  it('are refused to another organisation’s staff, as for the CSV, and nothing is logged', async () => {
    const before = (await logged()).length
    const response = await call('sessions+/$sessionId.export', 'xlsx', {
      kind: 'action',
      persona: 'otherOrgStaff',
      body: { purpose: '活动通知' },
    })
    expect(response.status).toBe(404)
    expect((await logged()).length).toBe(before)
  })
})
