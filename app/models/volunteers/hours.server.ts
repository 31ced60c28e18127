// 科普志愿者 hours. Planned time (the role's length, kept on the shift when claimed) and credited time are separate
// fields and never mixed. Credited time = the time present between arrival and the role's end: from check-in (not
// before the arrival time) to check-out (not after the role's end), credited only when it is at least the
// district's share of the role (60% unless the district sets another); otherwise nothing is credited and the
// shift says why. A volunteer checked in and never out gets nothing until staff confirm, and then exactly up to
// the role's end. Every change by hand carries a reason and an audit entry in the same transaction.
// Check-in and check-out use the volunteer's own code on the session's check-in page (the first scan checks in,
// the next checks out), in the same window as registrations: 3 hours before arrival to 3 hours after the end.
import { recordAudit } from '~/models/audit.server'
import { queueMessages } from '~/models/message/message.server'
import { clause, defaultOrigin, storedLanguage } from '~/models/message/notify.server'
import { readableCode, normaliseCode } from '~/utils/codes.server'
import { formatDate, formatSessionTime } from '~/utils/format'
import { prisma, type Tx } from '~/utils/infra/db.server'
import { Refusal } from '~/utils/refusal'
import { ACTIVE, roleMinutes } from './roles.server'
import { hoursOf, starLevel, CERTIFICATE_PATTERN } from './schema'
import { roleScope, ruleOf, volunteerRefusal } from './volunteer.server'
import type { Prisma, VolunteerCredit, VolunteerRoleStatus, VolunteerShiftStatus } from '@prisma/client'
import type { Staff } from '~/utils/auth.server'

const MINUTE = 60_000
const HOUR = 3600_000
/** The check-in window around a role: from 3 hours before arrival to 3 hours after the end (as for registrations). */
export const SCAN_MARGIN_MS = 3 * HOUR

/** What a check-out earns: minutes present inside the role, and whether they reach the district's share. */
export function creditFor(
  role: { startsAt: Date; endsAt: Date },
  checkedInAt: Date,
  checkedOutAt: Date,
  minPresentPct: number,
): { credit: VolunteerCredit; minutes: number; presentMinutes: number } {
  const from = Math.max(checkedInAt.getTime(), role.startsAt.getTime())
  const to = Math.min(checkedOutAt.getTime(), role.endsAt.getTime())
  const presentMinutes = Math.max(0, Math.floor((to - from) / MINUTE))
  const planned = roleMinutes(role)
  if (presentMinutes * 100 >= minPresentPct * planned && presentMinutes > 0)
    return { credit: 'CREDITED', minutes: presentMinutes, presentMinutes }
  return { credit: 'TOO_SHORT', minutes: 0, presentMinutes }
}

export type ScanOutcome =
  | { ok: true; kind: 'in' | 'out'; name: string; role: string; creditedMinutes?: number; credit?: VolunteerCredit }
  | { ok: false; message: string; name?: string }

/**
 * A volunteer's code scanned on a session's check-in page (or a venue role's page): checks in, or out at the
 * second scan. Only a place held (ACCEPTED) on a role of that session within the staff member's scope.
 */
export async function scanVolunteerCode(
  staff: Staff,
  where: { sessionId: string } | { roleId: string },
  rawCode: string,
  { now = new Date(), origin = defaultOrigin() }: { now?: Date; origin?: string } = {},
): Promise<ScanOutcome | null> {
  const code = normaliseCode(rawCode)
  const volunteer = await prisma.volunteer.findUnique({ where: { code }, select: { id: true, name: true } })
  if (!volunteer) return null
  const shifts = await prisma.volunteerShift.findMany({
    where: {
      volunteerId: volunteer.id,
      status: 'ACCEPTED',
      role: { AND: [roleScope(staff), 'sessionId' in where ? { sessionId: where.sessionId } : { id: where.roleId }, { status: 'OPEN' }] },
    },
    orderBy: { role: { startsAt: 'asc' } },
    select: {
      id: true,
      checkedInAt: true,
      checkedOutAt: true,
      role: { select: { id: true, title: true, startsAt: true, endsAt: true, districtId: true } },
    },
  })
  if (!shifts.length) return { ok: false, name: volunteer.name, message: `${volunteer.name} 没有这一场的志愿岗位（或尚未被录用）。` }
  const shift = shifts.find(
    (s) => now.getTime() >= s.role.startsAt.getTime() - SCAN_MARGIN_MS && now.getTime() <= s.role.endsAt.getTime() + SCAN_MARGIN_MS,
  )
  if (!shift)
    return {
      ok: false,
      name: volunteer.name,
      message: `志愿者签到在到岗前 3 小时到结束后 3 小时之间开放（${formatSessionTime(shifts[0].role.startsAt, shifts[0].role.endsAt)}）。`,
    }
  if (shift.checkedOutAt) return { ok: false, name: volunteer.name, message: `${volunteer.name} 已签退，时长已记录，不重复记录。` }
  return prisma.$transaction(async (tx) => {
    if (!shift.checkedInAt) {
      const { count } = await tx.volunteerShift.updateMany({ where: { id: shift.id, checkedInAt: null }, data: { checkedInAt: now } })
      if (count !== 1)
        return { ok: false, name: volunteer.name, message: `${volunteer.name} 刚刚已签到，不重复记录。` } satisfies ScanOutcome
      await recordAudit(tx, staff.id, {
        action: 'volunteer.check_in',
        entityType: 'volunteerShift',
        entityId: shift.id,
        districtId: shift.role.districtId,
        summary: `志愿者签到：${volunteer.name}（${shift.role.title}）`,
      })
      return { ok: true, kind: 'in', name: volunteer.name, role: shift.role.title } satisfies ScanOutcome
    }
    // A second scan within a minute of the first is the same scan from another phone, not a check-out.
    if (now.getTime() - shift.checkedInAt.getTime() < MINUTE)
      return { ok: false, name: volunteer.name, message: `${volunteer.name} 刚刚已签到，不重复记录。` } satisfies ScanOutcome
    const rule = await ruleOf(tx, shift.role.districtId)
    const earned = creditFor(shift.role, shift.checkedInAt, now, rule.minPresentPct)
    const { count } = await tx.volunteerShift.updateMany({
      where: { id: shift.id, checkedOutAt: null },
      data: { checkedOutAt: now, credit: earned.credit, creditedMinutes: earned.minutes, creditedAt: now },
    })
    if (count !== 1) return { ok: false, name: volunteer.name, message: `${volunteer.name} 已签退，不重复记录。` } satisfies ScanOutcome
    if (earned.credit === 'CREDITED') await queueCredited(tx, shift.id, origin)
    await recordAudit(tx, staff.id, {
      action: 'volunteer.check_out',
      entityType: 'volunteerShift',
      entityId: shift.id,
      districtId: shift.role.districtId,
      summary: `志愿者签退：${volunteer.name}（${shift.role.title}），在岗 ${earned.presentMinutes} 分钟，${earned.credit === 'CREDITED' ? `记 ${hoursOf(earned.minutes)} 小时` : `不足 ${rule.minPresentPct}%，不计时长`}`,
    })
    return {
      ok: true,
      kind: 'out',
      name: volunteer.name,
      role: shift.role.title,
      creditedMinutes: earned.minutes,
      credit: earned.credit,
    } satisfies ScanOutcome
  })
}

/** A check-out's outcome for staff, in Chinese (staff pages are Chinese, decision 007). */
export function volunteerCreditText(outcome: { credit?: VolunteerCredit; creditedMinutes?: number }): string {
  return outcome.credit === 'CREDITED' ? `记录 ${hoursOf(outcome.creditedMinutes ?? 0)} 小时` : '在岗时间不足规定比例，不计时长'
}

async function queueCredited(tx: Tx, shiftId: string, origin: string): Promise<void> {
  const shift = await tx.volunteerShift.findUniqueOrThrow({
    where: { id: shiftId },
    select: {
      creditedMinutes: true,
      role: { select: { title: true, districtId: true } },
      volunteer: { select: { locale: true, resident: { select: { phone: true } } } },
    },
  })
  const phone = shift.volunteer.resident?.phone
  if (!phone || !shift.creditedMinutes) return
  const language = storedLanguage(shift.volunteer.locale)
  await queueMessages(tx, [
    {
      to: { phone, language },
      message: {
        subjectType: 'VolunteerShift',
        subjectId: shiftId,
        districtId: shift.role.districtId,
        template: 'volunteer.credited',
        params: {
          title: clause(shift.role.title, language),
          hours: String(hoursOf(shift.creditedMinutes)),
          link: `${origin}/volunteers/me`,
        },
      },
    },
  ])
}

async function scopedShift(tx: Tx, staff: Staff, shiftId: string) {
  const shift = await tx.volunteerShift.findFirst({
    where: { id: shiftId, role: roleScope(staff) },
    select: {
      id: true,
      status: true,
      plannedMinutes: true,
      checkedInAt: true,
      checkedOutAt: true,
      creditedMinutes: true,
      volunteer: { select: { name: true } },
      role: { select: { title: true, startsAt: true, endsAt: true, districtId: true } },
    },
  })
  if (!shift) throw new Refusal('找不到这份志愿记录，或不在你的管理范围内。', undefined, 404)
  return shift
}

/**
 * A volunteer checked in and never out: staff confirm they stayed, and the time is credited up to the role's end
 * (with the share rule). Only after the role has ended.
 */
export async function confirmForgottenCheckout(
  staff: Staff,
  shiftId: string,
  reason: string,
  { now = new Date(), origin = defaultOrigin() }: { now?: Date; origin?: string } = {},
): Promise<{ minutes: number; credit: VolunteerCredit }> {
  return prisma.$transaction(async (tx) => {
    const shift = await scopedShift(tx, staff, shiftId)
    if (!shift.checkedInAt) throw new Refusal('这位志愿者没有签到，不能补签退。')
    if (shift.checkedOutAt) throw new Refusal('这位志愿者已签退。')
    if (shift.role.endsAt > now) throw new Refusal('岗位结束后才能确认补签退；在岗期间请扫码签退。')
    const rule = await ruleOf(tx, shift.role.districtId)
    const earned = creditFor(shift.role, shift.checkedInAt, shift.role.endsAt, rule.minPresentPct)
    await tx.volunteerShift.update({
      where: { id: shiftId },
      data: {
        checkedOutAt: shift.role.endsAt,
        credit: earned.credit,
        creditedMinutes: earned.minutes,
        creditedAt: now,
        creditNote: `漏签退，工作人员确认：${reason}`,
      },
    })
    if (earned.credit === 'CREDITED') await queueCredited(tx, shiftId, origin)
    await recordAudit(tx, staff.id, {
      action: 'volunteer.confirm_checkout',
      entityType: 'volunteerShift',
      entityId: shiftId,
      districtId: shift.role.districtId,
      summary: `确认志愿者漏签退：${shift.volunteer.name}（${shift.role.title}），按岗位结束计 ${hoursOf(earned.minutes)} 小时，原因：${reason}`,
      details: { minutes: earned.minutes, reason },
    })
    return { minutes: earned.minutes, credit: earned.credit }
  })
}

/** Staff set credited time by hand (never above the planned time), with a reason; audited with before and after. */
export async function adjustCreditedMinutes(
  staff: Staff,
  input: { shiftId: string; minutes: number; reason: string },
  { now = new Date() }: { now?: Date } = {},
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const shift = await scopedShift(tx, staff, input.shiftId)
    if (shift.status !== 'ACCEPTED') throw new Refusal('只有已录用的志愿者可以记录时长。')
    if (shift.role.startsAt > now) throw new Refusal('岗位开始后才能记录时长。')
    if (input.minutes > shift.plannedMinutes) throw new Refusal(`时长不能超过岗位的计划时长（${shift.plannedMinutes} 分钟）。`, 'minutes')
    await tx.volunteerShift.update({
      where: { id: input.shiftId },
      data: { creditedMinutes: input.minutes, credit: 'ADJUSTED', creditedAt: now, creditNote: input.reason },
    })
    await recordAudit(tx, staff.id, {
      action: 'volunteer.hours_adjust',
      entityType: 'volunteerShift',
      entityId: input.shiftId,
      districtId: shift.role.districtId,
      summary: `修改志愿时长：${shift.volunteer.name}（${shift.role.title}）${shift.creditedMinutes ?? 0} → ${input.minutes} 分钟，原因：${input.reason}`,
      details: { from: shift.creditedMinutes, to: input.minutes, reason: input.reason },
    })
  })
}

// ——— The volunteer's own record ———

const CREDITED: VolunteerCredit[] = ['CREDITED', 'ADJUSTED']

/** How many shifts the history page lists, newest first; the total hours count every shift. */
export const HISTORY_SHIFTS_SHOWN = 100

type HistoryRow = {
  id: string
  status: VolunteerShiftStatus
  plannedMinutes: number
  checkedInAt: Date | null
  checkedOutAt: Date | null
  creditedMinutes: number | null
  credit: VolunteerCredit
  roleId: string
  roleTitle: string
  startsAt: Date
  endsAt: Date
  roleStatus: VolunteerRoleStatus
  districtName: string
  districtNameEn: string
  venueName: string | null
  sessionId: string | null
  eventTitle: string | null
  shiftCount: number
  creditedTotal: number
}

/** History (newest first), total credited time and star level; planned and credited shown apart. */

export async function volunteerRecord(volunteerId: string, now = new Date(), { shown = HISTORY_SHIFTS_SHOWN } = {}) {
  // One statement (the history page's 30 ms goal, issue 26): the newest shifts with their role, and, as window
  // figures over every shift before the LIMIT, how many there are and the credited total. The total counts every
  // credited shift: the list stops at HISTORY_SHIFTS_SHOWN, and a volunteer near the top of the ladder (1,500 h in
  // 3-hour shifts is 500 shifts) must not lose hours to it.
  const rows = await prisma.$queryRaw<HistoryRow[]>`
    SELECT s.id, s.status, s."plannedMinutes", s."checkedInAt", s."checkedOutAt", s."creditedMinutes", s.credit,
      r.id AS "roleId", r.title AS "roleTitle", r."startsAt", r."endsAt", r.status AS "roleStatus",
      d.name AS "districtName", d."nameEn" AS "districtNameEn", v.name AS "venueName", es.id AS "sessionId",
      e.title AS "eventTitle",
      (count(*) OVER ())::int AS "shiftCount",
      (sum(CASE WHEN s.credit IN ('CREDITED', 'ADJUSTED') THEN coalesce(s."creditedMinutes", 0) ELSE 0 END) OVER ())::int
        AS "creditedTotal"
    FROM "VolunteerShift" s
    JOIN "VolunteerRole" r ON r.id = s."roleId"
    JOIN "District" d ON d.id = r."districtId"
    LEFT JOIN "Venue" v ON v.id = r."venueId"
    LEFT JOIN "EventSession" es ON es.id = r."sessionId"
    LEFT JOIN "Event" e ON e.id = es."eventId"
    WHERE s."volunteerId" = ${volunteerId}
    ORDER BY r."startsAt" DESC, s.id
    LIMIT ${shown}`
  const shifts = rows.map((row) => ({
    id: row.id,
    status: row.status,
    plannedMinutes: row.plannedMinutes,
    checkedInAt: row.checkedInAt,
    checkedOutAt: row.checkedOutAt,
    creditedMinutes: row.creditedMinutes,
    credit: row.credit,
    role: {
      id: row.roleId,
      title: row.roleTitle,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      status: row.roleStatus,
      district: { name: row.districtName, nameEn: row.districtNameEn },
      venue: row.venueName === null ? null : { name: row.venueName },
      session: row.sessionId === null ? null : { event: { title: row.eventTitle ?? '' } },
    },
  }))
  const all = rows[0]?.shiftCount ?? 0
  const totalMinutes = rows[0]?.creditedTotal ?? 0
  return {
    olderShifts: all - shifts.length,
    shifts: shifts.map((s) => ({
      ...s,
      upcoming: ACTIVE.includes(s.status) && s.role.startsAt > now && s.role.status === 'OPEN',
      awaitingConfirmation: s.status === 'ACCEPTED' && !!s.checkedInAt && !s.checkedOutAt && s.role.endsAt <= now,
      noShow: s.status === 'ACCEPTED' && !s.checkedInAt && s.role.endsAt <= now && s.role.status === 'OPEN',
    })),
    totalMinutes,
    ...starLevel(totalMinutes),
  }
}

export type CertificateService = { date: string; title: string; place: string; minutes: number }

/**
 * Prints a 志愿服务记录证明: a snapshot of the credited services with a fresh unguessable number, kept so the public
 * verification page can confirm exactly what was printed. Issued by the organisations whose roles were served.
 */
export async function issueCertificate(volunteerId: string, now = new Date()): Promise<string> {
  const shifts = await prisma.volunteerShift.findMany({
    where: { volunteerId, credit: { in: CREDITED }, creditedMinutes: { gt: 0 } },
    orderBy: { role: { startsAt: 'asc' } },
    select: {
      creditedMinutes: true,
      role: {
        select: {
          title: true,
          startsAt: true,
          district: { select: { name: true } },
          organisation: { select: { name: true } },
          venue: { select: { name: true } },
          session: { select: { event: { select: { title: true, placeName: true } } } },
        },
      },
    },
  })
  if (!shifts.length) throw volunteerRefusal('NO_HOURS')
  const services: CertificateService[] = shifts.map((s) => ({
    date: formatDate(s.role.startsAt),
    title: s.role.session ? `${s.role.session.event.title} · ${s.role.title}` : s.role.title,
    place: s.role.venue?.name ?? s.role.session?.event.placeName ?? s.role.district.name,
    minutes: s.creditedMinutes ?? 0,
  }))
  const issuers = [...new Set(shifts.map((s) => s.role.organisation?.name ?? `${s.role.district.name}科普志愿服务`))]
  const number = `VC${readableCode(18)}`
  await prisma.volunteerCertificate.create({
    data: {
      number,
      volunteerId,
      issuedAt: now,
      totalMinutes: services.reduce((sum, s) => sum + s.minutes, 0),
      services: services as unknown as Prisma.InputJsonValue,
      issuer: issuers.join('、'),
    },
  })
  return number
}

/** The certificate for its owner (print page): everything printed, with the masked ID number and the volunteer number. */
export async function certificateForOwner(volunteerId: string, number: string) {
  const certificate = await prisma.volunteerCertificate.findFirst({
    where: { number, volunteerId },
    select: {
      number: true,
      issuedAt: true,
      totalMinutes: true,
      services: true,
      issuer: true,
      volunteer: { select: { name: true, idNumberMasked: true, shVolunteerNo: true } },
    },
  })
  return certificate && { ...certificate, services: certificate.services as unknown as CertificateService[] }
}

export function latestCertificate(volunteerId: string) {
  return prisma.volunteerCertificate.findFirst({
    where: { volunteerId },
    orderBy: { issuedAt: 'desc' },
    select: { number: true, issuedAt: true, totalMinutes: true },
  })
}

/**
 * The public verification page: one certificate by its exact number, or nothing. The name is shown masked past its
 * first character, never a phone or an ID number; a number of the wrong shape is not looked up at all.
 */
export async function verifyCertificate(rawNumber: string) {
  const number = rawNumber.trim().toUpperCase()
  if (!CERTIFICATE_PATTERN.test(number)) return null
  const certificate = await prisma.volunteerCertificate.findUnique({
    where: { number },
    select: { number: true, issuedAt: true, totalMinutes: true, services: true, issuer: true, volunteer: { select: { name: true } } },
  })
  if (!certificate) return null
  const name = certificate.volunteer.name
  return {
    number: certificate.number,
    issuedAt: certificate.issuedAt,
    totalMinutes: certificate.totalMinutes,
    issuer: certificate.issuer,
    services: certificate.services as unknown as CertificateService[],
    maskedName: name.length <= 1 ? name : `${name[0]}${'*'.repeat(Math.min(name.length - 1, 3))}`,
  }
}

// ——— Staff: shifts waiting for a decision on time, and the export ———

export type ExportRow = Array<string | number>

/**
 * Credited hours in the columns a 上海志愿者网 team administrator re-keys (志愿者编号, 姓名, 证件号 masked, 服务项目,
 * 服务日期, 开始和结束时间, 服务时长（小时）, 服务地点, 备注). No phone numbers.
 */
export async function creditedHoursRows(staff: Staff, { from, to }: { from: Date; to: Date }) {
  const shifts = await prisma.volunteerShift.findMany({
    where: { credit: { in: CREDITED }, creditedMinutes: { gt: 0 }, role: { AND: [roleScope(staff), { startsAt: { gte: from, lt: to } }] } },
    orderBy: [{ role: { startsAt: 'asc' } }, { seq: 'asc' }],
    take: 20_000,
    select: {
      creditedMinutes: true,
      creditNote: true,
      volunteer: { select: { name: true, shVolunteerNo: true, idNumberMasked: true } },
      role: {
        select: {
          title: true,
          startsAt: true,
          endsAt: true,
          district: { select: { name: true } },
          venue: { select: { name: true } },
          session: { select: { event: { select: { title: true, placeName: true } } } },
        },
      },
    },
  })
  const headers = [
    '志愿者编号（上海志愿者网）',
    '姓名',
    '证件号码（脱敏）',
    '服务项目',
    '服务日期',
    '开始时间',
    '结束时间',
    '服务时长（小时）',
    '服务地点',
    '备注',
  ]
  const time = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false })
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
  const rows: ExportRow[] = shifts.map((s) => [
    s.volunteer.shVolunteerNo ?? '',
    s.volunteer.name,
    s.volunteer.idNumberMasked ?? '',
    s.role.session ? `${s.role.session.event.title} · ${s.role.title}` : s.role.title,
    day.format(s.role.startsAt),
    time.format(s.role.startsAt),
    time.format(s.role.endsAt),
    hoursOf(s.creditedMinutes ?? 0),
    s.role.venue?.name ?? s.role.session?.event.placeName ?? s.role.district.name,
    s.creditNote ?? '',
  ])
  return [headers, ...rows]
}

export { SCAN_MARGIN_MS as VOLUNTEER_SCAN_MARGIN_MS, HOUR as HOUR_MS }
