// 科普志愿者: who is a volunteer, the skill list, a district's limits, the no-show block and who among staff sees
// what. A volunteer is a resident with an account (the phone proven by an SMS code at sign-up, decision 012); the
// profile keeps only what the service needs: a name for the certificate, the masked ID number if given, the
// 上海志愿者网 number if given, districts, skills and usual free times. Staff of one district never see or change
// another district's volunteers or roles: every staff read and write goes through roleScope / volunteerScope.
import { recordAudit } from '~/models/audit.server'
import { readableCode } from '~/utils/codes.server'
import { forbidden } from '~/utils/http-errors'
import { isUniqueViolation } from '~/utils/infra/db-errors.server'
import { prisma, type Tx } from '~/utils/infra/db.server'
import { Refusal, localized } from '~/utils/refusal'
import { type VolunteerRuleInput } from './admin-schema'
import { maskIdNumber, type VolunteerProfileInput } from './schema'
import type { Prisma, PrismaClient, VolunteerRule } from '@prisma/client'
import type { Staff } from '~/utils/auth.server'
import type { Language } from '~/utils/i18n'

type Db = Tx | PrismaClient

export type VolunteerRuleCode =
  | 'NOT_A_VOLUNTEER'
  | 'ROLE_NOT_FOUND'
  | 'ROLE_CLOSED'
  | 'ROLE_STARTED'
  | 'ROLE_FULL'
  | 'OVERLAP'
  | 'DAILY_HOURS'
  | 'NO_SHOW_BLOCK'
  | 'DECLINED_BEFORE'
  | 'DROP_TOO_LATE'
  | 'NOT_ACTIVE'
  | 'DISTRICTS_UNKNOWN'
  | 'NO_HOURS'

/** A volunteer rule said no; the words are the catalogue's `volunteers.refusal.<code>`. */
export function volunteerRefusal(code: VolunteerRuleCode, values?: Record<string, string | number>): Refusal {
  return new Refusal(localized(`volunteers.refusal.${code}`, values), undefined, code.endsWith('NOT_FOUND') ? 404 : 409, code)
}

/** Roles the staff member manages: platform admins all, district admins their district's, staff their organisation's. */
export function roleScope(staff: Staff): Prisma.VolunteerRoleWhereInput {
  if (staff.role === 'PLATFORM_ADMIN') return {}
  if (staff.role === 'DISTRICT_ADMIN') return { districtId: staff.districtId ?? '-' }
  return { organisationId: staff.organisationId ?? '-' }
}

/** Volunteers the staff member sees: a district admin those who volunteer in the district, staff those on their roles. */
export function volunteerScope(staff: Staff): Prisma.VolunteerWhereInput {
  if (staff.role === 'PLATFORM_ADMIN') return {}
  if (staff.role === 'DISTRICT_ADMIN') return { districtIds: { has: staff.districtId ?? '-' } }
  return { shifts: { some: { role: { organisationId: staff.organisationId ?? '-' } } } }
}

/** Districts whose volunteer settings (limits, lifts) the staff member changes: admins only. */
export function requireVolunteerAdmin(staff: Staff, districtId: string): void {
  if (staff.role === 'PLATFORM_ADMIN') return
  if (staff.role === 'DISTRICT_ADMIN' && staff.districtId === districtId) return
  throw forbidden()
}

// ——— Skills ———

export function listSkills(options: { includeInactive?: boolean } = {}) {
  return prisma.volunteerSkill.findMany({
    where: options.includeInactive ? {} : { active: true },
    orderBy: [{ sortOrder: 'asc' }, { createdAt: 'asc' }],
    select: { key: true, name: true, nameEn: true, active: true },
  })
}

/** Staff add a skill to the list (any staff member: the list is shared by every district). */
export async function addSkill(staff: Staff, input: { name: string; nameEn: string }): Promise<string> {
  const key = `s-${readableCode(8).toLowerCase()}`
  try {
    await prisma.$transaction(async (tx) => {
      await tx.volunteerSkill.create({ data: { key, name: input.name, nameEn: input.nameEn } })
      await recordAudit(tx, staff.id, {
        action: 'volunteer.skill_add',
        entityType: 'volunteerSkill',
        entityId: key,
        summary: `新增志愿技能：${input.name}`,
      })
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new Refusal('已有同名的技能。', 'name')
    throw error
  }
  return key
}

export async function setSkillActive(staff: Staff, key: string, active: boolean): Promise<void> {
  requireVolunteerAdminAnywhere(staff)
  await prisma.$transaction(async (tx) => {
    const skill = await tx.volunteerSkill.update({ where: { key }, data: { active } })
    await recordAudit(tx, staff.id, {
      action: active ? 'volunteer.skill_show' : 'volunteer.skill_hide',
      entityType: 'volunteerSkill',
      entityId: key,
      summary: `${active ? '恢复' : '停用'}志愿技能：${skill.name}`,
    })
  })
}

function requireVolunteerAdminAnywhere(staff: Staff): void {
  if (staff.role === 'ORG_STAFF') throw forbidden()
}

// ——— Profile ———

export const volunteerSelect = {
  id: true,
  name: true,
  idNumberMasked: true,
  shVolunteerNo: true,
  districtIds: true,
  skills: true,
  freeTimes: true,
  code: true,
  locale: true,
  createdAt: true,
} satisfies Prisma.VolunteerSelect

export function volunteerOf(residentId: string) {
  return prisma.volunteer.findUnique({ where: { residentId }, select: volunteerSelect })
}

/**
 * Becoming a volunteer, or changing the profile. Districts must be active ones; skills not on the list are dropped.
 * The ID number, when given, is kept only masked; leaving it empty on a later save keeps the masked one.
 */
export async function saveVolunteer(
  residentId: string,
  input: VolunteerProfileInput,
  language: Language,
): Promise<{ id: string; created: boolean }> {
  const [districts, skills] = await Promise.all([
    prisma.district.findMany({ where: { id: { in: input.districtIds }, active: true }, select: { id: true } }),
    prisma.volunteerSkill.findMany({ where: { key: { in: input.skills }, active: true }, select: { key: true } }),
  ])
  if (districts.length !== new Set(input.districtIds).size) {
    throw new Refusal(localized('volunteers.refusal.DISTRICTS_UNKNOWN'), 'districtIds', 409, 'DISTRICTS_UNKNOWN')
  }
  const data = {
    name: input.name,
    shVolunteerNo: input.shVolunteerNo ?? null,
    districtIds: districts.map((d) => d.id),
    skills: skills.map((s) => s.key),
    freeTimes: [...new Set(input.freeTimes)],
    locale: language,
    ...(input.idNumber ? { idNumberMasked: maskIdNumber(input.idNumber) } : {}),
  }
  const existing = await prisma.volunteer.findUnique({ where: { residentId }, select: { id: true } })
  // Consent is asked when the profile is made; a later save keeps it.
  if (!existing && input.consent !== 'on') throw new Refusal(localized('volunteers.errors.consent'), 'consent', 400, 'CONSENT')
  if (existing) {
    await prisma.volunteer.update({ where: { id: existing.id }, data })
    return { id: existing.id, created: false }
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const created = await prisma.volunteer.create({ data: { ...data, residentId, code: readableCode(8) }, select: { id: true } })
      return { id: created.id, created: true }
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error
      // Two sign-ups of one account at once (a double click): the first made it.
      const raced = await prisma.volunteer.findUnique({ where: { residentId }, select: { id: true } })
      if (raced) return { id: raced.id, created: false }
    }
  }
}

// ——— Limits and the no-show block ———

export const DEFAULT_RULE = { maxHoursPerDay: null, noShowLimit: null, minPresentPct: 60, dropCutoffHours: 24 } as const
export type RuleValues = Pick<VolunteerRule, 'maxHoursPerDay' | 'noShowLimit' | 'minPresentPct' | 'dropCutoffHours'>

export async function ruleOf(db: Db, districtId: string): Promise<RuleValues> {
  const rule = await db.volunteerRule.findUnique({
    where: { districtId },
    select: { maxHoursPerDay: true, noShowLimit: true, minPresentPct: true, dropCutoffHours: true },
  })
  return rule ?? { ...DEFAULT_RULE }
}

/** A district's limits read outside any transaction, for the staff pages that show them. */
export function volunteerRule(districtId: string): Promise<RuleValues> {
  return ruleOf(prisma, districtId)
}

/** The limits of every active district, for the public pages that state them before anyone claims. */
export async function rulesByDistrict(): Promise<Map<string, RuleValues>> {
  const rows = await prisma.volunteerRule.findMany()
  return new Map(rows.map((r) => [r.districtId, r]))
}

export async function saveVolunteerRule(staff: Staff, input: VolunteerRuleInput): Promise<void> {
  requireVolunteerAdmin(staff, input.districtId)
  const data = {
    maxHoursPerDay: input.maxHoursPerDay ?? null,
    noShowLimit: input.noShowLimit ?? null,
    minPresentPct: input.minPresentPct,
    dropCutoffHours: input.dropCutoffHours,
    updatedById: staff.id,
  }
  await prisma.$transaction(async (tx) => {
    await tx.volunteerRule.upsert({
      where: { districtId: input.districtId },
      create: { districtId: input.districtId, ...data },
      update: data,
    })
    await recordAudit(tx, staff.id, {
      action: 'volunteer.rule',
      entityType: 'volunteerRule',
      entityId: input.districtId,
      districtId: input.districtId,
      summary: `志愿者规则：每天最多 ${data.maxHoursPerDay ?? '不限'} 小时，爽约 ${data.noShowLimit ?? '不限'} 次暂停，到岗 ${data.minPresentPct}% 计时，开始前 ${data.dropCutoffHours} 小时停止退出`,
      details: data,
    })
  })
}

/**
 * A no-show: a place still held (ACCEPTED) on a role that went ahead and has ended, never checked in. Counted per
 * district, from the last lift there.
 */
export function noShowWhere(volunteerId: string, districtId: string, since: Date | null, now: Date): Prisma.VolunteerShiftWhereInput {
  return {
    volunteerId,
    status: 'ACCEPTED',
    checkedInAt: null,
    role: { districtId, status: 'OPEN', endsAt: { lte: now, ...(since ? { gt: since } : {}) } },
  }
}

export async function noShowCount(db: Db, volunteerId: string, districtId: string, now: Date): Promise<number> {
  const lift = await db.volunteerBlockLift.findFirst({
    where: { volunteerId, districtId },
    orderBy: { liftedAt: 'desc' },
    select: { liftedAt: true },
  })
  return db.volunteerShift.count({ where: noShowWhere(volunteerId, districtId, lift?.liftedAt ?? null, now) })
}

/** Staff lift a volunteer's no-show block in their district, with a reason; written to the audit log. */
export async function liftNoShowBlock(
  staff: Staff,
  input: { volunteerId: string; districtId: string; reason: string },
  now = new Date(),
): Promise<void> {
  requireVolunteerAdmin(staff, input.districtId)
  await prisma.$transaction(async (tx) => {
    const volunteer = await tx.volunteer.findFirst({
      where: { AND: [{ id: input.volunteerId }, volunteerScope(staff)] },
      select: { id: true, name: true },
    })
    if (!volunteer) throw new Refusal('找不到这位志愿者，或不在你的管理范围内。', undefined, 404)
    const rule = await ruleOf(tx, input.districtId)
    const count = await noShowCount(tx, volunteer.id, input.districtId, now)
    if (!rule.noShowLimit || count < rule.noShowLimit) throw new Refusal('这位志愿者目前没有因爽约被暂停，无需解除。')
    await tx.volunteerBlockLift.create({
      data: { volunteerId: volunteer.id, districtId: input.districtId, liftedAt: now, liftedById: staff.id, reason: input.reason },
    })
    await recordAudit(tx, staff.id, {
      action: 'volunteer.block_lift',
      entityType: 'volunteer',
      entityId: volunteer.id,
      districtId: input.districtId,
      summary: `解除志愿者爽约暂停：${volunteer.name}（${count} 次爽约），原因：${input.reason}`,
      details: { noShows: count, reason: input.reason },
    })
  })
}

/** The district's volunteers for staff: no phone at all (staff reach them through the messages Kepu sends). */
export async function listVolunteersForStaff(staff: Staff, options: { districtId?: string; now?: Date } = {}) {
  const now = options.now ?? new Date()
  const rows = await prisma.volunteer.findMany({
    where: {
      AND: [volunteerScope(staff), { residentId: { not: null } }, options.districtId ? { districtIds: { has: options.districtId } } : {}],
    },
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: {
      id: true,
      name: true,
      shVolunteerNo: true,
      districtIds: true,
      skills: true,
      createdAt: true,
      shifts: { where: { credit: { in: ['CREDITED', 'ADJUSTED'] } }, select: { creditedMinutes: true } },
    },
  })
  const districtId = options.districtId ?? (staff.role === 'DISTRICT_ADMIN' ? staff.districtId : null)
  return Promise.all(
    rows.map(async (v) => ({
      id: v.id,
      name: v.name,
      shVolunteerNo: v.shVolunteerNo,
      districtIds: v.districtIds,
      skills: v.skills,
      createdAt: v.createdAt,
      creditedMinutes: v.shifts.reduce((sum, s) => sum + (s.creditedMinutes ?? 0), 0),
      noShows: districtId ? await noShowCount(prisma, v.id, districtId, now) : null,
    })),
  )
}

/** What the public pages offer and state: active districts with their limits, and the skill list. */
export async function volunteerPageOptions() {
  const [districts, skills, rules] = await Promise.all([
    prisma.district.findMany({
      where: { active: true },
      orderBy: { code: 'asc' },
      select: { id: true, slug: true, name: true, nameEn: true },
    }),
    listSkills(),
    rulesByDistrict(),
  ])
  return { districts: districts.map((d) => ({ ...d, rule: rules.get(d.id) ?? { ...DEFAULT_RULE } })), skills }
}

/** The district a volunteer admin page works on: platform admins choose, district admins have their own. */
export async function requireVolunteerDistrict(staff: Staff, districtId: string | null | undefined) {
  if (staff.role === 'ORG_STAFF') throw forbidden()
  const districts = await prisma.district.findMany({
    where: staff.role === 'DISTRICT_ADMIN' ? { id: staff.districtId ?? '-' } : { active: true },
    orderBy: { code: 'asc' },
    select: { id: true, name: true },
  })
  const district = districtId ? districts.find((d) => d.id === districtId) : districts[0]
  if (!district) throw forbidden('你只能管理本区的志愿者。')
  return { ...district, districts }
}
