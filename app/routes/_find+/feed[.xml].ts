// GET /feed.xml?<home-page filters>: RSS 2.0 of the next 100 upcoming sessions.
import { feedName } from '~/models/calendar.server'
import { activitiesRss } from '~/models/open-data.server'
import { parseEventFilters } from '~/utils/event-filters'
import { publicOrigin } from '~/utils/links.server'
import type { LoaderFunctionArgs } from '@remix-run/node'

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const { filters } = parseEventFilters(url.searchParams)
  const origin = publicOrigin()
  const xml = await activitiesRss(filters, { origin, title: await feedName(filters), self: `${origin}${url.pathname}${url.search}` })
  return new Response(xml, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' } })
}
