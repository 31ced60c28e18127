// What each change tells people (issue 15): the messages a registration, school booking or 菜单 order change
// queues in the outbox, in the transaction of the change (app/models/message.server.ts). Nothing here sends.
// Private links are derived from the record's code (app/utils/private-links.server.ts), so a message written long
// after the record was made carries the link the person already has; an older record with a random secret gets
// a sentence saying how to find it with its code instead.
import { queueMessages, type Recipient } from '~/models/message.server'
import { env } from '~/utils/env.server'
import { formatDayTime, formatSessionTime } from '~/utils/format'
import { isLanguage, type Language } from '~/utils/i18n'
import { publicOrigin } from '~/utils/links.server'
import { derivedLinkSecret, type PrivateLinkKind } from '~/utils/private-links.server'
import { beforeQuietHours } from '~/utils/quiet-hours'
import { linkKey } from '~/utils/secrets.server'
import type { Prisma, PrismaClient } from '@prisma/client'
import type { TemplateKey } from '~/models/message-templates'

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

const privatePaths: Record<PrivateLinkKind, string> = {
  registration: '/r/',
  'school-booking': '/school-visits/r/',
  'menu-order': '/menu/orders/',
}

/** The absolute private URL of a record whose secret was derived from its code with `key`, or null for an older random one. */
export function privateUrlWithKey(key: string, origin: string, kind: PrivateLinkKind, code: string, storedHash: string): string | null {
  const { secret, hash } = derivedLinkSecret(key, kind, code)
  return hash === storedHash ? `${origin}${privatePaths[kind]}${secret}` : null
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
  return language === 'en' ? `the link from when you booked (code ${code})` : `预约时页面上的链接（编号 ${code}）`
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
      event: { select: { title: true, placeName: true, districtId: true, venue: { select: { name: true } } } },
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
      title: event.title,
      time: formatSessionTime(startsAt, endsAt, language),
      place: event.venue?.name ?? event.placeName ?? '',
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
} satisfies Prisma.SchoolBookingSelect

export type SchoolTemplate = Extract<TemplateKey, `school.${string}`>

/** Tells the teacher (SMS, and e-mail where given) about their booking; `message` is the venue's words, if any. */
export async function queueSchoolMessage(
  tx: Db,
  bookingId: string,
  template: SchoolTemplate,
  { origin = defaultOrigin(), message }: { origin?: string; message?: string | null } = {},
): Promise<number> {
  const b = await tx.schoolBooking.findUniqueOrThrow({ where: { id: bookingId }, select: bookingSelect })
  const language = storedLanguage(b.locale)
  const url = await privateUrl(tx, origin, 'school-booking', b.code, b.manageTokenHash)
  return queueMessages(tx, [
    {
      to: { phone: b.phone, email: b.email, language },
      message: {
        template,
        params: {
          title: b.course?.title ?? '',
          venue: b.venue.name,
          time: formatDayTime(b.startsAt, language),
          code: b.code,
          message: message?.trim() || (language === 'en' ? 'none' : '无'),
          link: linkOrLookup(url, 'school-booking', b.code, origin, language),
        },
        subjectType: 'SchoolBooking',
        subjectId: b.id,
        districtId: b.venue.districtId,
      },
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

/** Tells the site (SMS, and e-mail where given) about its order, as it stands after the change. */
export async function queueMenuMessage(
  tx: Db,
  orderId: string,
  template: MenuTemplate,
  { origin = defaultOrigin() } = {},
): Promise<number> {
  const o = await tx.menuOrder.findUniqueOrThrow({ where: { id: orderId }, select: orderSelect })
  const language = storedLanguage(o.locale)
  const url = await privateUrl(tx, origin, 'menu-order', o.code, o.manageTokenHash)
  const startsAt = template === 'menu.proposed' ? o.proposedStartsAt : (o.event?.sessions[0]?.startsAt ?? o.proposedStartsAt)
  return queueMessages(tx, [
    {
      to: { phone: o.phone, email: o.email, language },
      message: {
        template,
        params: {
          title: o.menuItem.title,
          site: o.siteName,
          code: o.code,
          time: startsAt ? formatDayTime(startsAt, language) : '',
          message: o.providerMessage?.trim() || (language === 'en' ? 'none' : '无'),
          link: linkOrLookup(url, 'menu-order', o.code, origin, language),
        },
        subjectType: 'MenuOrder',
        subjectId: o.id,
        districtId: o.districtId,
      },
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
