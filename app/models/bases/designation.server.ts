// 科普基地 designations (issue 27 part 1, decision 036): a venue recognised at a level of the list the platform admin
// keeps, with batch and year, valid from/until, and a status (active, 整改 with a deadline, revoked). Only the
// venue's district admin and platform admins add or change one; every change is written with its audit entry in one
// transaction, and the audit entries of a designation are its history. A venue holds at most one designation per
// level that is not revoked: a renewal changes the dates of the one it has.
import { recordAudit } from '~/models/audit.server'
import { readableCode } from '~/utils/codes.server'
import { forbidden, notFound } from '~/utils/http-errors'
import { isUniqueViolation } from '~/utils/infra/db-errors.server'
import { prisma, type Tx } from '~/utils/infra/db.server'
import { Refusal } from '~/utils/refusal'
import { shanghaiDateKey, startOfShanghaiDay } from '~/utils/shanghai-time'
import { designationStatusLabel } from './labels'
import type { DesignationInput, LevelInput } from './admin-schema'
import type { BaseDesignationStatus, Prisma } from '@prisma/client'
import type { Staff } from '~/utils/auth.server'

// ——— Levels ———

export function listLevels(options: { includeInactive?: boolean } = {}) {
  return prisma.baseLevel.findMany({
    where: options.includeInactive ? {} : { active: true },
    orderBy: [{ sortOrder: 'asc' }, { createdAt: 'asc' }],
    select: { key: true, name: true, nameEn: true, active: true, criteria: true },
  })
}

export function requirePlatformAdmin(staff: Staff): void {
  if (staff.role !== 'PLATFORM_ADMIN') throw forbidden()
}

/** The platform admin adds a level to the list. */
export async function addLevel(staff: Staff, input: LevelInput): Promise<string> {
  requirePlatformAdmin(staff)
  const key = `l-${readableCode(8).toLowerCase()}`
  try {
    await prisma.$transaction(async (tx) => {
      await tx.baseLevel.create({ data: { key, name: input.name, nameEn: input.nameEn } })
      await recordAudit(tx, staff.id, {
        action: 'base.level_add',
        entityType: 'BaseLevel',
        entityId: key,
        summary: `新增基地级别：${input.name}`,
      })
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new Refusal('已有同名的级别。', 'name')
    throw error
  }
  return key
}

/** A level no longer given is made inactive (never deleted): its designations keep their name. */
export async function setLevelActive(staff: Staff, key: string, active: boolean): Promise<void> {
  requirePlatformAdmin(staff)
  await prisma.$transaction(async (tx) => {
    const level = await tx.baseLevel.findUnique({ where: { key } })
    if (!level) throw new Refusal('没有这个级别。', undefined, 404)
    await tx.baseLevel.update({ where: { key }, data: { active } })
    await recordAudit(tx, staff.id, {
      action: active ? 'base.level_show' : 'base.level_hide',
      entityType: 'BaseLevel',
      entityId: key,
      summary: `${active ? '恢复' : '停用'}基地级别：${level.name}`,
    })
  })
}

// ——— Scope ———

/** Designations the staff member sees: platform admins all, district admins their district, staff their organisation. */
export function designationScope(staff: Staff): Prisma.BaseDesignationWhereInput {
  if (staff.role === 'PLATFORM_ADMIN') return {}
  if (staff.role === 'DISTRICT_ADMIN') return { venue: { districtId: staff.districtId ?? '-' } }
  return { venue: { organisationId: staff.organisationId ?? '-' } }
}

/** Whether the staff member may add or change designations of a venue in this district. */
export function mayDesignate(staff: Staff, districtId: string): boolean {
  return staff.role === 'PLATFORM_ADMIN' || (staff.role === 'DISTRICT_ADMIN' && staff.districtId === districtId)
}

/**
 * The venue whose designations the staff member manages, or 404 (a venue out of scope looks like none). Its own
 * organisation staff may read; only admins of its district may write (`write`), else 403.
 */
export async function requireDesignationVenue(staff: Staff, venueId: string, { write = false } = {}) {
  const venue = await prisma.venue.findUnique({
    where: { id: venueId },
    select: { id: true, name: true, slug: true, districtId: true, organisationId: true, district: { select: { name: true } } },
  })
  const reads =
    venue &&
    (mayDesignate(staff, venue.districtId) ||
      (staff.role === 'ORG_STAFF' && !!staff.organisationId && staff.organisationId === venue.organisationId))
  if (!venue || !reads) throw notFound('没有这个场馆，或不在您的管理范围内。')
  if (write && !mayDesignate(staff, venue.districtId)) throw forbidden()
  return venue
}

// ——— Current designation ———

/** Whether a designation holds on `now`: not revoked, begun, and its last valid day not yet over. */
export function currentDesignationWhere(now: Date): Prisma.BaseDesignationWhereInput {
  const today = startOfShanghaiDay(now)
  return {
    status: { not: 'REVOKED' },
    validFrom: { lte: now },
    OR: [{ validUntil: null }, { validUntil: { gte: today } }],
  }
}

/** The designations a public venue page shows (the venue by its slug). */
export function currentDesignations(venueSlug: string, now = new Date()) {
  return prisma.baseDesignation.findMany({
    where: { venue: { slug: venueSlug }, ...currentDesignationWhere(now) },
    orderBy: [{ level: { sortOrder: 'asc' } }, { validFrom: 'asc' }],
    select: { id: true, batch: true, year: true, status: true, level: { select: { key: true, name: true, nameEn: true } } },
  })
}

// ——— Register ———

export const designationSelect = {
  id: true,
  venueId: true,
  levelKey: true,
  batch: true,
  year: true,
  validFrom: true,
  validUntil: true,
  status: true,
  rectifyBy: true,
  note: true,
  applicationId: true,
  updatedAt: true,
  level: { select: { name: true } },
} satisfies Prisma.BaseDesignationSelect

/** The register as staff see it: designations in scope, optionally of one level and status, newest first. */
export function listDesignations(staff: Staff, filter: { levelKey?: string; status?: BaseDesignationStatus } = {}) {
  return prisma.baseDesignation.findMany({
    where: {
      ...designationScope(staff),
      ...(filter.levelKey ? { levelKey: filter.levelKey } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    },
    orderBy: [{ year: 'desc' }, { createdAt: 'desc' }],
    take: 500,
    select: {
      ...designationSelect,
      venue: { select: { id: true, name: true, slug: true, district: { select: { name: true } } } },
    },
  })
}

/** A venue's designations and their history (the audit entries of each), for the staff page. */
export async function venueDesignations(venueId: string) {
  const designations = await prisma.baseDesignation.findMany({
    where: { venueId },
    orderBy: [{ year: 'desc' }, { createdAt: 'desc' }],
    select: designationSelect,
  })
  const history = designations.length
    ? await prisma.auditEntry.findMany({
        where: { entityType: 'BaseDesignation', entityId: { in: designations.map((d) => d.id) } },
        orderBy: { at: 'desc' },
        select: { id: true, at: true, entityId: true, summary: true, actor: { select: { name: true } } },
      })
    : []
  return { designations, history }
}

const dateText = (d: Date | null | undefined) => (d ? shanghaiDateKey(d) : '—')

function describe(d: {
  batch?: string | null
  year: number
  validFrom: Date
  validUntil?: Date | null
  status: BaseDesignationStatus
  rectifyBy?: Date | null
}) {
  const rectify = d.status === 'RECTIFY' ? `，整改期限 ${dateText(d.rectifyBy)}` : ''
  return `${d.year}年${d.batch ? `（${d.batch}）` : ''}，有效期 ${dateText(d.validFrom)} 至 ${dateText(d.validUntil)}，${designationStatusLabel[d.status]}${rectify}`
}

/**
 * Adds a designation (no `designationId`) or changes one. Run inside `tx` when given (approval of a 申报 creates its
 * designation in the approval transaction); the venue row is locked first, so two admins adding the same level at
 * once are counted one after the other. Returns the designation id.
 */
export async function saveDesignation(
  staff: Staff,
  input: DesignationInput & { applicationId?: string },
  options: { tx?: Tx } = {},
): Promise<string> {
  const run = async (tx: Tx) => {
    const venue = await tx.venue.findUnique({ where: { id: input.venueId }, select: { id: true, name: true, districtId: true } })
    if (!venue || !mayDesignate(staff, venue.districtId)) throw new Refusal('没有这个场馆，或不在您的管理范围内。', undefined, 404)
    await tx.$queryRaw`SELECT id FROM "Venue" WHERE id = ${venue.id} FOR UPDATE`
    const level = await tx.baseLevel.findUnique({ where: { key: input.levelKey } })
    if (!level) throw new Refusal('没有这个级别。', 'levelKey')
    const data = {
      levelKey: input.levelKey,
      batch: input.batch || null,
      year: input.year,
      validFrom: input.validFrom,
      validUntil: input.validUntil ?? null,
      status: input.status,
      rectifyBy: input.status === 'RECTIFY' ? (input.rectifyBy ?? null) : null,
      note: input.note || null,
    }
    if (data.validUntil && data.validUntil < data.validFrom) throw new Refusal('有效期止不能早于有效期起', 'validUntil')
    if (data.status === 'RECTIFY' && !data.rectifyBy) throw new Refusal('整改状态须写明整改期限', 'rectifyBy')
    const others = await tx.baseDesignation.count({
      where: {
        venueId: venue.id,
        levelKey: input.levelKey,
        status: { not: 'REVOKED' },
        ...(input.designationId ? { id: { not: input.designationId } } : {}),
      },
    })
    if (others > 0 && data.status !== 'REVOKED')
      throw new Refusal(`该场馆已有未撤销的「${level.name}」认定，请修改原认定（如续期）而不是新增。`, 'levelKey')

    if (!input.designationId) {
      if (!level.active) throw new Refusal('这个级别已停用，不能新增认定。', 'levelKey')
      const created = await tx.baseDesignation.create({
        data: { ...data, venueId: venue.id, applicationId: input.applicationId ?? null },
        select: { id: true },
      })
      await recordAudit(tx, staff.id, {
        action: 'base.designate',
        entityType: 'BaseDesignation',
        entityId: created.id,
        summary: `认定「${venue.name}」为${level.name}：${describe(data)}`,
        details: { venueId: venue.id, after: { ...data, validFrom: dateText(data.validFrom), validUntil: dateText(data.validUntil) } },
        districtId: venue.districtId,
      })
      return created.id
    }
    const before = await tx.baseDesignation.findFirst({ where: { id: input.designationId, venueId: venue.id } })
    if (!before) throw new Refusal('没有这条认定。', undefined, 404)
    await tx.baseDesignation.update({ where: { id: before.id }, data })
    await recordAudit(tx, staff.id, {
      action: 'base.designation_change',
      entityType: 'BaseDesignation',
      entityId: before.id,
      summary: `修改「${venue.name}」的${level.name}认定：${describe(before)} → ${describe(data)}`,
      details: {
        venueId: venue.id,
        before: {
          status: before.status,
          validFrom: dateText(before.validFrom),
          validUntil: dateText(before.validUntil),
          rectifyBy: dateText(before.rectifyBy),
        },
        after: {
          status: data.status,
          validFrom: dateText(data.validFrom),
          validUntil: dateText(data.validUntil),
          rectifyBy: dateText(data.rectifyBy),
        },
      },
      districtId: venue.districtId,
    })
    return before.id
  }
  return options.tx ? run(options.tx) : prisma.$transaction(run)
}

/** The last valid day as the form shows it (a designation valid "until" a date holds through that day). */
export function untilText(validUntil: Date | null): string {
  return validUntil ? shanghaiDateKey(validUntil) : ''
}
