// Booking rules: seats, party size, one place per phone per session, the registration window, the waitlist
// and cancellation. Every change to a session's seats happens in one transaction that first locks the
// session's row, so concurrent registrations for one session are taken one at a time and seats are never
// overbooked; the CHECK and unique indexes of the migrations hold even if this code were wrong.
import { type EventStatus, type Prisma, type RegistrationStatus, type SessionStatus } from '@prisma/client'
import { outboxRows } from '~/models/message/message.server'
import {
  defaultOrigin,
  queueRegistrationMessages,
  registrationMessages,
  reminderKey,
  skipReminders,
  type MessageContext,
} from '~/models/message/notify.server'
import {
  checkPhoneCode,
  sendPhoneCode,
  verifyPhoneCode,
  CODE_FIELD,
  type CheckedPhoneCode,
  type SendResult,
} from '~/models/phone-code.server'
import { enforceFairBooking, fairRulesOf, type FairRuleRow } from '~/models/registration/fair-booking.server'
import { answersForParty, readQuestions, type RegistrationInput } from '~/models/registration/schema'
import { newRowId, normaliseCode, readableCode } from '~/utils/codes.server'
import { isUniqueViolation } from '~/utils/infra/db-errors.server'
import { prisma, type Tx } from '~/utils/infra/db.server'
import { linkKey } from '~/utils/infra/secrets.server'
import { MOBILE_PATTERN } from '~/utils/phone'
import { derivedLinkSecret, derivedLinkSecretFor, hashLinkSecret, isLinkSecretShape } from '~/utils/private-links.server'
import { Refusal, localized } from '~/utils/refusal'
import type { Language } from '~/utils/i18n'

/**
 * The registration rules' refusal codes. The seat's statement (migration 0014) returns some of them as well: the
 * test registration-statement-rules.ts has a case for each code here and each outcome there, so the two cannot drift.
 */
export const registrationRuleCodes = [
  'SESSION_NOT_FOUND',
  'SESSION_CANCELLED',
  'SESSION_STARTED',
  'NOT_OPEN_YET',
  'REGISTRATION_CLOSED',
  'PARTY_TOO_LARGE',
  'DUPLICATE_PHONE',
  'ALREADY_ATTENDED',
  'CANCEL_TOO_LATE',
  'REGISTRATION_NOT_FOUND',
  'NO_ONLINE_REGISTRATION',
] as const
export type RegistrationRuleCode = (typeof registrationRuleCodes)[number]

/** A registration rule said no; the words are the catalogue's `registrationRefusal.<code>`. */
export function registrationRefusal(code: RegistrationRuleCode, field?: 'phone' | 'adults' | 'children'): Refusal {
  return new Refusal(localized(`registrationRefusal.${code}`), field, code.endsWith('NOT_FOUND') ? 404 : 409, code)
}

// Long enough for a rush: each transaction waits for the session's row lock behind the others.
export const TX_OPTIONS = { maxWait: 60_000, timeout: 30_000 } as const

export type SessionWindow = {
  status: 'SCHEDULED' | 'CANCELLED'
  startsAt: Date
  registrationOpensAt: Date | null
  registrationClosesAt: Date | null
  eventStatus: 'DRAFT' | 'PUBLISHED' | 'CANCELLED'
  /** The activity's 接受网上报名 (staff and the seed decide; an example may be shown without taking bookings). */
  registersOnline: boolean
}

/** Why a session does not take registrations now, or null when it does. */
export function registrationBlocker(session: SessionWindow, now: Date): RegistrationRuleCode | null {
  if (session.eventStatus !== 'PUBLISHED') return session.eventStatus === 'CANCELLED' ? 'SESSION_CANCELLED' : 'SESSION_NOT_FOUND'
  if (session.status === 'CANCELLED') return 'SESSION_CANCELLED'
  if (session.startsAt <= now) return 'SESSION_STARTED'
  if (!session.registersOnline) return 'NO_ONLINE_REGISTRATION'
  if (session.registrationOpensAt && now < session.registrationOpensAt) return 'NOT_OPEN_YET'
  if (session.registrationClosesAt && now >= session.registrationClosesAt) return 'REGISTRATION_CLOSED'
  return null
}

/**
 * Why this party may not take a place in the session now, or null: the rule the seat's statement (migration 0014)
 * checks again under the lock, in the same order (registration-statement-rules.ts holds the two together). Staff
 * adding someone by hand pass the window, a started session and a draft or offline activity, never a cancelled one.
 */
export function seatBlocker(
  session: SessionWindow & { maxPartySize: number },
  partySize: number,
  now: Date,
  byStaff: boolean,
): RegistrationRuleCode | null {
  if (byStaff) {
    if (session.eventStatus === 'CANCELLED' || session.status === 'CANCELLED') return 'SESSION_CANCELLED'
  } else {
    const blocker = registrationBlocker(session, now)
    if (blocker) return blocker
  }
  if (partySize < 1 || partySize > session.maxPartySize) return 'PARTY_TOO_LARGE'
  return null
}

/** A session's times, seats and registration window: what `registrationBlocker` and a seats-left figure need. */
export const sessionWindowSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  capacity: true,
  seatsTaken: true,
  status: true,
  registrationOpensAt: true,
  registrationClosesAt: true,
} as const

type RegistrationPageRow = {
  id: string
  startsAt: Date
  endsAt: Date
  capacity: number
  seatsTaken: number
  status: SessionStatus
  registrationOpensAt: Date | null
  registrationClosesAt: Date | null
  event: {
    slug: string
    title: string
    status: EventStatus
    districtId: string
    maxPartySize: number
    requiresSmsCode: boolean
    registersOnline: boolean
    questions: Prisma.JsonValue
    placeName: string | null
    placeAddress: string | null
    venue: { slug: string; name: string; address: string | null } | null
  }
}

/**
 * A session with what the registration page shows and needs: one SQL statement. The form and every post read it, and
 * Prisma's query compiler took about 2 ms of CPU for the same read as a nested `select` (issue 31).
 */
export async function getSessionForRegistration(sessionId: string) {
  const [session] = await prisma.$queryRaw<RegistrationPageRow[]>`
    SELECT s.id, s."startsAt", s."endsAt", s.capacity, s."seatsTaken", s.status::text AS status,
      s."registrationOpensAt", s."registrationClosesAt",
      json_build_object(
        'slug', e.slug, 'title', e.title, 'status', e.status, 'districtId', e."districtId", 'maxPartySize', e."maxPartySize",
        'requiresSmsCode', e."requiresSmsCode", 'registersOnline', e."registersOnline", 'questions', e.questions,
        'placeName', e."placeName", 'placeAddress', e."placeAddress",
        'venue', CASE WHEN v.id IS NULL THEN NULL ELSE json_build_object('slug', v.slug, 'name', v.name, 'address', v.address) END
      ) AS event
    FROM "EventSession" s JOIN "Event" e ON e.id = s."eventId" LEFT JOIN "Venue" v ON v.id = e."venueId"
    WHERE s.id = ${sessionId}`
  if (!session || session.event.status === 'DRAFT') return null
  const { event, ...rest } = session
  return { ...rest, seatsLeft: rest.capacity - rest.seatsTaken, event: { ...event, questions: readQuestions(event.questions) } }
}

export type LockedSession = {
  id: string
  capacity: number
  seatsTaken: number
  status: 'SCHEDULED' | 'CANCELLED'
  startsAt: Date
  registrationOpensAt: Date | null
  registrationClosesAt: Date | null
  eventStatus: 'DRAFT' | 'PUBLISHED' | 'CANCELLED'
  registersOnline: boolean
  maxPartySize: number
  requiresSmsCode: boolean
  districtId: string
  /** The district's fair-booking rule (decision 013), read with the lock: no extra round trip while it is held. */
  fairRule: FairRuleRow
}

/** Locks the session's row until the transaction ends: the one place seats are counted from. */
export async function lockSession(tx: Tx, sessionId: string): Promise<LockedSession | undefined> {
  const rows = await tx.$queryRaw<Array<Omit<LockedSession, 'fairRule'> & FairRuleRow>>`
    SELECT s.id, s.capacity, s."seatsTaken", s.status::text AS status, s."startsAt", s."registrationOpensAt",
      s."registrationClosesAt", e.status::text AS "eventStatus", e."registersOnline", e."maxPartySize", e."requiresSmsCode", e."districtId",
      f."maxActive", f."windowDays", f."noShowLimit", f."noShowWindowDays", f."blockDays"
    FROM "EventSession" s JOIN "Event" e ON e.id = s."eventId"
      LEFT JOIN "FairBookingRule" f ON f."districtId" = e."districtId"
    WHERE s.id = ${sessionId}
    FOR UPDATE OF s`
  if (!rows[0]) return undefined
  const { maxActive, windowDays, noShowLimit, noShowWindowDays, blockDays, ...session } = rows[0]
  return { ...session, fairRule: { maxActive, windowDays, noShowLimit, noShowWindowDays, blockDays } }
}

/** A session's seats and times, read under its row lock by a change to several sessions at once. */
export type LockedSeats = Pick<LockedSession, 'id' | 'capacity' | 'seatsTaken' | 'status' | 'startsAt'> & { endsAt: Date }

/**
 * Locks several sessions' rows in one statement, in id order (the order every change to several sessions takes
 * them in, so two such changes never wait on each other crosswise). The rows stay locked until the transaction ends.
 */
export async function lockSessions(tx: Tx, sessionIds: string[]): Promise<LockedSeats[]> {
  if (!sessionIds.length) return []
  return tx.$queryRaw<LockedSeats[]>`
    SELECT id, capacity, "seatsTaken", status::text AS status, "startsAt", "endsAt"
    FROM "EventSession" WHERE id = ANY(${sessionIds}::text[])
    ORDER BY id
    FOR UPDATE`
}

/**
 * Serves the waitlist in order: each waiting party that fits in the free seats is confirmed; a party too
 * large for them keeps its place and the next one that fits goes ahead, so seats never stay empty while
 * someone who fits is waiting. Returns the ids promoted, in order.
 */
export async function promoteWaitlist(
  tx: Tx,
  session: { id: string; capacity: number; seatsTaken: number },
  { origin = defaultOrigin(), now = new Date() }: { origin?: string; now?: Date } = {},
): Promise<string[]> {
  let free = session.capacity - session.seatsTaken
  if (free <= 0) return []
  const waiting = await tx.registration.findMany({
    where: { sessionId: session.id, status: 'WAITLISTED' },
    orderBy: { waitlistSeq: 'asc' },
    select: { id: true, partySize: true },
  })
  const promoted: string[] = []
  for (const party of waiting) {
    if (free === 0) break
    if (party.partySize > free) continue
    promoted.push(party.id)
    free -= party.partySize
  }
  if (promoted.length) {
    await tx.registration.updateMany({ where: { id: { in: promoted } }, data: { status: 'CONFIRMED' } })
    await tx.eventSession.update({ where: { id: session.id }, data: { seatsTaken: session.capacity - free } })
    // Each promoted person is told at once, with their reminder, in this transaction.
    await queueRegistrationMessages(tx, promoted, 'registration.promoted', { origin, now, reminders: true })
  }
  return promoted
}

export type RegistrationResult = {
  id: string
  code: string
  status: RegistrationStatus
  waitlistPosition: number | null
  /** The secret for the private view / cancel link; only its hash is stored. */
  manageToken: string
}

/**
 * What a registration needs to know about its session before it takes a seat: the rules, and what its messages say.
 * One statement (Prisma would read the session, event, venue and rule in four).
 */
async function readSessionForBooking(sessionId: string) {
  const [row] = await prisma.$queryRaw<
    Array<
      SessionWindow & { id: string; endsAt: Date; capacity: number; seatsTaken: number } & FairRuleRow & {
          maxPartySize: number
          requiresSmsCode: boolean
          districtId: string
          title: string
          isExample: boolean
          placeName: string | null
          venueName: string | null
          questions: unknown
        }
    >
  >`
    SELECT s.id, s."startsAt", s."endsAt", s.capacity, s."seatsTaken", s.status::text AS status, s."registrationOpensAt",
      s."registrationClosesAt", e.status::text AS "eventStatus", e."registersOnline", e."maxPartySize", e."requiresSmsCode",
      e."districtId", e.title, e."isExample", e."placeName", e.questions, v.name AS "venueName",
      f."maxActive", f."windowDays", f."noShowLimit", f."noShowWindowDays", f."blockDays"
    FROM "EventSession" s JOIN "Event" e ON e.id = s."eventId"
      LEFT JOIN "Venue" v ON v.id = e."venueId"
      LEFT JOIN "FairBookingRule" f ON f."districtId" = e."districtId"
    WHERE s.id = ${sessionId}`
  if (!row) return undefined
  const {
    maxActive,
    windowDays,
    noShowLimit,
    noShowWindowDays,
    blockDays,
    title,
    isExample,
    placeName,
    venueName,
    districtId,
    ...session
  } = row
  return {
    ...session,
    event: { title, isExample, placeName, districtId, venue: venueName === null ? null : { name: venueName } },
    fairRule: { maxActive, windowDays, noShowLimit, noShowWindowDays, blockDays },
  }
}

type SeatOutcome = { outcome: RegistrationStatus | RegistrationRuleCode | 'STALE'; waitlistPosition: number | null }

/**
 * Registers a party for a session. The seat is taken by one statement, `registerInOneStatement` (migration 0014,
 * decision 021): it locks the session's row, checks again what may have changed since the read below, writes the
 * place, moves the seat counter and queues the messages of the outcome, so the lock is held for one round trip.
 * Everything else is prepared before it: the code and link, and the messages for both outcomes.
 *
 * `byStaff` is for staff adding someone by hand (a phone call, a walk-in): the registration window and the
 * district's fair-booking rules do not apply, but seats, party size, duplicates and cancelled sessions still do,
 * and the audit entry is written in the same transaction. An activity marked 需要短信验证 takes a public
 * registration only with the SMS code sent to its phone (`smsCode`), used up in the same transaction as the
 * place; staff adding someone by hand need none. Those two, and a district's fair-booking rule, add their
 * statements around the seat's in one transaction.
 */
export async function registerForSession(
  sessionId: string,
  input: Omit<RegistrationInput, 'reminders'> & { reminders?: boolean },
  {
    now = new Date(),
    byStaff,
    residentId,
    origin = defaultOrigin(),
    language = 'zh-CN',
    smsCode,
  }: {
    now?: Date
    byStaff?: { audit: (tx: Tx, registrationId: string) => Promise<void> }
    residentId?: string
    smsCode?: string
  } & MessageContext = {},
): Promise<RegistrationResult> {
  for (let attempt = 0; ; attempt++) {
    const result = await registerOnce(sessionId, input, { now, byStaff, residentId, origin, language, smsCode })
    // The session's start moved between the read and the seat: read again so the messages carry the new time.
    if (result !== 'STALE') return result
    if (attempt === 2) throw registrationRefusal('SESSION_NOT_FOUND')
  }
}

async function registerOnce(
  sessionId: string,
  input: Omit<RegistrationInput, 'reminders'> & { reminders?: boolean },
  {
    now,
    byStaff,
    residentId,
    origin,
    language,
    smsCode,
  }: Required<Pick<MessageContext, 'origin' | 'language'>> & {
    now: Date
    byStaff?: { audit: (tx: Tx, registrationId: string) => Promise<void> }
    residentId?: string
    smsCode?: string
  },
): Promise<RegistrationResult | 'STALE'> {
  const partySize = input.adults + input.children
  const [key, session] = await Promise.all([linkKey(), readSessionForBooking(sessionId)])
  if (!session) throw registrationRefusal('SESSION_NOT_FOUND')
  // Refused at once without touching the lock; the statement checks again under it. A draft reads as not found to the public.
  const blocker = seatBlocker(session, partySize, now, Boolean(byStaff))
  if (blocker) throw seatRefusal(blocker)
  // A wrong code is counted and refused before the seat; the right one is used up with the place.
  let checked: CheckedPhoneCode | undefined
  if (!byStaff && session.requiresSmsCode) {
    if (!smsCode) throw new Refusal(localized('phoneCode.required'), CODE_FIELD, 409, 'CODE_REQUIRED')
    checked = await checkPhoneCode(input.phone, 'REGISTER', smsCode, now)
  }

  // The link's secret is derived from the code, so later messages can carry the same link.
  const id = newRowId()
  const code = readableCode(8)
  const { secret: manageToken, hash: manageTokenHash } = derivedLinkSecret(key, 'registration', code)
  const registration = {
    id,
    name: input.name,
    phone: input.phone,
    adults: input.adults,
    children: input.children,
    code,
    manageTokenHash,
    locale: language,
    remindersOff: input.reminders === false,
    // A per-child question keeps one answer per child who comes (none when no child comes).
    answers: answersForParty(readQuestions(session.questions), input.answers, input.children),
    source: byStaff ? 'STAFF' : 'ONLINE',
    residentId: residentId ?? null,
  }
  const forMessage = (status: 'CONFIRMED' | 'WAITLISTED') => ({
    ...registration,
    status,
    session: { startsAt: session.startsAt, endsAt: session.endsAt, event: session.event },
  })
  const context = { key, origin, now }
  const messages = {
    CONFIRMED: outboxRows(registrationMessages(forMessage('CONFIRMED'), 'registration.confirmed', { ...context, reminders: true })),
    // The position is known only under the lock: the statement writes it over this placeholder.
    WAITLISTED: outboxRows(
      registrationMessages(forMessage('WAITLISTED'), 'registration.waitlisted', { ...context, reminders: false, extra: { position: '' } }),
    ),
  }
  // The outbox rows get their ids here: the statement inserts them as they are (a Date becomes its ISO text in JSON).
  const withIds = Object.fromEntries(
    Object.entries(messages).map(([outcome, rows]) => [outcome, rows.map((row) => ({ ...row, id: newRowId() }))]),
  )

  const takeSeat = async (db: Tx | typeof prisma): Promise<SeatOutcome> => {
    const [seat] = await db.$queryRaw<[SeatOutcome]>`
      SELECT outcome, "waitlistPosition" FROM "registerInOneStatement"(${sessionId}, ${session.startsAt.toISOString()}::timestamp(3),
        ${now.toISOString()}::timestamp(3), ${!byStaff}, ${JSON.stringify(registration)}::jsonb, ${JSON.stringify(withIds)}::jsonb)`
    if (seat.outcome !== 'CONFIRMED' && seat.outcome !== 'WAITLISTED' && seat.outcome !== 'STALE')
      throw seatRefusal(seat.outcome as RegistrationRuleCode)
    return seat
  }
  const fairRules = fairRulesOf(session.fairRule)
  const fairRuleApplies = !byStaff && Boolean(fairRules.limit || fairRules.noShow)
  try {
    const seat =
      byStaff || checked || fairRuleApplies
        ? await prisma.$transaction(async (tx) => {
            if (checked) await verifyPhoneCode(tx, checked, now)
            // The district's fair-booking rules (decision 013) bind the public; staff adding someone by hand decide themselves.
            if (fairRuleApplies)
              await enforceFairBooking(tx, { phone: input.phone, districtId: session.event.districtId, rule: session.fairRule, now })
            const taken = await takeSeat(tx)
            if (byStaff && taken.outcome !== 'STALE') await byStaff.audit(tx, id)
            return taken
          }, TX_OPTIONS)
        : // The common case, one statement on its own: one round trip, its own transaction.
          await takeSeat(prisma)
    if (seat.outcome === 'STALE') return 'STALE'
    return { id, code, status: seat.outcome as RegistrationStatus, waitlistPosition: seat.waitlistPosition, manageToken }
  } catch (error) {
    // The partial unique index is the last word on "one place per phone per session".
    if (isUniqueViolation(error)) throw registrationRefusal('DUPLICATE_PHONE', 'phone')
    throw error
  }
}

const seatRefusalField: Partial<Record<RegistrationRuleCode, 'phone' | 'children'>> = {
  DUPLICATE_PHONE: 'phone',
  PARTY_TOO_LARGE: 'children',
}

/** What a person is told when the seat's statement refuses: the same refusal as the check before it would give. */
export function seatRefusal(code: RegistrationRuleCode): Refusal {
  return registrationRefusal(code, seatRefusalField[code])
}

/** 1 for the first party waiting, counting only those still waiting. */
async function waitlistPositionOf(sessionId: string, waitlistSeq: number): Promise<number> {
  return prisma.registration.count({ where: { sessionId, status: 'WAITLISTED', waitlistSeq: { lte: waitlistSeq } } })
}

/** What the private link shows: the registration, its session and event, and its place on the waitlist. */
type RegistrationByTokenRow = {
  id: string
  code: string
  name: string
  phone: string
  adults: number
  children: number
  partySize: number
  status: RegistrationStatus
  waitlistSeq: number | null
  remindersOff: boolean
  createdAt: Date
  cancelledAt: Date | null
  attendedAt: Date | null
  answers: Prisma.JsonValue
  sessionId: string
  sessionStartsAt: Date
  sessionEndsAt: Date
  sessionStatus: SessionStatus
  event: {
    slug: string
    title: string
    summary: string
    questions: Prisma.JsonValue
    placeName: string | null
    placeAddress: string | null
    lat: number
    lng: number
    venue: { slug: string; name: string; address: string | null } | null
    organisation: { name: string } | null
  }
}

/**
 * The registration a private link names, with what its page shows: one SQL statement (the confirmation page of every
 * registration reads it; Prisma's query compiler cost more than the read, issue 31). Times stay columns of their own:
 * inside JSON they would lose their type.
 */
export async function findRegistrationByToken(token: string) {
  if (!isLinkSecretShape(token)) return null
  const [row] = await prisma.$queryRaw<RegistrationByTokenRow[]>`
    SELECT r.id, r.code, r.name, r.phone, r.adults, r.children, r."partySize", r.status::text AS status, r."waitlistSeq",
      r."remindersOff", r."createdAt", r."cancelledAt", r."attendedAt", r.answers,
      s.id AS "sessionId", s."startsAt" AS "sessionStartsAt", s."endsAt" AS "sessionEndsAt", s.status::text AS "sessionStatus",
      json_build_object(
        'slug', e.slug, 'title', e.title, 'summary', e.summary, 'questions', e.questions, 'placeName', e."placeName",
        'placeAddress', e."placeAddress", 'lat', e.lat, 'lng', e.lng,
        'venue', CASE WHEN v.id IS NULL THEN NULL ELSE json_build_object('slug', v.slug, 'name', v.name, 'address', v.address) END,
        'organisation', CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('name', o.name) END
      ) AS event
    FROM "Registration" r
      JOIN "EventSession" s ON s.id = r."sessionId"
      JOIN "Event" e ON e.id = s."eventId"
      LEFT JOIN "Venue" v ON v.id = e."venueId"
      LEFT JOIN "Organisation" o ON o.id = e."organisationId"
    WHERE r."manageTokenHash" = ${hashLinkSecret(token)}`
  if (!row) return null
  const { sessionId, sessionStartsAt, sessionEndsAt, sessionStatus, event, ...rest } = row
  const registration = {
    ...rest,
    session: { id: sessionId, startsAt: sessionStartsAt, endsAt: sessionEndsAt, status: sessionStatus, event },
  }
  const waitlistPosition =
    registration.status === 'WAITLISTED' && registration.waitlistSeq !== null
      ? await waitlistPositionOf(registration.session.id, registration.waitlistSeq)
      : null
  return { ...registration, waitlistPosition }
}

/**
 * The private link's secret of the registration that a phone and a registration code name together, for a person
 * who lost the link; null when they do not name one. The row is found by its code alone, so the answer (and the
 * work done) is the same whether or not the phone has other registrations.
 */
export async function findRegistrationLink(phone: string, rawCode: string): Promise<string | null> {
  const code = normaliseCode(rawCode)
  if (!/^[2-9A-Z]{8}$/.test(code) || !MOBILE_PATTERN.test(phone)) return null
  const found = await prisma.registration.findUnique({ where: { code }, select: { id: true, phone: true, manageTokenHash: true } })
  if (!found || found.phone !== phone) return null
  return registrationLinkSecret(prisma, await linkKey(), { ...found, code })
}

/**
 * The private link's secret of a registration, derived from its code. A registration made before links were derived
 * has a random secret no one can rebuild: it is replaced by the derived one, so its page opens again and later
 * messages carry the same link (the lost random link stops working).
 */
async function registrationLinkSecret(
  db: Tx | typeof prisma,
  key: string,
  registration: { id: string; code: string; manageTokenHash: string },
): Promise<string> {
  const kept = derivedLinkSecretFor(key, 'registration', registration.code, registration.manageTokenHash)
  if (kept) return kept
  const { secret, hash } = derivedLinkSecret(key, 'registration', registration.code)
  await db.registration.update({ where: { id: registration.id }, data: { manageTokenHash: hash } })
  return secret
}

/** How far back 找回我的报名 lists a phone's registrations: long enough to find last month's certificate or stamp. */
const LOOKUP_DAYS = 90

/**
 * 找回我的报名 by SMS code: a code to the phone (sent only when the phone has a registration, with the same answer
 * either way, so numbers cannot be probed).
 */
export async function sendLookupCode(phone: string, options: { address: string; language: Language; now?: Date }): Promise<SendResult> {
  const since = new Date((options.now ?? new Date()).getTime() - LOOKUP_DAYS * 86400_000)
  const held = await prisma.registration.count({ where: { phone, session: { startsAt: { gt: since } } } })
  return sendPhoneCode(phone, 'LOOKUP', { ...options, deliver: held > 0 })
}

export type FoundRegistration = { title: string; startsAt: Date; endsAt: Date; status: RegistrationStatus; link: string }

/**
 * The phone's registrations of the last LOOKUP_DAYS and to come, each with its private link, once the SMS code
 * proves the phone (the code is used up). Nothing is found by the number alone (issue 13).
 */
export async function findRegistrationsByPhoneCode(phone: string, smsCode: string, now = new Date()): Promise<FoundRegistration[]> {
  const checked = await checkPhoneCode(phone, 'LOOKUP', smsCode, now)
  const key = await linkKey()
  const since = new Date(now.getTime() - LOOKUP_DAYS * 86400_000)
  return prisma.$transaction(async (tx) => {
    await verifyPhoneCode(tx, checked, now)
    const rows = await tx.registration.findMany({
      where: { phone, session: { startsAt: { gt: since } } },
      orderBy: { session: { startsAt: 'desc' } },
      take: 50,
      select: {
        id: true,
        code: true,
        status: true,
        manageTokenHash: true,
        session: { select: { startsAt: true, endsAt: true, event: { select: { title: true } } } },
      },
    })
    const found: FoundRegistration[] = []
    for (const r of rows) {
      const secret = await registrationLinkSecret(tx, key, r)
      found.push({
        title: r.session.event.title,
        startsAt: r.session.startsAt,
        endsAt: r.session.endsAt,
        status: r.status,
        link: `/r/${secret}`,
      })
    }
    return found
  })
}

export type CancelResult = { alreadyCancelled: boolean; promoted: string[] }

/**
 * Cancels by the private link's secret. Frees the seats and serves the waitlist in the same transaction.
 * Cancelling twice is harmless: the second time changes nothing.
 */
export async function cancelRegistration(
  token: string,
  { now = new Date(), origin = defaultOrigin() }: { now?: Date; origin?: string } = {},
): Promise<CancelResult> {
  const found = await prisma.registration.findUnique({
    where: { manageTokenHash: hashLinkSecret(token) },
    select: { id: true, sessionId: true },
  })
  if (!found) throw registrationRefusal('REGISTRATION_NOT_FOUND')
  return prisma.$transaction(async (tx) => {
    const session = await lockSession(tx, found.sessionId)
    if (!session) throw registrationRefusal('REGISTRATION_NOT_FOUND')
    // Read under the lock: a concurrent cancel or promotion has finished by now.
    const registration = await tx.registration.findUniqueOrThrow({ where: { id: found.id }, select: { status: true, partySize: true } })
    if (registration.status === 'CANCELLED') return { alreadyCancelled: true, promoted: [] }
    if (registration.status === 'ATTENDED') throw registrationRefusal('ALREADY_ATTENDED')
    if (session.startsAt <= now) throw registrationRefusal('CANCEL_TOO_LATE')
    await tx.registration.update({ where: { id: found.id }, data: { status: 'CANCELLED', cancelledAt: now, cancelReason: 'BY_PERSON' } })
    await skipReminders(tx, { registrationIds: [found.id] })
    await queueRegistrationMessages(tx, [found.id], 'registration.cancelled', { origin, now })
    let seatsTaken = session.seatsTaken
    if (registration.status === 'CONFIRMED') {
      seatsTaken -= registration.partySize
      await tx.eventSession.update({ where: { id: session.id }, data: { seatsTaken } })
    }
    // Promotion can happen only while the session is still open for people to come.
    const promoted =
      session.status === 'SCHEDULED'
        ? await promoteWaitlist(tx, { id: session.id, capacity: session.capacity, seatsTaken }, { origin, now })
        : []
    return { alreadyCancelled: false, promoted }
  }, TX_OPTIONS)
}

/**
 * The person turns reminders off or on from the private page. Off: reminders still waiting are skipped (the
 * worker checks again at send time). On: the reminder of a confirmed place is queued again if its time is ahead.
 */
export async function setReminders(
  token: string,
  on: boolean,
  { now = new Date(), origin = defaultOrigin() }: { now?: Date; origin?: string } = {},
): Promise<void> {
  const found = await prisma.registration.findUnique({ where: { manageTokenHash: hashLinkSecret(token) }, select: { id: true } })
  if (!found) throw registrationRefusal('REGISTRATION_NOT_FOUND')
  await prisma.$transaction(async (tx) => {
    const current = await tx.registration.update({
      where: { id: found.id },
      data: { remindersOff: !on },
      select: { status: true, session: { select: { startsAt: true } } },
    })
    if (!on) {
      await skipReminders(tx, { registrationIds: [found.id] })
      return
    }
    if (current.status !== 'CONFIRMED' || current.session.startsAt <= now) return
    // A reminder skipped earlier holds its once-only key: it goes back in the queue instead of a second one.
    const key = reminderKey(found.id, current.session.startsAt)
    const { count } = await tx.message.updateMany({
      where: { dedupeKey: { in: [`${key}:sms`, `${key}:email`] }, status: 'SKIPPED' },
      data: { status: 'QUEUED', jobId: null, attempts: 0, lastError: null },
    })
    if (count === 0) await queueRegistrationMessages(tx, [found.id], null, { origin, now, reminders: true })
  })
}
