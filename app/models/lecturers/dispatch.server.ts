// The 菜单 order loop with lecturers (decision 034): 点单 (a site orders, menu.server.ts) → 派单 (district staff name a
// lecturer: REQUESTED → DISPATCHED) → 接单 (the lecturer accepts with a date: DISPATCHED → ACCEPTED, the activity is
// created as decision 006 says; or declines with a reason: back to REQUESTED for another dispatch) → delivery
// (ACCEPTED → DELIVERED) → 评单 (the site rates it once, 1-5). Every move is an updateMany that matches only the
// state it starts from, in one transaction with its audit entry and its dispatch row, so two people acting at once
// cannot both win. Staff act on orders placed in their district only; a lecturer only on orders dispatched to them.
import { recordAudit } from '~/models/audit.server'
import { createActivityForOrder, findOrderByToken } from '~/models/menu/menu.server'
import { queueMessage } from '~/models/message/message.server'
import { defaultOrigin, queueMenuMessage } from '~/models/message/notify.server'
import { prisma } from '~/utils/infra/db.server'
import { Refusal, localized } from '~/utils/refusal'
import { addDays, startOfShanghaiDay } from '~/utils/shanghai-time'
import { lecturerOfResident, requireRosterStaff } from './roster.server'
import type { LecturerAnswer, RatingInput } from './schema'
import type { MenuOrderStatus, Prisma } from '@prisma/client'
import type { Staff } from '~/utils/auth.server'

const HOUR = 3600_000

/** Orders the staff member dispatches: those placed in their district (platform admins: all). */
export function dispatchScope(staff: Staff): Prisma.MenuOrderWhereInput {
  if (staff.role === 'PLATFORM_ADMIN') return {}
  if (staff.role === 'DISTRICT_ADMIN') return { districtId: staff.districtId ?? '-' }
  return { id: '-' }
}

/** The Shanghai calendar month `now` falls in. */
export function shanghaiMonth(now: Date): { from: Date; to: Date } {
  const day = startOfShanghaiDay(now)
  const local = new Date(day.getTime() + 8 * HOUR)
  const from = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - 8 * HOUR)
  const to = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - 8 * HOUR)
  return { from, to }
}

function shanghaiYear(now: Date): { from: Date; to: Date } {
  const year = new Date(now.getTime() + 8 * HOUR).getUTCFullYear()
  return { from: new Date(Date.UTC(year, 0, 1) - 8 * HOUR), to: new Date(Date.UTC(year + 1, 0, 1) - 8 * HOUR) }
}

/** Orders held by a lecturer whose date falls in the range, plus those dispatched and not yet answered. */
async function loads(lecturerIds: string[], now: Date): Promise<Map<string, number>> {
  if (!lecturerIds.length) return new Map()
  const { from, to } = shanghaiMonth(now)
  const [held, waiting] = await Promise.all([
    prisma.menuOrder.groupBy({
      by: ['lecturerId'],
      where: {
        lecturerId: { in: lecturerIds },
        status: { in: ['ACCEPTED', 'DELIVERED'] },
        event: { sessions: { some: { startsAt: { gte: from, lt: to } } } },
      },
      _count: { _all: true },
    }),
    prisma.menuOrder.groupBy({
      by: ['lecturerId'],
      where: { lecturerId: { in: lecturerIds }, status: 'DISPATCHED' },
      _count: { _all: true },
    }),
  ])
  const load = new Map<string, number>()
  for (const row of [...held, ...waiting]) load.set(row.lecturerId!, (load.get(row.lecturerId!) ?? 0) + row._count._all)
  return load
}

/**
 * What district staff see to dispatch fairly: orders waiting (with their age, the lecturers the item names and who
 * declined before), every lecturer who can go to the district with this month's load against their capacity, and
 * the 街镇 and sites that have had nothing delivered this year.
 */
export async function dispatchBoard(staff: Staff, now = new Date()) {
  requireRosterStaff(staff)
  const scope = dispatchScope(staff)
  const orders = await prisma.menuOrder.findMany({
    where: { AND: [scope, { status: { in: ['REQUESTED', 'DISPATCHED', 'ACCEPTED'] } }] },
    orderBy: { createdAt: 'asc' },
    take: 300,
    select: {
      id: true,
      code: true,
      status: true,
      siteName: true,
      siteKind: true,
      districtId: true,
      expectedAudience: true,
      preferredDates: true,
      createdAt: true,
      town: { select: { name: true } },
      district: { select: { name: true } },
      lecturer: { select: { id: true, name: true } },
      menuItem: { select: { id: true, title: true, lecturers: { select: { lecturerId: true } } } },
      event: { select: { slug: true, sessions: { select: { startsAt: true } } } },
      dispatches: { orderBy: { dispatchedAt: 'asc' }, select: { answer: true, reason: true, lecturer: { select: { name: true } } } },
    },
  })
  const districtIds = staff.role === 'DISTRICT_ADMIN' ? [staff.districtId ?? '-'] : undefined
  const lecturers = await prisma.lecturer.findMany({
    where: districtIds ? { OR: [{ districtId: { in: districtIds } }, { travelsTo: { hasSome: districtIds } }] } : {},
    orderBy: { name: 'asc' },
    select: { id: true, name: true, districtId: true, travelsTo: true, monthlyCapacity: true, residentId: true, topics: true },
  })
  const load = await loads(
    lecturers.map((l) => l.id),
    now,
  )
  const year = shanghaiYear(now)
  const served = await prisma.menuOrder.findMany({
    where: { AND: [scope, { status: 'DELIVERED', deliveredAt: { gte: year.from, lt: year.to } }] },
    select: { townId: true, siteName: true },
  })
  const servedTowns = new Set(served.map((o) => o.townId))
  const servedSites = new Set(served.map((o) => o.siteName))
  const unservedTowns = await prisma.town.findMany({
    where: {
      ...(districtIds ? { districtId: { in: districtIds } } : { district: { active: true } }),
      id: { notIn: [...servedTowns].filter((id): id is string => !!id) },
    },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, kind: true, district: { select: { name: true } } },
  })
  return {
    orders: orders.map((o) => ({
      ...o,
      ageHours: Math.floor((now.getTime() - o.createdAt.getTime()) / HOUR),
      firstForSite: !servedSites.has(o.siteName),
      namedLecturers: o.menuItem.lecturers.map((l) => l.lecturerId),
      startsAt: o.event?.sessions[0]?.startsAt ?? null,
    })),
    lecturers: lecturers.map((l) => ({ ...l, load: load.get(l.id) ?? 0, linked: l.residentId !== null, residentId: undefined })),
    unservedTowns,
  }
}

export type DispatchInput = { orderId: string; lecturerId: string }

/** What the 派单 message says: the item, the ordering site, and the lecturer's own page (where they accept). */
export function dispatchedParams(order: { siteName: string; menuItem: { title: string } }, origin: string) {
  return { title: order.menuItem.title, site: order.siteName, link: `${origin}/lecturer` }
}

/**
 * 派单: name a lecturer for a waiting order (or a different one while the first has not answered). The lecturer is
 * told by SMS on their linked account's number, with a link to their page, in the same transaction (one message per
 * dispatch).
 */
export async function dispatchOrder(staff: Staff, input: DispatchInput, now = new Date(), origin = defaultOrigin()): Promise<void> {
  requireRosterStaff(staff)
  await prisma.$transaction(async (tx) => {
    const order = await tx.menuOrder.findFirst({
      where: { AND: [{ id: input.orderId }, dispatchScope(staff)] },
      select: {
        id: true,
        status: true,
        districtId: true,
        siteName: true,
        menuItem: { select: { title: true, lecturers: { select: { lecturerId: true } } } },
      },
    })
    if (!order) throw new Refusal('找不到这个订单，或不在你的管理范围内。', undefined, 404)
    const lecturer = await tx.lecturer.findFirst({
      where: { id: input.lecturerId, OR: [{ districtId: order.districtId }, { travelsTo: { has: order.districtId } }] },
      select: { id: true, name: true, residentId: true, resident: { select: { phone: true } } },
    })
    if (!lecturer) throw new Refusal('请选择能到这个区授课的讲师。', 'lecturerId')
    const named = order.menuItem.lecturers.map((l) => l.lecturerId)
    if (named.length && !named.includes(lecturer.id)) throw new Refusal('这个项目只由它列出的讲师讲授。', 'lecturerId')
    if (!lecturer.residentId)
      throw new Refusal(`讲师「${lecturer.name}」还没有关联账号，无法接单。请先在讲师页面生成关联链接。`, 'lecturerId')
    const { count } = await tx.menuOrder.updateMany({
      where: { id: order.id, status: { in: ['REQUESTED', 'DISPATCHED'] } },
      data: { status: 'DISPATCHED', lecturerId: lecturer.id },
    })
    if (count !== 1) throw new Refusal('订单已被处理，请刷新页面。')
    // A new dispatch takes the order back from a lecturer who had not answered.
    await tx.menuOrderDispatch.updateMany({ where: { orderId: order.id, answer: null }, data: { answer: 'WITHDRAWN', answeredAt: now } })
    const dispatch = await tx.menuOrderDispatch.create({
      data: { orderId: order.id, lecturerId: lecturer.id, dispatchedById: staff.id, dispatchedAt: now },
      select: { id: true },
    })
    // The account keeps no language of its own: the message is in Chinese, like the roster.
    await queueMessage(
      tx,
      { phone: lecturer.resident?.phone ?? null, language: 'zh-CN' },
      {
        template: 'lecturer.dispatched',
        params: dispatchedParams(order, origin),
        subjectType: 'MenuOrder',
        subjectId: order.id,
        districtId: order.districtId,
        dedupeKey: `lecturer-dispatch:${dispatch.id}`,
      },
    )
    await recordAudit(tx, staff.id, {
      action: 'menu_order.dispatch',
      entityType: 'menu_order',
      entityId: order.id,
      districtId: order.districtId,
      summary: `${order.menuItem.title} → ${order.siteName}：派单给讲师「${lecturer.name}」`,
    })
  })
}

/** Orders dispatched to or accepted by the lecturer this account keeps, with their ratings. */
export async function lecturerOrders(residentId: string) {
  const lecturer = await lecturerOfResident(residentId)
  if (!lecturer) return null
  const orders = await prisma.menuOrder.findMany({
    where: { lecturerId: lecturer.id, status: { in: ['DISPATCHED', 'ACCEPTED', 'DELIVERED'] } },
    orderBy: { createdAt: 'desc' },
    take: 100,
    select: {
      id: true,
      code: true,
      status: true,
      siteName: true,
      siteAddress: true,
      preferredDates: true,
      expectedAudience: true,
      rating: true,
      ratingComment: true,
      menuItem: { select: { title: true, leadDays: true } },
      event: { select: { slug: true, sessions: { select: { startsAt: true } } } },
    },
  })
  return { lecturer, orders }
}

/** 接单 or decline, by the lecturer the order is dispatched to (and nobody else). */
export async function answerDispatch(
  residentId: string,
  answer: LecturerAnswer,
  now = new Date(),
  origin = defaultOrigin(),
): Promise<void> {
  const lecturer = await lecturerOfResident(residentId)
  if (!lecturer) throw new Refusal(localized('lecturer.own.notLinked'), undefined, 403)
  await prisma.$transaction(async (tx) => {
    const order = await tx.menuOrder.findFirst({
      where: { id: answer.orderId, lecturerId: lecturer.id, status: 'DISPATCHED' },
      select: {
        id: true,
        districtId: true,
        createdAt: true,
        expectedAudience: true,
        siteName: true,
        menuItem: { select: { title: true, leadDays: true } },
      },
    })
    if (!order) throw new Refusal(localized('lecturer.errors.notYours'), undefined, 409)
    const from = (
      status: MenuOrderStatus,
      data: Prisma.MenuOrderUpdateManyMutationInput & { eventId?: string; lecturerId?: string | null },
    ) => tx.menuOrder.updateMany({ where: { id: order.id, lecturerId: lecturer.id, status }, data })
    if (answer.intent === 'accept') {
      if (answer.startsAt <= now) throw new Refusal(localized('lecturer.errors.future'), 'startsAt', 400)
      if (answer.startsAt < addDays(startOfShanghaiDay(order.createdAt), order.menuItem.leadDays))
        throw new Refusal(localized('lecturer.errors.leadDays', { days: order.menuItem.leadDays }), 'startsAt', 400)
      const eventId = await createActivityForOrder(tx, order.id, answer.startsAt, order.expectedAudience)
      const { count } = await from('DISPATCHED', { status: 'ACCEPTED', eventId, decidedAt: now })
      if (count !== 1) throw new Refusal(localized('lecturer.errors.notYours'), undefined, 409)
      await tx.menuOrderDispatch.updateMany({
        where: { orderId: order.id, lecturerId: lecturer.id, answer: null },
        data: { answer: 'ACCEPTED', answeredAt: now },
      })
      await queueMenuMessage(tx, order.id, 'menu.accepted', { origin })
    } else {
      const { count } = await from('DISPATCHED', { status: 'REQUESTED', lecturerId: null })
      if (count !== 1) throw new Refusal(localized('lecturer.errors.notYours'), undefined, 409)
      await tx.menuOrderDispatch.updateMany({
        where: { orderId: order.id, lecturerId: lecturer.id, answer: null },
        data: { answer: 'DECLINED', answeredAt: now, reason: answer.reason },
      })
    }
    await recordAudit(tx, null, {
      action: answer.intent === 'accept' ? 'menu_order.lecturer_accept' : 'menu_order.lecturer_decline',
      entityType: 'menu_order',
      entityId: order.id,
      districtId: order.districtId,
      summary: `${order.menuItem.title} → ${order.siteName}：讲师「${lecturer.name}」${answer.intent === 'accept' ? '接单' : `不能接（${answer.reason}）`}`,
    })
  })
}

/** Delivery recorded by district staff (the provider's own staff record it on the orders page, decision 006). */
export async function markDelivered(
  staff: Staff,
  input: { orderId: string; attendance: number },
  now = new Date(),
  origin = defaultOrigin(),
): Promise<void> {
  requireRosterStaff(staff)
  await prisma.$transaction(async (tx) => {
    const order = await tx.menuOrder.findFirst({
      where: { AND: [{ id: input.orderId }, dispatchScope(staff)] },
      select: {
        id: true,
        districtId: true,
        siteName: true,
        menuItem: { select: { title: true } },
        event: { select: { sessions: { select: { startsAt: true } } } },
      },
    })
    if (!order) throw new Refusal('找不到这个订单，或不在你的管理范围内。', undefined, 404)
    const session = order.event?.sessions[0]
    if (!session || session.startsAt > now) throw new Refusal('活动开始后才能登记配送完成。')
    const { count } = await tx.menuOrder.updateMany({
      where: { id: order.id, status: 'ACCEPTED' },
      data: { status: 'DELIVERED', deliveredAt: now, attendance: input.attendance, decidedById: staff.id, decidedAt: now },
    })
    if (count !== 1) throw new Refusal('订单当前不是“已确定”，不能登记配送完成。')
    await recordAudit(tx, staff.id, {
      action: 'menu_order.deliver',
      entityType: 'menu_order',
      entityId: order.id,
      districtId: order.districtId,
      summary: `${order.menuItem.title} → ${order.siteName}：已配送，实到 ${input.attendance} 人`,
    })
    await queueMenuMessage(tx, order.id, 'menu.delivered', { origin })
  })
}

/** 评单: the site rates a delivered order once, through its private link. */
export async function rateOrder(token: string, input: RatingInput, now = new Date()): Promise<void> {
  const order = await findOrderByToken(token)
  if (!order) throw new Refusal(localized('menu.errors.notFound'), undefined, 404)
  const { count } = await prisma.menuOrder.updateMany({
    where: { id: order.id, status: 'DELIVERED', ratedAt: null },
    data: { rating: input.rating, ratingComment: input.comment || null, ratedAt: now },
  })
  if (count === 1) return
  throw order.status === 'DELIVERED'
    ? new Refusal(localized('lecturer.rate.errors.already'), 'rating', 409)
    : new Refusal(localized('lecturer.rate.errors.notDelivered'), 'rating', 409)
}

/**
 * Figures for the dashboard (per district, a date range): talks delivered per lecturer with their average rating,
 * average rating per item, and orders waiting for dispatch with their age.
 */
export async function lecturerFigures(districtIds: string[] | undefined, range: { from: Date; to: Date }, now = new Date()) {
  const inDistricts: Prisma.MenuOrderWhereInput = districtIds ? { districtId: { in: districtIds } } : {}
  const delivered = { ...inDistricts, status: 'DELIVERED' as const, deliveredAt: { gte: range.from, lt: range.to } }
  const [perLecturer, perItem, waiting] = await Promise.all([
    prisma.menuOrder.groupBy({
      by: ['lecturerId'],
      where: { ...delivered, lecturerId: { not: null } },
      _count: { _all: true },
      _avg: { rating: true },
    }),
    prisma.menuOrder.groupBy({
      by: ['menuItemId'],
      where: { ...delivered, rating: { not: null } },
      _count: { rating: true },
      _avg: { rating: true },
    }),
    prisma.menuOrder.findMany({
      where: { ...inDistricts, status: 'REQUESTED', menuItem: { lecturers: { some: {} } } },
      select: { createdAt: true },
      orderBy: { createdAt: 'asc' },
    }),
  ])
  const [lecturers, items] = await Promise.all([
    prisma.lecturer.findMany({ where: { id: { in: perLecturer.map((r) => r.lecturerId!) } }, select: { id: true, name: true } }),
    prisma.menuItem.findMany({ where: { id: { in: perItem.map((r) => r.menuItemId) } }, select: { id: true, title: true } }),
  ])
  const name = new Map(lecturers.map((l) => [l.id, l.name]))
  const title = new Map(items.map((i) => [i.id, i.title]))
  const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10)
  const ages = waiting.map((o) => (now.getTime() - o.createdAt.getTime()) / HOUR)
  return {
    perLecturer: perLecturer
      .map((r) => ({
        lecturerId: r.lecturerId!,
        name: name.get(r.lecturerId!) ?? '',
        delivered: r._count._all,
        averageRating: round(r._avg.rating),
      }))
      .sort((a, b) => b.delivered - a.delivered || a.name.localeCompare(b.name, 'zh-CN')),
    perItem: perItem
      .map((r) => ({
        menuItemId: r.menuItemId,
        title: title.get(r.menuItemId) ?? '',
        ratings: r._count.rating,
        averageRating: round(r._avg.rating),
      }))
      .sort((a, b) => (b.averageRating ?? 0) - (a.averageRating ?? 0)),
    waiting: {
      count: waiting.length,
      oldestHours: ages.length ? Math.floor(ages[0]) : null,
      averageHours: ages.length ? Math.round(ages.reduce((a, b) => a + b, 0) / ages.length) : null,
    },
  }
}
