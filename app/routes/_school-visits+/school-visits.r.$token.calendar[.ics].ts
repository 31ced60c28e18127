// An approved school booking as an iCalendar file (RFC 5545, app/models/calendar.server.ts).
import { privateCalendarFile, schoolBookingCalendar } from '~/models/calendar.server'
import { findSchoolBookingByToken } from '~/models/school-visit/school-visit.server'
import { notFound } from '~/utils/http-errors'
import { publicOrigin } from '~/utils/links.server'
import type { LoaderFunctionArgs } from '@remix-run/node'

export async function loader({ params }: LoaderFunctionArgs) {
  const booking = await findSchoolBookingByToken(params.token ?? '')
  if (!booking || (booking.status !== 'APPROVED' && booking.status !== 'DONE')) throw notFound()
  const value = schoolBookingCalendar(booking, { origin: publicOrigin(), token: params.token ?? '' })
  return privateCalendarFile(value, booking.code)
}
