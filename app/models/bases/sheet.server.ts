// The scoring sheet a district sets for a level (issue 27 point 4, decision 036). The rules this file keeps:
// - a district without its own sheet for a level uses the level's seeded one (`BaseLevel.reviewSheet`); the
//   district's admins (and platform admins, choosing the district) edit it. A report copies the sheet when it is
//   opened (review.server.ts), so a report of a past year never moves;
// - an edit applies to the district's reports of the level for the current Shanghai year too (their copy is
//   replaced), so it is refused while any of them has been scored (by the base or the district), submitted or
//   approved: the message names the report and why. The reports' rows are locked first, so a self score cannot slip
//   in between the check and the write, and the district's row, as opening reports does;
// - every criterion: a name, whole points from 1 to 100, the figure it reads (or none: judged by the reviewer), and
//   bands written highest first ("300=20"), each threshold lower than the one before, points not rising and within
//   the criterion's; the total is over 0. Every wrong box is said next to it and nothing is saved;
// - every save is an audit entry (`BaseReviewSheet`, before and after) in the transaction that writes it.
import { recordAudit } from '~/models/audit.server'
import { prisma, type Tx } from '~/utils/infra/db.server'
import { Refusal } from '~/utils/refusal'
import { shanghaiDateKey } from '~/utils/shanghai-time'
import { mayDesignate } from './designation.server'
import { sheetOf, sheetTotal, type Band, type SheetCriterion } from './figures.server'
import { reviewStatusLabel, SHEET_FIGURES, SHEET_MAX_CRITERIA } from './labels'
import type { Prisma } from '@prisma/client'
import type { Staff } from '~/utils/auth.server'

/** A refusal with a message next to each wrong box (the form keeps what was typed). */
export class SheetRefusal extends Refusal {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super(Object.values(fieldErrors)[0]?.[0] ?? '评分表有误。', Object.keys(fieldErrors)[0], 400)
  }
  replyErrors() {
    return { fieldErrors: this.fieldErrors }
  }
}

const notFound = () => new Refusal('没有这个级别，或不在您的管理范围内。', undefined, 404)

/** The sheet a district scores a level by: its own when it set one, else the level's. */
export async function districtSheet(db: Tx | typeof prisma, districtId: string, levelKey: string): Promise<Prisma.JsonValue> {
  const [own, level] = await Promise.all([
    db.baseReviewSheet.findUnique({ where: { districtId_levelKey: { districtId, levelKey } }, select: { sheet: true } }),
    db.baseLevel.findUnique({ where: { key: levelKey }, select: { reviewSheet: true } }),
  ])
  return own?.sheet ?? level?.reviewSheet ?? []
}

/** The district's own sheets by level key, for reading many levels at once. */
export async function districtSheets(db: Tx | typeof prisma, districtId: string): Promise<Map<string, Prisma.JsonValue>> {
  const rows = await db.baseReviewSheet.findMany({ where: { districtId }, select: { levelKey: true, sheet: true } })
  return new Map(rows.map((r) => [r.levelKey, r.sheet]))
}

const thisYear = (now: Date) => Number(shanghaiDateKey(now).slice(0, 4))

/** Why this year's reports of the level hold the sheet fixed: the first report scored, submitted or approved. */
function lockReason(r: {
  status: keyof typeof reviewStatusLabel
  selfTotal: number | null
  districtTotal: number | null
  venue: { name: string }
}) {
  if (r.status !== 'OPEN') return `「${r.venue.name}」的报告现为「${reviewStatusLabel[r.status]}」`
  if (r.districtTotal !== null) return `「${r.venue.name}」的报告已有区评分`
  if (r.selfTotal !== null) return `「${r.venue.name}」的报告已有自评分`
  return null
}

/** The sheet page: the level, the district's sheet (own or the level's), and whether this year's reports hold it. */
export async function getSheet(staff: Staff, districtId: string, levelKey: string, now = new Date()) {
  if (!mayDesignate(staff, districtId)) throw notFound()
  const level = await prisma.baseLevel.findUnique({ where: { key: levelKey }, select: { key: true, name: true, reviewSheet: true } })
  if (!level) throw notFound()
  const own = await prisma.baseReviewSheet.findUnique({
    where: { districtId_levelKey: { districtId, levelKey } },
    select: { sheet: true, updatedAt: true, updatedBy: { select: { name: true } } },
  })
  const year = thisYear(now)
  const reports = await prisma.baseReview.findMany({
    where: { districtId, levelKey, year },
    select: { status: true, selfTotal: true, districtTotal: true, venue: { select: { name: true } } },
  })
  const locked = reports.map(lockReason).find((reason) => reason !== null) ?? null
  const sheet = sheetOf(own?.sheet ?? level.reviewSheet)
  return {
    level: { key: level.key, name: level.name },
    sheet,
    total: sheetTotal(sheet),
    own: own ? { updatedAt: own.updatedAt, by: own.updatedBy?.name ?? null } : null,
    year,
    openReports: reports.length,
    locked,
  }
}

const WHOLE = /^\d{1,7}$/
const KEY = /^[A-Za-z0-9_-]{1,40}$/

/**
 * The posted rows as a sheet, or every wrong box named. A row whose name, points and bands are all empty is left
 * out (how a criterion is removed). Fields: `c.<i>.key`, `c.<i>.label`, `c.<i>.points`, `c.<i>.figure`, `c.<i>.bands`.
 */
export function parseSheet(rows: Array<Record<string, string | undefined>>): SheetCriterion[] {
  const errors: Record<string, string[]> = {}
  const sheet: SheetCriterion[] = []
  const used = new Set<string>()
  rows.forEach((row, i) => {
    const label = (row.label ?? '').trim()
    const pointsText = (row.points ?? '').trim()
    const bandsText = (row.bands ?? '').trim()
    const figure = (row.figure ?? '').trim()
    if (!label && !pointsText && !bandsText) return
    const at = (name: string, message: string) => (errors[`c.${i}.${name}`] ??= []).push(message)
    if (label.length < 2 || label.length > 60) at('label', '名称请写 2–60 字')
    const points = WHOLE.test(pointsText) ? Number(pointsText) : NaN
    if (!(points >= 1 && points <= 100)) at('points', '分值须为 1 到 100 的整数')
    if (figure && !SHEET_FIGURES.includes(figure)) at('figure', '请从列表中选择数据')
    const bands: Band[] = []
    if (bandsText) {
      if (!figure) at('figure', '分档按数据给分：请选择这项读取的数据，或清空分档由评审判断')
      const lines = bandsText
        .split(/[\n,，;；]+/)
        .map((l) => l.trim())
        .filter(Boolean)
      for (const [n, line] of lines.entries()) {
        const match = /^(\d{1,9})\s*[=＝:：]\s*(\d{1,3})$/.exec(line)
        if (!match) {
          at('bands', `第 ${n + 1} 档「${line.slice(0, 20)}」须写成 达到值=得分，如 300=20`)
          break
        }
        const band = { atLeast: Number(match[1]), points: Number(match[2]) }
        const before = bands[bands.length - 1]
        if (band.points < 1 || (points >= 1 && band.points > points)) {
          at('bands', `第 ${n + 1} 档的得分须在 1 到本项分值 ${Number.isNaN(points) ? '' : points} 之间`)
          break
        }
        if (before && band.atLeast >= before.atLeast) {
          at('bands', `分档须从高到低排列：第 ${n + 1} 档的达到值 ${band.atLeast} 须低于上一档的 ${before.atLeast}`)
          break
        }
        if (before && band.points > before.points) {
          at('bands', `达到值越低得分不能越高：第 ${n + 1} 档 ${band.points} 分高于上一档的 ${before.points} 分`)
          break
        }
        bands.push(band)
      }
      if (lines.length > 10) at('bands', '分档最多 10 档')
    }
    const postedKey = (row.key ?? '').trim()
    let key = KEY.test(postedKey) && !used.has(postedKey) ? postedKey : ''
    for (let n = i + 1; !key; n++) if (!used.has(`c${n}`)) key = `c${n}`
    used.add(key)
    sheet.push({ key, label, points, ...(figure ? { figure } : {}), ...(bands.length ? { bands } : {}) })
  })
  if (!Object.keys(errors).length) {
    if (!sheet.length) errors['c.0.label'] = ['评分表至少要有一项标准，总分须大于 0']
    else if (sheet.length > SHEET_MAX_CRITERIA) errors[''] = [`评分表最多 ${SHEET_MAX_CRITERIA} 项`]
    else if (sheetTotal(sheet) > 1000) errors[''] = ['总分最多 1000 分']
  }
  if (Object.keys(errors).length) throw new SheetRefusal(errors)
  return sheet
}

/**
 * The district saves its sheet for a level; this year's reports of the level take it too. Refused (nothing saved)
 * when one of them is scored, submitted or approved: the message names it. Returns how many reports took it.
 */
export async function saveSheet(
  staff: Staff,
  districtId: string,
  levelKey: string,
  rows: Array<Record<string, string | undefined>>,
  now = new Date(),
): Promise<number> {
  if (!mayDesignate(staff, districtId)) throw notFound()
  const sheet = parseSheet(rows)
  const year = thisYear(now)
  return prisma.$transaction(async (tx) => {
    const level = await tx.baseLevel.findUnique({ where: { key: levelKey }, select: { key: true, name: true } })
    if (!level) throw notFound()
    await tx.$queryRaw`SELECT id FROM "District" WHERE id = ${districtId} FOR UPDATE`
    await tx.$queryRaw`SELECT id FROM "BaseReview" WHERE "districtId" = ${districtId} AND "levelKey" = ${levelKey} AND year = ${year} FOR UPDATE`
    const reports = await tx.baseReview.findMany({
      where: { districtId, levelKey, year },
      orderBy: { venue: { name: 'asc' } },
      select: { id: true, status: true, selfTotal: true, districtTotal: true, venue: { select: { name: true } } },
    })
    const reason = reports.map(lockReason).find((r) => r !== null)
    if (reason)
      throw new Refusal(`不能修改：${reason}，${year} 年度的评分表已按现行标准使用。修改会改变已评分的报告，请在开启下一年度考核前修改。`)
    const before = await districtSheet(tx, districtId, levelKey)
    await tx.baseReviewSheet.upsert({
      where: { districtId_levelKey: { districtId, levelKey } },
      create: { districtId, levelKey, sheet, updatedById: staff.id },
      update: { sheet, updatedById: staff.id },
    })
    if (reports.length) await tx.baseReview.updateMany({ where: { id: { in: reports.map((r) => r.id) } }, data: { sheet } })
    await recordAudit(tx, staff.id, {
      action: 'base.review_sheet',
      entityType: 'BaseReviewSheet',
      entityId: `${districtId}:${levelKey}`,
      summary: `${level.name}考核评分表：${sheet.length} 项，共 ${sheetTotal(sheet)} 分${reports.length ? `（${year} 年度 ${reports.length} 份未评分的报告随之更新）` : ''}`,
      details: { before, after: sheet, reports: reports.map((r) => r.id) },
      districtId,
    })
    return reports.length
  })
}

/** The sheet's history: its audit entries, newest first. */
export function sheetHistory(districtId: string, levelKey: string) {
  return prisma.auditEntry.findMany({
    where: { entityType: 'BaseReviewSheet', entityId: `${districtId}:${levelKey}` },
    orderBy: { at: 'desc' },
    take: 50,
    select: { id: true, at: true, summary: true, actor: { select: { name: true } } },
  })
}
