// iCalendar feeds (RFC 5545, written by the `ics` library) of upcoming sessions for any home-page filter:
// a district, a venue, a brand or any filtered view. Phone calendars subscribe to the URL.
import { createEvents, type EventAttributes } from 'ics'
import { searchSessions } from '~/models/event-search.server'
import { prisma } from '~/utils/db.server'
import { formatAudience } from '~/utils/format'
import { categoryLabel } from '~/utils/labels'
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
