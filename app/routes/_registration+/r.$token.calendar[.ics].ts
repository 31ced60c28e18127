// The registration as an iCalendar file that phone calendars open (RFC 5545, app/models/calendar.server.ts).
import { privateCalendarFile, registrationCalendar } from '~/models/calendar.server'
import { findRegistrationByToken } from '~/models/registration/registration.server'
import { orNotFound } from '~/utils/http-errors'
import { publicOrigin } from '~/utils/links.server'
import type { LoaderFunctionArgs } from '@remix-run/node'

export async function loader({ params }: LoaderFunctionArgs) {
  const registration = orNotFound(await findRegistrationByToken(params.token ?? ''))
  const value = registrationCalendar(registration, { origin: publicOrigin(), token: params.token ?? '' })
  return privateCalendarFile(value, registration.code)
}
