// `/calendar.ics?<home-page filters>`: a subscribable calendar of upcoming sessions (district=, venue=, brand= …).
import { feedName, sessionsCalendar } from '~/models/calendar.server'
import { parseEventFilters } from '~/utils/event-filters'
import { publicOrigin } from '~/utils/links.server'
import type { LoaderFunctionArgs } from '@remix-run/node'

export async function loader({ request }: LoaderFunctionArgs) {
  const { filters } = parseEventFilters(new URL(request.url).searchParams)
  const body = await sessionsCalendar(filters, { origin: publicOrigin(), name: await feedName(filters) })
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="kepu.ics"',
      'Cache-Control': 'public, max-age=300',
    },
  })
}
