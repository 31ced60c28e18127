// GET /embed/activities?venue=&district=&type=&lang=&large=1&limit= — the activities widget other sites frame
// (decision 037). A resource route: plain HTML with no Remix client code. The one page whose CSP lets other sites
// frame it (server/security-headers.ts, EMBED_FRAME_ANCESTORS).
import { type LoaderFunctionArgs } from '@remix-run/node'
import { renderWidget } from '~/models/online/widget.server'
import { prefersLargeText } from '~/utils/infra/preferences.server'
import { publicOrigin } from '~/utils/links.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const { status, html } = await renderWidget(new URL(request.url).searchParams, publicOrigin(), {
    prefersLarge: await prefersLargeText(request),
  })
  return new Response(html, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': status === 200 ? 'public, max-age=60' : 'no-store' },
  })
}
