// `/m/:token`: the short private link of a 科普菜单 order that SMS carry (app/utils/private-links.server.ts); it
// sends the site on to the order's page. The token is not looked up here: the page answers 404 itself.
import { privateRedirect } from '~/utils/private-links.server'
import type { LoaderFunctionArgs } from '@remix-run/node'

export function loader({ params }: LoaderFunctionArgs) {
  return privateRedirect(`/menu/orders/${encodeURIComponent(params.token ?? '')}`)
}
