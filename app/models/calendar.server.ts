// iCalendar feeds (RFC 5545, written by the `ics` library) of upcoming sessions for any home-page filter:
// a district, a venue, a brand or any filtered view. Phone calendars subscribe to the URL.
import { createEvent, createEvents, type EventAttributes } from 'ics'
import { searchSessions } from '~/models/event-search.server'
import { prisma } from '~/utils/db.server'
import { formatAudience } from '~/utils/format'
import { categoryLabel } from '~/utils/labels'
import type { findRegistrationByToken } from '~/models/registration.server'
import type { EventFilters } from '~/utils/event-filters'

/** A feed holds at most this many sessions, the soonest first. */
export const FEED_SIZE = 500

export async function sessionsCalendar(
  filters: EventFilters,
  { origin, name, now = new Date() }: { origin: string; name: string; now?: Date },
): Promise<string> {
  // Feeds list by time, whatever "near me" the view had.
  const { sessions } = await searchSessions(
    { ...filters, near: undefined, nearTown: undefined, reach: undefined, page: 1 },
    { now, pageSize: FEED_SIZE },
  )
  const events: EventAttributes[] = sessions.map((s) => ({
    uid: `session-${s.id}@kepu`,
    title: s.title,
    start: s.startsAt.getTime(),
    end: s.endsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    location: [s.venueName ?? s.placeName, s.districtName].filter(Boolean).join('，'),
    description: [
      `${categoryLabel[s.category]} · ${formatAudience(s.audienceMinAge, s.audienceMaxAge, s.audienceNote)}${s.brandName ? ` · ${s.brandName}` : ''}`,
      s.seatsLeft > 0 ? `剩余 ${s.seatsLeft} 个名额` : '名额已满，可排队候补',
      `详情与报名：${origin}/events/${s.eventSlug}`,
    ].join('\n'),
    url: `${origin}/events/${s.eventSlug}`,
    categories: [categoryLabel[s.category]],
    status: 'CONFIRMED',
    // Subscribed, not booked: shown as free time until the person registers.
    transp: 'TRANSPARENT',
  }))
  const header = { productId: 'kepu/feed', calName: name, method: 'PUBLISH' }
  if (events.length === 0) return emptyCalendar(header.calName)
  const { error, value } = createEvents(events, header)
  if (error || !value) throw error ?? new Error('calendar feed could not be written')
  return value
}

/** `ics` refuses an empty list; a valid calendar with no events is what a subscriber should get. */
function emptyCalendar(name: string): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:kepu/feed',
    'METHOD:PUBLISH',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${name}`,
    'END:VCALENDAR',
    '',
  ].join('\r\n')
}

/** "科普地图 · 松江区 · “天文”" and the like: what the subscriber's calendar list shows. */
export async function feedName(filters: Pick<EventFilters, 'district' | 'venue' | 'brand' | 'q'>): Promise<string> {
  const [district, venue, brand] = await Promise.all([
    filters.district ? prisma.district.findUnique({ where: { slug: filters.district }, select: { name: true } }) : null,
    filters.venue ? prisma.venue.findUnique({ where: { slug: filters.venue }, select: { name: true } }) : null,
    filters.brand ? prisma.programmeBrand.findUnique({ where: { slug: filters.brand }, select: { name: true } }) : null,
  ])
  return ['科普地图', district?.name, venue?.name, brand?.name, filters.q ? `“${filters.q}”` : undefined].filter(Boolean).join(' · ')
}

/** A registration as its private page's loader reads it (`findRegistrationByToken`). */
type RegistrationForCalendar = NonNullable<Awaited<ReturnType<typeof findRegistrationByToken>>>

/**
 * One registration as an iCalendar file. The organiser is named in the description, not as ORGANIZER: RFC 5545
 * makes ORGANIZER a cal-address (a mailto: URI) that Kepu does not have, and `ORGANIZER;CN="…"` with no value makes
 * strict readers (ical.js, some phone calendars) refuse the whole file.
 */
export function registrationCalendar(registration: RegistrationForCalendar, { origin, token }: { origin: string; token: string }): string {
  const { session } = registration
  const { event } = session
  const place = [event.venue?.name ?? event.placeName, event.venue?.address ?? event.placeAddress].filter(Boolean).join('，')
  const waitlisted = registration.status === 'WAITLISTED'
  const cancelled = registration.status === 'CANCELLED' || session.status === 'CANCELLED'
  const { error, value } = createEvent({
    uid: `registration-${registration.id}@kepu`,
    productId: 'kepu/registration',
    title: `${waitlisted ? '【候补】' : ''}${event.title}`,
    description: [
      `报名码 ${registration.code}。${waitlisted ? '候补中：递补成功后会通知您。' : '到场时出示报名码签到。'}`,
      event.organisation ? `主办：${event.organisation.name}` : null,
      `查看或取消报名：${origin}/r/${token}`,
    ]
      .filter(Boolean)
      .join('\n'),
    start: session.startsAt.getTime(),
    end: session.endsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    location: place || undefined,
    geo: { lat: event.lat, lon: event.lng },
    url: `${origin}/events/${event.slug}`,
    status: cancelled ? 'CANCELLED' : waitlisted ? 'TENTATIVE' : 'CONFIRMED',
    alarms: waitlisted || cancelled ? [] : [{ action: 'display', description: event.title, trigger: { hours: 2, before: true } }],
  })
  if (error || !value) throw error ?? new Error('calendar file could not be written')
  return value
}

/** One private booking as a downloaded .ics file: never cached, and the private link never leaks as a referrer. */
export function privateCalendarFile(value: string, code: string): Response {
  return new Response(value, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="kepu-${code}.ics"`,
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'no-referrer',
    },
  })
}
