// 科普菜单 (菜单式点选 + 定制化配送): organisations publish what they can deliver; a site (社区书院, 党群服务中心,
// school, 村居) orders an item; the provider accepts with a date (this creates a published activity at the site,
// on the map and open for registration), proposes another date, or declines with a reason; afterwards it records
// delivery and attendance. Sites follow an order by its private link or by code and phone.
import { Prisma, type EventCategory, type MenuItemKind, type MenuOrderStatus, type SitePrecision } from '@prisma/client'
import { recordAudit } from '~/models/audit.server'
import { splitList } from '~/models/event/schema'
import { keywordSql } from '~/models/keyword-search.server'
import { menuKindLabel, menuOrderStatusLabel, siteKindLabel, type MenuOrderInput } from '~/models/menu/schema'
import { defaultOrigin, queueMenuMessage, queueMenuOrderToStaff, type MessageContext } from '~/models/message/notify.server'
import { newSlug } from '~/models/venue/admin.server'
import { normaliseCode, readableCode } from '~/utils/codes.server'
import { districtContains, districtOutlines } from '~/utils/geo.server'
import { excelCsv, type ExportRows } from '~/utils/infra/csv.server'
import { prisma, type Tx } from '~/utils/infra/db.server'
import { createOnce, SAME_SUBMISSION_MS } from '~/utils/infra/once.server'
import { linkKey } from '~/utils/infra/secrets.server'
import { keywordTerms, menuKindsMatching } from '~/utils/keyword'
import { organisationScope } from '~/utils/permissions.server'
import { maskMobile } from '~/utils/phone'
import { derivedLinkSecret, hashLinkSecret, isLinkSecretShape } from '~/utils/private-links.server'
import { Refusal, localized } from '~/utils/refusal'
import { addDays, startOfShanghaiDay } from '~/utils/shanghai-time'
import type { MenuItemInput } from '~/models/menu/admin-schema'
import type { Staff } from '~/utils/auth.server'

const categoryFor: Record<MenuItemKind, EventCategory> = {
  LECTURE: 'LECTURE',
  SCIENCE_SHOW: 'SCIENCE_SHOW',
  EXHIBITION: 'EXHIBITION',
  HANDS_ON_KIT: 'HANDS_ON',
  POSTER: 'EXHIBITION',
  SMART_BOX: 'HANDS_ON',
  SCIENCE_BUS: 'OPEN_DAY',
  OTHER: 'LECTURE',
}

// ——— The menu, as sites see it ———

export async function listMenu({ district, kind, q }: { district?: string; kind?: MenuItemKind; q?: string } = {}) {
  const districtId = district
    ? ((await prisma.district.findUnique({ where: { slug: district }, select: { id: true } }))?.id ?? '-')
    : undefined
  const matching = await menuItemIdsMatching(q)
  const items = await prisma.menuItem.findMany({
    where: {
      active: true,
      ...(kind ? { kind } : {}),
      ...(districtId ? { deliversTo: { has: districtId } } : {}),
      ...(matching ? { id: { in: matching } } : {}),
    },
    orderBy: [{ kind: 'asc' }, { title: 'asc' }],
    select: {
      id: true,
      title: true,
      kind: true,
      topics: true,
      audience: true,
      durationMinutes: true,
      minGroup: true,
      maxGroup: true,
      leadDays: true,
      deliversTo: true,
      description: true,
      organisation: { select: { name: true } },
    },
  })
  if (!matching) return items
  const rank = new Map(matching.map((id, i) => [id, i]))
  return items.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!)
}

/** The active items whose title, topics, provider, form, audience or description hold every word of `q` (decision 017). */
async function menuItemIdsMatching(q: string | undefined): Promise<string[] | undefined> {
  const keyword = keywordSql(keywordTerms(q), {
    title: Prisma.sql`m.title`,
    fields: [
      { text: Prisma.sql`array_to_string(m.topics, ' ')`, weight: 4 },
      { text: Prisma.sql`o.name`, weight: 3 },
      { text: Prisma.sql`m.audience`, weight: 1 },
      { text: Prisma.sql`m.description`, weight: 1 },
    ],
    labels: { column: Prisma.sql`m.kind`, matching: menuKindsMatching, weight: 2 },
  })
  if (!keyword) return undefined
  const rows = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT m.id FROM "MenuItem" m JOIN "Organisation" o ON o.id = m."organisationId"
    WHERE m.active AND ${keyword.where}
    ORDER BY ${keyword.titleHits} DESC, ${keyword.score} DESC, m.title ASC`
  return rows.map((r) => r.id)
}

/** The districts an item is delivered to, by code, with their 街镇 and outline so the order form's picker can orient without tiles. */
export async function deliveryDistricts(item: { deliversTo: string[] }) {
  const rows = await prisma.district.findMany({
    where: { id: { in: item.deliversTo } },
    orderBy: { code: 'asc' },
    select: {
      id: true,
      code: true,
      name: true,
      nameEn: true,
      centerLat: true,
      centerLng: true,
      towns: { orderBy: { name: 'asc' }, select: { id: true, name: true, nameEn: true, centerLat: true, centerLng: true } },
    },
  })
  const outlines = districtOutlines()
  return rows.map(({ code, ...d }) => ({ ...d, outline: outlines.get(code)?.geometry ?? null }))
}

export function getMenuItem(id: string) {
  return prisma.menuItem.findFirst({ where: { id, active: true }, include: { organisation: { select: { name: true } } } })
}

/** A site orders an item: group size, a district the item is delivered to, and a point inside that district. */
export async function placeOrder(
  itemId: string,
  input: MenuOrderInput,
  now = new Date(),
  { origin = defaultOrigin(), language = 'zh-CN' }: MessageContext = {},
): Promise<{ code: string; manageToken: string }> {
  const item = await getMenuItem(itemId)
  if (!item) throw new Refusal(localized('menu.errors.withdrawn'))
  const district = await prisma.district.findUnique({
    where: { id: input.districtId },
    select: { id: true, code: true, name: true, centerLat: true, centerLng: true },
  })
  if (!district) throw new Refusal(localized('menu.errors.district'), 'districtId')
  if (!item.deliversTo.includes(district.id))
    throw new Refusal(localized('menu.errors.notDelivered', { district: district.name }), 'districtId')
  const town = input.townId
    ? await prisma.town.findFirst({
        where: { id: input.townId, districtId: district.id },
        select: { id: true, centerLat: true, centerLng: true },
      })
    : null
  if (input.townId && !town) throw new Refusal(localized('menu.errors.town'), 'townId')
  const site = sitePoint(input, town, district)
  if (site.precision === 'POINT' && !districtContains(district.code, site.lat, site.lng))
    throw new Refusal(localized('menu.errors.outsideDistrict', { district: district.name }), 'lat')
  if (input.expectedAudience < item.minGroup || input.expectedAudience > item.maxGroup) {
    throw new Refusal(localized('menu.errors.groupSize', { min: item.minGroup, max: item.maxGroup }), 'expectedAudience')
  }
  // The link's secret is derived from the code, so later messages carry the same link.
  const code = readableCode(8, 'M')
  const { secret: manageToken, hash: manageTokenHash } = derivedLinkSecret(await linkKey(), 'menu-order', code)
  // A double submit (two identical posts at once) makes one order: decision 014.
  const same = { menuItemId: item.id, phone: input.phone, siteName: input.siteName, preferredDates: input.preferredDates }
  const recent = { status: 'REQUESTED' as const, createdAt: { gte: new Date(now.getTime() - SAME_SUBMISSION_MS) } }
  return createOnce(
    `menu:${JSON.stringify(same)}`,
    (tx) => tx.menuOrder.findFirst({ where: { ...same, ...recent }, select: { id: true } }),
    async (tx) => {
      const order = await tx.menuOrder.create({
        data: {
          code,
          manageTokenHash,
          locale: language,
          email: input.email ?? null,
          menuItemId: item.id,
          siteName: input.siteName,
          siteKind: input.siteKind,
          districtId: district.id,
          siteAddress: input.siteAddress,
          townId: town?.id ?? null,
          siteLat: site.lat,
          siteLng: site.lng,
          sitePrecision: site.precision,
          contactName: input.contactName,
          phone: input.phone,
          preferredDates: input.preferredDates,
          expectedAudience: input.expectedAudience,
          notes: input.notes ?? null,
          consentAt: now,
          createdAt: now,
        },
        select: { id: true, code: true },
      })
      await queueMenuMessage(tx, order.id, 'menu.received', { origin })
      await queueMenuOrderToStaff(tx, order.id, origin)
      return { code: order.code, manageToken }
    },
  )
}

/**
 * Where an order's site stands (WGS-84): the point picked on the map or typed; without one (no map tiles on many
 * intranets, issue 30) the centre of its 街镇, else of its district. The precision is stored with it, so staff go by
 * the address when the point is only a centre.
 */
export function sitePoint(
  input: { lat?: number; lng?: number },
  town: { centerLat: number; centerLng: number } | null,
  district: { centerLat: number; centerLng: number },
): { lat: number; lng: number; precision: SitePrecision } {
  if (input.lat !== undefined && input.lng !== undefined) return { lat: input.lat, lng: input.lng, precision: 'POINT' }
  if (town) return { lat: town.centerLat, lng: town.centerLng, precision: 'TOWN_CENTRE' }
  return { lat: district.centerLat, lng: district.centerLng, precision: 'DISTRICT_CENTRE' }
}

const orderInclude = {
  menuItem: {
    select: { id: true, title: true, kind: true, durationMinutes: true, leadDays: true, organisation: { select: { name: true } } },
  },
  district: { select: { name: true, nameEn: true } },
  event: {
    select: {
      slug: true,
      status: true,
      sessions: { select: { id: true, startsAt: true, endsAt: true, capacity: true, seatsTaken: true } },
    },
  },
} satisfies Prisma.MenuOrderInclude

export function findOrderByToken(token: string) {
  if (!isLinkSecretShape(token)) return null
  return prisma.menuOrder.findUnique({ where: { manageTokenHash: hashLinkSecret(token) }, include: orderInclude })
}

/** Following an order without the link: its code and the last four digits of the contact's mobile. */
export async function findOrderByCode(code: string, phoneLast4: string) {
  const normalised = normaliseCode(code)
  if (!/^M[2-9A-Z]{7}$/.test(normalised) || !/^\d{4}$/.test(phoneLast4)) return null
  const order = await prisma.menuOrder.findUnique({ where: { code: normalised }, include: orderInclude })
  return order && order.phone.endsWith(phoneLast4) ? order : null
}

/** Creates the published activity and its one session at the site, in the caller's transaction (also a lecturer's 接单, models/lecturers). */
export async function createActivityForOrder(tx: Tx, orderId: string, startsAt: Date, capacity: number): Promise<string> {
  const order = await tx.menuOrder.findUniqueOrThrow({ where: { id: orderId }, include: { menuItem: true } })
  const item = order.menuItem
  const event = await tx.event.create({
    data: {
      slug: newSlug('m'),
      title: `${item.title}（${order.siteName}）`,
      summary: item.description.slice(0, 120),
      description: item.description,
      category: categoryFor[item.kind],
      topics: item.topics,
      audienceNote: item.audience,
      organisationId: item.organisationId,
      placeName: order.siteName,
      placeAddress: order.siteAddress,
      townId: order.townId,
      lat: order.siteLat,
      lng: order.siteLng,
      districtId: order.districtId,
      status: 'PUBLISHED',
      maxPartySize: 4,
      source: `科普菜单订单 ${order.code}（${siteKindLabel[order.siteKind]}点单）`,
      sessions: { create: { key: 's1', startsAt, endsAt: new Date(startsAt.getTime() + item.durationMinutes * 60_000), capacity } },
    },
    select: { id: true },
  })
  return event.id
}

function checkDate(startsAt: Date, leadDays: number, from: Date, now: Date) {
  if (startsAt <= now) throw new Refusal('请选择将来的时间。', 'startsAt')
  const earliest = addDays(startOfShanghaiDay(from), leadDays)
  if (startsAt < earliest) throw new Refusal(`这个项目需要提前 ${leadDays} 天安排。`, 'startsAt')
}

/** The site accepts the provider's proposed date: the activity is created at once. */
export async function acceptProposal(token: string, now = new Date(), origin = defaultOrigin()): Promise<void> {
  const order = await findOrderByToken(token)
  if (!order) throw new Refusal(localized('menu.errors.notFound'))
  await prisma.$transaction(async (tx) => {
    const current = await tx.menuOrder.findUniqueOrThrow({ where: { id: order.id } })
    if (current.status !== 'PROPOSED' || !current.proposedStartsAt) throw new Refusal(localized('menu.errors.noProposal'))
    if (current.proposedStartsAt <= now) throw new Refusal(localized('menu.errors.proposalPast'))
    const eventId = await createActivityForOrder(tx, order.id, current.proposedStartsAt, current.expectedAudience)
    const { count } = await tx.menuOrder.updateMany({ where: { id: order.id, status: 'PROPOSED' }, data: { status: 'ACCEPTED', eventId } })
    if (count !== 1) throw new Refusal(localized('menu.errors.changed'))
    await queueMenuMessage(tx, order.id, 'menu.accepted', { origin })
  })
}

/** The site withdraws before a date is agreed; after that it asks the provider, who can cancel the activity. */
export async function withdrawOrder(token: string, origin = defaultOrigin()): Promise<MenuOrderStatus> {
  const order = await findOrderByToken(token)
  if (!order) throw new Refusal(localized('menu.errors.notFound'))
  if (order.status === 'CANCELLED') return 'CANCELLED'
  const count = await prisma.$transaction(async (tx) => {
    const { count } = await tx.menuOrder.updateMany({
      // Also while dispatched to a lecturer who has not answered yet: nothing is agreed then either.
      where: { id: order.id, status: { in: ['REQUESTED', 'PROPOSED', 'DISPATCHED'] } },
      data: { status: 'CANCELLED' },
    })
    if (count === 1) await queueMenuMessage(tx, order.id, 'menu.withdrawn', { origin })
    return count
  })
  if (count !== 1)
    throw new Refusal(
      order.status === 'ACCEPTED'
        ? localized('menu.errors.alreadyFixed', { provider: order.menuItem.organisation.name })
        : localized('menu.errors.ended'),
    )
  return 'CANCELLED'
}

// ——— Providers (staff) ———

/** Items of organisations the staff member works for (their own; a district's; all for platform admins). */
export function menuItemScope(staff: Staff): Prisma.MenuItemWhereInput {
  return { organisation: organisationScope(staff) }
}

export function listMenuItemsForStaff(staff: Staff) {
  return prisma.menuItem.findMany({
    where: menuItemScope(staff),
    orderBy: { updatedAt: 'desc' },
    include: { organisation: { select: { name: true } }, _count: { select: { orders: true } } },
  })
}

export function findMenuItemForStaff(staff: Staff, itemId: string) {
  return prisma.menuItem.findFirst({ where: { AND: [{ id: itemId }, menuItemScope(staff)] } })
}

export async function saveMenuItem(staff: Staff, itemId: string | null, input: MenuItemInput): Promise<{ id: string }> {
  const organisationId = staff.role === 'ORG_STAFF' ? staff.organisationId : input.organisationId
  const organisation = organisationId
    ? await prisma.organisation.findFirst({
        where: { AND: [{ id: organisationId }, organisationScope(staff)] },
        select: { id: true, districtId: true },
      })
    : null
  if (!organisation) throw new Refusal('请选择提供单位。', 'organisationId')
  if (itemId && !(await findMenuItemForStaff(staff, itemId))) throw new Refusal('找不到这个项目，或不在你的管理范围内。', undefined, 404)
  const districts = await prisma.district.count({ where: { id: { in: input.deliversTo } } })
  if (districts !== input.deliversTo.length) throw new Refusal('请选择配送的区。', 'deliversTo')
  const { organisationId: _ignored, topics, ...rest } = input
  const data = { ...rest, topics: splitList(topics), organisationId: organisation.id }
  return prisma.$transaction(async (tx) => {
    const item = itemId
      ? await tx.menuItem.update({ where: { id: itemId }, data, select: { id: true } })
      : await tx.menuItem.create({ data, select: { id: true } })
    await recordAudit(tx, staff.id, {
      action: itemId ? 'menu_item.update' : 'menu_item.create',
      entityType: 'menu_item',
      entityId: item.id,
      districtId: organisation.districtId,
      summary: `${itemId ? '修改' : '新建'}科普菜单项目「${input.title}」（${menuKindLabel[input.kind]}）${input.active ? '' : '，未上架'}`,
    })
    return item
  })
}

const staffOrderSelect = {
  id: true,
  code: true,
  status: true,
  siteName: true,
  siteKind: true,
  siteAddress: true,
  sitePrecision: true,
  town: { select: { name: true } },
  contactName: true,
  phone: true,
  preferredDates: true,
  expectedAudience: true,
  notes: true,
  proposedStartsAt: true,
  providerMessage: true,
  attendance: true,
  createdAt: true,
  district: { select: { id: true, name: true } },
  menuItem: { select: { id: true, title: true, leadDays: true, durationMinutes: true, organisation: { select: { name: true } } } },
  event: { select: { id: true, slug: true, sessions: { select: { startsAt: true, endsAt: true } } } },
} satisfies Prisma.MenuOrderSelect

export async function listOrdersForStaff(staff: Staff, { status }: { status?: MenuOrderStatus } = {}) {
  const orders = await prisma.menuOrder.findMany({
    where: { menuItem: menuItemScope(staff), ...(status ? { status } : {}) },
    orderBy: [{ createdAt: 'desc' }],
    take: 300,
    select: staffOrderSelect,
  })
  return orders.map(({ phone, ...o }) => ({ ...o, phoneMasked: maskMobile(phone) }))
}

async function requireOrder(tx: Tx, staff: Staff, orderId: string) {
  const order = await tx.menuOrder.findFirst({
    where: { id: orderId, menuItem: menuItemScope(staff) },
    select: { ...staffOrderSelect, phone: true },
  })
  if (!order) throw new Refusal('找不到这个订单，或不在你的管理范围内。', undefined, 404)
  return order
}

export type MenuDecision =
  | { intent: 'accept'; orderId: string; startsAt: Date; capacity: number; message?: string }
  | { intent: 'propose'; orderId: string; startsAt: Date; message: string }
  | { intent: 'decline'; orderId: string; message: string }
  | { intent: 'deliver'; orderId: string; attendance: number }

/**
 * One decision on an order, in one transaction with its audit entry. Accepting creates the activity at the site.
 * Each status change only matches the state it starts from, so two staff deciding at once cannot both win.
 */
export async function decideOrder(
  staff: Staff,
  decision: MenuDecision,
  now = new Date(),
  origin = defaultOrigin(),
): Promise<{ eventSlug?: string }> {
  return prisma.$transaction(async (tx) => {
    const order = await requireOrder(tx, staff, decision.orderId)
    const audit = (summary: string) =>
      recordAudit(tx, staff.id, {
        action: `menu_order.${decision.intent}`,
        entityType: 'menu_order',
        entityId: order.id,
        districtId: order.district.id,
        summary: `${order.menuItem.title} → ${order.siteName}：${summary}`,
      })
    const move = async (from: MenuOrderStatus[], data: Prisma.MenuOrderUpdateManyMutationInput & { eventId?: string }) => {
      const { count } = await tx.menuOrder.updateMany({
        where: { id: order.id, status: { in: from } },
        data: { ...data, decidedById: staff.id, decidedAt: now },
      })
      if (count !== 1) throw new Refusal(`订单当前是“${menuOrderStatusLabel[order.status]}”，不能这样处理。`)
    }
    switch (decision.intent) {
      case 'accept': {
        checkDate(decision.startsAt, order.menuItem.leadDays, order.createdAt, now)
        const eventId = await createActivityForOrder(tx, order.id, decision.startsAt, decision.capacity)
        await move(['REQUESTED', 'PROPOSED'], { status: 'ACCEPTED', eventId, providerMessage: decision.message ?? null })
        await audit('确定日期，生成活动')
        await queueMenuMessage(tx, order.id, 'menu.accepted', { origin })
        const event = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: { slug: true } })
        return { eventSlug: event.slug }
      }
      case 'propose':
        checkDate(decision.startsAt, order.menuItem.leadDays, order.createdAt, now)
        await move(['REQUESTED'], { status: 'PROPOSED', proposedStartsAt: decision.startsAt, providerMessage: decision.message })
        await audit(`建议改期：${decision.message}`)
        await queueMenuMessage(tx, order.id, 'menu.proposed', { origin })
        return {}
      case 'decline':
        await move(['REQUESTED', 'PROPOSED'], { status: 'DECLINED', providerMessage: decision.message })
        await audit(`未能配送：${decision.message}`)
        await queueMenuMessage(tx, order.id, 'menu.declined', { origin })
        return {}
      case 'deliver': {
        const session = order.event?.sessions[0]
        if (!session || session.startsAt > now) throw new Refusal('活动开始后才能登记配送完成。')
        await move(['ACCEPTED'], { status: 'DELIVERED', deliveredAt: now, attendance: decision.attendance })
        await audit(`已配送，实到 ${decision.attendance} 人`)
        await queueMenuMessage(tx, order.id, 'menu.delivered', { origin })
        return {}
      }
    }
  })
}

/** Orders as CSV for Excel; contacts' phones masked. */
export async function menuOrdersCsv(staff: Staff): Promise<string> {
  return excelCsv(await menuOrdersRows(staff))
}

/** The export's rows (heading first), for the CSV and the .xlsx alike; contacts' phones masked. */
export async function menuOrdersRows(staff: Staff): Promise<ExportRows> {
  const orders = await listOrdersForStaff(staff)
  return [
    [
      '订单码',
      '状态',
      '项目',
      '提供单位',
      '场所',
      '类型',
      '区',
      '地址',
      '联系人',
      '手机号',
      '预计人数',
      '希望日期',
      '确定时间',
      '实到人数',
      '留言',
    ],
    ...orders.map((o) => [
      o.code,
      menuOrderStatusLabel[o.status],
      o.menuItem.title,
      o.menuItem.organisation.name,
      o.siteName,
      siteKindLabel[o.siteKind],
      o.district.name,
      o.siteAddress,
      o.contactName,
      o.phoneMasked,
      o.expectedAudience,
      o.preferredDates,
      o.event?.sessions[0]?.startsAt ?? '',
      o.attendance ?? '',
      o.providerMessage ?? '',
    ]),
  ]
}

/** Delivered orders at sites in the district, in the year (for the plans' "配送" figures). */
export function deliveredCount(districtId: string, from: Date, to: Date): Promise<number> {
  return prisma.menuOrder.count({
    where: { districtId, status: 'DELIVERED', event: { sessions: { some: { startsAt: { gte: from, lt: to } } } } },
  })
}
