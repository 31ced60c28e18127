// The headers of an HTML page, computed once for every route (decision 008). Remix v2 keeps only Set-Cookie of a
// loader's headers on a document unless each route exports `headers`; an export forgotten on one route silently
// dropped `Cache-Control: private, no-store` from staff pages and forms. Here every matched loader's and action's
// headers reach the page: the deeper route wins, except Cache-Control, where the strictest wins (a layout's
// no-store cannot be undone by a child).
import type { EntryContext } from '@remix-run/node'

// These describe a loader's JSON body or are already carried over by Remix (Set-Cookie), not the page.
const bodyHeaders = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'content-disposition',
  'set-cookie',
  'location',
  'etag',
  'last-modified',
])

const strictness = (cacheControl: string) => (/no-store/i.test(cacheControl) ? 2 : /private/i.test(cacheControl) ? 1 : 0)

/** Adds the matched routes' loader and action headers to the page's; a route's own `headers` export still wins. */
export function addRouteHeaders(
  context: Pick<EntryContext['staticHandlerContext'], 'matches' | 'loaderHeaders' | 'actionHeaders'>,
  page: Headers,
): Headers {
  const merged = new Headers()
  for (const match of context.matches) {
    for (const headers of [context.loaderHeaders[match.route.id], context.actionHeaders[match.route.id]]) {
      headers?.forEach((value, name) => {
        if (bodyHeaders.has(name)) return
        if (name === 'cache-control' && merged.has(name) && strictness(value) < strictness(merged.get(name)!)) return
        merged.set(name, value)
      })
    }
  }
  merged.forEach((value, name) => {
    if (!page.has(name)) page.set(name, value)
  })
  return page
}
