// `/s/:token`: the short private link of a school booking that SMS carry (app/utils/private-links.server.ts);
// it sends the teacher on to the booking's page. The token is not looked up here: the page answers 404 itself.
import { privateRedirect } from '~/utils/private-links.server'
import type { LoaderFunctionArgs } from '@remix-run/node'

export function loader({ params }: LoaderFunctionArgs) {
  return privateRedirect(`/school-visits/r/${encodeURIComponent(params.token ?? '')}`)
}
