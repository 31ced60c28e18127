// GET /online/feed.xml?q=&kind=&district=: RSS 2.0 of the newest published online resources.
import { resourcesRss } from '~/models/online/open-data.server'
import { parseResourceFilters } from '~/routes/_online+/__resource-filters'
import { publicOrigin } from '~/utils/links.server'
import type { LoaderFunctionArgs } from '@remix-run/node'

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const { filters, problems } = parseResourceFilters(url.searchParams)
  const origin = publicOrigin()
  const xml = await resourcesRss(problems.q ? { ...filters, q: undefined } : filters, {
    origin,
    self: `${origin}${url.pathname}${url.search}`,
  })
  return new Response(xml, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' } })
}
