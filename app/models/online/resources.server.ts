// 线上科普资源 (decision 037). The rule: a district's admins keep their district's resources and nobody else's
// (platform admins every one; organisation staff none); a resource links only to venues and activities its keeper
// manages; the public sees published resources only, and a link is always https: (the form, this model and a
// CHECK in the database each refuse anything else). Every save is one transaction with its links and audit entry.
import { randomBytes } from 'node:crypto'
import { Prisma } from '@prisma/client'
import en from '~/locales/en'
import zhCN from '~/locales/zh-CN'
import { recordAudit } from '~/models/audit.server'
import { keywordSql } from '~/models/keyword-search.server'
import { forbidden } from '~/utils/http-errors'
import { prisma } from '~/utils/infra/db.server'
import { fileStore, storeImage, type FileStore } from '~/utils/infra/storage/index.server'
import { keywordTerms } from '~/utils/keyword'
import { eventScope, venueScope } from '~/utils/permissions.server'
import { Refusal } from '~/utils/refusal'
import { isSafeResourceUrl, type OnlineResourceInput } from './admin-schema'
import type { OnlineResourceKind } from '@prisma/client'
import type { Staff } from '~/utils/auth.server'

export const ONLINE_COVER_PURPOSE = 'online-cover'
export const PUBLIC_PAGE_SIZE = 24

/** Staff who keep the library: platform admins and district admins. Anyone else is refused (403). */
export function requireOnlineStaff(staff: Staff): void {
  if (staff.role !== 'PLATFORM_ADMIN' && staff.role !== 'DISTRICT_ADMIN') throw forbidden()
}

/** Resources the staff member keeps: their district's (platform admins: all). */
export function onlineResourceScope(staff: Staff): Prisma.OnlineResourceWhereInput {
  if (staff.role === 'PLATFORM_ADMIN') return {}
  if (staff.role === 'DISTRICT_ADMIN') return { districtId: staff.districtId ?? '-' }
  return { id: '-' }
}

const outOfScope = () => new Refusal('找不到这个资源，或不在你的管理范围内。', undefined, 404)

export function listResourcesForStaff(staff: Staff) {
  requireOnlineStaff(staff)
  return prisma.onlineResource.findMany({
    where: onlineResourceScope(staff),
    orderBy: [{ published: 'desc' }, { updatedAt: 'desc' }],
    select: {
      id: true,
      slug: true,
      kind: true,
      title: true,
      published: true,
      isExample: true,
      district: { select: { name: true } },
      _count: { select: { venues: true, events: true } },
    },
  })
}

export function findResourceForStaff(staff: Staff, id: string) {
  requireOnlineStaff(staff)
  return prisma.onlineResource.findFirst({
    where: { AND: [{ id }, onlineResourceScope(staff)] },
    include: {
      district: { select: { id: true, name: true } },
      venues: { select: { venueId: true } },
      events: { select: { eventId: true } },
    },
  })
}

/** The venues and activities a resource of `districtId` may link to: the staff member's, in that district. */
export async function linkChoices(staff: Staff, districtId: string | null) {
  const inDistrict = districtId ? { districtId } : {}
  const [venues, events] = await Promise.all([
    prisma.venue.findMany({
      where: { AND: [venueScope(staff), inDistrict] },
      orderBy: { name: 'asc' },
      take: 300,
      select: { id: true, name: true },
    }),
    prisma.event.findMany({
      where: { AND: [eventScope(staff), inDistrict, { status: { not: 'CANCELLED' } }] },
      orderBy: { updatedAt: 'desc' },
      take: 300,
      select: { id: true, title: true },
    }),
  ])
  return { venues, events }
}

/** The text keyword search reads (decision 017's shape): lower-cased, NFKC, both languages of the labels. */
export function resourceSearchText(input: {
  title: string
  summary: string
  source: string
  kind: OnlineResourceKind
  topics: string[]
  district: { name: string; nameEn: string }
}): string {
  const topicLabels = input.topics.flatMap((key) => [
    (zhCN.lecturer.topic as Record<string, string>)[key] ?? '',
    (en.lecturer.topic as Record<string, string>)[key] ?? '',
  ])
  return [
    input.title,
    zhCN.online.kind[input.kind],
    en.online.kind[input.kind],
    ...topicLabels,
    input.source,
    input.district.name,
    input.district.nameEn,
    input.summary,
  ]
    .join(' ')
    .normalize('NFKC')
    .toLowerCase()
}

async function resourceDistrict(staff: Staff, districtId: string | undefined) {
  const id = staff.role === 'DISTRICT_ADMIN' ? staff.districtId : districtId
  const district = id ? await prisma.district.findUnique({ where: { id }, select: { id: true, name: true, nameEn: true } }) : null
  if (!district) throw new Refusal('请选择资源所属的区。', 'districtId')
  return district
}

export async function saveResource(staff: Staff, resourceId: string | null, input: OnlineResourceInput): Promise<{ id: string }> {
  requireOnlineStaff(staff)
  const existing = resourceId ? await findResourceForStaff(staff, resourceId) : null
  if (resourceId && !existing) throw outOfScope()
  // The schema checked it; the model does not trust its callers with a link either.
  if (!isSafeResourceUrl(input.url)) throw new Refusal('链接须以 https:// 开头（最多 500 个字符，不含空格）', 'url')
  const district = existing
    ? await prisma.district.findUniqueOrThrow({ where: { id: existing.districtId }, select: { id: true, name: true, nameEn: true } })
    : await resourceDistrict(staff, input.districtId)
  const venueIds = [...new Set(input.venueIds)]
  const eventIds = [...new Set(input.eventIds)]
  const [venues, events] = await Promise.all([
    prisma.venue.findMany({
      where: { AND: [{ id: { in: venueIds } }, venueScope(staff), { districtId: district.id }] },
      select: { id: true },
    }),
    prisma.event.findMany({
      where: { AND: [{ id: { in: eventIds } }, eventScope(staff), { districtId: district.id }] },
      select: { id: true },
    }),
  ])
  if (venues.length !== venueIds.length) throw new Refusal('请从列表中选择本区你管理的场馆。', 'venueIds')
  if (events.length !== eventIds.length) throw new Refusal('请从列表中选择本区你管理的活动。', 'eventIds')
  const data = {
    kind: input.kind,
    title: input.title,
    summary: input.summary,
    url: input.url,
    topics: input.topics,
    audiences: input.audiences,
    source: input.source,
    licence: input.licence,
    published: input.published,
    searchText: resourceSearchText({ ...input, district }),
  }
  return prisma.$transaction(async (tx) => {
    const saved = resourceId
      ? await tx.onlineResource.update({ where: { id: resourceId }, data, select: { id: true } })
      : await tx.onlineResource.create({
          data: {
            ...data,
            districtId: district.id,
            slug: randomBytes(6)
              .toString('base64url')
              .toLowerCase()
              .replace(/[^a-z0-9]/g, 'x'),
          },
          select: { id: true },
        })
    await tx.onlineResourceVenue.deleteMany({ where: { resourceId: saved.id } })
    await tx.onlineResourceEvent.deleteMany({ where: { resourceId: saved.id } })
    if (venueIds.length) await tx.onlineResourceVenue.createMany({ data: venueIds.map((venueId) => ({ resourceId: saved.id, venueId })) })
    if (eventIds.length) await tx.onlineResourceEvent.createMany({ data: eventIds.map((eventId) => ({ resourceId: saved.id, eventId })) })
    await recordAudit(tx, staff.id, {
      action: resourceId ? 'online_resource.update' : 'online_resource.create',
      entityType: 'online_resource',
      entityId: saved.id,
      districtId: district.id,
      summary: `${resourceId ? '修改' : '新增'}线上资源「${input.title}」${input.published ? '（公开）' : '（未公开）'}`,
    })
    return saved
  })
}

/** Stores a new cover (checked by content, re-encoded and resized by sharp); the old file goes once nothing names it. */
export async function setResourceCover(staff: Staff, resourceId: string, file: File | Uint8Array, store: FileStore = fileStore()) {
  const resource = await findResourceForStaff(staff, resourceId)
  if (!resource) throw outOfScope()
  const saved = await storeImage(store, file, { purpose: ONLINE_COVER_PURPOSE, field: 'cover', maxEdge: 1200 })
  const old = await prisma.$transaction(async (tx) => {
    const stored = await tx.storedFile.create({
      data: {
        key: saved.key,
        purpose: ONLINE_COVER_PURPOSE,
        contentType: saved.contentType,
        byteSize: saved.byteSize,
        width: saved.width,
        height: saved.height,
      },
    })
    const before = await tx.onlineResource.findUniqueOrThrow({
      where: { id: resourceId },
      select: { cover: { select: { id: true, key: true } } },
    })
    await tx.onlineResource.update({ where: { id: resourceId }, data: { coverFileId: stored.id } })
    if (before.cover) await tx.storedFile.delete({ where: { id: before.cover.id } })
    await recordAudit(tx, staff.id, {
      action: 'online_resource.cover',
      entityType: 'online_resource',
      entityId: resourceId,
      districtId: resource.districtId,
      summary: `更换线上资源「${resource.title}」的封面`,
    })
    return before.cover
  })
  if (old) await store.delete(old.key).catch(() => undefined)
  return saved
}

/** Who may see a cover: everyone when the resource is published, else its keepers. */
export async function onlineCoverAccess(
  fileId: string,
  viewer: { staff: Staff | null; residentId: string | null },
): Promise<{ key: string; visibility: 'public' | 'private' } | null> {
  const resource = await prisma.onlineResource.findFirst({
    where: { coverFileId: fileId },
    select: { published: true, districtId: true, cover: { select: { key: true } } },
  })
  if (!resource?.cover) return null
  if (resource.published) return { key: resource.cover.key, visibility: 'public' }
  const keeper =
    viewer.staff !== null &&
    (viewer.staff.role === 'PLATFORM_ADMIN' || (viewer.staff.role === 'DISTRICT_ADMIN' && viewer.staff.districtId === resource.districtId))
  return keeper ? { key: resource.cover.key, visibility: 'private' } : null
}

// ——— The public library ———

export const publicResourceSelect = {
  id: true,
  slug: true,
  kind: true,
  title: true,
  summary: true,
  url: true,
  topics: true,
  audiences: true,
  source: true,
  licence: true,
  coverFileId: true,
  isExample: true,
  updatedAt: true,
  district: { select: { slug: true, name: true, nameEn: true } },
} satisfies Prisma.OnlineResourceSelect

export type PublicResourceFilters = { q?: string; kind?: OnlineResourceKind; district?: string; page?: number }

/** Published resources, filtered; with `q` the best keyword match first, else the newest first. */
export async function listPublicResources(filters: PublicResourceFilters, pageSize = PUBLIC_PAGE_SIZE) {
  const page = Math.max(1, filters.page ?? 1)
  const keyword = keywordSql(keywordTerms(filters.q), {
    searchText: Prisma.sql`r."searchText"`,
    title: Prisma.sql`r.title`,
    fields: [
      { text: Prisma.sql`r.source`, weight: 2 },
      { text: Prisma.sql`r.summary`, weight: 1 },
    ],
  })
  const where = Prisma.sql`r.published
    ${filters.kind ? Prisma.sql`AND r.kind = ${filters.kind}::"OnlineResourceKind"` : Prisma.empty}
    ${filters.district ? Prisma.sql`AND d.slug = ${filters.district}` : Prisma.empty}
    ${keyword ? Prisma.sql`AND ${keyword.where}` : Prisma.empty}`
  const [rows, [{ total }]] = await Promise.all([
    prisma.$queryRaw<Array<{ id: string }>>`
      SELECT r.id FROM "OnlineResource" r JOIN "District" d ON d.id = r."districtId"
      WHERE ${where}
      ORDER BY ${keyword ? Prisma.sql`${keyword.titleHits} DESC, ${keyword.score} DESC,` : Prisma.empty} r."updatedAt" DESC, r.id
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    prisma.$queryRaw<[{ total: number }]>`
      SELECT count(*)::int AS total FROM "OnlineResource" r JOIN "District" d ON d.id = r."districtId" WHERE ${where}`,
  ])
  const found = await prisma.onlineResource.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: publicResourceSelect })
  const byId = new Map(found.map((r) => [r.id, r]))
  return { resources: rows.map((r) => byId.get(r.id)!).filter(Boolean), total, page, pageSize }
}

/** One published resource by its slug, with the venues and activities it is linked from. */
export function findPublicResource(slug: string) {
  if (!/^[a-z0-9-]{4,40}$/.test(slug)) return Promise.resolve(null)
  return prisma.onlineResource.findFirst({
    where: { slug, published: true },
    select: {
      ...publicResourceSelect,
      districtId: true,
      venues: { where: { venue: { openToPublic: true } }, select: { venue: { select: { slug: true, name: true } } } },
      events: { where: { event: { status: 'PUBLISHED' } }, select: { event: { select: { slug: true, title: true } } } },
    },
  })
}

/** Published resources linked from a venue, by its slug (its page lists them). */
export function resourcesForVenue(venueSlug: string) {
  return prisma.onlineResource.findMany({
    where: { published: true, venues: { some: { venue: { slug: venueSlug } } } },
    orderBy: { updatedAt: 'desc' },
    take: 12,
    select: { slug: true, kind: true, title: true, coverFileId: true },
  })
}

/** Published resources linked from an activity, by its slug. */
export function resourcesForEvent(eventSlug: string) {
  return prisma.onlineResource.findMany({
    where: { published: true, events: { some: { event: { slug: eventSlug } } } },
    orderBy: { updatedAt: 'desc' },
    take: 12,
    select: { slug: true, kind: true, title: true, coverFileId: true },
  })
}
