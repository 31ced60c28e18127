// The map's markers for the home page's filters: the same WHERE clause as the list. With the map's viewport
// (`bbox=west,south,east,north&zoom=`), what it shows, clustered (issue 17); without, every place at once.
import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { searchMapCells, searchMapPoints } from '~/models/event/search.server'
import { parseEventFilters, parseViewport } from '~/utils/event-filters'

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams
  const { filters } = parseEventFilters(params)
  const viewport = parseViewport(params)
  const points = viewport ? await searchMapCells(filters, viewport) : await searchMapPoints(filters)
  return json(points, { headers: { 'Cache-Control': 'public, max-age=30' } })
}
