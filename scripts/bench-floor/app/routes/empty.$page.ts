// The floor's resource route: the same text the portal's answers, from the loader, no document.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { pages } from '../pages.server'

export async function loader({ params }: LoaderFunctionArgs) {
  return new Response(pages[params.page ?? '']?.text ?? '', { headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}
