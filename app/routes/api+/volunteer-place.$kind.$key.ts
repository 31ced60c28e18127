// One place's open volunteer roles for its popup on the roles' map (issue 26, decision 033), under the /volunteers
// list's filters: fetched when the popup opens, in the shape the map's popup reads (each role's time, title, page).
import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { rolesAtPlace } from '~/models/volunteers/map.server'
import { notFound } from '~/utils/http-errors'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const kind = params.kind
  const key = params.key ?? ''
  if ((kind !== 'venue' && kind !== 'place') || key.length === 0 || key.length > 200) throw notFound()
  const search = new URL(request.url).searchParams
  const filters = {
    district: search.get('district') || undefined,
    date: search.get('date') || undefined,
    skill: search.get('skill') || undefined,
  }
  const { roles, total } = await rolesAtPlace(filters, { kind, key })
  return json(
    { sessions: roles.map((r) => ({ startsAt: r.startsAt, title: r.title, href: `/volunteers/roles/${r.id}` })), total },
    { headers: { 'Cache-Control': 'public, max-age=30' } },
  )
}
