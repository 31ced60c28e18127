// An approved school booking as an iCalendar file (RFC 5545, the `ics` library).
import { createEvent } from 'ics'
import { privateCalendarFile } from '~/models/calendar.server'
import { findSchoolBookingByToken } from '~/models/school-visit.server'
import { notFound } from '~/utils/http-errors'
import { publicOrigin } from '~/utils/links.server'
import type { LoaderFunctionArgs } from '@remix-run/node'

export async function loader({ params }: LoaderFunctionArgs) {
  const booking = await findSchoolBookingByToken(params.token ?? '')
  if (!booking || (booking.status !== 'APPROVED' && booking.status !== 'DONE')) throw notFound()
  const atSchool = booking.kind === 'OUTREACH'
  const { error, value } = createEvent({
    uid: `school-booking-${booking.id}@kepu`,
    productId: 'kepu/school-booking',
    title: `${atSchool ? '进校园' : '研学参观'}：${booking.course?.title ?? booking.venue.name}`,
    description: `预约码 ${booking.code}。${booking.schoolName}，学生 ${booking.students} 人，老师 ${booking.teachers} 人。\n查看或取消：${publicOrigin()}/school-visits/r/${params.token}`,
    start: booking.startsAt.getTime(),
    end: booking.endsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    location: atSchool
      ? `${booking.schoolName}，${booking.schoolAddress ?? ''}`
      : [booking.venue.name, booking.venue.address].filter(Boolean).join('，'),
    geo:
      atSchool && booking.schoolLat !== null && booking.schoolLng !== null
        ? { lat: booking.schoolLat, lon: booking.schoolLng }
        : { lat: booking.venue.lat, lon: booking.venue.lng },
    status: 'CONFIRMED',
    alarms: [{ action: 'display', description: booking.venue.name, trigger: { days: 1, before: true } }],
  })
  if (error || !value) throw error ?? new Error('calendar file could not be written')
  return privateCalendarFile(value, booking.code)
}
