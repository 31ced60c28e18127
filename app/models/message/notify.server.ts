// What each change tells people (issue 15): the messages a registration, school booking or 菜单 order change
// queues in the outbox, in the transaction of the change (app/models/message/message.server.ts). Nothing here sends.
// Private links are derived from the record's code (app/utils/private-links.server.ts), so a message written long
// after the record was made carries the link the person already has; an older record with a random secret gets
// a sentence saying how to find it with its code instead.
import { demoMarked } from '~/models/examples.server'
import { queueMessages, type Recipient } from '~/models/message/message.server'
import { formatDayTime, formatSessionTime } from '~/utils/format'
import { isLanguage, type Language } from '~/utils/i18n'
import { env } from '~/utils/infra/env.server'
import { linkKey } from '~/utils/infra/secrets.server'
import { publicOrigin } from '~/utils/links.server'
import { derivedLinkSecretFor, privateLinkPath, type PrivateLinkKind } from '~/utils/private-links.server'
import { beforeQuietHours } from '~/utils/quiet-hours'
import type { Prisma, PrismaClient } from '@prisma/client'
import type { TemplateKey } from '~/models/message/templates'

type Db = Prisma.TransactionClient | PrismaClient

/** Where messages point (the site's public origin) and the language of the page the person used. */
export type MessageContext = { origin?: string; language?: Language }

/** The origin for links when a caller gave none (scripts, the worker, tests): PUBLIC_URL, else this machine on PORT. */
export function defaultOrigin(): string {
  return publicOrigin()
}

export function storedLanguage(locale: string | null | undefined): Language {
  return isLanguage(locale) ? locale : 'zh-CN'
}

/** The absolute private URL of a record whose secret was derived from its code with `key`, or null for an older random one. */
export function privateUrlWithKey(key: string, origin: string, kind: PrivateLinkKind, code: string, storedHash: string): string | null {
  const secret = derivedLinkSecretFor(key, kind, code, storedHash)
  return secret ? `${origin}${privateLinkPath[kind]}${secret}` : null
}

/** The absolute private URL of a record (registration, school booking, 菜单 order), or null when its secret is not derived. */
export async function privateUrl(db: Db, origin: string, kind: PrivateLinkKind, code: string, storedHash: string): Promise<string | null> {
  return privateUrlWithKey(await linkKey(db), origin, kind, code, storedHash)
}

/** The link, or where to find the record by its code when the record's link cannot be rebuilt. */
function linkOrLookup(url: string | null, kind: PrivateLinkKind, code: string, origin: string, language: Language): string {
  if (url) return url
  if (kind === 'menu-order')
    return language === 'en' ? `${origin}/menu/track (order code ${code})` : `${origin}/menu/track（订单码 ${code}）`
  if (kind === 'registration')
    return language === 'en' ? `${origin}/r/find (registration code ${code})` : `${origin}/r/find（报名码 ${code}）`
  return language === 'en' ? `the link from when you booked (booking code ${code})` : `预约时页面上的链接（预约码 ${code}）`
}

/**
 * A name in one language. Venue names are Chinese, some with their English name after them in brackets
 * ("上海地震科普馆（Shanghai Earthquake Museum）"): a Chinese text takes the part before, an English one the part in
 * the brackets. Without an English part, English gets null and the caller decides whether the Chinese name is needed.
 */
export function nameIn(name: string, language: Language): string | null {
  const match = /^(.+?)\s*[（(]([A-Za-z][^（）()]*)[）)]$/.exec(name.trim())
  if (language === 'en') return match ? match[2].trim() : /[\u3400-\u9fff]/.test(name) ? null : name
  return match ? match[1] : name
}

/** How much of a person's words (a venue's note, a reason) a message carries; the private page shows all of it. */
export const CLAUSE_LENGTH = 18

/**
 * A person's words put in a template before its own "。": at most CLAUSE_LENGTH characters (then "…"), trailing
 * punctuation dropped, so no "。。".
 */
export function clause(text: string | null | undefined, language: Language): string {
  const strip = (value: string) => value.trim().replace(/[\s。．.！!？?；;，,、：:]+$/u, '')
  const chars = [...strip(text ?? '')]
  const short = chars.length > CLAUSE_LENGTH ? `${strip(chars.slice(0, CLAUSE_LENGTH - 1).join(''))}…` : chars.join('')
  return short || (language === 'en' ? 'none' : '无')
}

// ——— Registrations ———

const registrationSelect = {
  id: true,
  code: true,
  phone: true,
  locale: true,
  manageTokenHash: true,
  remindersOff: true,
  status: true,
  session: {
    select: {
      startsAt: true,
      endsAt: true,
      event: { select: { title: true, isExample: true, placeName: true, districtId: true, venue: { select: { name: true } } } },
    },
  },
} satisfies Prisma.RegistrationSelect

export type RegistrationForMessage = Prisma.RegistrationGetPayload<{ select: typeof registrationSelect }>

export type RegistrationTemplate = Extract<TemplateKey, `registration.${string}`>

/** When a session's reminder goes out: REMINDER_HOURS before its start, moved before quiet hours. */
export function reminderTime(startsAt: Date): Date {
  return beforeQuietHours(new Date(startsAt.getTime() - env.REMINDER_HOURS * 3600_000))
}

export function reminderKey(registrationId: string, startsAt: Date): string {
  return `reminder:${registrationId}:${startsAt.toISOString()}`
}

function registrationParams(r: RegistrationForMessage, key: string, origin: string) {
  const language = storedLanguage(r.locale)
  const { event, startsAt, endsAt } = r.session
  const url = privateUrlWithKey(key, origin, 'registration', r.code, r.manageTokenHash)
  return {
    language,
    params: {
      // A demonstration activity (SEED_EXAMPLES) says so in every message about it.
      title: demoMarked(event.title, event.isExample, language),
      // GSM-7 has no en dash: one would make an English SMS UCS-2, with parts of 67 characters instead of 153.
      time:
        language === 'en' ? formatSessionTime(startsAt, endsAt, language).replace('–', '-') : formatSessionTime(startsAt, endsAt, language),
      place: nameIn(event.venue?.name ?? event.placeName ?? '', language) ?? event.venue?.name ?? event.placeName ?? '',
      code: r.code,
      link: linkOrLookup(url, 'registration', r.code, origin, language),
    },
  }
}

function reminderItem(r: RegistrationForMessage, key: string, origin: string, now: Date) {
  if (r.remindersOff || r.status !== 'CONFIRMED') return []
  const notBefore = reminderTime(r.session.startsAt)
  if (notBefore <= now) return []
  const { language, params } = registrationParams(r, key, origin)
  return [
    {
      to: { phone: r.phone, language },
      message: {
        template: 'registration.reminder' as const,
        params: { ...params, startsAt: r.session.startsAt.toISOString() },
        subjectType: 'Registration' as const,
        subjectId: r.id,
        districtId: r.session.event.districtId,
        dedupeKey: reminderKey(r.id, r.session.startsAt),
        notBefore,
      },
    },
  ]
}

/**
 * Queues one template to each of the registrations (one read, one insert, however many there are), and with
 * `reminders` the reminder of each confirmed one that wants it. `extra` adds per-registration parameters
 * (a waitlist position).
 */
export async function queueRegistrationMessages(
  tx: Db,
  ids: string[],
  template: RegistrationTemplate | null,
  {
    origin = defaultOrigin(),
    now = new Date(),
    reminders = false,
    extra,
  }: { origin?: string; now?: Date; reminders?: boolean; extra?: (id: string) => Record<string, string> } = {},
): Promise<number> {
  if (!ids.length) return 0
  const [key, rows] = await Promise.all([linkKey(tx), tx.registration.findMany({ where: { id: { in: ids } }, select: registrationSelect })])
  return queueMessages(
    tx,
    rows.flatMap((r) => registrationMessages(r, template, { key, origin, now, reminders, extra: extra?.(r.id) })),
  )
}

/**
 * The messages one registration's change sends: the template (if any) and, with `reminders`, its reminder when it
 * is confirmed and wants one. Built from the registration's fields alone, so a new registration's messages can be
 * prepared before it is written (registerForSession).
 */
export function registrationMessages(
  r: RegistrationForMessage,
  template: RegistrationTemplate | null,
  { key, origin, now, reminders, extra }: { key: string; origin: string; now: Date; reminders: boolean; extra?: Record<string, string> },
): Array<{ to: Recipient; message: Parameters<typeof queueMessages>[1][number]['message'] }> {
  const items: ReturnType<typeof registrationMessages> = []
  if (template) {
    const { language, params } = registrationParams(r, key, origin)
    items.push({
      to: { phone: r.phone, language },
      message: {
        template,
        params: { ...params, ...extra },
        subjectType: 'Registration',
        subjectId: r.id,
        districtId: r.session.event.districtId,
      },
    })
  }
  if (reminders) items.push(...reminderItem(r, key, origin, now))
  return items
}

/** Reminders still waiting in the outbox for these registrations (or all of a session's) are no longer true. */
export async function skipReminders(tx: Db, where: { registrationIds: string[] } | { sessionId: string }): Promise<number> {
  const ids =
    'registrationIds' in where
      ? where.registrationIds
      : (await tx.registration.findMany({ where: { sessionId: where.sessionId }, select: { id: true } })).map((r) => r.id)
  if (!ids.length) return 0
  const { count } = await tx.message.updateMany({
    where: { template: 'registration.reminder', status: 'QUEUED', subjectType: 'Registration', subjectId: { in: ids } },
    data: { status: 'SKIPPED' },
  })
  return count
}

// ——— School visits and 进校园 ———

const bookingSelect = {
  id: true,
  code: true,
  phone: true,
  email: true,
  locale: true,
  manageTokenHash: true,
  startsAt: true,
  schoolName: true,
  students: true,
  venue: { select: { name: true, districtId: true } },
  course: { select: { title: true } },
  offer: { select: { isExample: true } },
} satisfies Prisma.SchoolBookingSelect

export type SchoolTemplate = Extract<TemplateKey, `school.${string}`>
export type BookingForMessage = Prisma.SchoolBookingGetPayload<{ select: typeof bookingSelect }>

/** A school booking's message parameters in its teacher's language; `url` is its private link, if it can be rebuilt. */
export function schoolParams(b: BookingForMessage, url: string | null, origin: string, message: string | null | undefined) {
  const language = storedLanguage(b.locale)
  return {
    language,
    params: {
      title: b.course?.title ?? '',
      // An example offer's times (SEED_EXAMPLES) are a demonstration: its messages say so.
      venue: demoMarked(nameIn(b.venue.name, language) ?? b.venue.name, b.offer.isExample, language),
      time: formatDayTime(b.startsAt, language),
      code: b.code,
      message: clause(message, language),
      link: linkOrLookup(url, 'school-booking', b.code, origin, language),
    },
  }
}

/** Tells the teacher (SMS, and e-mail where given) about their booking; `message` is the venue's words, if any. */
export async function queueSchoolMessage(
  tx: Db,
  bookingId: string,
  template: SchoolTemplate,
  { origin = defaultOrigin(), message }: { origin?: string; message?: string | null } = {},
): Promise<number> {
  const b = await tx.schoolBooking.findUniqueOrThrow({ where: { id: bookingId }, select: bookingSelect })
  const url = await privateUrl(tx, origin, 'school-booking', b.code, b.manageTokenHash)
  const { language, params } = schoolParams(b, url, origin, message)
  return queueMessages(tx, [
    {
      to: { phone: b.phone, email: b.email, language },
      message: { template, params, subjectType: 'SchoolBooking', subjectId: b.id, districtId: b.venue.districtId },
    },
  ])
}

// ——— 科普菜单 orders ———

const orderSelect = {
  id: true,
  code: true,
  phone: true,
  email: true,
  locale: true,
  manageTokenHash: true,
  siteName: true,
  districtId: true,
  proposedStartsAt: true,
  providerMessage: true,
  menuItem: { select: { title: true } },
  event: { select: { sessions: { select: { startsAt: true }, take: 1 } } },
} satisfies Prisma.MenuOrderSelect

export type MenuTemplate = Extract<TemplateKey, `menu.${string}`>
export type OrderForMessage = Prisma.MenuOrderGetPayload<{ select: typeof orderSelect }>

/** A 菜单 order's message parameters for `template` in its site's language, as the order stands. */
export function menuParams(o: OrderForMessage, template: MenuTemplate, url: string | null, origin: string) {
  const language = storedLanguage(o.locale)
  const startsAt = template === 'menu.proposed' ? o.proposedStartsAt : (o.event?.sessions[0]?.startsAt ?? o.proposedStartsAt)
  return {
    language,
    params: {
      title: o.menuItem.title,
      site: o.siteName,
      code: o.code,
      time: startsAt ? formatDayTime(startsAt, language) : '',
      message: clause(o.providerMessage, language),
      link: linkOrLookup(url, 'menu-order', o.code, origin, language),
    },
  }
}

/** Tells the site (SMS, and e-mail where given) about its order, as it stands after the change. */
export async function queueMenuMessage(
  tx: Db,
  orderId: string,
  template: MenuTemplate,
  { origin = defaultOrigin() } = {},
): Promise<number> {
  const o = await tx.menuOrder.findUniqueOrThrow({ where: { id: orderId }, select: orderSelect })
  const url = await privateUrl(tx, origin, 'menu-order', o.code, o.manageTokenHash)
  const { language, params } = menuParams(o, template, url, origin)
  return queueMessages(tx, [
    {
      to: { phone: o.phone, email: o.email, language },
      message: { template, params, subjectType: 'MenuOrder', subjectId: o.id, districtId: o.districtId },
    },
  ])
}

// ——— Staff ———

/**
 * The staff who hear of a new request: active organisation staff of the organisation; if it has none, the
 * district admins of the district.
 */
export async function staffToTell(tx: Db, organisationId: string | null, districtId: string): Promise<Array<{ email: string }>> {
  const active = { disabled: false }
  const staff = organisationId
    ? await tx.user.findMany({ where: { ...active, role: 'ORG_STAFF', organisationId }, select: { email: true } })
    : []
  if (staff.length) return staff
  return tx.user.findMany({ where: { ...active, role: 'DISTRICT_ADMIN', districtId }, select: { email: true } })
}

/** E-mails the venue's staff about a new school request. */
export async function queueSchoolRequestToStaff(tx: Db, bookingId: string, origin = defaultOrigin()): Promise<number> {
  const b = await tx.schoolBooking.findUniqueOrThrow({
    where: { id: bookingId },
    select: {
      id: true,
      schoolName: true,
      students: true,
      startsAt: true,
      course: { select: { title: true } },
      venue: { select: { name: true, organisationId: true, districtId: true } },
    },
  })
  const staff = await staffToTell(tx, b.venue.organisationId, b.venue.districtId)
  return queueMessages(
    tx,
    staff.map((s) => ({
      to: { email: s.email, language: 'zh-CN' as const },
      message: {
        template: 'staff.school-request' as const,
        params: {
          venue: b.venue.name,
          school: b.schoolName,
          title: b.course?.title ?? '',
          time: formatDayTime(b.startsAt),
          students: String(b.students),
          link: `${origin}/admin/school-bookings`,
        },
        subjectType: 'SchoolBooking' as const,
        subjectId: b.id,
        districtId: b.venue.districtId,
      },
    })),
  )
}

/** E-mails the provider organisation's staff about a new 菜单 order. */
export async function queueMenuOrderToStaff(tx: Db, orderId: string, origin = defaultOrigin()): Promise<number> {
  const o = await tx.menuOrder.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true,
      code: true,
      siteName: true,
      districtId: true,
      menuItem: { select: { title: true, organisationId: true, organisation: { select: { districtId: true } } } },
    },
  })
  const staff = await staffToTell(tx, o.menuItem.organisationId, o.menuItem.organisation.districtId ?? o.districtId)
  return queueMessages(
    tx,
    staff.map((s) => ({
      to: { email: s.email, language: 'zh-CN' as const },
      message: {
        template: 'staff.menu-order' as const,
        params: { title: o.menuItem.title, site: o.siteName, code: o.code, link: `${origin}/admin/menu-orders` },
        subjectType: 'MenuOrder' as const,
        subjectId: o.id,
        districtId: o.menuItem.organisation.districtId ?? o.districtId,
      },
    })),
  )
}
