// 数字科普点位 (decision 037). The rules:
// - A point is a venue of type DIGITAL_POINT (its name and place are the venue's) with its kind, who keeps it and
//   the resources it shows. A district's admins keep their district's points (platform admins every one; anyone
//   else none, 403); another district's point is "not found". A point shows only its own district's resources.
// - A point's device reports plays with a token staff issue: shown once, stored as its SHA-256 only, replaced when
//   staff issue a new one (the old one stops working at once).
// - A report is counted once: its `reportId` is unique per point (a replay is refused, 409, and not counted again),
//   its plays a whole number 1–MAX_PLAYS_PER_REPORT, its day a Shanghai day not in the future and at most
//   REPORT_MAX_AGE_DAYS old. Every attempt counts against the address's limit (a token cannot be guessed by a flood)
//   and every authenticated one against the point's (a device stuck in a loop). Counted as OnlineReach POINT_REPORT
//   with the point, in one statement.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { recordAudit } from '~/models/audit.server'
import { addressBucket } from '~/utils/infra/client-address.server'
import { prisma } from '~/utils/infra/db.server'
import { consumeRateLimits } from '~/utils/infra/rate-limit.server'
import { Refusal } from '~/utils/refusal'
import { parseShanghaiDate, shanghaiDateKey } from '~/utils/shanghai-time'
import { MAX_PLAYS_PER_REPORT, REPORT_MAX_AGE_DAYS } from './point-report-limits'
import { requireOnlineStaff } from './resources.server'
import type { DigitalPointInput } from './admin-schema'
import type { Prisma } from '@prisma/client'
import type { Staff } from '~/utils/auth.server'

export { MAX_PLAYS_PER_REPORT, REPORT_MAX_AGE_DAYS }
export const REPORTS_PER_POINT_HOUR = 60
export const REPORTS_PER_ADDRESS_HOUR = 300

const TOKEN_PREFIX = 'kpt_'

/** The counting rule of point reports, as the dashboard prints it. */
export const POINT_REPORT_RULE = `数字点位上报的播放次数：每个点位用自己的密钥上报，同一上报编号只计 1 次；每次上报 1–${MAX_PLAYS_PER_REPORT} 次、日期不晚于当天且不早于 ${REPORT_MAX_AGE_DAYS} 天前；每个点位每小时最多 ${REPORTS_PER_POINT_HOUR} 次上报。`

export const hashPointToken = (token: string) => createHash('sha256').update(token).digest('hex')

/** The points a staff member keeps: venues of type DIGITAL_POINT in their district (platform admins: all). */
export function pointScope(staff: Staff): Prisma.VenueWhereInput {
  if (staff.role === 'PLATFORM_ADMIN') return { type: 'DIGITAL_POINT' }
  if (staff.role === 'DISTRICT_ADMIN') return { type: 'DIGITAL_POINT', districtId: staff.districtId ?? '-' }
  return { id: '-' }
}

const outOfScope = () => new Refusal('找不到这个点位，或不在你的管理范围内。', undefined, 404)

export async function listPointsForStaff(staff: Staff) {
  requireOnlineStaff(staff)
  const points = await prisma.venue.findMany({
    where: pointScope(staff),
    orderBy: [{ district: { code: 'asc' } }, { name: 'asc' }],
    take: 1000,
    select: {
      id: true,
      slug: true,
      name: true,
      district: { select: { name: true } },
      digitalPoint: { select: { kind: true, keeper: true, tokenIssuedAt: true, _count: { select: { resources: true } } } },
    },
  })
  const plays = await prisma.onlineReach.groupBy({
    by: ['pointId'],
    where: { pointId: { in: points.map((p) => p.id) } },
    _sum: { count: true },
  })
  const playsOf = new Map(plays.map((p) => [p.pointId, p._sum.count ?? 0]))
  return points.map((p) => ({ ...p, plays: playsOf.get(p.id) ?? 0 }))
}

export async function findPointForStaff(staff: Staff, venueId: string) {
  requireOnlineStaff(staff)
  return prisma.venue.findFirst({
    where: { AND: [{ id: venueId }, pointScope(staff)] },
    select: {
      id: true,
      slug: true,
      name: true,
      districtId: true,
      district: { select: { name: true } },
      digitalPoint: {
        select: { kind: true, keeper: true, tokenIssuedAt: true, resources: { select: { resourceId: true } } },
      },
    },
  })
}

/** The resources a point may show: its district's. */
export function pointResourceChoices(districtId: string) {
  return prisma.onlineResource.findMany({
    where: { districtId },
    orderBy: [{ published: 'desc' }, { title: 'asc' }],
    take: 300,
    select: { id: true, title: true, published: true },
  })
}

/** Kind, keeper and what the point shows: one transaction with the audit entry. */
export async function savePoint(staff: Staff, venueId: string, input: DigitalPointInput): Promise<void> {
  const venue = await findPointForStaff(staff, venueId)
  if (!venue) throw outOfScope()
  const resourceIds = [...new Set(input.resourceIds)]
  const found = await prisma.onlineResource.count({ where: { id: { in: resourceIds }, districtId: venue.districtId } })
  if (found !== resourceIds.length) throw new Refusal('请从列表中选择本区的线上资源。', 'resourceIds')
  await prisma.$transaction(async (tx) => {
    await tx.digitalPoint.upsert({
      where: { venueId },
      create: { venueId, kind: input.kind, keeper: input.keeper },
      update: { kind: input.kind, keeper: input.keeper },
    })
    await tx.digitalPointResource.deleteMany({ where: { venueId } })
    if (resourceIds.length) await tx.digitalPointResource.createMany({ data: resourceIds.map((resourceId) => ({ venueId, resourceId })) })
    await recordAudit(tx, staff.id, {
      action: venue.digitalPoint ? 'digital_point.update' : 'digital_point.create',
      entityType: 'venue',
      entityId: venueId,
      districtId: venue.districtId,
      summary: `${venue.digitalPoint ? '修改' : '登记'}数字科普点位「${venue.name}」（展示 ${resourceIds.length} 个资源）`,
    })
  })
}

/**
 * A new report token for the point, returned once (only its hash is kept); any earlier token stops working. The
 * point's facts must be saved first.
 */
export async function issuePointToken(staff: Staff, venueId: string, now = new Date()): Promise<string> {
  const venue = await findPointForStaff(staff, venueId)
  if (!venue) throw outOfScope()
  if (!venue.digitalPoint) throw new Refusal('请先保存点位信息（类型和维护单位），再发放上报密钥。')
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
  await prisma.$transaction(async (tx) => {
    await tx.digitalPoint.update({ where: { venueId }, data: { tokenHash: hashPointToken(token), tokenIssuedAt: now } })
    await recordAudit(tx, staff.id, {
      action: venue.digitalPoint?.tokenIssuedAt ? 'digital_point.token_rotate' : 'digital_point.token_issue',
      entityType: 'venue',
      entityId: venueId,
      districtId: venue.districtId,
      summary: `${venue.digitalPoint?.tokenIssuedAt ? '更换' : '发放'}数字科普点位「${venue.name}」的上报密钥`,
    })
  })
  return token
}

/** A point's plays as reported: the total, the last 30 days and the latest report. */
export async function reachOfPoint(venueId: string, now = new Date()) {
  const since = new Date(`${shanghaiDateKey(new Date(now.getTime() - 30 * 86400_000))}T00:00:00Z`)
  const [all, recent, last] = await Promise.all([
    prisma.onlineReach.aggregate({ where: { pointId: venueId }, _sum: { count: true }, _count: true }),
    prisma.onlineReach.aggregate({ where: { pointId: venueId, day: { gte: since } }, _sum: { count: true } }),
    prisma.onlineReach.findFirst({ where: { pointId: venueId }, orderBy: { createdAt: 'desc' }, select: { createdAt: true, day: true } }),
  ])
  return {
    plays: all._sum.count ?? 0,
    reports: all._count,
    last30Days: recent._sum.count ?? 0,
    lastReportAt: last?.createdAt ?? null,
  }
}

/** What a venue page shows of a point: its kind, keeper and the published resources it shows. */
export function pointForVenue(venueSlug: string) {
  return prisma.digitalPoint.findFirst({
    where: { venue: { slug: venueSlug } },
    select: {
      kind: true,
      keeper: true,
      resources: {
        where: { resource: { published: true } },
        take: 24,
        select: { resource: { select: { slug: true, kind: true, title: true, coverFileId: true } } },
      },
    },
  })
}

// ——— Reports from a point's device ———

const reportSchema = z.object({
  reportId: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  plays: z.number().int().min(1).max(MAX_PLAYS_PER_REPORT),
})

export type PointReportAnswer = {
  status: 201 | 400 | 401 | 409 | 429
  body: { counted: number; day: string; reportId: string } | { error: string; message: string; field?: string }
  retryAfterSeconds?: number
}

const refused = (status: PointReportAnswer['status'], error: string, message: string, field?: string): PointReportAnswer => ({
  status,
  body: { error, message, ...(field ? { field } : {}) },
})

/** Whether `authorization` is `Bearer <the point's token>`; the comparison takes the same time whatever matches. */
async function tokenMatches(pointId: string, authorization: string | null): Promise<{ districtId: string } | null> {
  const token = /^Bearer ([A-Za-z0-9_-]{8,200})$/.exec(authorization?.trim() ?? '')?.[1]
  const point = await prisma.digitalPoint.findUnique({
    where: { venueId: pointId },
    select: { tokenHash: true, venue: { select: { districtId: true, type: true } } },
  })
  const expected = Buffer.from(point?.tokenHash ?? '0'.repeat(64), 'hex')
  const given = Buffer.from(hashPointToken(token ?? ''), 'hex')
  const same = timingSafeEqual(expected, given)
  // A venue that is no longer a digital point reports nothing, whatever token its old device still has.
  return point?.tokenHash && token && same && point.venue.type === 'DIGITAL_POINT' ? { districtId: point.venue.districtId } : null
}

/**
 * One report from a point's device: `body` is the parsed JSON (or undefined when it was not JSON), `address` the
 * trusted client address (never a header the client chose). Answers the HTTP status and JSON body.
 */
export async function receivePointReport({
  pointId,
  authorization,
  body,
  address,
  now = new Date(),
}: {
  pointId: string
  authorization: string | null
  body: unknown
  address: string
  now?: Date
}): Promise<PointReportAnswer> {
  const byAddress = await consumeRateLimits(
    [{ key: `point-report:address:${addressBucket(address)}`, limit: REPORTS_PER_ADDRESS_HOUR, windowSeconds: 3600 }],
    now,
  )
  if (!byAddress.allowed)
    return {
      ...refused(429, 'rate_limited', '上报过于频繁，请稍后再试。 / Too many reports from this address: try again later.'),
      retryAfterSeconds: byAddress.retryAfterSeconds,
    }
  const point = /^[A-Za-z0-9_-]{1,40}$/.test(pointId) ? await tokenMatches(pointId, authorization) : null
  if (!point) return refused(401, 'unauthorized', '点位或上报密钥不正确。 / Unknown point or wrong report token.')
  const byPoint = await consumeRateLimits(
    [{ key: `point-report:point:${pointId}`, limit: REPORTS_PER_POINT_HOUR, windowSeconds: 3600 }],
    now,
  )
  if (!byPoint.allowed)
    return {
      ...refused(429, 'rate_limited', '这个点位上报过于频繁，请稍后再试。 / Too many reports from this point: try again later.'),
      retryAfterSeconds: byPoint.retryAfterSeconds,
    }
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body))
    return refused(400, 'invalid_json', '请以 JSON 对象发送 { reportId, day, plays }。 / Send a JSON object { reportId, day, plays }.')
  const parsed = reportSchema.safeParse(body)
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? '')
    const messages: Record<string, string> = {
      reportId:
        'reportId 须为 1–64 个字母、数字或 ._:- 字符（每次上报唯一）。 / reportId must be 1–64 letters, digits or ._:- (unique per report).',
      day: 'day 须为 YYYY-MM-DD 格式的日期。 / day must be a date, YYYY-MM-DD.',
      plays: `plays 须为 1–${MAX_PLAYS_PER_REPORT} 的整数。 / plays must be a whole number from 1 to ${MAX_PLAYS_PER_REPORT}.`,
    }
    return refused(400, 'invalid_report', messages[field] ?? messages.plays, field || undefined)
  }
  const { reportId, day, plays } = parsed.data
  const today = shanghaiDateKey(now)
  const oldest = shanghaiDateKey(new Date(now.getTime() - REPORT_MAX_AGE_DAYS * 86400_000))
  if (!parseShanghaiDate(day) || shanghaiDateKey(parseShanghaiDate(day)!) !== day)
    return refused(400, 'invalid_report', 'day 不是有效日期。 / day is not a valid date.', 'day')
  if (day > today) return refused(400, 'future_day', 'day 不能晚于今天（上海时间）。 / day cannot be in the future (Shanghai time).', 'day')
  if (day < oldest)
    return refused(
      400,
      'day_too_old',
      `只接受 ${REPORT_MAX_AGE_DAYS} 天内的上报。 / Only reports of the last ${REPORT_MAX_AGE_DAYS} days are accepted.`,
      'day',
    )
  const id = `p${randomBytes(12).toString('hex')}`
  const inserted = await prisma.$executeRaw`
    INSERT INTO "OnlineReach" (id, "districtId", source, day, count, "pointId", "reportId")
    VALUES (${id}, ${point.districtId}, 'POINT_REPORT'::"OnlineReachSource", CAST(${day} AS date), ${plays}, ${pointId}, ${reportId})
    ON CONFLICT ("pointId", "reportId") DO NOTHING`
  if (inserted !== 1)
    return refused(
      409,
      'replayed',
      '这个上报编号已经计过，不再重复计数。 / This reportId was already counted; it is not counted again.',
      'reportId',
    )
  return { status: 201, body: { counted: plays, day, reportId } }
}
