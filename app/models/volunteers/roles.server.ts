// 科普志愿者 roles and claims. The headcount rule has the seats rule's strength (decisions 002, 033): every change
// to a role's places (claim, drop, approve, decline, cancel) is one transaction that first locks the role's row
// (SELECT … FOR UPDATE), so concurrent claims are taken one at a time, and the `filled` counter moves only with the
// shifts it counts; CHECK (filled <= headcount) holds even if this code were wrong. The limits that protect a
// volunteer (no two overlapping roles, at most N planned hours a Shanghai day, the no-show block) are counted after
// a second lock on the volunteer (an advisory lock, always taken after the role's), so two claims by one person for
// two roles cannot both pass. One (role, volunteer) row: a double-clicked claim is the same claim.
import { recordAudit } from '~/models/audit.server'
import { queueMessages, type OutgoingMessage, type Recipient } from '~/models/message/message.server'
import { clause, defaultOrigin, reminderTime, storedLanguage } from '~/models/message/notify.server'
import { formatSessionTime } from '~/utils/format'
import { prisma, type Tx } from '~/utils/infra/db.server'
import { Refusal } from '~/utils/refusal'
import { startOfShanghaiDay } from '~/utils/shanghai-time'
import { noShowCount, roleScope, ruleOf, volunteerRefusal, type RuleValues } from './volunteer.server'
import type { RoleInput } from './admin-schema'
import type { Prisma, VolunteerShiftStatus } from '@prisma/client'
import type { Staff } from '~/utils/auth.server'
import type { Language } from '~/utils/i18n'

export const TX_OPTIONS = { maxWait: 60_000, timeout: 30_000 } as const
/** Statuses that hold a claim on the volunteer's time (and count for overlap and hours a day). */
export const ACTIVE: VolunteerShiftStatus[] = ['APPLIED', 'WAITLISTED', 'ACCEPTED']
const MINUTE = 60_000
const HOUR = 3600_000

type LockedRole = {
  id: string
  districtId: string
  title: string
  headcount: number
  filled: number
  startsAt: Date
  endsAt: Date
  needsApproval: boolean
  status: 'OPEN' | 'CANCELLED'
}

export async function lockRole(tx: Tx, roleId: string): Promise<LockedRole | undefined> {
  const rows = await tx.$queryRaw<LockedRole[]>`
    SELECT id, "districtId", title, headcount, filled, "startsAt", "endsAt", "needsApproval", status::text AS status
    FROM "VolunteerRole" WHERE id = ${roleId} FOR UPDATE`
  return rows[0]
}

async function lockVolunteer(tx: Tx, volunteerId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('volunteer:' || ${volunteerId}))`
}

export const roleMinutes = (role: { startsAt: Date; endsAt: Date }) =>
  Math.round((role.endsAt.getTime() - role.startsAt.getTime()) / MINUTE)

// ——— Staff: posting roles ———

/** Posts a role on a session the staff member manages, or on a venue's open day. */
export async function postRole(staff: Staff, input: RoleInput, now = new Date()): Promise<string> {
  if (input.startsAt <= now) throw new Refusal('到岗时间已过，请选择以后的时间。', 'startsAt')
  let place: { districtId: string; organisationId: string | null; sessionId: string | null; venueId: string | null; name: string }
  if (input.sessionId) {
    const session = await prisma.eventSession.findFirst({
      where: {
        id: input.sessionId,
        status: 'SCHEDULED',
        event:
          staff.role === 'PLATFORM_ADMIN'
            ? {}
            : staff.role === 'DISTRICT_ADMIN'
              ? { districtId: staff.districtId ?? '-' }
              : { organisationId: staff.organisationId ?? '-' },
      },
      select: { id: true, event: { select: { districtId: true, organisationId: true, venueId: true, title: true } } },
    })
    if (!session) throw new Refusal('找不到这个场次，或不在你的管理范围内。', 'sessionId', 404)
    place = {
      districtId: session.event.districtId,
      organisationId: session.event.organisationId,
      sessionId: session.id,
      venueId: session.event.venueId,
      name: session.event.title,
    }
  } else {
    const venue = await prisma.venue.findFirst({
      where: {
        id: input.venueId ?? '-',
        ...(staff.role === 'PLATFORM_ADMIN'
          ? {}
          : staff.role === 'DISTRICT_ADMIN'
            ? { districtId: staff.districtId ?? '-' }
            : { organisationId: staff.organisationId ?? '-' }),
      },
      select: { id: true, districtId: true, organisationId: true, name: true },
    })
    if (!venue) throw new Refusal('找不到这个场馆，或不在你的管理范围内。', 'venueId', 404)
    place = { districtId: venue.districtId, organisationId: venue.organisationId, sessionId: null, venueId: venue.id, name: venue.name }
  }
  const skills = await prisma.volunteerSkill.findMany({ where: { key: { in: input.skills } }, select: { key: true } })
  return prisma.$transaction(async (tx) => {
    const role = await tx.volunteerRole.create({
      data: {
        districtId: place.districtId,
        organisationId: place.organisationId,
        sessionId: place.sessionId,
        venueId: place.venueId,
        title: input.title,
        headcount: input.headcount,
        skills: skills.map((s) => s.key),
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        briefing: input.briefing,
        needsApproval: input.needsApproval,
        postedById: staff.id,
      },
      select: { id: true },
    })
    await recordAudit(tx, staff.id, {
      action: 'volunteer.role_post',
      entityType: 'volunteerRole',
      entityId: role.id,
      districtId: place.districtId,
      summary: `发布志愿岗位：${input.title}（${place.name}，${input.headcount} 人，${formatSessionTime(input.startsAt, input.endsAt)}）`,
    })
    return role.id
  })
}

/** Staff cancel a role: every claim is cancelled and its reminder dropped; the volunteers are not counted as no-shows. */
export async function cancelRole(staff: Staff, roleId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const scoped = await tx.volunteerRole.findFirst({ where: { AND: [{ id: roleId }, roleScope(staff)] }, select: { id: true } })
    if (!scoped) throw new Refusal('找不到这个岗位，或不在你的管理范围内。', undefined, 404)
    const role = await lockRole(tx, roleId)
    if (!role || role.status === 'CANCELLED') return
    const { count } = await tx.volunteerShift.updateMany({ where: { roleId, status: { in: ACTIVE } }, data: { status: 'CANCELLED' } })
    await tx.volunteerRole.update({ where: { id: roleId }, data: { status: 'CANCELLED', filled: 0 } })
    await skipVolunteerReminders(tx, { roleId })
    await recordAudit(tx, staff.id, {
      action: 'volunteer.role_cancel',
      entityType: 'volunteerRole',
      entityId: roleId,
      districtId: role.districtId,
      summary: `取消志愿岗位：${role.title}（${count} 人的报名随之取消）`,
    })
  }, TX_OPTIONS)
}

// ——— The public list ———

export type OpenRoleFilters = { district?: string; date?: string; skill?: string }

const openRoleSelect = {
  id: true,
  title: true,
  headcount: true,
  filled: true,
  skills: true,
  startsAt: true,
  endsAt: true,
  needsApproval: true,
  district: { select: { id: true, slug: true, name: true, nameEn: true } },
  venue: { select: { slug: true, name: true } },
  session: { select: { id: true, event: { select: { slug: true, title: true, placeName: true } } } },
} satisfies Prisma.VolunteerRoleSelect

/**
 * Open roles still to come, soonest first, for anyone (no account needed): by district (slug), Shanghai date
 * (YYYY-MM-DD) and skill key. Full roles that take applications or a waitlist stay listed.
 */
export function listOpenRoles(filters: OpenRoleFilters, now = new Date(), take = 100) {
  return prisma.volunteerRole.findMany({
    where: openRoleWhere(filters, now),
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take,
    select: openRoleSelect,
  })
}

/** The Shanghai day a `YYYY-MM-DD` filter names, as [start, end), or null when it names none. */
export function roleFilterDay(date: string | undefined): { from: Date; to: Date } | null {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null
  const day = startOfShanghaiDay(new Date(`${date}T12:00:00+08:00`))
  return Number.isNaN(day.getTime()) ? null : { from: day, to: new Date(day.getTime() + 24 * HOUR) }
}

/** Which roles are open to the public under the list's filters (the list and the map read the same rule). */
export function openRoleWhere(filters: OpenRoleFilters, now: Date): Prisma.VolunteerRoleWhereInput {
  const where: Prisma.VolunteerRoleWhereInput = { status: 'OPEN', startsAt: { gt: now } }
  if (filters.district) where.district = { slug: filters.district }
  if (filters.skill) where.skills = { has: filters.skill }
  const day = roleFilterDay(filters.date)
  if (day) where.startsAt = { gt: now, gte: day.from, lt: day.to }
  return where
}

export function publicRole(roleId: string) {
  return prisma.volunteerRole.findUnique({
    where: { id: roleId },
    select: { ...openRoleSelect, briefing: true, status: true, districtId: true, organisation: { select: { name: true } } },
  })
}

/** The signed-in resident's standing on a role: a volunteer or not, and their shift on it if any. */
export async function standingOn(residentId: string, roleId: string) {
  const volunteer = await prisma.volunteer.findUnique({ where: { residentId }, select: { id: true } })
  if (!volunteer) return { isVolunteer: false, shift: null }
  const shift = await prisma.volunteerShift.findUnique({
    where: { roleId_volunteerId: { roleId, volunteerId: volunteer.id } },
    select: { id: true, status: true },
  })
  return { isVolunteer: true, shift }
}

// ——— Claims ———

export type ClaimOutcome = { shiftId: string; status: VolunteerShiftStatus; repeated: boolean }

/**
 * A volunteer claims (instant roles) or applies (roles that need approval). Instant: ACCEPTED while places last,
 * then WAITLISTED in order. The limits are checked first: the block, then overlap, then hours a day.
 */
export async function claimRole(
  residentId: string,
  roleId: string,
  { now = new Date(), origin = defaultOrigin() }: { now?: Date; origin?: string } = {},
): Promise<ClaimOutcome> {
  const volunteer = await prisma.volunteer.findUnique({ where: { residentId }, select: { id: true } })
  if (!volunteer) throw volunteerRefusal('NOT_A_VOLUNTEER')
  return prisma.$transaction(async (tx) => {
    const role = await lockRole(tx, roleId)
    if (!role) throw volunteerRefusal('ROLE_NOT_FOUND')
    if (role.status !== 'OPEN') throw volunteerRefusal('ROLE_CLOSED')
    if (role.startsAt <= now) throw volunteerRefusal('ROLE_STARTED')
    const existing = await tx.volunteerShift.findUnique({
      where: { roleId_volunteerId: { roleId, volunteerId: volunteer.id } },
      select: { id: true, status: true },
    })
    if (existing && ACTIVE.includes(existing.status)) return { shiftId: existing.id, status: existing.status, repeated: true }
    if (existing?.status === 'DECLINED') throw volunteerRefusal('DECLINED_BEFORE')

    await lockVolunteer(tx, volunteer.id)
    const rule = await ruleOf(tx, role.districtId)
    await checkLimits(tx, volunteer.id, role, rule, now)

    const status: VolunteerShiftStatus = role.needsApproval ? 'APPLIED' : role.filled < role.headcount ? 'ACCEPTED' : 'WAITLISTED'
    const seq = await nextSeq(tx, roleId)
    const data = { status, seq, plannedMinutes: roleMinutes(role), droppedAt: null, decidedAt: status === 'ACCEPTED' ? now : null }
    const shift = existing
      ? await tx.volunteerShift.update({ where: { id: existing.id }, data, select: { id: true } })
      : await tx.volunteerShift.create({ data: { ...data, roleId, volunteerId: volunteer.id }, select: { id: true } })
    if (status === 'ACCEPTED') {
      await tx.volunteerRole.update({ where: { id: roleId }, data: { filled: { increment: 1 } } })
      await queueShiftMessages(tx, shift.id, 'volunteer.accepted', { origin, now, reminder: true })
    }
    return { shiftId: shift.id, status, repeated: false }
  }, TX_OPTIONS)
}

async function nextSeq(tx: Tx, roleId: string): Promise<number> {
  const last = await tx.volunteerShift.aggregate({ where: { roleId }, _max: { seq: true } })
  return (last._max.seq ?? 0) + 1
}

/** The limits, counted under the volunteer's lock: no-show block, then overlap, then planned hours that day. */
async function checkLimits(tx: Tx, volunteerId: string, role: LockedRole, rule: RuleValues, now: Date): Promise<void> {
  if (rule.noShowLimit) {
    const noShows = await noShowCount(tx, volunteerId, role.districtId, now)
    if (noShows >= rule.noShowLimit) throw volunteerRefusal('NO_SHOW_BLOCK', { count: noShows })
  }
  const overlapping = await tx.volunteerShift.findFirst({
    where: {
      volunteerId,
      status: { in: ACTIVE },
      roleId: { not: role.id },
      role: { status: 'OPEN', startsAt: { lt: role.endsAt }, endsAt: { gt: role.startsAt } },
    },
    select: { role: { select: { title: true, startsAt: true, endsAt: true } } },
  })
  if (overlapping) {
    throw volunteerRefusal('OVERLAP', {
      title: overlapping.role.title,
      time: formatSessionTime(overlapping.role.startsAt, overlapping.role.endsAt),
    })
  }
  if (rule.maxHoursPerDay) {
    const day = startOfShanghaiDay(role.startsAt)
    const sameDay = await tx.volunteerShift.aggregate({
      where: {
        volunteerId,
        status: { in: ACTIVE },
        roleId: { not: role.id },
        role: { status: 'OPEN', startsAt: { gte: day, lt: new Date(day.getTime() + 24 * HOUR) } },
      },
      _sum: { plannedMinutes: true },
    })
    const planned = (sameDay._sum.plannedMinutes ?? 0) + roleMinutes(role)
    if (planned > rule.maxHoursPerDay * 60) throw volunteerRefusal('DAILY_HOURS', { hours: rule.maxHoursPerDay })
  }
}

/**
 * A volunteer drops a role, until the district's cut-off before its arrival time. A held place is freed and the
 * next in line is told: on an instant role the first waiting volunteer is accepted; on a role that needs approval
 * the first applicant hears that a place opened.
 */
export async function dropShift(
  residentId: string,
  shiftId: string,
  { now = new Date(), origin = defaultOrigin() }: { now?: Date; origin?: string } = {},
): Promise<{ served: string | null }> {
  const found = await prisma.volunteerShift.findFirst({
    where: { id: shiftId, volunteer: { residentId } },
    select: { roleId: true },
  })
  if (!found) throw volunteerRefusal('ROLE_NOT_FOUND')
  return prisma.$transaction(async (tx) => {
    const role = await lockRole(tx, found.roleId)
    if (!role) throw volunteerRefusal('ROLE_NOT_FOUND')
    const shift = await tx.volunteerShift.findUniqueOrThrow({ where: { id: shiftId }, select: { status: true } })
    if (!ACTIVE.includes(shift.status)) throw volunteerRefusal('NOT_ACTIVE')
    const rule = await ruleOf(tx, role.districtId)
    const cutoff = new Date(role.startsAt.getTime() - rule.dropCutoffHours * HOUR)
    if (now >= cutoff) throw volunteerRefusal('DROP_TOO_LATE', { hours: rule.dropCutoffHours })
    await tx.volunteerShift.update({ where: { id: shiftId }, data: { status: 'DROPPED', droppedAt: now } })
    await skipVolunteerReminders(tx, { shiftIds: [shiftId] })
    if (shift.status !== 'ACCEPTED') return { served: null }
    await tx.volunteerRole.update({ where: { id: role.id }, data: { filled: { decrement: 1 } } })
    return { served: await serveNext(tx, { ...role, filled: role.filled - 1 }, { origin, now }) }
  }, TX_OPTIONS)
}

/** After a place frees (the role's row locked): accept the first waiting volunteer, or tell the first applicant. */
async function serveNext(tx: Tx, role: LockedRole, { origin, now }: { origin: string; now: Date }): Promise<string | null> {
  if (role.status !== 'OPEN' || role.startsAt <= now || role.filled >= role.headcount) return null
  const next = await tx.volunteerShift.findFirst({
    where: { roleId: role.id, status: role.needsApproval ? 'APPLIED' : 'WAITLISTED' },
    orderBy: { seq: 'asc' },
    select: { id: true },
  })
  if (!next) return null
  if (role.needsApproval) {
    await queueShiftMessages(tx, next.id, 'volunteer.place-opened', { origin, now, reminder: false })
    return next.id
  }
  // Waiting volunteers passed the limits when they joined the line, and their wait kept counting for them.
  await tx.volunteerShift.update({ where: { id: next.id }, data: { status: 'ACCEPTED', decidedAt: now } })
  await tx.volunteerRole.update({ where: { id: role.id }, data: { filled: { increment: 1 } } })
  await queueShiftMessages(tx, next.id, 'volunteer.accepted', { origin, now, reminder: true })
  return next.id
}

/** Staff accept (while places last) or decline an application or a waiting volunteer. */
export async function decideShift(
  staff: Staff,
  shiftId: string,
  decision: 'accept' | 'decline',
  { now = new Date(), origin = defaultOrigin() }: { now?: Date; origin?: string } = {},
): Promise<void> {
  const found = await prisma.volunteerShift.findFirst({
    where: { id: shiftId, role: roleScope(staff) },
    select: { roleId: true, volunteer: { select: { name: true } } },
  })
  if (!found) throw new Refusal('找不到这份报名，或不在你的管理范围内。', undefined, 404)
  await prisma.$transaction(async (tx) => {
    const role = await lockRole(tx, found.roleId)
    if (!role) throw new Refusal('找不到这个岗位。', undefined, 404)
    const shift = await tx.volunteerShift.findUniqueOrThrow({ where: { id: shiftId }, select: { status: true } })
    if (shift.status !== 'APPLIED' && shift.status !== 'WAITLISTED') throw new Refusal('这份报名已处理过。')
    if (decision === 'accept') {
      if (role.status !== 'OPEN') throw new Refusal('岗位已取消。')
      if (role.filled >= role.headcount) throw new Refusal(`岗位已满（${role.headcount} 人），请先增加人数或等有人退出。`)
      await tx.volunteerShift.update({ where: { id: shiftId }, data: { status: 'ACCEPTED', decidedAt: now, decidedById: staff.id } })
      await tx.volunteerRole.update({ where: { id: role.id }, data: { filled: { increment: 1 } } })
      await queueShiftMessages(tx, shiftId, 'volunteer.accepted', { origin, now, reminder: true })
    } else {
      await tx.volunteerShift.update({ where: { id: shiftId }, data: { status: 'DECLINED', decidedAt: now, decidedById: staff.id } })
      await queueShiftMessages(tx, shiftId, 'volunteer.declined', { origin, now, reminder: false })
    }
    await recordAudit(tx, staff.id, {
      action: decision === 'accept' ? 'volunteer.accept' : 'volunteer.decline',
      entityType: 'volunteerShift',
      entityId: shiftId,
      districtId: role.districtId,
      summary: `${decision === 'accept' ? '录用' : '婉拒'}志愿者：${found.volunteer.name}（${role.title}）`,
    })
  }, TX_OPTIONS)
}

/** The role's volunteers for staff: names and their code's state, never a phone. */
export async function roleForStaff(staff: Staff, roleId: string) {
  return prisma.volunteerRole.findFirst({
    where: { AND: [{ id: roleId }, roleScope(staff)] },
    select: {
      ...openRoleSelect,
      briefing: true,
      status: true,
      districtId: true,
      shifts: {
        orderBy: { seq: 'asc' },
        select: {
          id: true,
          status: true,
          seq: true,
          plannedMinutes: true,
          checkedInAt: true,
          checkedOutAt: true,
          creditedMinutes: true,
          credit: true,
          creditNote: true,
          volunteer: { select: { name: true, shVolunteerNo: true, skills: true } },
        },
      },
    },
  })
}

export function listRolesForStaff(staff: Staff, { now = new Date() }: { now?: Date } = {}) {
  return prisma.volunteerRole.findMany({
    where: { AND: [roleScope(staff), { endsAt: { gt: new Date(now.getTime() - 30 * 24 * HOUR) } }] },
    orderBy: { startsAt: 'asc' },
    take: 200,
    select: { ...openRoleSelect, status: true, _count: { select: { shifts: { where: { status: { in: ['APPLIED', 'WAITLISTED'] } } } } } },
  })
}

// ——— Messages ———

/** What every volunteer message names: the role (shortened as registrations' titles are) and its time. */
export function volunteerMessageParams(role: { title: string; startsAt: Date; endsAt: Date }, language: Language) {
  const time = formatSessionTime(role.startsAt, role.endsAt, language)
  // GSM-7 has no en dash: one would make an English SMS UCS-2 (as registrations' messages say).
  return { title: clause(role.title, language), time: language === 'en' ? time.replace('–', '-') : time }
}

type ShiftTemplate = 'volunteer.accepted' | 'volunteer.declined' | 'volunteer.place-opened'

export async function queueShiftMessages(
  tx: Tx,
  shiftId: string,
  template: ShiftTemplate,
  { origin, now, reminder }: { origin: string; now: Date; reminder: boolean },
): Promise<void> {
  const shift = await tx.volunteerShift.findUniqueOrThrow({
    where: { id: shiftId },
    select: {
      id: true,
      role: { select: { title: true, startsAt: true, endsAt: true, districtId: true } },
      volunteer: { select: { locale: true, resident: { select: { phone: true } } } },
    },
  })
  const phone = shift.volunteer.resident?.phone
  if (!phone) return
  const language = storedLanguage(shift.volunteer.locale)
  const to: Recipient = { phone, language }
  const base = volunteerMessageParams(shift.role, language)
  const subject = { subjectType: 'VolunteerShift' as const, subjectId: shift.id, districtId: shift.role.districtId }
  const items: Array<{ to: Recipient; message: OutgoingMessage }> = [
    {
      to,
      message: {
        ...subject,
        template,
        params: { ...base, link: `${origin}${template === 'volunteer.declined' ? '/volunteers' : '/volunteers/me'}` },
      },
    },
  ]
  const notBefore = reminderTime(shift.role.startsAt)
  if (reminder && notBefore > now) {
    items.push({
      to,
      message: {
        ...subject,
        template: 'volunteer.reminder',
        params: { ...base, link: `${origin}/volunteers/me`, startsAt: shift.role.startsAt.toISOString() },
        dedupeKey: `vreminder:${shift.id}:${shift.role.startsAt.toISOString()}`,
        notBefore,
      },
    })
  }
  await queueMessages(tx, items)
}

export async function skipVolunteerReminders(tx: Tx, where: { shiftIds: string[] } | { roleId: string }): Promise<void> {
  const shiftIds =
    'shiftIds' in where
      ? where.shiftIds
      : (await tx.volunteerShift.findMany({ where: { roleId: where.roleId }, select: { id: true } })).map((s) => s.id)
  if (!shiftIds.length) return
  await tx.message.updateMany({
    where: { template: 'volunteer.reminder', status: 'QUEUED', subjectType: 'VolunteerShift', subjectId: { in: shiftIds } },
    data: { status: 'SKIPPED' },
  })
}

/**
 * An account is deleted (app/models/passport.server.ts calls this in its transaction): the volunteer's places still
 * to come are given up (the next in line served), certificates are withdrawn, and the profile keeps only its
 * credited minutes as anonymous counts for the figures.
 */
export async function forgetVolunteer(tx: Tx, residentId: string, now: Date, origin = defaultOrigin()): Promise<void> {
  const volunteer = await tx.volunteer.findUnique({ where: { residentId }, select: { id: true } })
  if (!volunteer) return
  const upcoming = await tx.volunteerShift.findMany({
    where: { volunteerId: volunteer.id, status: { in: ACTIVE }, role: { startsAt: { gt: now } } },
    orderBy: { roleId: 'asc' },
    select: { id: true, roleId: true },
  })
  for (const shift of upcoming) {
    const role = await lockRole(tx, shift.roleId)
    if (!role) continue
    const current = await tx.volunteerShift.findUniqueOrThrow({ where: { id: shift.id }, select: { status: true } })
    await tx.volunteerShift.update({ where: { id: shift.id }, data: { status: 'DROPPED', droppedAt: now } })
    if (current.status === 'ACCEPTED') {
      await tx.volunteerRole.update({ where: { id: role.id }, data: { filled: { decrement: 1 } } })
      await serveNext(tx, { ...role, filled: role.filled - 1 }, { origin, now })
    }
  }
  await skipVolunteerReminders(tx, { shiftIds: upcoming.map((s) => s.id) })
  await tx.volunteerCertificate.deleteMany({ where: { volunteerId: volunteer.id } })
  await tx.volunteer.update({
    where: { id: volunteer.id },
    data: {
      residentId: null,
      name: '（已注销）',
      idNumberMasked: null,
      shVolunteerNo: null,
      skills: [],
      freeTimes: [],
      code: `X${volunteer.id}`,
    },
  })
}

/** What a staff member may post a role on: their sessions in the next 90 days, and their venues (open days). */
export async function roleFormOptions(staff: Staff, now = new Date()) {
  const eventWhere: Prisma.EventWhereInput =
    staff.role === 'PLATFORM_ADMIN'
      ? {}
      : staff.role === 'DISTRICT_ADMIN'
        ? { districtId: staff.districtId ?? '-' }
        : { organisationId: staff.organisationId ?? '-' }
  const venueWhere: Prisma.VenueWhereInput =
    staff.role === 'PLATFORM_ADMIN'
      ? {}
      : staff.role === 'DISTRICT_ADMIN'
        ? { districtId: staff.districtId ?? '-' }
        : { organisationId: staff.organisationId ?? '-' }
  const [sessions, venues, skills] = await Promise.all([
    prisma.eventSession.findMany({
      where: {
        status: 'SCHEDULED',
        startsAt: { gt: now, lt: new Date(now.getTime() + 90 * 24 * HOUR) },
        event: { ...eventWhere, status: { not: 'CANCELLED' } },
      },
      orderBy: { startsAt: 'asc' },
      take: 300,
      select: { id: true, startsAt: true, endsAt: true, event: { select: { title: true } } },
    }),
    prisma.venue.findMany({ where: venueWhere, orderBy: { name: 'asc' }, take: 300, select: { id: true, name: true } }),
    prisma.volunteerSkill.findMany({
      where: { active: true },
      orderBy: [{ sortOrder: 'asc' }, { createdAt: 'asc' }],
      select: { key: true, name: true },
    }),
  ])
  return { sessions, venues, skills }
}
