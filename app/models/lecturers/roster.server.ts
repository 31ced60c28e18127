// 讲师团 rosters (decision 034). The rule: a district's staff keep their district's roster and nobody else's
// (platform admins keep every one; organisation staff none); a lecturer keeps only their own page, reached through
// the resident account a one-time link joined to it; the public sees published lecturers and never a phone or an
// e-mail (a lecturer has none here: the linked account's number stays with the account).
import { recordAudit } from '~/models/audit.server'
import { forbidden } from '~/utils/http-errors'
import { prisma } from '~/utils/infra/db.server'
import { fileStore, storeImage, type FileStore } from '~/utils/infra/storage/index.server'
import { hashLinkSecret, newLinkSecret } from '~/utils/private-links.server'
import { Refusal, localized } from '~/utils/refusal'
import type { LecturerProfileInput, LecturerStaffInput } from './schema'
import type { Prisma } from '@prisma/client'
import type { Staff } from '~/utils/auth.server'

export const LECTURER_LINK_HOURS = 72
export const LECTURER_PHOTO_PURPOSE = 'lecturer-photo'

/** Staff who keep rosters: platform admins and district admins. Anyone else is refused (403). */
export function requireRosterStaff(staff: Staff): void {
  if (staff.role !== 'PLATFORM_ADMIN' && staff.role !== 'DISTRICT_ADMIN') throw forbidden()
}

/** Lecturers the staff member keeps: their district's roster (platform admins: all). */
export function lecturerScope(staff: Staff): Prisma.LecturerWhereInput {
  if (staff.role === 'PLATFORM_ADMIN') return {}
  if (staff.role === 'DISTRICT_ADMIN') return { districtId: staff.districtId ?? '-' }
  return { id: '-' }
}

const notFound = () => new Refusal('找不到这位讲师，或不在你的管理范围内。', undefined, 404)

export function listLecturersForStaff(staff: Staff) {
  return prisma.lecturer.findMany({
    where: lecturerScope(staff),
    orderBy: [{ published: 'desc' }, { name: 'asc' }],
    select: {
      id: true,
      name: true,
      organisation: true,
      title: true,
      topics: true,
      monthlyCapacity: true,
      published: true,
      photoFileId: true,
      residentId: true,
      district: { select: { name: true } },
    },
  })
}

export function findLecturerForStaff(staff: Staff, id: string) {
  return prisma.lecturer.findFirst({
    where: { AND: [{ id }, lecturerScope(staff)] },
    include: { district: { select: { id: true, name: true } }, menuItems: { select: { menuItem: { select: { id: true, title: true } } } } },
  })
}

/** The district a new lecturer joins: a district admin's own; a platform admin names one. */
async function rosterDistrict(staff: Staff, districtId: string | undefined): Promise<string> {
  const id = staff.role === 'DISTRICT_ADMIN' ? staff.districtId : districtId
  const district = id ? await prisma.district.findUnique({ where: { id }, select: { id: true } }) : null
  if (!district) throw new Refusal('请选择讲师所属的区。', 'districtId')
  return district.id
}

export async function saveLecturer(
  staff: Staff,
  lecturerId: string | null,
  input: LecturerStaffInput & { districtId?: string },
): Promise<{ id: string }> {
  requireRosterStaff(staff)
  const existing = lecturerId ? await findLecturerForStaff(staff, lecturerId) : null
  if (lecturerId && !existing) throw notFound()
  const districtId = existing ? existing.districtId : await rosterDistrict(staff, input.districtId)
  const travelsTo = (await prisma.district.findMany({ where: { id: { in: input.travelsTo } }, select: { id: true } })).map((d) => d.id)
  const data = {
    name: input.name,
    organisation: input.organisation,
    title: input.title ?? '',
    topics: input.topics,
    audiences: input.audiences,
    travelsTo: travelsTo.filter((id) => id !== districtId),
    monthlyCapacity: input.monthlyCapacity,
    bio: input.bio,
    published: input.published,
  }
  return prisma.$transaction(async (tx) => {
    const lecturer = lecturerId
      ? await tx.lecturer.update({ where: { id: lecturerId }, data, select: { id: true } })
      : await tx.lecturer.create({ data: { ...data, districtId }, select: { id: true } })
    await recordAudit(tx, staff.id, {
      action: lecturerId ? 'lecturer.update' : 'lecturer.create',
      entityType: 'lecturer',
      entityId: lecturer.id,
      districtId,
      summary: `${lecturerId ? '修改' : '新增'}讲师「${input.name}」${input.published ? '（公开）' : '（未公开）'}`,
    })
    return lecturer
  })
}

/** Which lecturers give a menu item (staff of the item's organisation's district, or platform admins). */
export async function setItemLecturers(staff: Staff, menuItemId: string, lecturerIds: string[]): Promise<void> {
  requireRosterStaff(staff)
  const item = await prisma.menuItem.findFirst({
    where: { id: menuItemId, ...(staff.role === 'PLATFORM_ADMIN' ? {} : { organisation: { districtId: staff.districtId ?? '-' } }) },
    select: { id: true, title: true, organisation: { select: { districtId: true } } },
  })
  if (!item) throw new Refusal('找不到这个菜单项目，或不在你的管理范围内。', undefined, 404)
  const lecturers = await prisma.lecturer.findMany({
    where: { id: { in: lecturerIds }, ...lecturerScope(staff) },
    select: { id: true, name: true },
  })
  if (lecturers.length !== new Set(lecturerIds).size) throw new Refusal('请从本区讲师团中选择讲师。', 'lecturerIds')
  await prisma.$transaction(async (tx) => {
    await tx.menuItemLecturer.deleteMany({ where: { menuItemId } })
    if (lecturers.length) await tx.menuItemLecturer.createMany({ data: lecturers.map((l) => ({ menuItemId, lecturerId: l.id })) })
    await recordAudit(tx, staff.id, {
      action: 'menu_item.lecturers',
      entityType: 'menu_item',
      entityId: menuItemId,
      districtId: item.organisation.districtId,
      summary: `「${item.title}」的讲师：${lecturers.map((l) => l.name).join('、') || '无'}`,
    })
  })
}

// ——— Photos ———

/**
 * Stores a new photo and points the lecturer at it; the old file goes after the database no longer names it.
 * A refused upload (see the storage module) changes nothing.
 */
async function replacePhoto(
  lecturerId: string,
  file: File | Uint8Array,
  actor: { staffId: string | null; districtId: string },
  store: FileStore,
) {
  const saved = await storeImage(store, file, { purpose: LECTURER_PHOTO_PURPOSE, field: 'photo', maxEdge: 800 })
  let oldKey: string | null = null
  try {
    await prisma.$transaction(async (tx) => {
      const before = await tx.lecturer.findUniqueOrThrow({
        where: { id: lecturerId },
        select: { name: true, photo: { select: { id: true, key: true } } },
      })
      const stored = await tx.storedFile.create({
        data: {
          key: saved.key,
          purpose: LECTURER_PHOTO_PURPOSE,
          contentType: saved.contentType,
          byteSize: saved.byteSize,
          width: saved.width,
          height: saved.height,
        },
        select: { id: true },
      })
      await tx.lecturer.update({ where: { id: lecturerId }, data: { photoFileId: stored.id } })
      if (before.photo) {
        await tx.storedFile.delete({ where: { id: before.photo.id } })
        oldKey = before.photo.key
      }
      await recordAudit(tx, actor.staffId, {
        action: 'lecturer.photo',
        entityType: 'lecturer',
        entityId: lecturerId,
        districtId: actor.districtId,
        summary: `更新讲师「${before.name}」的照片${actor.staffId ? '' : '（讲师本人）'}`,
      })
    })
  } catch (error) {
    await store.delete(saved.key).catch(() => undefined)
    throw error
  }
  if (oldKey) await store.delete(oldKey).catch(() => undefined)
}

export async function setLecturerPhotoByStaff(staff: Staff, lecturerId: string, file: File | Uint8Array, store = fileStore()) {
  requireRosterStaff(staff)
  const lecturer = await findLecturerForStaff(staff, lecturerId)
  if (!lecturer) throw notFound()
  await replacePhoto(lecturer.id, file, { staffId: staff.id, districtId: lecturer.districtId }, store)
}

export async function setOwnPhoto(residentId: string, file: File | Uint8Array, store = fileStore()) {
  const lecturer = await requireOwnLecturer(residentId)
  await replacePhoto(lecturer.id, file, { staffId: null, districtId: lecturer.districtId }, store)
}

/**
 * Who may see a stored lecturer photo: everyone when the lecturer is published; otherwise the lecturer
 * themselves and staff who keep that roster. Null: no such photo (or not one this reader may know of).
 */
export async function lecturerPhotoAccess(
  fileId: string,
  viewer: { staff: Staff | null; residentId: string | null },
): Promise<{ key: string; visibility: 'public' | 'private' } | null> {
  const lecturer = await prisma.lecturer.findFirst({
    where: { photoFileId: fileId },
    select: { id: true, published: true, districtId: true, residentId: true, photo: { select: { key: true } } },
  })
  if (!lecturer?.photo) return null
  if (lecturer.published) return { key: lecturer.photo.key, visibility: 'public' }
  const own = viewer.residentId !== null && lecturer.residentId === viewer.residentId
  const staff =
    viewer.staff !== null &&
    (viewer.staff.role === 'PLATFORM_ADMIN' || (viewer.staff.role === 'DISTRICT_ADMIN' && viewer.staff.districtId === lecturer.districtId))
  return own || staff ? { key: lecturer.photo.key, visibility: 'private' } : null
}

// ——— The lecturer's own account ———

/** A one-time link for the lecturer to join their resident account to this page (72 hours; earlier links stop). */
export async function issueLecturerLink(staff: Staff, lecturerId: string, now = new Date()): Promise<string> {
  requireRosterStaff(staff)
  const lecturer = await findLecturerForStaff(staff, lecturerId)
  if (!lecturer) throw notFound()
  const { secret, hash } = newLinkSecret()
  await prisma.$transaction(async (tx) => {
    await tx.lecturerLinkToken.updateMany({ where: { lecturerId, usedAt: null }, data: { expiresAt: now } })
    await tx.lecturerLinkToken.create({
      data: { tokenHash: hash, lecturerId, issuedById: staff.id, expiresAt: new Date(now.getTime() + LECTURER_LINK_HOURS * 3600_000) },
    })
    await recordAudit(tx, staff.id, {
      action: 'lecturer.link',
      entityType: 'lecturer',
      entityId: lecturerId,
      districtId: lecturer.districtId,
      summary: `为讲师「${lecturer.name}」生成账号关联链接${lecturer.residentId ? '（将替换已关联的账号）' : ''}`,
    })
  })
  return secret
}

export async function findLecturerLink(secret: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(secret)) return null
  return prisma.lecturerLinkToken.findFirst({
    where: { tokenHash: hashLinkSecret(secret), usedAt: null, expiresAt: { gt: now } },
    select: { id: true, lecturer: { select: { id: true, name: true, districtId: true } } },
  })
}

/** Joins the signed-in resident's account to the lecturer; the link is used up. One account, one lecturer. */
export async function redeemLecturerLink(secret: string, residentId: string, now = new Date()): Promise<{ lecturerId: string }> {
  const token = await findLecturerLink(secret, now)
  if (!token) throw new Refusal(localized('lecturer.link.invalid'), undefined, 410)
  const other = await prisma.lecturer.findFirst({ where: { residentId, id: { not: token.lecturer.id } }, select: { id: true } })
  if (other) throw new Refusal(localized('lecturer.link.taken'), undefined, 409)
  return prisma.$transaction(async (tx) => {
    const used = await tx.lecturerLinkToken.updateMany({ where: { id: token.id, usedAt: null }, data: { usedAt: now } })
    if (used.count !== 1) throw new Refusal(localized('lecturer.link.invalid'), undefined, 410)
    await tx.lecturer.update({ where: { id: token.lecturer.id }, data: { residentId } })
    await recordAudit(tx, null, {
      action: 'lecturer.linked',
      entityType: 'lecturer',
      entityId: token.lecturer.id,
      districtId: token.lecturer.districtId,
      summary: `讲师「${token.lecturer.name}」用一次性链接关联了账号`,
    })
    return { lecturerId: token.lecturer.id }
  })
}

/** The lecturer whose page this resident account keeps, or null. */
export function lecturerOfResident(residentId: string) {
  return prisma.lecturer.findUnique({
    where: { residentId },
    include: { photo: { select: { id: true } }, district: { select: { name: true, nameEn: true } } },
  })
}

async function requireOwnLecturer(residentId: string) {
  const lecturer = await lecturerOfResident(residentId)
  if (!lecturer) throw new Refusal(localized('lecturer.own.notLinked'), undefined, 403)
  return lecturer
}

/** The lecturer keeps their own page current: never another's (the row is found by their own account). */
export async function saveOwnProfile(residentId: string, input: LecturerProfileInput): Promise<void> {
  const lecturer = await requireOwnLecturer(residentId)
  await prisma.$transaction(async (tx) => {
    await tx.lecturer.update({
      where: { id: lecturer.id },
      data: {
        name: input.name,
        organisation: input.organisation,
        title: input.title ?? '',
        topics: input.topics,
        audiences: input.audiences,
        monthlyCapacity: input.monthlyCapacity,
        bio: input.bio,
      },
    })
    await recordAudit(tx, null, {
      action: 'lecturer.self_update',
      entityType: 'lecturer',
      entityId: lecturer.id,
      districtId: lecturer.districtId,
      summary: `讲师「${input.name}」更新了自己的主页`,
    })
  })
}

// ——— Public pages ———

const publicSelect = {
  id: true,
  name: true,
  organisation: true,
  title: true,
  topics: true,
  audiences: true,
  travelsTo: true,
  bio: true,
  photoFileId: true,
  district: { select: { slug: true, name: true, nameEn: true } },
} satisfies Prisma.LecturerSelect

export async function listPublicLecturers({ district, topic }: { district?: string; topic?: string } = {}) {
  const lecturers = await prisma.lecturer.findMany({
    where: { published: true, ...(district ? { district: { slug: district } } : {}), ...(topic ? { topics: { has: topic } } : {}) },
    orderBy: [{ district: { code: 'asc' } }, { name: 'asc' }],
    select: publicSelect,
    take: 600,
  })
  const delivered = await deliveredCounts(lecturers.map((l) => l.id))
  return lecturers.map((l) => ({ ...l, delivered: delivered.get(l.id) ?? 0 }))
}

async function deliveredCounts(ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map()
  const rows = await prisma.menuOrder.groupBy({
    by: ['lecturerId'],
    where: { lecturerId: { in: ids }, status: 'DELIVERED' },
    _count: { _all: true },
  })
  return new Map(rows.map((r) => [r.lecturerId!, r._count._all]))
}

/** A published lecturer's public page: who, what, upcoming activities, talks given and average rating. */
export async function publicLecturer(id: string, now = new Date()) {
  const lecturer = await prisma.lecturer.findFirst({
    where: { id, published: true },
    select: {
      ...publicSelect,
      menuItems: { where: { menuItem: { active: true } }, select: { menuItem: { select: { id: true, title: true } } } },
    },
  })
  if (!lecturer) return null
  const [delivered, rating, upcoming, travels] = await Promise.all([
    prisma.menuOrder.count({ where: { lecturerId: id, status: 'DELIVERED' } }),
    prisma.menuOrder.aggregate({ where: { lecturerId: id, rating: { not: null } }, _avg: { rating: true }, _count: { rating: true } }),
    prisma.eventSession.findMany({
      where: {
        startsAt: { gt: now },
        status: 'SCHEDULED',
        event: { status: 'PUBLISHED', menuOrder: { lecturerId: id, status: 'ACCEPTED' } },
      },
      orderBy: { startsAt: 'asc' },
      take: 10,
      select: { id: true, startsAt: true, event: { select: { slug: true, title: true, placeName: true } } },
    }),
    prisma.district.findMany({ where: { id: { in: lecturer.travelsTo } }, select: { name: true, nameEn: true } }),
  ])
  return {
    ...lecturer,
    travelsTo: travels,
    delivered,
    rating: rating._count.rating ? { average: Math.round((rating._avg.rating ?? 0) * 10) / 10, count: rating._count.rating } : null,
    upcoming,
  }
}

// ——— Which 菜单 items a lecturer gives ———

/** Active items of organisations in the staff member's district (platform admins: all), for naming lecturers. */
export function menuItemsForRoster(staff: Staff) {
  return prisma.menuItem.findMany({
    where: { active: true, ...(staff.role === 'PLATFORM_ADMIN' ? {} : { organisation: { districtId: staff.districtId ?? '-' } }) },
    orderBy: { title: 'asc' },
    select: { id: true, title: true, organisation: { select: { name: true } } },
  })
}

/** The items this lecturer gives, from the staff member's district's items; items outside it are left as they are. */
export async function setLecturerItems(staff: Staff, lecturerId: string, itemIds: string[]): Promise<void> {
  requireRosterStaff(staff)
  const lecturer = await findLecturerForStaff(staff, lecturerId)
  if (!lecturer) throw notFound()
  const reachable = await menuItemsForRoster(staff)
  const allowed = new Set(reachable.map((i) => i.id))
  if (itemIds.some((id) => !allowed.has(id))) throw new Refusal('请从本区的菜单项目中选择。', 'menuItemIds')
  await prisma.$transaction(async (tx) => {
    await tx.menuItemLecturer.deleteMany({ where: { lecturerId, menuItemId: { in: [...allowed] } } })
    if (itemIds.length)
      await tx.menuItemLecturer.createMany({ data: [...new Set(itemIds)].map((menuItemId) => ({ menuItemId, lecturerId })) })
    await recordAudit(tx, staff.id, {
      action: 'lecturer.items',
      entityType: 'lecturer',
      entityId: lecturerId,
      districtId: lecturer.districtId,
      summary: `讲师「${lecturer.name}」讲授的菜单项目：${
        reachable
          .filter((i) => itemIds.includes(i.id))
          .map((i) => i.title)
          .join('、') || '无'
      }`,
    })
  })
}
