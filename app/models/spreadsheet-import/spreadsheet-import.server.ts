// Staff bring their spreadsheets (decision 019): venues, or activities with their sessions, one row each. The rule:
// nothing is written until every row is right or the person chose to import only the good rows, and then all of it
// is written in one transaction. Each row goes through the single forms' own schemas (venueSchema, eventSchema,
// sessionSchema) and the same checks their models make (district, 街镇 in it, point inside its outline, owner in
// scope), with names instead of ids. Rows are keyed by a column of their own (编号, 活动编号 + 场次编号), kept on the
// record: the same file again changes nothing, a changed row updates its record.
import en from '~/locales/en'
import { recordAudit } from '~/models/audit.server'
import { eventDescriptionColumns } from '~/models/event/admin.server'
import { eventSchema, sessionSchema, type EventInput, type SessionInput } from '~/models/event/schema'
import { IMPORT_MAX_ROWS } from '~/models/spreadsheet-import/limits'
import { IMPORT_KINDS, importKindLabel, type ImportKind } from '~/models/spreadsheet-import/schema'
import { newSlug, venueData } from '~/models/venue/admin.server'
import { venueSchema, type VenueInput } from '~/models/venue/schema'
import { districtContains } from '~/utils/geo.server'
import { isUniqueViolation } from '~/utils/infra/db-errors.server'
import { prisma } from '~/utils/infra/db.server'
import { readSpreadsheet, type TemplateColumn } from '~/utils/infra/spreadsheet.server'
import { categoryLabel, venueLevelLabel, venueTypeLabel } from '~/utils/labels'
import { eventScope, outsideOwnDistrict, venueScope } from '~/utils/permissions.server'
import { Refusal } from '~/utils/refusal'
import type { Prisma } from '@prisma/client'
import type { ZodError } from 'zod'
import type { Staff } from '~/utils/auth.server'

type ChoiceList = 'venueType' | 'venueLevel' | 'category' | 'yesNo' | 'district'
type Column = { field: string; heading: string; english: string; required?: boolean; note?: string; choices?: ChoiceList }

const VENUE_COLUMNS: Column[] = [
  {
    field: 'key',
    heading: '编号',
    english: 'Key',
    required: true,
    note: '你们自己的编号，每个场馆一个，不能重复；再次导入时按编号找到同一场馆并更新。',
  },
  { field: 'name', heading: '场馆名称', english: 'Name', required: true },
  { field: 'type', heading: '类型', english: 'Type', required: true, choices: 'venueType' },
  { field: 'level', heading: '级别', english: 'Level', choices: 'venueLevel' },
  { field: 'district', heading: '区', english: 'District', required: true, choices: 'district', note: '例如「松江区」。' },
  { field: 'town', heading: '街镇', english: 'Town', note: '须是所填区的街镇，见「选项」表。' },
  { field: 'organisation', heading: '运营单位', english: 'Organisation', note: '已在平台上的单位名称；单位工作人员可留空（即本单位）。' },
  { field: 'address', heading: '地址', english: 'Address' },
  { field: 'lat', heading: '纬度', english: 'Latitude', required: true, note: 'WGS-84，例如 31.0322，须在所填的区内。' },
  { field: 'lng', heading: '经度', english: 'Longitude', required: true, note: 'WGS-84，例如 121.2274。' },
  { field: 'openingHours', heading: '开放时间', english: 'Opening hours' },
  { field: 'phone', heading: '电话', english: 'Phone' },
  { field: 'website', heading: '网址', english: 'Website' },
  { field: 'accessibility', heading: '无障碍说明', english: 'Accessibility' },
  { field: 'description', heading: '简介', english: 'Description' },
  { field: 'openToPublic', heading: '对公众开放', english: 'Open to the public', choices: 'yesNo', note: '是或否，留空为「是」。' },
  { field: 'takesSchoolVisits', heading: '接待学校', english: 'Takes school visits', choices: 'yesNo', note: '是或否，留空为「否」。' },
  { field: 'stampsPassport', heading: '科普护照盖章', english: 'Stamps passports', choices: 'yesNo', note: '是或否，留空为「否」。' },
  { field: 'recognisedYear', heading: '认定年份', english: 'Year recognised' },
]

const SESSION_FIELDS = ['sessionKey', 'startsAt', 'endsAt', 'capacity', 'registrationOpensAt', 'registrationClosesAt']
const TIME_NOTE = '上海时间，例如 2026-12-05 14:00。'
const EVENT_COLUMNS: Column[] = [
  {
    field: 'eventKey',
    heading: '活动编号',
    english: 'Activity key',
    required: true,
    note: '每个活动一个；同一活动的多个场次各占一行，活动信息相同。',
  },
  { field: 'title', heading: '活动名称', english: 'Title', required: true },
  { field: 'summary', heading: '一句话简介', english: 'Summary', required: true },
  { field: 'description', heading: '活动介绍', english: 'Description', required: true },
  { field: 'category', heading: '类别', english: 'Category', required: true, choices: 'category' },
  { field: 'topics', heading: '主题', english: 'Topics', note: '用顿号分隔，例如 天文、航天。' },
  { field: 'audienceMinAge', heading: '最小年龄', english: 'Minimum age' },
  { field: 'audienceMaxAge', heading: '最大年龄', english: 'Maximum age' },
  { field: 'audienceNote', heading: '适合人群', english: 'Audience' },
  {
    field: 'venue',
    heading: '场馆',
    english: 'Venue',
    note: '在场馆举办：填场馆的编号或名称；在其他地点举办则留空，填写地点名称、区和经纬度。',
  },
  { field: 'placeName', heading: '地点名称', english: 'Place name' },
  { field: 'placeAddress', heading: '地点地址', english: 'Place address' },
  { field: 'district', heading: '区', english: 'District', choices: 'district' },
  { field: 'town', heading: '街镇', english: 'Town' },
  { field: 'lat', heading: '纬度', english: 'Latitude' },
  { field: 'lng', heading: '经度', english: 'Longitude' },
  { field: 'organisation', heading: '主办单位', english: 'Organiser' },
  { field: 'brand', heading: '活动品牌', english: 'Programme' },
  { field: 'maxPartySize', heading: '每份报名最多人数', english: 'Most people per registration', required: true },
  { field: 'sessionKey', heading: '场次编号', english: 'Session key', required: true, note: '同一活动内不能重复。' },
  { field: 'startsAt', heading: '开始时间', english: 'Starts', required: true, note: TIME_NOTE },
  { field: 'endsAt', heading: '结束时间', english: 'Ends', required: true, note: TIME_NOTE },
  { field: 'capacity', heading: '名额', english: 'Seats', required: true },
  { field: 'registrationOpensAt', heading: '报名开始时间', english: 'Registration opens', note: TIME_NOTE },
  { field: 'registrationClosesAt', heading: '报名截止时间', english: 'Registration closes', note: TIME_NOTE },
]
const EVENT_FIELDS = EVENT_COLUMNS.map((c) => c.field).filter((f) => !SESSION_FIELDS.includes(f))

const COLUMNS: Record<ImportKind, Column[]> = { venues: VENUE_COLUMNS, events: EVENT_COLUMNS }
const heading = (kind: ImportKind, field: string) => COLUMNS[kind].find((c) => c.field === field)?.heading ?? null

// The schemas' field names, as columns: ids come from the names typed in the sheet.
const SCHEMA_FIELD_TO_COLUMN: Record<string, string> = {
  districtId: 'district',
  townId: 'town',
  organisationId: 'organisation',
  venueId: 'venue',
  placeKind: 'venue',
  brandId: 'brand',
}

/** What a staff member uploaded, read: the sheet's row number and each column's text by field. */
export type ImportRow = { row: number; values: Record<string, string> }
/** One problem of one row; `column` is the heading it belongs under (none: the whole row). */
export type Problem = { row: number; column: string | null; message: string }
export type RowAction = 'create' | 'update' | 'unchanged'

// ---------------------------------------------------------------- reading

const normaliseHeading = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/\([^)]*\)/g, '')
    .replace(/[\s*:]/g, '')
    .toLowerCase()

/** The rows of a sheet by field, from its first row of headings (Chinese, or the English names). */
export function rowsByHeading(
  kind: ImportKind,
  table: Array<{ row: number; cells: string[] }>,
): { ok: true; rows: ImportRow[] } | { ok: false; message: string } {
  const [header, ...body] = table
  const columns = COLUMNS[kind]
  const fields = header.cells.map((cell) => {
    const text = normaliseHeading(cell)
    return columns.find((c) => normaliseHeading(c.heading) === text || normaliseHeading(c.english) === text)?.field
  })
  const missing = columns.filter((c) => c.required && !fields.includes(c.field)).map((c) => c.heading)
  if (missing.length) {
    const other: ImportKind = kind === 'venues' ? 'events' : 'venues'
    const looksOther = COLUMNS[other]
      .filter((c) => c.required)
      .every((c) => header.cells.some((h) => normaliseHeading(h) === normaliseHeading(c.heading)))
    return {
      ok: false,
      message: looksOther
        ? `这个文件像是「${importKindLabel[other]}」表，请在上面选择「${importKindLabel[other]}」后重新上传。`
        : `第 1 行缺少这些列：${missing.join('、')}。请使用本页提供的模板。`,
    }
  }
  if (!body.length) return { ok: false, message: '表格里只有标题行，没有数据。' }
  if (body.length > IMPORT_MAX_ROWS)
    return { ok: false, message: `一次最多导入 ${IMPORT_MAX_ROWS} 行，这个文件有 ${body.length} 行；请分成几个文件。` }
  return {
    ok: true,
    rows: body.map(({ row, cells }) => {
      const values: Record<string, string> = {}
      fields.forEach((field, i) => {
        if (field && cells[i]) values[field] = cells[i]
      })
      return { row, values }
    }),
  }
}

const readErrors = {
  type: '请上传 .xlsx 或 .csv 文件（旧的 .xls 请先在 Excel 中另存为 .xlsx）。',
  unreadable: '这个 .xlsx 文件无法读取，请在 Excel 中重新保存后再试。',
  empty: '文件是空的。',
} as const

/**
 * Reads an upload and keeps it for its preview, replacing the person's earlier upload (and anyone's older than a
 * day). Returns the kept import's id, or a message for the file field.
 */
export async function saveUpload(
  staff: Staff,
  kind: ImportKind,
  fileName: string,
  bytes: Uint8Array,
): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
  const read = await readSpreadsheet(fileName, bytes)
  if (!read.ok) return { ok: false, message: readErrors[read.error] }
  const mapped = rowsByHeading(kind, read.rows)
  if (!mapped.ok) return mapped
  const saved = await prisma.$transaction(
    async (tx) => {
      await tx.sheetUpload.deleteMany({
        where: { OR: [{ userId: staff.id }, { createdAt: { lt: new Date(Date.now() - 86400_000) } }] },
      })
      return tx.sheetUpload.create({
        data: { userId: staff.id, kind, fileName: fileName.slice(0, 200), rows: mapped.rows as unknown as Prisma.InputJsonValue },
        select: { id: true },
      })
      // 5,000 rows of JSON took over Prisma's default 5 s on a loaded machine (CI, 2026-12-07).
    },
    { maxWait: 10_000, timeout: 60_000 },
  )
  return { ok: true, id: saved.id }
}

/** The person's own upload waiting for its preview, or null (another person's is never shown). */
export async function findUpload(staff: Staff, id: string) {
  const found = await prisma.sheetUpload.findFirst({ where: { id, userId: staff.id } })
  if (!found || !IMPORT_KINDS.includes(found.kind as ImportKind)) return null
  return { id: found.id, kind: found.kind as ImportKind, fileName: found.fileName, rows: found.rows as unknown as ImportRow[] }
}

export async function discardUpload(staff: Staff, id: string): Promise<void> {
  await prisma.sheetUpload.deleteMany({ where: { id, userId: staff.id } })
}

// ---------------------------------------------------------------- cell values

const blank = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim())

/** A number as typed (full-width digits too); text that is not one stays text, for the schema to name. */
function numberOrText(value: string | undefined): number | string | undefined {
  const text = blank(value)?.normalize('NFKC').replace(/,/g, '')
  if (text === undefined) return undefined
  return /^[-+]?\d+(\.\d+)?$/.test(text) ? Number(text) : text
}

const pad = (n: string) => n.padStart(2, '0')

/** A time as the forms take it (YYYY-MM-DDTHH:MM): from 2026-12-05 14:00, 2026/12/5 14:00, 2026年12月5日 14:00 or an Excel serial. */
export function dateTimeText(value: string | undefined): string | undefined {
  const text = blank(value)?.normalize('NFKC')
  if (text === undefined) return undefined
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    // Excel's serial day number (a date cell Excel did not mark as one): days since 1899-12-30.
    const ms = Math.round((Number(text) - 25569) * 86400_000)
    return new Date(ms).toISOString().slice(0, 16)
  }
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:时](\d{1,2})分?(?::\d{1,2})?)?$/.exec(text)
  if (!match) return text
  const [, y, mo, d, h = '0', mi = '0'] = match
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}`
}

const YES = ['是', 'y', 'yes', 'true', '1', '✓', '√', '对']
const NO = ['否', 'n', 'no', 'false', '0', '×', '不']
function yesNo(value: string | undefined, fallback: boolean): boolean | 'bad' {
  const text = blank(value)?.normalize('NFKC').toLowerCase()
  if (text === undefined) return fallback
  if (YES.includes(text)) return true
  if (NO.includes(text)) return false
  return 'bad'
}

function choice<K extends string>(value: string | undefined, zh: Record<K, string>, english: Record<K, string>): K | undefined | 'bad' {
  const text = blank(value)
  if (text === undefined) return undefined
  const lower = text.normalize('NFKC').toLowerCase()
  for (const code of Object.keys(zh) as K[]) {
    if (zh[code] === text || english[code].toLowerCase() === lower || code.toLowerCase() === lower) return code
  }
  return 'bad'
}

/** The template's lists to choose from, in the order they show. */
export async function templateColumns(
  staff: Staff,
  kind: ImportKind,
): Promise<{ columns: TemplateColumn[]; towns: Array<{ heading: string; values: string[] }> }> {
  const districts = await prisma.district.findMany({
    where: staff.role === 'DISTRICT_ADMIN' ? { id: staff.districtId ?? '-' } : { active: true },
    orderBy: { code: 'asc' },
    select: { name: true, towns: { orderBy: { name: 'asc' }, select: { name: true } } },
  })
  const lists: Record<ChoiceList, string[]> = {
    venueType: Object.values(venueTypeLabel),
    venueLevel: Object.values(venueLevelLabel),
    category: Object.values(categoryLabel),
    yesNo: ['是', '否'],
    district: districts.map((d) => d.name),
  }
  return {
    columns: COLUMNS[kind].map((c) => ({
      heading: c.heading,
      required: c.required,
      note: c.note,
      choices: c.choices ? lists[c.choices] : undefined,
    })),
    towns: districts.map((d) => ({ heading: `${d.name}的街镇`, values: d.towns.map((t) => t.name) })),
  }
}

// ---------------------------------------------------------------- places and owners, by name

type Places = Awaited<ReturnType<typeof loadPlaces>>

async function loadPlaces() {
  const [districts, organisations, brands] = await Promise.all([
    prisma.district.findMany({
      select: { id: true, code: true, name: true, nameEn: true, slug: true, active: true, towns: { select: { id: true, name: true } } },
    }),
    prisma.organisation.findMany({ select: { id: true, name: true, districtId: true } }),
    prisma.programmeBrand.findMany({ select: { id: true, name: true } }),
  ])
  const districtByName = new Map<string, (typeof districts)[number]>()
  for (const d of districts) {
    for (const name of [d.name, d.name.replace(/区$/, ''), d.nameEn.toLowerCase(), d.slug.toLowerCase()]) districtByName.set(name, d)
  }
  return {
    district: (name: string) => districtByName.get(name) ?? districtByName.get(name.normalize('NFKC').toLowerCase()),
    town: (districtId: string, name: string) => districts.find((d) => d.id === districtId)?.towns.find((t) => t.name === name),
    organisation: (name: string) => organisations.find((o) => o.name === name),
    organisationById: (id: string | null) => organisations.find((o) => o.id === id),
    brand: (name: string) => brands.find((b) => b.name === name),
  }
}

type Row = { row: number; problems: Problem[] }
const problem = (kind: ImportKind, target: Row, field: string | null, message: string) => {
  target.problems.push({ row: target.row, column: field ? heading(kind, field) : null, message })
}

function schemaProblems(kind: ImportKind, target: Row, error: ZodError, skip: Set<string>) {
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '')
    const column = SCHEMA_FIELD_TO_COLUMN[field] ?? field
    if (skip.has(column)) continue // already named more precisely
    problem(kind, target, COLUMNS[kind].some((c) => c.field === column) ? column : null, issue.message)
  }
}

/** The district a row names, checked as the forms check it; its problem goes under 区. */
function resolveDistrict(kind: ImportKind, staff: Staff, places: Places, target: Row, name: string | undefined, what: string) {
  if (!name) return undefined
  const district = places.district(name)
  if (!district) {
    problem(kind, target, 'district', `「${name}」不是上海的区，请填写例如「松江区」。`)
    return undefined
  }
  if (outsideOwnDistrict(staff, district.id)) {
    problem(kind, target, 'district', `只能导入本区的${what}，这一行是${district.name}。`)
    return undefined
  }
  if (staff.role !== 'DISTRICT_ADMIN' && !district.active) {
    problem(kind, target, 'district', `${district.name}尚未开通。`)
    return undefined
  }
  return district
}

function resolveTown(
  kind: ImportKind,
  places: Places,
  target: Row,
  district: { id: string; name: string } | undefined,
  name: string | undefined,
) {
  if (!name || !district) return undefined
  const town = places.town(district.id, name)
  if (!town) problem(kind, target, 'town', `「${name}」不是${district.name}的街镇（见模板的「选项」表）。`)
  return town?.id
}

/** The owner as the forms decide it: organisation staff always their own organisation; others one in their scope. */
function resolveOwner(kind: ImportKind, staff: Staff, places: Places, target: Row, name: string | undefined, what: string) {
  if (staff.role === 'ORG_STAFF') {
    const own = places.organisationById(staff.organisationId)
    if (name && name !== own?.name) problem(kind, target, 'organisation', `只能导入本单位（${own?.name ?? '—'}）的${what}。`)
    return staff.organisationId
  }
  if (!name) return null
  const organisation = places.organisation(name)
  if (!organisation) {
    problem(kind, target, 'organisation', `平台上没有单位「${name}」；请填写已有单位的全称，或留空。`)
    return null
  }
  if (outsideOwnDistrict(staff, organisation.districtId)) problem(kind, target, 'organisation', `只能选择本区的单位，「${name}」不在本区。`)
  return organisation.id
}

function checkPoint(kind: ImportKind, target: Row, district: { code: number; name: string }, lat: number, lng: number) {
  if (districtContains(district.code, lat, lng)) return
  const swapped = districtContains(district.code, lng, lat) ? '（纬度和经度是否填反了？）' : ''
  problem(kind, target, 'lat', `这个位置（${lat}, ${lng}）不在${district.name}内，请检查经纬度或所填的区${swapped}。`)
}

function checkKey(kind: ImportKind, target: Row, field: string, key: string | undefined): key is string {
  if (!key) problem(kind, target, field, `请填写${heading(kind, field)}。`)
  else if (key.length > 64) problem(kind, target, field, `${heading(kind, field)}请少于 64 个字符。`)
  else return true
  return false
}

async function inChunks<T>(values: string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < values.length; i += 1000) out.push(...(await read(values.slice(i, i + 1000))))
  return out
}

const sameTime = (a: Date | null, b: Date | null | undefined) => (a?.getTime() ?? null) === (b?.getTime() ?? null)
/** Coordinates come back from PostgreSQL with 15 significant digits, a sheet may hold 17: equal within 1e-9 degree (0.1 mm). */
const sameNumber = (a: number, b: number) => a === b || Math.abs(a - b) < 1e-9
const sameValue = (a: unknown, b: unknown) => {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i])
  if (a instanceof Date) return sameTime(a, b as Date)
  if (typeof a === 'number' && typeof b === 'number') return sameNumber(a, b)
  return a === b
}

// ---------------------------------------------------------------- venues

type VenueData = ReturnType<typeof venueData>
type VenuePlan = Row & {
  key: string
  label: string
  action: RowAction
  data?: VenueData
  existingId?: string
  /** Activities held at the venue move with it (as updateVenue does). */
  moved?: boolean
}

const venueExistingSelect = {
  id: true,
  importKey: true,
  name: true,
  type: true,
  level: true,
  districtId: true,
  townId: true,
  organisationId: true,
  address: true,
  lat: true,
  lng: true,
  locationApproximate: true,
  openingHours: true,
  phone: true,
  website: true,
  accessibility: true,
  description: true,
  openToPublic: true,
  takesSchoolVisits: true,
  stampsPassport: true,
  recognisedYear: true,
} satisfies Prisma.VenueSelect

async function planVenues(staff: Staff, rows: ImportRow[]): Promise<VenuePlan[]> {
  const places = await loadPlaces()
  const keys = [...new Set(rows.map((r) => blank(r.values.key)).filter((k): k is string => !!k))]
  const byKey = new Map(
    (await inChunks(keys, (chunk) => prisma.venue.findMany({ where: { importKey: { in: chunk } }, select: venueExistingSelect }))).map(
      (v) => [v.importKey!, v],
    ),
  )
  const inScope = new Set(
    (
      await inChunks(keys, (chunk) =>
        prisma.venue.findMany({ where: { AND: [{ importKey: { in: chunk } }, venueScope(staff)] }, select: { id: true } }),
      )
    ).map((v) => v.id),
  )
  // A venue already on the platform without a key (seeded, or typed in a form) is found by its name in its district.
  const names = [...new Set(rows.filter((r) => !byKey.has(blank(r.values.key) ?? '')).map((r) => blank(r.values.name) ?? ''))].filter(
    Boolean,
  )
  const unkeyed = await inChunks(names, (chunk) =>
    prisma.venue.findMany({
      where: { AND: [{ name: { in: chunk } }, { importKey: null }, venueScope(staff)] },
      select: venueExistingSelect,
    }),
  )
  const firstRowOf = new Map<string, number>()
  const claimed = new Set<string>()
  return rows.map(({ row, values }) => {
    const plan: VenuePlan = { row, problems: [], key: blank(values.key) ?? '', label: blank(values.name) ?? '', action: 'create' }
    const precise = new Set<string>()
    const note = (field: string, message: string) => {
      precise.add(field)
      problem('venues', plan, field, message)
    }
    if (checkKey('venues', plan, 'key', plan.key || undefined)) {
      const first = firstRowOf.get(plan.key)
      if (first !== undefined) note('key', `编号「${plan.key}」与第 ${first} 行重复。`)
      else firstRowOf.set(plan.key, row)
    } else precise.add('key')
    const type = choice(values.type, venueTypeLabel, en.venueType)
    if (type === 'bad') note('type', `「${values.type}」不是可选的类型，请从下拉列表中选择。`)
    const level = choice(values.level, venueLevelLabel, en.venueLevel)
    if (level === 'bad') note('level', `「${values.level}」不是可选的级别（国家级、市级、区级）。`)
    const flags = {
      openToPublic: yesNo(values.openToPublic, true),
      takesSchoolVisits: yesNo(values.takesSchoolVisits, false),
      stampsPassport: yesNo(values.stampsPassport, false),
    }
    for (const [field, value] of Object.entries(flags)) if (value === 'bad') note(field, '请填写「是」或「否」。')
    const district = resolveDistrict('venues', staff, places, plan, blank(values.district), '场馆')
    if (blank(values.district) && !district) precise.add('district')
    const townId = resolveTown('venues', places, plan, district, blank(values.town))
    const before = plan.problems.length
    const organisationId = resolveOwner('venues', staff, places, plan, blank(values.organisation), '场馆')
    if (plan.problems.length > before) precise.add('organisation')
    const parsed = venueSchema.safeParse({
      name: blank(values.name),
      type: type === 'bad' ? undefined : type,
      level: level === 'bad' ? undefined : level,
      districtId: district?.id,
      townId,
      organisationId: organisationId ?? undefined,
      address: blank(values.address),
      lat: numberOrText(values.lat),
      lng: numberOrText(values.lng),
      openingHours: blank(values.openingHours),
      phone: blank(values.phone),
      website: blank(values.website),
      accessibility: blank(values.accessibility),
      description: blank(values.description),
      openToPublic: flags.openToPublic === true,
      takesSchoolVisits: flags.takesSchoolVisits === true,
      stampsPassport: flags.stampsPassport === true,
      recognisedYear: numberOrText(values.recognisedYear),
    })
    if (!parsed.success) schemaProblems('venues', plan, parsed.error, precise)
    else if (district) checkPoint('venues', plan, district, parsed.data.lat, parsed.data.lng)
    let existing = byKey.get(plan.key)
    if (existing && !inScope.has(existing.id)) {
      problem('venues', plan, 'key', `编号「${plan.key}」已属于你管理范围以外的场馆。`)
      existing = undefined
    }
    if (!existing && parsed.success) {
      const sameName = unkeyed.filter((v) => v.name === parsed.data.name && v.districtId === parsed.data.districtId && !claimed.has(v.id))
      if (sameName.length === 1) {
        existing = sameName[0]
        claimed.add(existing.id)
      }
    }
    if (plan.problems.length || !parsed.success) return plan
    const input: VenueInput = parsed.data
    if (!existing) {
      plan.data = venueData(input, organisationId)
      return plan
    }
    const moved = !sameNumber(existing.lat, input.lat) || !sameNumber(existing.lng, input.lng)
    plan.data = venueData(input, organisationId, existing.locationApproximate && !moved)
    plan.existingId = existing.id
    plan.moved = moved || existing.districtId !== input.districtId || existing.townId !== (input.townId ?? null)
    const changed =
      existing.importKey !== plan.key || Object.entries(plan.data).some(([k, v]) => !sameValue((existing as Record<string, unknown>)[k], v))
    plan.action = changed ? 'update' : 'unchanged'
    return plan
  })
}

// ---------------------------------------------------------------- activities and sessions

type EventData = {
  title: string
  summary: string
  description: string
  category: EventInput['category']
  topics: string[]
  audienceMinAge: number | null
  audienceMaxAge: number | null
  audienceNote: string | null
  brandId: string | null
  organisationId: string | null
  maxPartySize: number
  venueId: string | null
  placeName: string | null
  placeAddress: string | null
  lat: number
  lng: number
  districtId: string
  townId: string | null
}
type SessionData = Pick<SessionInput, 'startsAt' | 'endsAt' | 'capacity'> & {
  registrationOpensAt: Date | null
  registrationClosesAt: Date | null
}
type SessionPlan = Row & { key: string; label: string; action: RowAction; eventKey: string; data?: SessionData; existingId?: string }
type EventPlan = { key: string; firstRow: number; action: RowAction; data?: EventData; existingId?: string; sessions: SessionPlan[] }

async function planEvents(staff: Staff, rows: ImportRow[]): Promise<{ rows: SessionPlan[]; events: EventPlan[] }> {
  const places = await loadPlaces()
  const keys = [...new Set(rows.map((r) => blank(r.values.eventKey)).filter((k): k is string => !!k))]
  const existingSelect = {
    id: true,
    importKey: true,
    status: true,
    title: true,
    summary: true,
    description: true,
    category: true,
    topics: true,
    audienceMinAge: true,
    audienceMaxAge: true,
    audienceNote: true,
    brandId: true,
    organisationId: true,
    maxPartySize: true,
    venueId: true,
    placeName: true,
    placeAddress: true,
    lat: true,
    lng: true,
    districtId: true,
    townId: true,
    sessions: {
      select: {
        id: true,
        key: true,
        status: true,
        startsAt: true,
        endsAt: true,
        capacity: true,
        seatsTaken: true,
        registrationOpensAt: true,
        registrationClosesAt: true,
        _count: { select: { registrations: { where: { status: { in: ['CONFIRMED', 'WAITLISTED'] } } } } },
      },
    },
  } satisfies Prisma.EventSelect
  const byKey = new Map(
    (
      await inChunks(keys, (chunk) => prisma.event.findMany({ where: { importKey: { in: chunk } }, select: { id: true, importKey: true } }))
    ).map((e) => [e.importKey!, e.id]),
  )
  const inScope = new Map(
    (
      await inChunks(keys, (chunk) =>
        prisma.event.findMany({ where: { AND: [{ importKey: { in: chunk } }, eventScope(staff)] }, select: existingSelect }),
      )
    ).map((e) => [e.id, e]),
  )
  const venueRefs = [...new Set(rows.map((r) => blank(r.values.venue)).filter((v): v is string => !!v))]
  const venues = await inChunks(venueRefs, (chunk) =>
    prisma.venue.findMany({
      where: { AND: [venueScope(staff), { OR: [{ importKey: { in: chunk } }, { name: { in: chunk } }] }] },
      select: { id: true, name: true, importKey: true, lat: true, lng: true, districtId: true, townId: true },
    }),
  )

  const groups = new Map<string, { first: ImportRow; rows: SessionPlan[] }>()
  const sessionRows: SessionPlan[] = rows.map(({ row, values }) => {
    const plan: SessionPlan = {
      row,
      problems: [],
      eventKey: blank(values.eventKey) ?? '',
      key: blank(values.sessionKey) ?? '',
      label: [blank(values.title), dateTimeText(values.startsAt)?.replace('T', ' ')].filter(Boolean).join(' · '),
      action: 'create',
    }
    const keyed =
      checkKey('events', plan, 'eventKey', plan.eventKey || undefined) && checkKey('events', plan, 'sessionKey', plan.key || undefined)
    if (keyed) {
      const group = groups.get(plan.eventKey)
      if (!group) groups.set(plan.eventKey, { first: { row, values }, rows: [plan] })
      else {
        const twin = group.rows.find((other) => other.key === plan.key)
        if (twin) problem('events', plan, 'sessionKey', `活动「${plan.eventKey}」的场次编号「${plan.key}」与第 ${twin.row} 行重复。`)
        for (const field of EVENT_FIELDS) {
          if ((blank(group.first.values[field]) ?? '') !== (blank(values[field]) ?? ''))
            problem(
              'events',
              plan,
              field,
              `与第 ${group.first.row} 行的同一活动（编号「${plan.eventKey}」）不一致；同一活动的每一行活动信息须相同。`,
            )
        }
        group.rows.push(plan)
      }
    }
    const parsed = sessionSchema.safeParse({
      startsAt: dateTimeText(values.startsAt),
      endsAt: dateTimeText(values.endsAt),
      capacity: numberOrText(values.capacity),
      registrationOpensAt: dateTimeText(values.registrationOpensAt),
      registrationClosesAt: dateTimeText(values.registrationClosesAt),
    })
    if (!parsed.success) schemaProblems('events', plan, parsed.error, new Set())
    else
      plan.data = {
        startsAt: parsed.data.startsAt,
        endsAt: parsed.data.endsAt,
        capacity: parsed.data.capacity,
        registrationOpensAt: parsed.data.registrationOpensAt ?? null,
        registrationClosesAt: parsed.data.registrationClosesAt ?? null,
      }
    return plan
  })

  const events: EventPlan[] = []
  for (const [key, group] of groups) {
    const head = group.rows[0]
    const values = group.first.values
    const eventPlan: EventPlan = { key, firstRow: head.row, action: 'create', sessions: group.rows }
    events.push(eventPlan)
    const before = head.problems.length
    const precise = new Set<string>()
    const note = (field: string, message: string) => {
      precise.add(field)
      problem('events', head, field, message)
    }
    const category = choice(values.category, categoryLabel, en.category)
    if (category === 'bad') note('category', `「${values.category}」不是可选的类别，请从下拉列表中选择。`)
    let place: Pick<EventData, 'venueId' | 'placeName' | 'placeAddress' | 'lat' | 'lng' | 'districtId' | 'townId'> | undefined
    const venueRef = blank(values.venue)
    let venueId: string | undefined
    let districtId: string | undefined
    let townId: string | undefined
    if (venueRef) {
      const byRef = venues.filter((v) => v.importKey === venueRef)
      const matches = byRef.length ? byRef : venues.filter((v) => v.name === venueRef)
      if (matches.length === 1) {
        const v = matches[0]
        venueId = v.id
        place = { venueId: v.id, placeName: null, placeAddress: null, lat: v.lat, lng: v.lng, districtId: v.districtId, townId: v.townId }
      } else if (matches.length > 1) note('venue', `你管理的场馆中有 ${matches.length} 个名为「${venueRef}」，请改填场馆的编号。`)
      else note('venue', `你管理的场馆中没有编号或名称为「${venueRef}」的场馆（请先导入场馆）。`)
    } else {
      const district = resolveDistrict('events', staff, places, head, blank(values.district), '活动')
      if (blank(values.district) && !district) precise.add('district')
      districtId = district?.id
      townId = resolveTown('events', places, head, district, blank(values.town))
      const lat = numberOrText(values.lat)
      const lng = numberOrText(values.lng)
      if (district && typeof lat === 'number' && typeof lng === 'number') {
        const inside = head.problems.length
        checkPoint('events', head, district, lat, lng)
        if (head.problems.length > inside) precise.add('lat')
      }
    }
    const ownerBefore = head.problems.length
    const organisationId = resolveOwner('events', staff, places, head, blank(values.organisation), '活动')
    if (head.problems.length > ownerBefore) precise.add('organisation')
    const brandName = blank(values.brand)
    const brand = brandName ? places.brand(brandName) : undefined
    if (brandName && !brand) note('brand', `平台上没有活动品牌「${brandName}」；请填写已有品牌的全称，或留空。`)
    const parsed = eventSchema.safeParse({
      title: blank(values.title),
      summary: blank(values.summary),
      description: blank(values.description),
      category: category === 'bad' ? undefined : category,
      topics: blank(values.topics),
      audienceMinAge: numberOrText(values.audienceMinAge),
      audienceMaxAge: numberOrText(values.audienceMaxAge),
      audienceNote: blank(values.audienceNote),
      placeKind: venueRef ? 'venue' : 'place',
      venueId: venueRef ? (venueId ?? '-') : undefined,
      placeName: venueRef ? undefined : blank(values.placeName),
      placeAddress: venueRef ? undefined : blank(values.placeAddress),
      districtId: venueRef ? undefined : districtId,
      townId: venueRef ? undefined : townId,
      lat: venueRef ? undefined : numberOrText(values.lat),
      lng: venueRef ? undefined : numberOrText(values.lng),
      brandId: brand?.id,
      organisationId: organisationId ?? undefined,
      maxPartySize: numberOrText(values.maxPartySize),
      questions: [],
    })
    if (!parsed.success) schemaProblems('events', head, parsed.error, precise)
    else if (!venueRef && parsed.data.districtId && parsed.data.lat !== undefined && parsed.data.lng !== undefined) {
      place = {
        venueId: null,
        placeName: parsed.data.placeName!,
        placeAddress: parsed.data.placeAddress ?? null,
        lat: parsed.data.lat,
        lng: parsed.data.lng,
        districtId: parsed.data.districtId,
        townId: parsed.data.townId ?? null,
      }
    }
    const existingId = byKey.get(key)
    const existing = existingId ? inScope.get(existingId) : undefined
    if (existingId && !existing) problem('events', head, 'eventKey', `活动编号「${key}」已属于你管理范围以外的活动。`)
    if (existing?.status === 'CANCELLED')
      problem('events', head, 'eventKey', `活动「${existing.title}」已取消，不能再导入；请用新的活动编号。`)
    const eventBad = head.problems.length > before || !parsed.success || !place
    if (eventBad) {
      for (const other of group.rows.slice(1))
        problem('events', other, 'eventKey', `这个活动在第 ${head.row} 行有问题，修正后本行的场次才能导入。`)
      continue
    }
    const input = parsed.data
    eventPlan.data = { ...eventDescriptionColumns(input, organisationId), ...place! }
    if (existing) {
      eventPlan.existingId = existing.id
      const changed = Object.entries(eventPlan.data).some(([k, v]) => !sameValue((existing as Record<string, unknown>)[k], v))
      eventPlan.action = changed ? 'update' : 'unchanged'
      const open = existing.sessions.reduce((n, s) => n + s._count.registrations, 0)
      const moved = (['venueId', 'placeName', 'placeAddress'] as const).some((k) => existing[k] !== eventPlan.data![k])
      if (moved && open > 0) problem('events', head, 'venue', `这个活动已有 ${open} 份报名，改地点请在活动页面修改（报名人会收到通知）。`)
      for (const session of group.rows) {
        const found = existing.sessions.find((s) => s.key === session.key)
        if (!found || !session.data) continue
        session.existingId = found.id
        const sessionChanged = (Object.keys(session.data) as Array<keyof SessionData>).some((k) => !sameValue(found[k], session.data![k]))
        session.action = sessionChanged ? 'update' : 'unchanged'
        if (!sessionChanged) continue
        if (found.status === 'CANCELLED') problem('events', session, 'sessionKey', '这个场次已取消，不能再修改。')
        else if (found._count.registrations > 0 || found.seatsTaken > 0)
          problem(
            'events',
            session,
            'capacity',
            `这个场次已有 ${found._count.registrations} 份报名，时间和名额请在场次页面修改（报名人会收到通知）。`,
          )
      }
      // The activity's own change shows on its first row.
      if (head.action === 'unchanged' && eventPlan.action === 'update') head.action = 'update'
    }
  }
  return { rows: sessionRows, events }
}

// ---------------------------------------------------------------- preview and import

export type ImportPreview = {
  id: string
  kind: ImportKind
  fileName: string
  rowCount: number
  goodRows: number
  counts: Record<RowAction, number>
  problems: Problem[]
  rows: Array<{ row: number; key: string; label: string; action: RowAction | 'error' }>
}

type Planned = {
  rows: Array<Row & { key: string; label: string; action: RowAction }>
  apply: (tx: Prisma.TransactionClient, good: Set<number>) => Promise<Record<RowAction, number>>
}

async function plan(staff: Staff, upload: NonNullable<Awaited<ReturnType<typeof findUpload>>>): Promise<Planned> {
  const source = `表格导入（${staff.name}，${upload.fileName}）`
  if (upload.kind === 'venues') {
    const rows = await planVenues(staff, upload.rows)
    return {
      rows,
      apply: (tx, good) =>
        applyVenues(
          tx,
          rows.filter((r) => good.has(r.row)),
          source,
        ),
    }
  }
  const { rows, events } = await planEvents(staff, upload.rows)
  return { rows, apply: (tx, good) => applyEvents(tx, events, good, source) }
}

/** What importing the upload would do, row by row, with every problem named by row and column. Writes nothing. */
export async function previewImport(staff: Staff, upload: NonNullable<Awaited<ReturnType<typeof findUpload>>>): Promise<ImportPreview> {
  const { rows } = await plan(staff, upload)
  const counts: Record<RowAction, number> = { create: 0, update: 0, unchanged: 0 }
  for (const r of rows) if (!r.problems.length) counts[r.action] += 1
  return {
    id: upload.id,
    kind: upload.kind,
    fileName: upload.fileName,
    rowCount: rows.length,
    goodRows: rows.filter((r) => !r.problems.length).length,
    counts,
    problems: rows.flatMap((r) => r.problems),
    rows: rows.map((r) => ({ row: r.row, key: r.key, label: r.label, action: r.problems.length ? 'error' : r.action })),
  }
}

export type ImportResult = Record<RowAction, number> & { skipped: number }

/**
 * Imports the upload in one transaction: every row when none has a problem, or (`onlyGood`) the rows without one.
 * The rows are checked again first, against the database as it is now.
 */
export async function runImport(
  staff: Staff,
  upload: NonNullable<Awaited<ReturnType<typeof findUpload>>>,
  { onlyGood }: { onlyGood: boolean },
): Promise<ImportResult> {
  const planned = await plan(staff, upload)
  const bad = planned.rows.filter((r) => r.problems.length)
  if (bad.length && !onlyGood) throw new Refusal(`还有 ${bad.length} 行有问题：请修正后重新上传，或选择只导入没有问题的行。`)
  const good = new Set(planned.rows.filter((r) => !r.problems.length).map((r) => r.row))
  if (!good.size) throw new Refusal('没有可以导入的行。')
  try {
    return await prisma.$transaction(
      async (tx) => {
        const counts = await planned.apply(tx, good)
        await recordAudit(tx, staff.id, {
          action: `import.${upload.kind}`,
          entityType: upload.kind === 'venues' ? 'venue' : 'event',
          districtId: staff.districtId,
          summary: `表格导入${importKindLabel[upload.kind]}「${upload.fileName}」：新建 ${counts.create} 行，更新 ${counts.update} 行，未变 ${counts.unchanged} 行${bad.length ? `，跳过有问题的 ${bad.length} 行` : ''}`,
          details: { ...counts, skipped: bad.length, rows: planned.rows.length },
        })
        await tx.sheetUpload.delete({ where: { id: upload.id } })
        return { ...counts, skipped: bad.length }
      },
      { maxWait: 10_000, timeout: 120_000 },
    )
  } catch (error) {
    if (isUniqueViolation(error)) throw new Refusal('刚才有人导入了相同的编号；请重新上传文件，查看新的预览后再导入。')
    throw error
  }
}

/**
 * Many rows changed at once: one UPDATE … FROM jsonb_to_recordset per 1,000 rows instead of one statement per row
 * (5,000 single updates took 30 s on a loaded machine). Prisma cannot update many rows with different values in one
 * statement; this is the one raw statement of the import (decision 019). Table and column names are constants here,
 * the values one JSON parameter; Prisma's @updatedAt is set as it would set it.
 */
async function updateMany(
  tx: Prisma.TransactionClient,
  table: 'Venue' | 'EventSession',
  columns: Array<[name: string, type: string]>,
  rows: Array<Record<string, unknown>>,
  { touch = true }: { touch?: boolean } = {},
): Promise<void> {
  const set = columns.map(([name]) => `"${name}" = d."${name}"`).concat(touch ? ['"updatedAt" = now()'] : [])
  const record = [['id', 'text'], ...columns].map(([name, type]) => `"${name}" ${type}`).join(', ')
  const sql = `UPDATE "${table}" AS t SET ${set.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS d(${record}) WHERE t.id = d.id`
  for (let i = 0; i < rows.length; i += 1000) await tx.$executeRawUnsafe(sql, JSON.stringify(rows.slice(i, i + 1000)))
}

const VENUE_UPDATE_COLUMNS: Array<[string, string]> = [
  ['importKey', 'text'],
  ['name', 'text'],
  ['type', '"VenueType"'],
  ['level', '"VenueLevel"'],
  ['districtId', 'text'],
  ['townId', 'text'],
  ['organisationId', 'text'],
  ['address', 'text'],
  ['lat', 'double precision'],
  ['lng', 'double precision'],
  ['locationApproximate', 'boolean'],
  ['openingHours', 'text'],
  ['phone', 'text'],
  ['website', 'text'],
  ['accessibility', 'text'],
  ['description', 'text'],
  ['openToPublic', 'boolean'],
  ['takesSchoolVisits', 'boolean'],
  ['stampsPassport', 'boolean'],
  ['recognisedYear', 'integer'],
]

async function applyVenues(tx: Prisma.TransactionClient, rows: VenuePlan[], source: string): Promise<Record<RowAction, number>> {
  const creates = rows.filter((r) => r.action === 'create')
  for (let i = 0; i < creates.length; i += 1000) {
    await tx.venue.createMany({
      data: creates.slice(i, i + 1000).map((r) => ({ ...r.data!, slug: newSlug('v'), source, importKey: r.key })),
    })
  }
  const updates = rows.filter((r) => r.action === 'update')
  // Columns the VALUES list names must match venueData's fields: a field added there and not here would be dropped.
  await updateMany(
    tx,
    'Venue',
    VENUE_UPDATE_COLUMNS,
    updates.map((r) => ({ id: r.existingId, importKey: r.key, ...r.data })),
  )
  // Activities held at a venue that moved stand where it stands now (as updateVenue does).
  const moved = updates.filter((r) => r.moved)
  if (moved.length) {
    await tx.$executeRawUnsafe(
      `UPDATE "Event" AS e SET lat = v.lat, lng = v.lng, "districtId" = v."districtId", "townId" = v."townId", "updatedAt" = now()
       FROM "Venue" AS v WHERE e."venueId" = v.id AND v.id = ANY($1::text[])`,
      moved.map((r) => r.existingId!),
    )
  }
  return { create: creates.length, update: updates.length, unchanged: rows.filter((r) => r.action === 'unchanged').length }
}

async function applyEvents(
  tx: Prisma.TransactionClient,
  events: EventPlan[],
  good: Set<number>,
  source: string,
): Promise<Record<RowAction, number>> {
  const counts: Record<RowAction, number> = { create: 0, update: 0, unchanged: 0 }
  const wanted = events.filter((e) => e.data && e.sessions.some((s) => good.has(s.row)))
  const creates = wanted.filter((e) => !e.existingId)
  const idOf = new Map(wanted.filter((e) => e.existingId).map((e) => [e.key, e.existingId!]))
  for (let i = 0; i < creates.length; i += 1000) {
    const made = await tx.event.createManyAndReturn({
      data: creates.slice(i, i + 1000).map((e) => ({ ...e.data!, slug: newSlug('a'), status: 'DRAFT' as const, source, importKey: e.key })),
      select: { id: true, importKey: true },
    })
    for (const m of made) idOf.set(m.importKey!, m.id)
  }
  for (const e of wanted) if (e.existingId && e.action === 'update') await tx.event.update({ where: { id: e.existingId }, data: e.data! })
  const sessions = wanted.flatMap((e) => e.sessions.filter((s) => good.has(s.row)))
  const newSessions = sessions.filter((s) => !s.existingId)
  for (let i = 0; i < newSessions.length; i += 1000) {
    await tx.eventSession.createMany({
      data: newSessions.slice(i, i + 1000).map((s) => ({ ...s.data!, eventId: idOf.get(s.eventKey)!, key: s.key })),
    })
  }
  await updateMany(
    tx,
    'EventSession',
    [
      ['startsAt', 'timestamp(3)'],
      ['endsAt', 'timestamp(3)'],
      ['capacity', 'integer'],
      ['registrationOpensAt', 'timestamp(3)'],
      ['registrationClosesAt', 'timestamp(3)'],
    ],
    sessions.filter((s) => s.existingId && s.action === 'update').map((s) => ({ id: s.existingId, ...s.data })),
    { touch: false },
  )
  for (const s of sessions) counts[s.action] += 1
  return counts
}
