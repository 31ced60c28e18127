// One place's next sessions for its map popup (issue 30), with the home page's filters: fetched when the popup opens,
// so the map's own answers stay the small roll-ups of decisions 021 and 022.
import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { placeSessions } from '~/models/event/search.server'
import { parseEventFilters } from '~/utils/event-filters'
import { notFound } from '~/utils/http-errors'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const kind = params.kind
  const key = params.key ?? ''
  if ((kind !== 'venue' && kind !== 'place') || key.length === 0 || key.length > 200) throw notFound()
  const { filters } = parseEventFilters(new URL(request.url).searchParams)
  const { sessions, total } = await placeSessions(filters, { kind, key })
  // Only what the popup shows: when, what, and the activity's page.
  return json(
    { sessions: sessions.map(({ startsAt, title, eventSlug }) => ({ startsAt, title, href: `/events/${eventSlug}` })), total },
    { headers: { 'Cache-Control': 'public, max-age=30' } },
  )
}
