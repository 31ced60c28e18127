// GET /api/v1/activities?<home-page filters>&page=&pageSize=: upcoming sessions as JSON (read-only open data).
import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { activitiesPage, openDataHeaders, readPageSize } from '~/models/open-data.server'
import { parseEventFilters } from '~/utils/event-filters'
import { publicOrigin } from '~/utils/links.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams
  const { filters, problems } = parseEventFilters(params)
  if (Object.keys(problems).length) return json({ errors: problems }, { status: 400, headers: openDataHeaders })
  return json(await activitiesPage(filters, { origin: publicOrigin(), pageSize: readPageSize(params) }), {
    headers: openDataHeaders,
  })
}
