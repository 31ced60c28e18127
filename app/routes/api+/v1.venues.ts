// GET /api/v1/venues?district=&type=&q=&page=&pageSize=: venues open to the public, as JSON (read-only open data).
import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { openDataHeaders, readPageSize, venuesPage } from '~/models/open-data.server'
import { parseKeyword } from '~/utils/keyword'
import { venueTypeLabel } from '~/utils/labels'
import { publicOrigin } from '~/utils/links.server'

const query = z.object({
  district: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .optional(),
  type: z.enum(Object.keys(venueTypeLabel) as [keyof typeof venueTypeLabel, ...Array<keyof typeof venueTypeLabel>]).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  q: z.string().optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams
  const parsed = query.safeParse(Object.fromEntries(params))
  if (!parsed.success) return json({ errors: parsed.error.flatten().fieldErrors }, { status: 400, headers: openDataHeaders })
  // Keyword search (decision 017): a query that cannot be searched is named, as the activities' `q=` is.
  const keyword = parseKeyword(parsed.data.q)
  if (keyword.problem) return json({ errors: { q: keyword.problem } }, { status: 400, headers: openDataHeaders })
  const result = await venuesPage({ ...parsed.data, q: keyword.q, pageSize: readPageSize(params, 50), origin: publicOrigin() })
  return json(result, { headers: openDataHeaders })
}
