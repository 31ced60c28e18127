// The resource page's view beacon (decision 037): the page, served from the shared cache like other public pages,
// posts here once when it opens in a browser. A prefetch, a crawler or a page read without scripts does not count;
// another site's post is refused before it reaches here (server/app.ts, decision 032), so a page elsewhere cannot count
// views for its visitors.
import { type ActionFunctionArgs } from '@remix-run/node'
import { countResourceView } from '~/models/online/reach.server'
import { clientAddress } from '~/utils/form-security.server'

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== 'POST') return new Response(null, { status: 405, headers: { Allow: 'POST' } })
  await countResourceView({
    slug: params.slug ?? '',
    address: clientAddress(request),
    userAgent: request.headers.get('User-Agent') ?? '',
  })
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } })
}
