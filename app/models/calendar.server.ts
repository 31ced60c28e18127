// iCalendar files (RFC 5545, app/utils/icalendar.ts): feeds of upcoming sessions for any home-page filter (a
// district, a venue, a brand or any filtered view; phone calendars subscribe to the URL), and one file for a
// registration or a school booking.
import { searchSessions } from '~/models/event/search.server'
import { formatAudience } from '~/utils/format'
import { calendarText, type CalendarEvent } from '~/utils/icalendar'
import { prisma } from '~/utils/infra/db.server'
import { categoryLabel } from '~/utils/labels'
import type { findRegistrationByToken } from '~/models/registration/registration.server'
import type { findSchoolBookingByToken } from '~/models/school-visit/school-visit.server'
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
  const events: CalendarEvent[] = sessions.map((s) => ({
    uid: `session-${s.id}@kepu`,
    summary: s.title,
    start: s.startsAt,
    end: s.endsAt,
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
    transparent: true,
  }))
  return calendarText({ prodId: '-//Kepu//feed//ZH', name, method: 'PUBLISH', events, stamp: now })
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
export function registrationCalendar(
  registration: RegistrationForCalendar,
  { origin, token, now = new Date() }: { origin: string; token: string; now?: Date },
): string {
  const { session } = registration
  const { event } = session
  const place = [event.venue?.name ?? event.placeName, event.venue?.address ?? event.placeAddress].filter(Boolean).join('，')
  const waitlisted = registration.status === 'WAITLISTED'
  const cancelled = registration.status === 'CANCELLED' || session.status === 'CANCELLED'
  return calendarText({
    prodId: '-//Kepu//registration//ZH',
    stamp: now,
    events: [
      {
        uid: `registration-${registration.id}@kepu`,
        summary: `${waitlisted ? '【候补】' : ''}${event.title}`,
        description: [
          `报名码 ${registration.code}。${waitlisted ? '候补中：递补成功后会通知您。' : '到场时出示报名码签到。'}`,
          event.organisation ? `主办：${event.organisation.name}` : null,
          `查看或取消报名：${origin}/r/${token}`,
        ]
          .filter(Boolean)
          .join('\n'),
        start: session.startsAt,
        end: session.endsAt,
        location: place || undefined,
        geo: { lat: event.lat, lng: event.lng },
        url: `${origin}/events/${event.slug}`,
        status: cancelled ? 'CANCELLED' : waitlisted ? 'TENTATIVE' : 'CONFIRMED',
        alarms: waitlisted || cancelled ? [] : [{ description: event.title, before: { hours: 2 } }],
      },
    ],
  })
}

/** A school booking as its private page's loader reads it (`findSchoolBookingByToken`). */
type SchoolBookingForCalendar = NonNullable<Awaited<ReturnType<typeof findSchoolBookingByToken>>>

/** An approved school booking as an iCalendar file, with an alarm the day before. */
export function schoolBookingCalendar(
  booking: SchoolBookingForCalendar,
  { origin, token, now = new Date() }: { origin: string; token: string; now?: Date },
): string {
  const atSchool = booking.kind === 'OUTREACH'
  return calendarText({
    prodId: '-//Kepu//school-booking//ZH',
    stamp: now,
    events: [
      {
        uid: `school-booking-${booking.id}@kepu`,
        summary: `${atSchool ? '进校园' : '研学参观'}：${booking.course?.title ?? booking.venue.name}`,
        description: `预约码 ${booking.code}。${booking.schoolName}，学生 ${booking.students} 人，老师 ${booking.teachers} 人。\n查看或取消：${origin}/school-visits/r/${token}`,
        start: booking.startsAt,
        end: booking.endsAt,
        location: atSchool
          ? [booking.schoolName, booking.schoolAddress].filter(Boolean).join('，')
          : [booking.venue.name, booking.venue.address].filter(Boolean).join('，'),
        geo:
          atSchool && booking.schoolLat !== null && booking.schoolLng !== null
            ? { lat: booking.schoolLat, lng: booking.schoolLng }
            : { lat: booking.venue.lat, lng: booking.venue.lng },
        status: 'CONFIRMED',
        alarms: [{ description: booking.venue.name, before: { days: 1 } }],
      },
    ],
  })
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
