// Fair booking (decision 013), per district and off by default: a phone holds at most N active places for
// sessions in the next D days, and K no-shows within M days of each other block it for X days. Checked inside
// registerForSession's transaction after a transaction-scoped advisory lock on (district, phone), so two
// registrations of one phone in one district are counted one after the other and cannot both pass the limit.
// Staff adding someone by hand and waitlist promotions are not checked: staff decide, and a promotion is not a
// new registration. Staff lift a block by recording a NoShowBlockLift: no-shows before it no longer count.
import { recordAudit } from '~/models/audit.server'
import { forbidden } from '~/utils/http-errors'
import { prisma, type Tx } from '~/utils/infra/db.server'
import { districtScope } from '~/utils/permissions.server'
import { maskMobile } from '~/utils/phone'
import { Refusal, localized } from '~/utils/refusal'
import { addDays, shanghaiDateKey, startOfShanghaiDay } from '~/utils/shanghai-time'
import type { Staff } from '~/utils/auth.server'

type Db = Tx | typeof prisma

const DAY_MS = 86400_000

/** The two rules of a district, each on only when all of its numbers are set. */
export type FairRules = {
  limit: { max: number; days: number } | null
  noShow: { noShows: number; days: number; blockDays: number } | null
}

export type FairRuleRow = {
  maxActive: number | null
  windowDays: number | null
  noShowLimit: number | null
  noShowWindowDays: number | null
  blockDays: number | null
}

export function fairRulesOf(row: FairRuleRow | null | undefined): FairRules {
  return {
    limit: row?.maxActive && row.windowDays ? { max: row.maxActive, days: row.windowDays } : null,
    noShow:
      row?.noShowLimit && row.noShowWindowDays && row.blockDays
        ? { noShows: row.noShowLimit, days: row.noShowWindowDays, blockDays: row.blockDays }
        : null,
  }
}

/** The district's rules as the public pages state them (both null when off). */
export async function getFairRules(districtId: string, db: Db = prisma): Promise<FairRules> {
  // In SQL: the event page and the registration form read it on every request, and Prisma's query compiler cost
  // more than the read (issue 31).
  const [row] = await db.$queryRaw<FairRuleRow[]>`
    SELECT "maxActive", "windowDays", "noShowLimit", "noShowWindowDays", "blockDays" FROM "FairBookingRule" WHERE "districtId" = ${districtId}`
  return fairRulesOf(row)
}

export type FairBookingCode = 'FAIR_LIMIT' | 'NO_SHOW_BLOCK'

function fairRefusal(code: FairBookingCode, values: Record<string, string | number>): Refusal {
  return new Refusal(localized(`registrationRefusal.${code}`, values), 'phone', 409, code)
}

/**
 * The active places counted by the limit, earliest end first: CONFIRMED or WAITLISTED registrations of this phone
 * for sessions of the district that have not ended and start before now + D days. Found through
 * Registration_phone_idx (one phone has few rows), then the session's and event's primary keys.
 */
async function activePlaceEnds(db: Db, phone: string, districtId: string, days: number, now: Date): Promise<Date[]> {
  const rows = await db.$queryRaw<Array<{ endsAt: Date }>>`
    SELECT s."endsAt" FROM "Registration" r
      JOIN "EventSession" s ON s.id = r."sessionId"
      JOIN "Event" e ON e.id = s."eventId"
    WHERE r.phone = ${phone} AND r.status IN ('CONFIRMED', 'WAITLISTED') AND e."districtId" = ${districtId}
      AND s."endsAt" > ${now} AND s."startsAt" < ${addDays(now, days)}
    ORDER BY s."endsAt"`
  return rows.map((r) => r.endsAt)
}

/**
 * The no-shows that can still matter, earliest first: CONFIRMED registrations (never checked in, never cancelled)
 * of this phone for sessions of the district that went ahead and have ended, after the latest lift, within the
 * last M + X days (an older one can neither start nor extend a block that is still running).
 */
async function noShowEnds(db: Db, phone: string, districtId: string, rule: NonNullable<FairRules['noShow']>, now: Date) {
  const since = addDays(now, -(rule.days + rule.blockDays + 1))
  const rows = await db.$queryRaw<Array<{ endsAt: Date }>>`
    SELECT s."endsAt" FROM "Registration" r
      JOIN "EventSession" s ON s.id = r."sessionId"
      JOIN "Event" e ON e.id = s."eventId"
    WHERE r.phone = ${phone} AND r.status = 'CONFIRMED' AND e."districtId" = ${districtId}
      AND s.status = 'SCHEDULED' AND e.status <> 'CANCELLED'
      AND s."endsAt" <= ${now} AND s."endsAt" > ${since}
      AND s."endsAt" > COALESCE(
        (SELECT MAX(l."liftedAt") FROM "NoShowBlockLift" l WHERE l.phone = ${phone} AND l."districtId" = ${districtId}),
        '-infinity'::timestamp)
    ORDER BY s."endsAt"`
  return rows.map((r) => r.endsAt)
}

/**
 * When a block ends: each no-show that is the K-th of K no-shows within M days (first to last session end) blocks
 * until 00:00 Shanghai time X days after the Shanghai day its session ended (a no-show on 1 December with X = 30
 * lifts on 31 December). The latest such day wins; null when there is none.
 */
export function noShowLiftsAt(ends: Date[], rule: NonNullable<FairRules['noShow']>): Date | null {
  let lift: Date | null = null
  for (let i = rule.noShows - 1; i < ends.length; i++) {
    if (ends[i].getTime() - ends[i - rule.noShows + 1].getTime() > rule.days * DAY_MS) continue
    const candidate = addDays(startOfShanghaiDay(ends[i]), rule.blockDays)
    if (!lift || candidate > lift) lift = candidate
  }
  return lift
}

/** The earliest day the limit lets this phone book again without cancelling: when enough of its places have ended. */
function limitLiftsOn(ends: Date[], max: number): Date | null {
  return ends.length >= max ? ends[ends.length - max] : null
}

/**
 * Refuses a new registration that breaks the district's rules (the block first, then the limit). Call inside the
 * registration's transaction with the rule read there (lockSession reads it with the session's row): it takes the
 * (district, phone) advisory lock before counting, held until commit. A district without a rule costs nothing.
 */
export async function enforceFairBooking(
  tx: Tx,
  { phone, districtId, rule, now }: { phone: string; districtId: string; rule: FairRuleRow; now: Date },
) {
  const rules = fairRulesOf(rule)
  if (!rules.limit && !rules.noShow) return
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`fair-booking:${districtId}:${phone}`}))`
  if (rules.noShow) {
    const lift = noShowLiftsAt(await noShowEnds(tx, phone, districtId, rules.noShow, now), rules.noShow)
    if (lift && lift > now)
      throw fairRefusal('NO_SHOW_BLOCK', {
        noShows: rules.noShow.noShows,
        days: rules.noShow.days,
        blockDays: rules.noShow.blockDays,
        until: shanghaiDateKey(lift),
      })
  }
  if (rules.limit) {
    const until = limitLiftsOn(await activePlaceEnds(tx, phone, districtId, rules.limit.days, now), rules.limit.max)
    if (until) throw fairRefusal('FAIR_LIMIT', { max: rules.limit.max, days: rules.limit.days, until: shanghaiDateKey(until) })
  }
}

// ---- Staff: the rule, a phone's standing, lifting a block ----

/**
 * The district a staff member works on here, and those they may choose: platform admins any active district (the
 * first when none is named), district admins only their own. Organisation staff have no access.
 */
export async function requireFairBookingDistrict(staff: Staff, districtId: string | null | undefined) {
  if (staff.role === 'ORG_STAFF') throw forbidden()
  const districts = await prisma.district.findMany({
    where: districtScope(staff),
    orderBy: { code: 'asc' },
    select: { id: true, name: true },
  })
  const district = districtId ? districts.find((d) => d.id === districtId) : districts[0]
  if (!district) throw forbidden('你只能管理本区的公平预约规则。')
  return { ...district, districts }
}

export async function getFairBookingRuleRow(districtId: string): Promise<FairRuleRow & { updatedAt: Date | null }> {
  const row = await prisma.fairBookingRule.findUnique({ where: { districtId } })
  return {
    maxActive: row?.maxActive ?? null,
    windowDays: row?.windowDays ?? null,
    noShowLimit: row?.noShowLimit ?? null,
    noShowWindowDays: row?.noShowWindowDays ?? null,
    blockDays: row?.blockDays ?? null,
    updatedAt: row?.updatedAt ?? null,
  }
}

/** Saves the district's rule (empty numbers switch that part off) with its audit entry, in one transaction. */
export async function saveFairBookingRule(staff: Staff, districtId: string, input: FairRuleRow) {
  const district = await requireFairBookingDistrict(staff, districtId)
  const data = {
    maxActive: input.maxActive ?? null,
    windowDays: input.windowDays ?? null,
    noShowLimit: input.noShowLimit ?? null,
    noShowWindowDays: input.noShowWindowDays ?? null,
    blockDays: input.blockDays ?? null,
    updatedById: staff.id,
  }
  await prisma.$transaction(async (tx) => {
    const before = await tx.fairBookingRule.findUnique({ where: { districtId: district.id } })
    await tx.fairBookingRule.upsert({ where: { districtId: district.id }, create: { districtId: district.id, ...data }, update: data })
    const rules = fairRulesOf(data)
    await recordAudit(tx, staff.id, {
      action: 'fair_booking.rule',
      entityType: 'FairBookingRule',
      entityId: district.id,
      summary: `修改${district.name}公平预约规则：${describeFairRulesZh(rules)}`,
      details: { before: before ? fairRulesOf(before) : null, after: rules },
      districtId: district.id,
    })
  })
}

/** The rules in the words staff read (the audit log, the admin page). */
export function describeFairRulesZh(rules: FairRules): string {
  const parts = [
    rules.limit ? `每个手机号 ${rules.limit.days} 天内最多 ${rules.limit.max} 个有效预约` : '预约数不限',
    rules.noShow ? `${rules.noShow.days} 天内爽约 ${rules.noShow.noShows} 次后 ${rules.noShow.blockDays} 天内不能报名` : '不限制爽约',
  ]
  return parts.join('；')
}

export type PhoneStanding = {
  phoneMasked: string
  noShows: Array<{ endsAt: Date; title: string }>
  activePlaces: number
  blockedUntil: string | null
  limitUntil: string | null
}

/** A phone's standing in the district, for staff who typed it; the look-up is a view of personal data, so it is logged. */
export async function lookUpPhoneStanding(staff: Staff, districtId: string, phone: string, now = new Date()): Promise<PhoneStanding> {
  const district = await requireFairBookingDistrict(staff, districtId)
  const rules = await getFairRules(district.id)
  const noShowRule = rules.noShow ?? { noShows: 1, days: 90, blockDays: 0 }
  const since = addDays(now, -(noShowRule.days + noShowRule.blockDays + 1))
  const [noShows, ends, limitEnds] = await Promise.all([
    prisma.registration.findMany({
      where: {
        phone,
        status: 'CONFIRMED',
        session: { status: 'SCHEDULED', endsAt: { lte: now, gt: since }, event: { districtId: district.id, status: { not: 'CANCELLED' } } },
      },
      orderBy: { session: { endsAt: 'desc' } },
      take: 50,
      select: { session: { select: { endsAt: true, event: { select: { title: true } } } } },
    }),
    rules.noShow ? noShowEnds(prisma, phone, district.id, rules.noShow, now) : Promise.resolve([]),
    activePlaceEnds(prisma, phone, district.id, rules.limit?.days ?? 365, now),
  ])
  const lift = rules.noShow ? noShowLiftsAt(ends, rules.noShow) : null
  const limitUntil = rules.limit ? limitLiftsOn(limitEnds, rules.limit.max) : null
  await recordAudit(prisma, staff.id, {
    action: 'fair_booking.lookup',
    entityType: 'Phone',
    entityId: null,
    summary: `查询手机号 ${maskMobile(phone)} 在${district.name}的爽约记录`,
    districtId: district.id,
  })
  return {
    phoneMasked: maskMobile(phone),
    noShows: noShows.map((r) => ({ endsAt: r.session.endsAt, title: r.session.event.title })),
    activePlaces: limitEnds.length,
    blockedUntil: lift && lift > now ? shanghaiDateKey(lift) : null,
    limitUntil: limitUntil ? shanghaiDateKey(limitUntil) : null,
  }
}

/**
 * Lifts a phone's no-show block in the district: no-shows before now no longer count. Refused when the phone is not
 * blocked (nothing to forgive). The lift and its audit entry are one transaction.
 */
export async function liftNoShowBlock(staff: Staff, districtId: string, phone: string, reason: string, now = new Date()) {
  const district = await requireFairBookingDistrict(staff, districtId)
  const rules = await getFairRules(district.id)
  const lift = rules.noShow ? noShowLiftsAt(await noShowEnds(prisma, phone, district.id, rules.noShow, now), rules.noShow) : null
  if (!lift || lift <= now) throw new Refusal('这个手机号目前没有因爽约被限制报名。', 'phone')
  await prisma.$transaction(async (tx) => {
    const row = await tx.noShowBlockLift.create({
      data: { phone, districtId: district.id, liftedAt: now, liftedById: staff.id, reason },
      select: { id: true },
    })
    await recordAudit(tx, staff.id, {
      action: 'fair_booking.lift',
      entityType: 'NoShowBlockLift',
      entityId: row.id,
      summary: `解除手机号 ${maskMobile(phone)} 在${district.name}的爽约限制（原定 ${shanghaiDateKey(lift)} 解除）。原因：${reason}`,
      districtId: district.id,
    })
  })
}

/** The district's latest lifts, phones masked. */
export async function listRecentLifts(districtId: string) {
  const rows = await prisma.noShowBlockLift.findMany({
    where: { districtId },
    orderBy: { liftedAt: 'desc' },
    take: 20,
    select: { id: true, phone: true, liftedAt: true, reason: true, liftedById: true },
  })
  const users = await prisma.user.findMany({
    where: { id: { in: rows.flatMap((r) => (r.liftedById ? [r.liftedById] : [])) } },
    select: { id: true, name: true },
  })
  const nameOf = new Map(users.map((u) => [u.id, u.name]))
  return rows.map(({ phone, liftedById, ...row }) => ({
    ...row,
    phoneMasked: maskMobile(phone),
    liftedBy: liftedById ? (nameOf.get(liftedById) ?? '') : '',
  }))
}
