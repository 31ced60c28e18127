// 科普基地 yearly 考核 (issue 27 points 3-5, decision 036). The district opens the year's report for each active
// designation of the district, with a deadline; the report is pre-filled from Kepu's records (figures.server.ts).
//   OPEN ──submit (base)──▶ SUBMITTED ──approve (district)──▶ APPROVED (locked)
//   RETURNED ◀──return (district, notes)── SUBMITTED          APPROVED ──reopen (district, reason)──▶ SUBMITTED
//   RETURNED ──submit (base)──▶ SUBMITTED
// The base (the venue's organisation staff) fills declared figures and its self score while OPEN or RETURNED; the
// district scores while SUBMITTED. Every move is one transaction that locks the report row, checks the state it
// starts from (else 409, nothing changed), writes the change and its audit entry, and queues its e-mails.
// A base sees only its own reports, a reviewer only their district's; anything else is 404.
import { recordAudit } from '~/models/audit.server'
import { queueMessages } from '~/models/message/message.server'
import { defaultOrigin } from '~/models/message/notify.server'
import { forbidden } from '~/utils/http-errors'
import { prisma, type Tx } from '~/utils/infra/db.server'
import { Refusal } from '~/utils/refusal'
import { shanghaiDateKey } from '~/utils/shanghai-time'
import { currentDesignationWhere, mayDesignate } from './designation.server'
import {
  bandPoints,
  DEFAULT_BANDS,
  figureFor,
  figuresOf,
  measureVenueYear,
  resultOf,
  sheetOf,
  sheetTotal,
  yearBounds,
  type ResultBands,
  type SheetCriterion,
} from './figures.server'
import { DECLARED_FIGURES, MEASURED_FIGURES, OVERRIDE_MAX, reviewStatusLabel, type Figures } from './labels'
import { districtSheets } from './sheet.server'
import type { BaseReviewStatus, Prisma } from '@prisma/client'
import type { Staff } from '~/utils/auth.server'

/** Reports the staff member sees: platform admins all, district admins their district, staff their organisation. */
export function reviewScope(staff: Staff): Prisma.BaseReviewWhereInput {
  if (staff.role === 'PLATFORM_ADMIN') return {}
  if (staff.role === 'DISTRICT_ADMIN') return { districtId: staff.districtId ?? '-' }
  return { venue: { organisationId: staff.organisationId ?? '-' } }
}

const notFound = () => new Refusal('没有这份考核报告，或不在您的范围内。', undefined, 404)

// ——— Result bands ———

export async function getBands(districtId: string, db: Tx | typeof prisma = prisma): Promise<ResultBands> {
  const row = await db.baseReviewBands.findUnique({ where: { districtId } })
  return row ? { excellent: row.excellent, good: row.good, pass: row.pass } : DEFAULT_BANDS
}

/** The district (or a platform admin) sets its result bands, percent of the sheet total. */
export async function saveBands(staff: Staff, districtId: string, bands: ResultBands): Promise<void> {
  if (!mayDesignate(staff, districtId)) throw notFound()
  if (!(bands.pass >= 1 && bands.pass < bands.good && bands.good < bands.excellent && bands.excellent <= 100))
    throw new Refusal('须满足 1 ≤ 合格 < 优良 < 优秀 ≤ 100', 'good')
  await prisma.$transaction(async (tx) => {
    const before = await getBands(districtId, tx)
    await tx.baseReviewBands.upsert({ where: { districtId }, create: { districtId, ...bands }, update: bands })
    await recordAudit(tx, staff.id, {
      action: 'base.review_bands',
      entityType: 'BaseReviewBands',
      entityId: districtId,
      summary: `考核结果档次：优秀 ≥${bands.excellent}%，优良 ≥${bands.good}%，合格 ≥${bands.pass}%`,
      details: { before, after: bands },
      districtId,
    })
  })
}

// ——— Opening ———

/** Designations that owe a report for the year: not revoked (active or 整改) and valid some day of the year. */
function owingWhere(districtId: string, year: number): Prisma.BaseDesignationWhereInput {
  const { from, to } = yearBounds(year)
  return {
    venue: { districtId },
    status: { in: ['ACTIVE', 'RECTIFY'] },
    validFrom: { lt: to },
    OR: [{ validUntil: null }, { validUntil: { gte: from } }],
  }
}

/**
 * The district opens the year's report for each designation that owes one, all in one transaction (the district's
 * row locked, so two admins pressing at once open each report once; the unique index per designation and year holds
 * it too). Reports already open are left as they are. Returns how many were opened.
 */
export async function openReports(
  staff: Staff,
  { districtId, year, deadline }: { districtId: string; year: number; deadline: Date },
  now = new Date(),
): Promise<number> {
  if (!mayDesignate(staff, districtId)) throw notFound()
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM "District" WHERE id = ${districtId} FOR UPDATE`
      const ownSheets = await districtSheets(tx, districtId)
      const designations = await tx.baseDesignation.findMany({
        where: { ...owingWhere(districtId, year), reviews: { none: { year } } },
        select: {
          id: true,
          levelKey: true,
          venue: { select: { id: true, name: true, organisationId: true } },
          level: { select: { name: true, reviewSheet: true } },
        },
      })
      for (const d of designations) {
        const measured = await measureVenueYear(tx, d.venue, year, now)
        const created = await tx.baseReview.create({
          data: {
            designationId: d.id,
            venueId: d.venue.id,
            districtId,
            levelKey: d.levelKey,
            year,
            deadline,
            sheet: ownSheets.get(d.levelKey) ?? d.level.reviewSheet ?? [],
            measured,
            measuredAt: now,
            openedById: staff.id,
          },
          select: { id: true },
        })
        await recordAudit(tx, staff.id, {
          action: 'base.review_open',
          entityType: 'BaseReview',
          entityId: created.id,
          summary: `开启「${d.venue.name}」${d.level.name} ${year} 年度考核，截止 ${shanghaiDateKey(deadline)}`,
          districtId,
        })
      }
      if (designations.length)
        await tellBases(
          tx,
          designations.map((d) => d.venue.organisationId),
          year,
          `已开启，请在 ${shanghaiDateKey(deadline)} 前填报`,
          districtId,
        )
      return designations.length
    },
    { timeout: 60_000 },
  )
}

async function tellBases(
  tx: Tx,
  organisationIds: Array<string | null>,
  year: number,
  state: string,
  districtId: string,
  venue?: string,
  id?: string,
) {
  const ids = [...new Set(organisationIds.filter((o): o is string => !!o))]
  if (!ids.length) return
  const people = await tx.user.findMany({
    where: { disabled: false, role: 'ORG_STAFF', organisationId: { in: ids } },
    select: { email: true },
  })
  await queueMessages(
    tx,
    people.map((p) => ({
      to: { email: p.email, language: 'zh-CN' as const },
      message: {
        template: 'staff.base-review' as const,
        params: {
          venue: venue ?? '本单位基地',
          year: String(year),
          state,
          link: `${defaultOrigin()}/admin/bases/reviews${id ? `/${id}` : `?year=${year}`}`,
        },
        subjectType: 'BaseReview' as const,
        subjectId: id ?? null,
        districtId,
      },
    })),
  )
}

// ——— Reading ———

export function listReviews(staff: Staff, year: number, districtId?: string) {
  return prisma.baseReview.findMany({
    where: { ...reviewScope(staff), year, ...(districtId ? { districtId } : {}) },
    orderBy: [{ district: { code: 'asc' } }, { venue: { name: 'asc' } }],
    take: 1000,
    select: {
      id: true,
      year: true,
      status: true,
      deadline: true,
      selfTotal: true,
      districtTotal: true,
      result: true,
      submittedAt: true,
      remindedAt: true,
      districtId: true,
      sheet: true,
      venue: { select: { id: true, name: true } },
      level: { select: { name: true } },
      district: { select: { name: true } },
    },
  })
}

/** A criterion as the report page shows it: the figure it reads (both values) and the suggested self score. */
export type SheetRow = SheetCriterion & {
  measured: number | null
  declared: number | null
  suggested: number | null
  self: number | null
  district: number | null
}

/** One report with what its page shows, in scope, or 404. */
export async function getReview(staff: Staff, id: string) {
  const review = await prisma.baseReview.findFirst({
    where: { id, ...reviewScope(staff) },
    include: {
      venue: { select: { name: true, organisationId: true } },
      level: { select: { name: true } },
      district: { select: { name: true } },
      scoredBy: { select: { name: true } },
    },
  })
  if (!review) throw notFound()
  const [history, bands] = await Promise.all([
    prisma.auditEntry.findMany({
      where: { entityType: 'BaseReview', entityId: id },
      orderBy: { at: 'desc' },
      select: { id: true, at: true, summary: true, actor: { select: { name: true } } },
    }),
    getBands(review.districtId),
  ])
  const measured = figuresOf(review.measured)
  const declared = figuresOf(review.declared)
  const selfScores = figuresOf(review.selfScores) as Record<string, number>
  const districtScores = figuresOf(review.districtScores) as Record<string, number>
  const sheet = sheetOf(review.sheet)
  const rows: SheetRow[] = sheet.map((c) => ({
    ...c,
    measured: c.figure ? ((measured as Record<string, number>)[c.figure] ?? null) : null,
    declared: c.figure ? ((declared as Record<string, number>)[c.figure] ?? null) : null,
    suggested: bandPoints(c, c.figure ? figureFor(c.figure, measured, declared) : undefined),
    self: selfScores[c.key] ?? null,
    district: districtScores[c.key] ?? null,
  }))
  return {
    ...review,
    measured,
    declared,
    rows,
    total: sheetTotal(sheet),
    bands,
    history,
    isBase: staff.role === 'ORG_STAFF' && !!staff.organisationId && staff.organisationId === review.venue.organisationId,
    isReviewer: mayDesignate(staff, review.districtId),
  }
}

// ——— Moves ———

async function lockReview(tx: Tx, staff: Staff, id: string) {
  await tx.$queryRaw`SELECT id FROM "BaseReview" WHERE id = ${id} FOR UPDATE`
  const review = await tx.baseReview.findFirst({
    where: { id, ...reviewScope(staff) },
    include: { venue: { select: { id: true, name: true, organisationId: true } }, level: { select: { name: true } } },
  })
  if (!review) throw notFound()
  return review
}
type Locked = Awaited<ReturnType<typeof lockReview>>

function requireBase(staff: Staff, review: Locked): void {
  if (staff.role !== 'ORG_STAFF' || !staff.organisationId || staff.organisationId !== review.venue.organisationId) throw forbidden()
}
function requireReviewer(staff: Staff, review: Locked): void {
  if (!mayDesignate(staff, review.districtId)) throw forbidden()
}
function requireState(review: Locked, allowed: BaseReviewStatus[]): void {
  if (!allowed.includes(review.status))
    throw new Refusal(`这份考核报告现在是「${reviewStatusLabel[review.status]}」，不能这样操作（页面可能已过期，请刷新）。`)
}

const what = (review: Locked) => `「${review.venue.name}」${review.level.name} ${review.year} 年度考核`

async function audit(tx: Tx, staff: Staff, review: Locked, action: string, summary: string, details: Prisma.InputJsonValue = {}) {
  await recordAudit(tx, staff.id, {
    action: `base.review_${action}`,
    entityType: 'BaseReview',
    entityId: review.id,
    summary: `${what(review)}：${summary}`,
    details,
    districtId: review.districtId,
  })
}

async function tellDistrict(tx: Tx, review: Locked, state: string) {
  const people = await tx.user.findMany({
    where: { disabled: false, role: 'DISTRICT_ADMIN', districtId: review.districtId },
    select: { email: true },
  })
  await queueMessages(
    tx,
    people.map((p) => ({
      to: { email: p.email, language: 'zh-CN' as const },
      message: {
        template: 'staff.base-review' as const,
        params: { venue: review.venue.name, year: String(review.year), state, link: `${defaultOrigin()}/admin/bases/reviews/${review.id}` },
        subjectType: 'BaseReview' as const,
        subjectId: review.id,
        districtId: review.districtId,
      },
    })),
  )
}

const tellBase = (tx: Tx, review: Locked, state: string) =>
  tellBases(tx, [review.venue.organisationId], review.year, state, review.districtId, review.venue.name, review.id)

/** The base or the district counts the measured figures again, while the base is filling the report. */
export async function refreshMeasured(staff: Staff, id: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const review = await lockReview(tx, staff, id)
    if (!mayDesignate(staff, review.districtId)) requireBase(staff, review)
    requireState(review, ['OPEN', 'RETURNED'])
    const measured = await measureVenueYear(tx, review.venue, review.year, now)
    await tx.baseReview.update({ where: { id }, data: { measured, measuredAt: now } })
    await audit(tx, staff, review, 'refresh', '重新统计平台数据', { before: review.measured, after: measured })
  })
}

const WHOLE = /^\d{1,8}$/

/**
 * The base states its own figures and, where it wants, overrides measured ones (both are kept and shown). `posted`:
 * `{ figureKey: text }`; an empty box states nothing. Every box is checked before anything is saved.
 */
export async function saveDeclared(staff: Staff, id: string, posted: Record<string, string>): Promise<void> {
  const declared: Figures = {}
  const limits: Array<{ key: string; label: string; max: number }> = [
    ...DECLARED_FIGURES,
    ...MEASURED_FIGURES.map((f) => ({ key: f.key, label: f.label, max: OVERRIDE_MAX })),
  ]
  for (const f of limits) {
    const text = (posted[f.key] ?? '').trim()
    if (text === '') continue
    if (!WHOLE.test(text)) throw new Refusal(`「${f.label}」请填写不小于 0 的整数`, `declared.${f.key}`)
    const value = Number(text)
    if (value > f.max) throw new Refusal(`「${f.label}」最多 ${f.max}`, `declared.${f.key}`)
    ;(declared as Record<string, number>)[f.key] = value
  }
  await prisma.$transaction(async (tx) => {
    const review = await lockReview(tx, staff, id)
    requireBase(staff, review)
    requireState(review, ['OPEN', 'RETURNED'])
    await tx.baseReview.update({ where: { id }, data: { declared } })
    await audit(tx, staff, review, 'declare', '填报自报数据', { before: review.declared, after: declared })
  })
}

/** Scores against the sheet: each criterion a whole number from 0 to its points, every box checked first. */
function parseScores(sheet: SheetCriterion[], posted: Record<string, string>, prefix: string) {
  if (!sheet.length) throw new Refusal('这个级别还没有考核评分表，请区管理员先在“考核评分表”页设定。')
  const scores: Record<string, number> = {}
  for (const c of sheet) {
    const text = (posted[c.key] ?? '').trim()
    if (!/^\d{1,4}$/.test(text)) throw new Refusal(`「${c.label}」请填写 0 到 ${c.points} 的整数`, `${prefix}.${c.key}`)
    const value = Number(text)
    if (value > c.points) throw new Refusal(`「${c.label}」最多 ${c.points} 分`, `${prefix}.${c.key}`)
    scores[c.key] = value
  }
  return { scores, total: Object.values(scores).reduce((sum, v) => sum + v, 0) }
}

/** The base scores itself. */
export async function selfScore(staff: Staff, id: string, posted: Record<string, string>): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const review = await lockReview(tx, staff, id)
    requireBase(staff, review)
    requireState(review, ['OPEN', 'RETURNED'])
    const { scores, total } = parseScores(sheetOf(review.sheet), posted, 'self')
    await tx.baseReview.update({ where: { id }, data: { selfScores: scores, selfTotal: total } })
    await audit(tx, staff, review, 'self_score', `自评 ${total} 分`, { scores })
    return total
  })
}

/** The base submits (again, after a return): the district's admins are told. */
export async function submitReview(staff: Staff, id: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const review = await lockReview(tx, staff, id)
    requireBase(staff, review)
    requireState(review, ['OPEN', 'RETURNED'])
    if (review.selfTotal === null) throw new Refusal('请先完成自评，再提交。')
    await tx.baseReview.update({ where: { id }, data: { status: 'SUBMITTED', submittedAt: now } })
    await audit(tx, staff, review, 'submit', `提交（自评 ${review.selfTotal} 分）`, { from: review.status, to: 'SUBMITTED' })
    await tellDistrict(tx, review, `已提交，自评 ${review.selfTotal} 分，请评分`)
  })
}

/** The district returns a submitted report to the base, with notes. */
export async function returnReview(staff: Staff, id: string, notes: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const review = await lockReview(tx, staff, id)
    requireReviewer(staff, review)
    requireState(review, ['SUBMITTED'])
    await tx.baseReview.update({ where: { id }, data: { status: 'RETURNED', returnNotes: notes } })
    await audit(tx, staff, review, 'return', `退回修改：${notes}`, { from: review.status, to: 'RETURNED' })
    await tellBase(tx, review, `退回修改：${notes}`)
  })
}

/** The district scores a submitted report, with comments. */
export async function districtScore(
  staff: Staff,
  id: string,
  posted: Record<string, string>,
  comments: string | undefined,
): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const review = await lockReview(tx, staff, id)
    requireReviewer(staff, review)
    requireState(review, ['SUBMITTED'])
    const { scores, total } = parseScores(sheetOf(review.sheet), posted, 'district')
    await tx.baseReview.update({
      where: { id },
      data: { districtScores: scores, districtTotal: total, districtComments: comments || null, scoredById: staff.id },
    })
    await audit(tx, staff, review, 'district_score', `区评 ${total} 分`, { scores, comments: comments ?? null })
    return total
  })
}

/** The district approves a scored report: its result by the district's bands, and the report is locked. */
export async function approveReview(staff: Staff, id: string, now = new Date()): Promise<string> {
  return prisma.$transaction(async (tx) => {
    const review = await lockReview(tx, staff, id)
    requireReviewer(staff, review)
    requireState(review, ['SUBMITTED'])
    if (review.districtTotal === null) throw new Refusal('请先评分，再审定。')
    const result = resultOf(review.districtTotal, sheetTotal(sheetOf(review.sheet)), await getBands(review.districtId, tx))
    await tx.baseReview.update({ where: { id }, data: { status: 'APPROVED', approvedAt: now, result } })
    await audit(tx, staff, review, 'approve', `审定：${review.districtTotal} 分，${result}`, {
      from: review.status,
      to: 'APPROVED',
      result,
    })
    await tellBase(tx, review, `已审定：${review.districtTotal} 分，${result}`)
    return result
  })
}

/** The district reopens an approved (locked) report, with a reason: back to SUBMITTED, its result withdrawn. */
export async function reopenReview(staff: Staff, id: string, reason: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const review = await lockReview(tx, staff, id)
    requireReviewer(staff, review)
    requireState(review, ['APPROVED'])
    await tx.baseReview.update({ where: { id }, data: { status: 'SUBMITTED', result: null, approvedAt: null } })
    await audit(tx, staff, review, 'reopen', `重新打开：${reason}`, { from: 'APPROVED', to: 'SUBMITTED', reason, result: review.result })
    await tellBase(tx, review, `区里重新打开了已审定的报告：${reason}`)
  })
}

/** The district reminds the bases that have not submitted the year's report. Returns how many reports. */
export async function remindNotSubmitted(staff: Staff, districtId: string, year: number, now = new Date()): Promise<number> {
  if (!mayDesignate(staff, districtId)) throw notFound()
  return prisma.$transaction(async (tx) => {
    const reviews = await tx.baseReview.findMany({
      where: { districtId, year, status: { in: ['OPEN', 'RETURNED'] } },
      include: { venue: { select: { id: true, name: true, organisationId: true } }, level: { select: { name: true } } },
    })
    for (const review of reviews) {
      await tellBase(tx, review, `尚未提交，截止 ${shanghaiDateKey(review.deadline)}，请尽快填报`)
      await tx.baseReview.update({ where: { id: review.id }, data: { remindedAt: now } })
      await audit(tx, staff, review, 'remind', '提醒尚未提交')
    }
    return reviews.length
  })
}

// ——— Early warning ———

export type Warning = {
  venueId: string
  venueName: string
  levelName: string
  measured: Record<string, number>
  projected: Record<string, number>
  projectedPoints: number
  measurablePoints: number
  percent: number | null
  atRisk: boolean
}

/**
 * Each base of the district with a designation owing this year's report: its measured figures so far, projected to
 * the whole year (times days in the year over days gone), scored on the criteria of its level's sheet that read a
 * measured figure. A base whose projected share of those points is under the district's 合格 band is on course for
 * 不合格 and flagged. Criteria only the base can state are left out (they are unknown until it reports).
 */
export async function earlyWarning(districtId: string, year: number, now = new Date()): Promise<Warning[]> {
  const { from, to } = yearBounds(year)
  if (now <= from) return []
  const factor = now >= to ? 1 : (to.getTime() - from.getTime()) / (now.getTime() - from.getTime())
  const [designations, bands, ownSheets] = await Promise.all([
    prisma.baseDesignation.findMany({
      where: owingWhere(districtId, year),
      orderBy: { venue: { name: 'asc' } },
      select: {
        levelKey: true,
        venue: { select: { id: true, name: true, organisationId: true } },
        level: { select: { name: true, reviewSheet: true } },
      },
    }),
    getBands(districtId),
    districtSheets(prisma, districtId),
  ])
  const measuredKeys = new Set<string>(MEASURED_FIGURES.map((f) => f.key))
  return Promise.all(
    designations.map(async (d) => {
      const measured = (await measureVenueYear(prisma, d.venue, year, now)) as Record<string, number>
      const projected = Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, Math.round(v * factor)]))
      const sheet = sheetOf(ownSheets.get(d.levelKey) ?? d.level.reviewSheet).filter(
        (c) => c.figure && measuredKeys.has(c.figure) && c.bands,
      )
      const measurablePoints = sheetTotal(sheet)
      const projectedPoints = sheet.reduce((sum, c) => sum + (bandPoints(c, projected[c.figure!]) ?? 0), 0)
      const percent = measurablePoints ? Math.round((projectedPoints * 100) / measurablePoints) : null
      return {
        venueId: d.venue.id,
        venueName: d.venue.name,
        levelName: d.level.name,
        measured,
        projected,
        projectedPoints,
        measurablePoints,
        percent,
        atRisk: percent !== null && percent < bands.pass,
      }
    }),
  )
}

// ——— Dashboard ———

/**
 * The bases figures of a district (null: every district) for a year: venues holding an active designation now,
 * high-quality bases (an approved report of the year before rated 优秀 or 优良), and venues open (with a session held
 * this year, examples left out).
 */
export async function basesFigures(districtId: string | null, year: number, now = new Date()) {
  const inDistrict = districtId ? { districtId } : {}
  const { from, to } = yearBounds(year)
  const until = now < to ? now : to
  const [active, highQuality, venuesOpen] = await Promise.all([
    prisma.venue.count({
      where: {
        ...inDistrict,
        baseDesignations: { some: { ...currentDesignationWhere(now), status: 'ACTIVE' } },
      },
    }),
    prisma.venue.count({
      where: { ...inDistrict, baseReviews: { some: { year: year - 1, status: 'APPROVED', result: { in: ['优秀', '优良'] } } } },
    }),
    prisma.venue.count({
      where: {
        ...inDistrict,
        events: {
          some: {
            status: { not: 'DRAFT' },
            isExample: false,
            sessions: { some: { status: 'SCHEDULED', startsAt: { gte: from, lt: until } } },
          },
        },
      },
    }),
  ])
  return { active, highQuality, venuesOpen }
}
