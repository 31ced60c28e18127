// The map's markers for the home page's filters: the same WHERE clause as the list, every page at once.
import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { searchMapPoints } from '~/models/event-search.server'
import { parseEventFilters } from '~/utils/event-filters'

export async function loader({ request }: LoaderFunctionArgs) {
  const { filters } = parseEventFilters(new URL(request.url).searchParams)
  const points = await searchMapPoints(filters)
  return json(points, { headers: { 'Cache-Control': 'public, max-age=30' } })
}
