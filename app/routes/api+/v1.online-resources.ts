// GET /api/v1/online-resources?q=&kind=&district=&page=&pageSize=: published online resources as JSON (read-only open data).
import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { resourcesPage } from '~/models/online/open-data.server'
import { openDataHeaders, readPageSize } from '~/models/open-data.server'
import { parseResourceFilters } from '~/routes/_online+/__resource-filters'
import { publicOrigin } from '~/utils/links.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams
  const { filters, problems } = parseResourceFilters(params)
  if (Object.keys(problems).length) return json({ errors: problems }, { status: 400, headers: openDataHeaders })
  return json(await resourcesPage(filters, { origin: publicOrigin(), pageSize: readPageSize(params) }), { headers: openDataHeaders })
}
