// Staff publish activities and their sessions. Scope: platform admins any, district admins their district,
// organisation staff their organisation's. Seat changes lock the session's row like registrations do, so a
// capacity change can never race a booking; cancelling keeps every registration and marks it.
import { randomBytes } from 'node:crypto'
import { recordAudit } from '~/models/audit.server'
import { splitList, type EventInput, type SessionInput } from '~/models/event/schema'
import { defaultOrigin, queueRegistrationMessages, skipReminders, type RegistrationTemplate } from '~/models/message/notify.server'
import { lockSession, promoteWaitlist, TX_OPTIONS, type LockedSeats } from '~/models/registration/registration.server'
import { newSlug, venueFormChoices } from '~/models/venue/admin.server'
import { districtContains } from '~/utils/geo.server'
import { prisma, type Tx } from '~/utils/infra/db.server'
import { eventScope, outsideOwnDistrict, venueScope } from '~/utils/permissions.server'
import { Refusal } from '~/utils/refusal'
import type { CancelReason, EventStatus, Prisma } from '@prisma/client'
import type { RegistrationQuestion } from '~/models/registration/schema'
import type { Staff } from '~/utils/auth.server'

export function listEventsForStaff(staff: Staff, { status, query }: { status?: EventStatus; query?: string } = {}) {
  return prisma.event.findMany({
    where: { AND: [eventScope(staff), status ? { status } : {}, query ? { title: { contains: query } } : {}] },
    orderBy: [{ updatedAt: 'desc' }],
    take: 300,
    select: {
      id: true,
      slug: true,
      title: true,
      status: true,
      category: true,
      isExample: true,
      updatedAt: true,
      venue: { select: { name: true } },
      placeName: true,
      district: { select: { name: true } },
      sessions: {
        where: { status: 'SCHEDULED', endsAt: { gt: new Date() } },
        orderBy: { startsAt: 'asc' },
        take: 1,
        select: { startsAt: true },
      },
      _count: { select: { sessions: true } },
    },
  })
}

export async function findEventForStaff(staff: Staff, eventId: string) {
  const event = await prisma.event.findFirst({
    where: { AND: [{ id: eventId }, eventScope(staff)] },
    include: {
      venue: { select: { id: true, name: true } },
      district: { select: { name: true } },
      sessions: { orderBy: { startsAt: 'asc' } },
    },
  })
  if (!event) return null
  const counts = await prisma.registration.groupBy({
    by: ['sessionId', 'status'],
    where: { session: { eventId } },
    _count: { _all: true },
    _sum: { partySize: true },
  })
  const countsFor = (sessionId: string, status: string) => counts.find((c) => c.sessionId === sessionId && c.status === status)
  return {
    ...event,
    sessions: event.sessions.map((s) => ({
      ...s,
      waitlisted: countsFor(s.id, 'WAITLISTED')?._count._all ?? 0,
      attendedPeople: countsFor(s.id, 'ATTENDED')?._sum.partySize ?? 0,
      registrations: counts.filter((c) => c.sessionId === s.id && c.status !== 'CANCELLED').reduce((n, c) => n + c._count._all, 0),
    })),
  }
}

/** Registrations the organiser cancelled (the session or the whole activity): the people to contact. */
export function peopleToContact(eventId: string) {
  return prisma.registration.findMany({
    where: { session: { eventId }, cancelReason: { in: ['SESSION_CANCELLED', 'EVENT_CANCELLED'] } },
    orderBy: [{ session: { startsAt: 'asc' } }, { createdAt: 'asc' }],
    select: {
      id: true,
      name: true,
      phone: true,
      partySize: true,
      code: true,
      cancelReason: true,
      session: { select: { id: true, startsAt: true, endsAt: true } },
    },
  })
}

export async function eventFormChoices(staff: Staff) {
  const [venues, brands, places] = await Promise.all([
    prisma.venue.findMany({
      where: venueScope(staff),
      orderBy: { name: 'asc' },
      take: 1000,
      select: { id: true, name: true, district: { select: { name: true } } },
    }),
    prisma.programmeBrand.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    venueFormChoices(staff),
  ])
  return { venues, brands, ...places }
}

function questionsFrom(input: EventInput): RegistrationQuestion[] {
  const used = new Set<string>()
  return input.questions.map((q, i) => {
    const key = q.key && !used.has(q.key) ? q.key : `q${i + 1}_${randomBytes(2).toString('hex')}`
    used.add(key)
    return {
      key,
      label: q.label,
      kind: q.kind,
      required: q.required,
      ...(q.perChild ? { perChild: true } : {}),
      ...(q.kind === 'choice' ? { options: splitList(q.options) } : {}),
    }
  })
}

/** Where the event is held, checked against the staff member's scope and the district outlines. */
async function resolvePlace(staff: Staff, input: EventInput) {
  if (input.placeKind === 'venue') {
    const venue = await prisma.venue.findFirst({
      where: { AND: [{ id: input.venueId ?? '-' }, venueScope(staff)] },
      select: { id: true, lat: true, lng: true, districtId: true, townId: true },
    })
    if (!venue) throw new Refusal('请选择你管理的场馆。', 'venueId')
    return {
      venueId: venue.id,
      placeName: null,
      placeAddress: null,
      lat: venue.lat,
      lng: venue.lng,
      districtId: venue.districtId,
      townId: venue.townId,
    }
  }
  const district = await prisma.district.findUnique({
    where: { id: input.districtId ?? '-' },
    select: { id: true, code: true, name: true },
  })
  if (!district) throw new Refusal('请选择所在区。', 'districtId')
  if (outsideOwnDistrict(staff, district.id)) throw new Refusal('只能在本区发布活动。', 'districtId')
  if (input.townId && !(await prisma.town.findFirst({ where: { id: input.townId, districtId: district.id }, select: { id: true } }))) {
    throw new Refusal(`这个街镇不属于${district.name}。`, 'townId')
  }
  if (!districtContains(district.code, input.lat!, input.lng!)) throw new Refusal(`这个位置不在${district.name}内，请重新选点。`, 'lat')
  return {
    venueId: null,
    placeName: input.placeName!,
    placeAddress: input.placeAddress ?? null,
    lat: input.lat!,
    lng: input.lng!,
    districtId: district.id,
    townId: input.townId ?? null,
  }
}

async function resolveOwner(staff: Staff, input: EventInput): Promise<string | null> {
  if (staff.role === 'ORG_STAFF') return staff.organisationId
  if (!input.organisationId) return null
  const organisation = await prisma.organisation.findUnique({ where: { id: input.organisationId }, select: { districtId: true } })
  if (!organisation) throw new Refusal('请选择主办单位。', 'organisationId')
  if (outsideOwnDistrict(staff, organisation.districtId)) throw new Refusal('只能选择本区的单位。', 'organisationId')
  return input.organisationId
}

/**
 * The columns that describe an activity, from its form's fields: what the event form and the spreadsheet import
 * both write (the import leaves the registration switches and questions to the form).
 */
export function eventDescriptionColumns(input: EventInput, organisationId: string | null) {
  return {
    title: input.title,
    summary: input.summary,
    description: input.description,
    category: input.category,
    topics: splitList(input.topics),
    audienceMinAge: input.audienceMinAge ?? null,
    audienceMaxAge: input.audienceMaxAge ?? null,
    audienceNote: input.audienceNote ?? null,
    brandId: input.brandId ?? null,
    organisationId,
    maxPartySize: input.maxPartySize,
  }
}

async function eventData(staff: Staff, input: EventInput) {
  const [place, organisationId] = await Promise.all([resolvePlace(staff, input), resolveOwner(staff, input)])
  if (input.brandId && !(await prisma.programmeBrand.findUnique({ where: { id: input.brandId }, select: { id: true } }))) {
    throw new Refusal('请选择活动品牌。', 'brandId')
  }
  return {
    ...eventDescriptionColumns(input, organisationId),
    requiresSmsCode: input.requiresSmsCode,
    isExample: input.isExample === true,
    registersOnline: input.noOnlineRegistration !== true,
    questions: questionsFrom(input) as unknown as Prisma.InputJsonValue,
    ...place,
  }
}

/** New activities start as drafts: nothing is public until someone publishes them. */
export async function createEvent(staff: Staff, input: EventInput): Promise<{ id: string }> {
  const data = await eventData(staff, input)
  return prisma.$transaction(async (tx) => {
    const event = await tx.event.create({
      data: { ...data, slug: newSlug('a'), status: 'DRAFT', source: `工作人员录入（${staff.name}）` },
      select: { id: true },
    })
    await recordAudit(tx, staff.id, {
      action: 'event.create',
      entityType: 'event',
      entityId: event.id,
      districtId: data.districtId,
      summary: `新建活动「${input.title}」（草稿）`,
    })
    return event
  })
}

export async function updateEvent(
  staff: Staff,
  eventId: string,
  input: EventInput,
  { now = new Date(), origin = defaultOrigin() }: { now?: Date; origin?: string } = {},
): Promise<void> {
  const existing = await prisma.event.findFirst({ where: { AND: [{ id: eventId }, eventScope(staff)] }, select: { id: true } })
  if (!existing) throw new Refusal('找不到这个活动，或不在你的管理范围内。', 'title')
  const data = await eventData(staff, input)
  await prisma.$transaction(async (tx) => {
    const before = await tx.event.findUniqueOrThrow({
      where: { id: eventId },
      select: { venueId: true, placeName: true, placeAddress: true },
    })
    await tx.event.update({ where: { id: eventId }, data })
    const moved = before.venueId !== data.venueId || before.placeName !== data.placeName || before.placeAddress !== data.placeAddress
    if (moved) await tellPlaceChanged(tx, eventId, now, origin)
    await recordAudit(tx, staff.id, {
      action: 'event.update',
      entityType: 'event',
      entityId: eventId,
      districtId: data.districtId,
      summary: `修改活动「${input.title}」${input.requiresSmsCode ? '（需要短信验证）' : ''}${input.noOnlineRegistration ? '（不接受网上报名）' : ''}`,
    })
  })
}

/** The activity, read in the transaction, if it is in the staff member's scope; otherwise a refusal. */
export async function requireEvent(tx: Tx, staff: Staff, eventId: string) {
  const event = await tx.event.findFirst({
    where: { AND: [{ id: eventId }, eventScope(staff)] },
    select: { id: true, title: true, status: true, districtId: true },
  })
  if (!event) throw new Refusal('找不到这个活动，或不在你的管理范围内。')
  return event
}

export async function publishEvent(staff: Staff, eventId: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const event = await requireEvent(tx, staff, eventId)
    if (event.status === 'CANCELLED') throw new Refusal('已取消的活动不能重新发布；请新建活动。')
    if (event.status === 'PUBLISHED') return
    const upcoming = await tx.eventSession.count({ where: { eventId, status: 'SCHEDULED', endsAt: { gt: now } } })
    if (upcoming === 0) throw new Refusal('请先添加至少一个未结束的场次，再发布。')
    await tx.event.update({ where: { id: eventId }, data: { status: 'PUBLISHED' } })
    await recordAudit(tx, staff.id, {
      action: 'event.publish',
      entityType: 'event',
      entityId: eventId,
      districtId: event.districtId,
      summary: `发布活动「${event.title}」`,
    })
  })
}

export async function unpublishEvent(staff: Staff, eventId: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const event = await requireEvent(tx, staff, eventId)
    if (event.status !== 'PUBLISHED') return
    const active = await tx.registration.count({
      where: { session: { eventId, endsAt: { gt: now } }, status: { in: ['CONFIRMED', 'WAITLISTED'] } },
    })
    if (active > 0) throw new Refusal(`已有 ${active} 份报名，不能撤回。如不再举办，请取消活动：报名会被标记，并列出联系人以便通知。`)
    await tx.event.update({ where: { id: eventId }, data: { status: 'DRAFT' } })
    await recordAudit(tx, staff.id, {
      action: 'event.unpublish',
      entityType: 'event',
      entityId: eventId,
      districtId: event.districtId,
      summary: `撤回活动「${event.title}」（改为草稿）`,
    })
  })
}

/** Registrations still holding or waiting for a place in the session(s). */
async function openRegistrationIds(tx: Tx, where: Prisma.RegistrationWhereInput): Promise<string[]> {
  const rows = await tx.registration.findMany({ where: { ...where, status: { in: ['CONFIRMED', 'WAITLISTED'] } }, select: { id: true } })
  return rows.map((r) => r.id)
}

/**
 * The place moved: people with a place or on a waitlist of an upcoming session are told, and reminders still
 * waiting name the new place (one statement: the place's name is the same in both languages).
 */
async function tellPlaceChanged(tx: Tx, eventId: string, now: Date, origin: string): Promise<void> {
  const ids = await openRegistrationIds(tx, { session: { eventId, status: 'SCHEDULED', startsAt: { gt: now } } })
  if (!ids.length) return
  await queueRegistrationMessages(tx, ids, 'registration.place-changed', { origin, now })
  const event = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: { placeName: true, venue: { select: { name: true } } } })
  const place = event.venue?.name ?? event.placeName ?? ''
  await tx.$executeRaw`
    UPDATE "Message" SET params = jsonb_set(params::jsonb, '{place}', to_jsonb(${place}::text))
    WHERE template = 'registration.reminder' AND status = 'QUEUED' AND "subjectType" = 'Registration'
      AND "subjectId" = ANY(${ids}::text[])`
}

/**
 * Cancels one locked session's open registrations, keeping them marked with why, and tells each person in the
 * same transaction (one read and one insert for the whole session). Returns how many. Cancelling a session, an
 * activity or a series all run this.
 */
export async function cancelSessionRegistrations(
  tx: Tx,
  sessionId: string,
  reason: CancelReason,
  now: Date,
  origin: string,
): Promise<number> {
  const ids = await openRegistrationIds(tx, { sessionId })
  const { count } = ids.length
    ? await tx.registration.updateMany({
        where: { id: { in: ids }, status: { in: ['CONFIRMED', 'WAITLISTED'] } },
        data: { status: 'CANCELLED', cancelledAt: now, cancelReason: reason },
      })
    : { count: 0 }
  const template: RegistrationTemplate = reason === 'EVENT_CANCELLED' ? 'registration.event-cancelled' : 'registration.session-cancelled'
  await skipReminders(tx, { registrationIds: ids })
  await queueRegistrationMessages(tx, ids, template, { origin, now })
  await tx.eventSession.update({
    where: { id: sessionId },
    data: { status: 'CANCELLED', seatsTaken: { set: await attendedSeats(tx, sessionId) } },
  })
  return count
}

async function attendedSeats(tx: Tx, sessionId: string): Promise<number> {
  const { _sum } = await tx.registration.aggregate({ where: { sessionId, status: 'ATTENDED' }, _sum: { partySize: true } })
  return _sum.partySize ?? 0
}

/** Cancels the activity and every session not yet over; registrations are kept, marked, and listed for contact. */
export async function cancelEvent(
  staff: Staff,
  eventId: string,
  now = new Date(),
  origin = defaultOrigin(),
): Promise<{ registrationsCancelled: number }> {
  return prisma.$transaction(async (tx) => {
    const event = await requireEvent(tx, staff, eventId)
    if (event.status === 'CANCELLED') return { registrationsCancelled: 0 }
    const sessions = await tx.eventSession.findMany({
      where: { eventId, status: 'SCHEDULED', endsAt: { gt: now } },
      orderBy: { id: 'asc' },
      select: { id: true },
    })
    let registrationsCancelled = 0
    for (const { id } of sessions) {
      await lockSession(tx, id) // waits for any booking in flight on this session
      registrationsCancelled += await cancelSessionRegistrations(tx, id, 'EVENT_CANCELLED', now, origin)
    }
    await tx.event.update({ where: { id: eventId }, data: { status: 'CANCELLED' } })
    await recordAudit(tx, staff.id, {
      action: 'event.cancel',
      entityType: 'event',
      entityId: eventId,
      districtId: event.districtId,
      summary: `取消活动「${event.title}」：${sessions.length} 个场次，${registrationsCancelled} 份报名需通知`,
    })
    return { registrationsCancelled }
  }, TX_OPTIONS)
}

function sessionData(input: SessionInput) {
  return {
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    capacity: input.capacity,
    registrationOpensAt: input.registrationOpensAt ?? null,
    registrationClosesAt: input.registrationClosesAt ?? null,
  }
}

export async function addSession(staff: Staff, eventId: string, input: SessionInput): Promise<{ id: string }> {
  return prisma.$transaction(async (tx) => {
    const event = await requireEvent(tx, staff, eventId)
    if (event.status === 'CANCELLED') throw new Refusal('活动已取消，不能添加场次。')
    const session = await tx.eventSession.create({
      data: { ...sessionData(input), eventId, key: `s-${randomBytes(4).toString('hex')}` },
      select: { id: true },
    })
    await recordAudit(tx, staff.id, {
      action: 'session.create',
      entityType: 'session',
      entityId: session.id,
      districtId: event.districtId,
      summary: `「${event.title}」添加场次，${input.capacity} 个名额`,
    })
    return session
  })
}

/**
 * Changes a session's times and seats under its row lock. Fewer seats than are taken is refused with the
 * number; more seats serve the waitlist at once.
 */
export async function updateSession(
  staff: Staff,
  sessionId: string,
  input: SessionInput,
  { now = new Date(), origin = defaultOrigin() }: { now?: Date; origin?: string } = {},
): Promise<{ promoted: number }> {
  return prisma.$transaction(async (tx) => {
    const owner = await tx.eventSession.findUnique({ where: { id: sessionId }, select: { eventId: true } })
    if (!owner) throw new Refusal('找不到这个场次。')
    const event = await requireEvent(tx, staff, owner.eventId)
    const session = await lockSession(tx, sessionId)
    if (!session) throw new Refusal('找不到这个场次。')
    const { endsAt } = await tx.eventSession.findUniqueOrThrow({ where: { id: sessionId }, select: { endsAt: true } })
    const promoted = await changeLockedSession(tx, { ...session, endsAt }, input, { now, origin })
    await recordAudit(tx, staff.id, {
      action: 'session.update',
      entityType: 'session',
      entityId: sessionId,
      districtId: event.districtId,
      summary: `修改「${event.title}」的场次：名额 ${session.capacity} → ${input.capacity}${promoted.length ? `，候补递补 ${promoted.length} 份` : ''}`,
    })
    return { promoted: promoted.length }
  }, TX_OPTIONS)
}

/**
 * The rules of changing one session whose row the caller has locked (`lockSession(s)`) in its transaction: a
 * cancelled session stays as it is; fewer seats than are taken is refused with the number; people are told of
 * new times (and their reminders move) before the waitlist is served into added seats. Returns who was promoted.
 * A single change and a series' change both run this.
 */
export async function changeLockedSession(
  tx: Tx,
  session: LockedSeats,
  input: SessionInput,
  { now, origin }: { now: Date; origin: string },
): Promise<string[]> {
  if (session.status === 'CANCELLED') throw new Refusal('场次已取消，不能修改。')
  if (input.capacity < session.seatsTaken) {
    throw new Refusal(
      `已有 ${session.seatsTaken} 个名额被占用，名额不能少于 ${session.seatsTaken}。如需减少，请先联系报名人取消。`,
      'capacity',
    )
  }
  await tx.eventSession.update({ where: { id: session.id }, data: sessionData(input) })
  const startMoved = session.startsAt.getTime() !== input.startsAt.getTime()
  if (startMoved || session.endsAt.getTime() !== input.endsAt.getTime()) {
    // Told before the waitlist is served: someone promoted now hears of the place (at the new time) once.
    const ids = await openRegistrationIds(tx, { sessionId: session.id })
    if (startMoved) await skipReminders(tx, { registrationIds: ids })
    await queueRegistrationMessages(tx, ids, 'registration.time-changed', { origin, now, reminders: startMoved })
  }
  return promoteWaitlist(tx, { id: session.id, capacity: input.capacity, seatsTaken: session.seatsTaken }, { origin, now })
}

/** Removes a session nobody has registered for; one with registrations must be cancelled instead. */
export async function removeSession(staff: Staff, sessionId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const owner = await tx.eventSession.findUnique({ where: { id: sessionId }, select: { eventId: true, startsAt: true } })
    if (!owner) throw new Refusal('找不到这个场次。')
    const event = await requireEvent(tx, staff, owner.eventId)
    await lockSession(tx, sessionId)
    const registrations = await tx.registration.count({ where: { sessionId } })
    if (registrations > 0) throw new Refusal(`这个场次已有 ${registrations} 份报名记录，不能删除；请改为取消场次。`)
    await tx.eventSession.delete({ where: { id: sessionId } })
    await recordAudit(tx, staff.id, {
      action: 'session.delete',
      entityType: 'session',
      entityId: sessionId,
      districtId: event.districtId,
      summary: `删除「${event.title}」的一个场次（无报名）`,
    })
  }, TX_OPTIONS)
}

export async function cancelSession(
  staff: Staff,
  sessionId: string,
  now = new Date(),
  origin = defaultOrigin(),
): Promise<{ registrationsCancelled: number }> {
  return prisma.$transaction(async (tx) => {
    const owner = await tx.eventSession.findUnique({ where: { id: sessionId }, select: { eventId: true } })
    if (!owner) throw new Refusal('找不到这个场次。')
    const event = await requireEvent(tx, staff, owner.eventId)
    const session = await lockSession(tx, sessionId)
    if (!session || session.status === 'CANCELLED') return { registrationsCancelled: 0 }
    const registrationsCancelled = await cancelSessionRegistrations(tx, sessionId, 'SESSION_CANCELLED', now, origin)
    await recordAudit(tx, staff.id, {
      action: 'session.cancel',
      entityType: 'session',
      entityId: sessionId,
      districtId: event.districtId,
      summary: `取消「${event.title}」的场次：${registrationsCancelled} 份报名需通知`,
    })
    return { registrationsCancelled }
  }, TX_OPTIONS)
}
