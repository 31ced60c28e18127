// Staff work with one session's registrations: the list (phones masked), a full number on purpose (logged),
// adding by hand, cancelling, moving from the waitlist, check-in and the CSV export. Seat changes lock the
// session's row, exactly as public registrations do.
import { recordAudit } from '~/models/audit.server'
import { defaultOrigin, queueRegistrationMessages, skipReminders } from '~/models/message/notify.server'
import { stampOnCheckIn } from '~/models/passport/passport.server'
import {
  lockSession,
  promoteWaitlist,
  registerForSession,
  registrationRefusal,
  TX_OPTIONS,
  type RegistrationResult,
  sessionWindowSelect,
} from '~/models/registration/registration.server'
import { answerText, readQuestions, type RegistrationInput } from '~/models/registration/schema'
import { requireStaff, type Staff } from '~/utils/auth.server'
import { normaliseCode } from '~/utils/codes.server'
import { formatDayTime, formatSessionTime } from '~/utils/format'
import { orNotFound } from '~/utils/http-errors'
import { excelCsv, type ExportRows } from '~/utils/infra/csv.server'
import { prisma } from '~/utils/infra/db.server'
import { eventScope } from '~/utils/permissions.server'
import { maskMobile } from '~/utils/phone'
import { Refusal } from '~/utils/refusal'
import type { Prisma } from '@prisma/client'

/** Check-in opens three hours before the start and closes three hours after the end. */
export const CHECK_IN_MARGIN_MS = 3 * 3600_000

export type CheckInWindow = { opensAt: Date; closesAt: Date; state: 'before' | 'open' | 'after' | 'cancelled' }

/** When a session's check-in is open, and whether it is now; the check-in page and the list show buttons only then. */
export function checkInWindow(session: { startsAt: Date; endsAt: Date; status: string }, now = new Date()): CheckInWindow {
  const opensAt = new Date(session.startsAt.getTime() - CHECK_IN_MARGIN_MS)
  const closesAt = new Date(session.endsAt.getTime() + CHECK_IN_MARGIN_MS)
  const state = session.status === 'CANCELLED' ? 'cancelled' : now < opensAt ? 'before' : now > closesAt ? 'after' : 'open'
  return { opensAt, closesAt, state }
}

export async function findSessionForStaff(staff: Staff, sessionId: string) {
  const session = await prisma.eventSession.findFirst({
    where: { id: sessionId, event: eventScope(staff) },
    select: {
      ...sessionWindowSelect,
      event: {
        select: {
          id: true,
          slug: true,
          title: true,
          status: true,
          maxPartySize: true,
          questions: true,
          districtId: true,
          venue: { select: { name: true } },
          placeName: true,
        },
      },
    },
  })
  if (!session) return null
  return { ...session, event: { ...session.event, questions: readQuestions(session.event.questions) } }
}

/** The guard of the session pages: signed-in staff, and a session of theirs (or 404). */
export async function requireSessionForStaff(request: Request, sessionId: string | undefined) {
  const staff = await requireStaff(request)
  const session = orNotFound(await findSessionForStaff(staff, sessionId ?? ''), '找不到这个场次，或不在你的管理范围内。')
  return { staff, session }
}

export type SessionFigures = {
  capacity: number
  seatsTaken: number
  confirmedParties: number
  confirmedPeople: number
  attendedParties: number
  attendedPeople: number
  waitlistedParties: number
  waitlistedPeople: number
}

export async function sessionFigures(sessionId: string): Promise<SessionFigures> {
  const [session, groups] = await Promise.all([
    prisma.eventSession.findUniqueOrThrow({ where: { id: sessionId }, select: { capacity: true, seatsTaken: true } }),
    prisma.registration.groupBy({ by: ['status'], where: { sessionId }, _count: { _all: true }, _sum: { partySize: true } }),
  ])
  const of = (status: string) => groups.find((g) => g.status === status)
  return {
    capacity: session.capacity,
    seatsTaken: session.seatsTaken,
    confirmedParties: of('CONFIRMED')?._count._all ?? 0,
    confirmedPeople: of('CONFIRMED')?._sum.partySize ?? 0,
    attendedParties: of('ATTENDED')?._count._all ?? 0,
    attendedPeople: of('ATTENDED')?._sum.partySize ?? 0,
    waitlistedParties: of('WAITLISTED')?._count._all ?? 0,
    waitlistedPeople: of('WAITLISTED')?._sum.partySize ?? 0,
  }
}

/** Staff lists and exports: confirmed first, then the waitlist in its order, then the rest as they came. */
const listOrder: Prisma.RegistrationOrderByWithRelationInput[] = [{ status: 'asc' }, { waitlistSeq: 'asc' }, { createdAt: 'asc' }]

/**
 * Each waitlisted row's place in the queue, as the person's own page says it (第 N 位): 1 for the first party still
 * waiting. Rows come in listOrder, so the waitlist is in its order.
 */
function withWaitlistPositions<T extends { status: string }>(rows: T[]): Array<T & { waitlistPosition: number | null }> {
  let position = 0
  return rows.map((row) => ({ ...row, waitlistPosition: row.status === 'WAITLISTED' ? ++position : null }))
}

/** The list staff see: phones masked, waitlisted parties with their place in the queue. */
export async function listRegistrations(sessionId: string) {
  const rows = await prisma.registration.findMany({
    where: { sessionId },
    orderBy: listOrder,
    select: {
      id: true,
      name: true,
      phone: true,
      adults: true,
      children: true,
      partySize: true,
      status: true,
      code: true,
      source: true,
      waitlistSeq: true,
      answers: true,
      createdAt: true,
      cancelledAt: true,
      cancelReason: true,
      attendedAt: true,
    },
  })
  return withWaitlistPositions(rows).map(({ phone, ...row }) => ({ ...row, phoneMasked: maskMobile(phone) }))
}

async function requireRegistration(staff: Staff, registrationId: string) {
  const registration = await prisma.registration.findFirst({
    where: { id: registrationId, session: { event: eventScope(staff) } },
    select: {
      id: true,
      name: true,
      phone: true,
      sessionId: true,
      status: true,
      partySize: true,
      code: true,
      session: { select: { event: { select: { title: true, districtId: true } } } },
    },
  })
  if (!registration) throw registrationRefusal('REGISTRATION_NOT_FOUND')
  return registration
}

/** The full number, for a call; every such view is in the audit log. */
export async function revealPhone(staff: Staff, registrationId: string, purpose: string): Promise<{ name: string; phone: string }> {
  const registration = await requireRegistration(staff, registrationId)
  await recordAudit(prisma, staff.id, {
    action: 'registration.reveal_phone',
    entityType: 'registration',
    entityId: registrationId,
    districtId: registration.session.event.districtId,
    summary: `查看完整手机号：${registration.name}（${maskMobile(registration.phone)}），用途：${purpose}`,
  })
  return { name: registration.name, phone: registration.phone }
}

export async function addRegistrationByStaff(
  staff: Staff,
  sessionId: string,
  input: Omit<RegistrationInput, 'reminders'> & { reminders?: boolean },
  now = new Date(),
  origin = defaultOrigin(),
): Promise<RegistrationResult> {
  const session = await findSessionForStaff(staff, sessionId)
  if (!session) throw registrationRefusal('SESSION_NOT_FOUND')
  return registerForSession(sessionId, input, {
    now,
    origin,
    byStaff: {
      audit: (tx, registrationId) =>
        recordAudit(tx, staff.id, {
          action: 'registration.add',
          entityType: 'registration',
          entityId: registrationId,
          districtId: session.event.districtId,
          summary: `代为报名「${session.event.title}」：${input.name}（${maskMobile(input.phone)}），${input.adults + input.children} 人`,
        }),
    },
  })
}

/** Staff cancel one registration (until the session ends); seats go to the waitlist in the same transaction. */
export async function cancelRegistrationByStaff(
  staff: Staff,
  registrationId: string,
  now = new Date(),
  origin = defaultOrigin(),
): Promise<{ promoted: number }> {
  const found = await requireRegistration(staff, registrationId)
  return prisma.$transaction(async (tx) => {
    const session = await lockSession(tx, found.sessionId)
    if (!session) throw registrationRefusal('SESSION_NOT_FOUND')
    const current = await tx.registration.findUniqueOrThrow({ where: { id: registrationId }, select: { status: true, partySize: true } })
    if (current.status === 'CANCELLED') return { promoted: 0 }
    if (current.status === 'ATTENDED') throw registrationRefusal('ALREADY_ATTENDED')
    await tx.registration.update({
      where: { id: registrationId },
      data: { status: 'CANCELLED', cancelledAt: now, cancelReason: 'BY_STAFF' },
    })
    await skipReminders(tx, { registrationIds: [registrationId] })
    await queueRegistrationMessages(tx, [registrationId], 'registration.cancelled-by-staff', { origin, now })
    let seatsTaken = session.seatsTaken
    if (current.status === 'CONFIRMED') {
      seatsTaken -= current.partySize
      await tx.eventSession.update({ where: { id: session.id }, data: { seatsTaken } })
    }
    const promoted =
      session.status === 'SCHEDULED' && session.startsAt > now
        ? await promoteWaitlist(tx, { id: session.id, capacity: session.capacity, seatsTaken }, { origin, now })
        : []
    await recordAudit(tx, staff.id, {
      action: 'registration.cancel',
      entityType: 'registration',
      entityId: registrationId,
      districtId: found.session.event.districtId,
      summary: `取消报名：${found.name}（${maskMobile(found.phone)}）${promoted.length ? `，候补递补 ${promoted.length} 份` : ''}`,
    })
    return { promoted: promoted.length }
  }, TX_OPTIONS)
}

/**
 * Moves a party from the waitlist to a confirmed place, out of turn if staff choose (e.g. a family that
 * travelled far). Only into free seats: never more people than the session holds.
 */
export async function promoteByStaff(
  staff: Staff,
  registrationId: string,
  { now = new Date(), origin = defaultOrigin() }: { now?: Date; origin?: string } = {},
): Promise<void> {
  const found = await requireRegistration(staff, registrationId)
  await prisma.$transaction(async (tx) => {
    const session = await lockSession(tx, found.sessionId)
    if (!session) throw registrationRefusal('SESSION_NOT_FOUND')
    if (session.status === 'CANCELLED') throw new Refusal('场次已取消。')
    const current = await tx.registration.findUniqueOrThrow({ where: { id: registrationId }, select: { status: true, partySize: true } })
    if (current.status !== 'WAITLISTED') throw new Refusal('这份报名不在候补中。')
    const free = session.capacity - session.seatsTaken
    if (current.partySize > free) throw new Refusal(`剩余 ${free} 个名额，不够这份报名的 ${current.partySize} 人。可先增加名额。`)
    await tx.registration.update({ where: { id: registrationId }, data: { status: 'CONFIRMED' } })
    await tx.eventSession.update({ where: { id: session.id }, data: { seatsTaken: session.seatsTaken + current.partySize } })
    await queueRegistrationMessages(tx, [registrationId], 'registration.promoted', { origin, now, reminders: true })
    await recordAudit(tx, staff.id, {
      action: 'registration.promote',
      entityType: 'registration',
      entityId: registrationId,
      districtId: found.session.event.districtId,
      summary: `候补转正：${found.name}（${maskMobile(found.phone)}），${current.partySize} 人`,
    })
  }, TX_OPTIONS)
}

export type CheckInOutcome =
  { ok: true; name: string; partySize: number; code: string; stamped: boolean } | { ok: false; message: string; name?: string }

/**
 * Records attendance once. Two scans of one code (two phones at the door) mark it once: the update only
 * matches a registration that is still confirmed.
 */
export async function checkIn(staff: Staff, sessionId: string, rawCode: string, now = new Date()): Promise<CheckInOutcome> {
  const session = await findSessionForStaff(staff, sessionId)
  if (!session) return { ok: false, message: '找不到这个场次，或不在你的管理范围内。' }
  const code = normaliseCode(rawCode)
  // The format message is only for what cannot be a code at all; 8 letters and digits are looked up, so a code
  // typed with a 0 or a 1 (never in a code) is "not found", not "wrong format".
  if (!/^[0-9A-Z]{8}$/.test(code)) return { ok: false, message: '报名码是 8 位字母和数字，请检查后重新输入。' }
  const window = checkInWindow(session, now)
  if (window.state === 'cancelled') return { ok: false, message: '这个场次已取消。' }
  if (window.state === 'before') return { ok: false, message: `签到在活动开始前 3 小时开放（${formatDayTime(window.opensAt)} 起）。` }
  if (window.state === 'after') return { ok: false, message: '这个场次已结束超过 3 小时，不能再签到。' }
  const registration = await prisma.registration.findUnique({
    where: { code },
    select: {
      id: true,
      sessionId: true,
      name: true,
      partySize: true,
      status: true,
      attendedAt: true,
      session: { select: { startsAt: true, endsAt: true, event: { select: { title: true } } } },
    },
  })
  if (!registration) return { ok: false, message: `没有找到这个报名码（${code}），请核对后重新输入。` }
  if (registration.sessionId !== sessionId) {
    return {
      ok: false,
      name: registration.name,
      message: `这份报名属于另一场：${registration.session.event.title}（${formatSessionTime(registration.session.startsAt, registration.session.endsAt)}）。`,
    }
  }
  if (registration.status === 'ATTENDED') {
    return {
      ok: false,
      name: registration.name,
      message: `${registration.name} 已于 ${clock.format(registration.attendedAt!)} 签到，不重复记录。`,
    }
  }
  if (registration.status === 'WAITLISTED')
    return {
      ok: false,
      name: registration.name,
      message: `${registration.name} 仍在候补中，没有名额。如现场有空位，可在报名名单中转正后再签到。`,
    }
  if (registration.status === 'CANCELLED') return { ok: false, name: registration.name, message: `${registration.name} 的报名已取消。` }
  const marked = await prisma.$transaction(async (tx) => {
    const { count } = await tx.registration.updateMany({
      where: { id: registration.id, status: 'CONFIRMED' },
      data: { status: 'ATTENDED', attendedAt: now, checkedInById: staff.id },
    })
    if (count !== 1) return null
    const stamped = await stampOnCheckIn(tx, registration.id, staff.id, now)
    await recordAudit(tx, staff.id, {
      action: 'registration.check_in',
      entityType: 'registration',
      entityId: registration.id,
      districtId: session.event.districtId,
      summary: `签到：${registration.name}，${registration.partySize} 人（${session.event.title}）${stamped ? '，科普护照盖章' : ''}`,
    })
    return { stamped }
  })
  if (!marked) return { ok: false, name: registration.name, message: `${registration.name} 刚刚已签到，不重复记录。` }
  return { ok: true, name: registration.name, partySize: registration.partySize, code, stamped: marked.stamped }
}

/**
 * Check-in from the session's registration list (a row's button, for someone without their code): the row's code
 * goes through the same rules as a typed or scanned one. Only a registration of this session.
 */
export async function checkInRegistration(
  staff: Staff,
  sessionId: string,
  registrationId: string,
  now = new Date(),
): Promise<CheckInOutcome> {
  const registration = await prisma.registration.findFirst({
    where: { id: registrationId, sessionId, session: { event: eventScope(staff) } },
    select: { code: true },
  })
  if (!registration) return { ok: false, message: '找不到这份报名，或不在你的管理范围内。' }
  return checkIn(staff, sessionId, registration.code, now)
}

const clock = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false })
const statusLabel = { CONFIRMED: '已确认', WAITLISTED: '候补', CANCELLED: '已取消', ATTENDED: '已签到' } as const

/** The session's registrations as CSV for Excel. Phones are masked unless staff ask for full numbers, naming why; that is logged. */
export async function registrationsCsv(staff: Staff, sessionId: string, options: RegistrationsExportOptions): Promise<string> {
  return excelCsv(await registrationsRows(staff, sessionId, options))
}

type RegistrationsExportOptions = { fullPhones: false } | { fullPhones: true; purpose: string }

/** The export's rows (heading first), for the CSV and the .xlsx alike; full numbers are logged, whichever the format. */
export async function registrationsRows(staff: Staff, sessionId: string, options: RegistrationsExportOptions): Promise<ExportRows> {
  const { fullPhones } = options
  const session = await findSessionForStaff(staff, sessionId)
  if (!session) throw registrationRefusal('SESSION_NOT_FOUND')
  const rows = await prisma.registration.findMany({
    where: { sessionId },
    orderBy: listOrder,
    select: {
      name: true,
      phone: true,
      adults: true,
      children: true,
      partySize: true,
      status: true,
      code: true,
      waitlistSeq: true,
      answers: true,
      createdAt: true,
      attendedAt: true,
      source: true,
    },
  })
  if (fullPhones) {
    await recordAudit(prisma, staff.id, {
      action: 'registration.export_full',
      entityType: 'session',
      entityId: sessionId,
      districtId: session.event.districtId,
      summary: `导出含完整手机号的报名名单：${session.event.title}（${rows.length} 条），用途：${options.purpose}`,
    })
  }
  const questions = session.event.questions
  const header = [
    '报名码',
    '姓名',
    '手机号',
    '成人',
    '儿童',
    '合计',
    '状态',
    '候补位次',
    '来源',
    '报名时间',
    '签到时间',
    ...questions.map((q) => q.label),
  ]
  const body = withWaitlistPositions(rows).map((r) => {
    const answers = (r.answers ?? {}) as Record<string, unknown>
    return [
      r.code,
      r.name,
      fullPhones ? r.phone : maskMobile(r.phone),
      r.adults,
      r.children,
      r.partySize,
      statusLabel[r.status],
      r.waitlistPosition ?? '',
      r.source === 'STAFF' ? '工作人员代报' : '网上报名',
      r.createdAt,
      r.attendedAt ?? '',
      // A per-child question's answers in one cell, in the children's order (5、7).
      ...questions.map((q) => answerText(answers[q.key], '、')),
    ]
  })
  return [header, ...body]
}
