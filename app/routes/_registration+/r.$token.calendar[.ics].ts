// The registration as an iCalendar file that phone calendars open (RFC 5545, written by the `ics` library).
import { createEvent } from 'ics'
import { privateCalendarFile } from '~/models/calendar.server'
import { findRegistrationByToken } from '~/models/registration.server'
import { orNotFound } from '~/utils/http-errors'
import { publicOrigin } from '~/utils/links.server'
import type { LoaderFunctionArgs } from '@remix-run/node'

export async function loader({ params, request }: LoaderFunctionArgs) {
  const registration = orNotFound(await findRegistrationByToken(params.token ?? ''))
  const { session } = registration
  const { event } = session
  const origin = publicOrigin(request)
  const place = [event.venue?.name ?? event.placeName, event.venue?.address ?? event.placeAddress].filter(Boolean).join('，')
  const waitlisted = registration.status === 'WAITLISTED'
  const { error, value } = createEvent({
    uid: `registration-${registration.id}@kepu`,
    productId: 'kepu/registration',
    title: `${waitlisted ? '【候补】' : ''}${event.title}`,
    description: `报名码 ${registration.code}。到场时出示报名码签到。\n查看或取消报名：${origin}/r/${params.token}`,
    start: session.startsAt.getTime(),
    end: session.endsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    location: place || undefined,
    geo: { lat: event.lat, lon: event.lng },
    url: `${origin}/events/${event.slug}`,
    status: registration.status === 'CANCELLED' || session.status === 'CANCELLED' ? 'CANCELLED' : waitlisted ? 'TENTATIVE' : 'CONFIRMED',
    organizer: event.organisation ? { name: event.organisation.name } : undefined,
    alarms: waitlisted ? [] : [{ action: 'display', description: event.title, trigger: { hours: 2, before: true } }],
  })
  if (error || !value) throw error ?? new Error('calendar file could not be written')
  return privateCalendarFile(value, registration.code)
}
