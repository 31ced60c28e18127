// Cross-site posts to the public forms are refused by what the browser says about where a post comes from, the
// approach of Go 1.25's CrossOriginProtection (decision 032). Public forms need no sign-in and carry no per-page
// token, so the shared page cache (decision 015) can serve them; staff forms keep their CSRF token.
// - `Sec-Fetch-Site` (every current browser sends it): `same-origin` or `none` (typed in, a bookmark) passes;
//   `same-site` (another host of the same site) and `cross-site` are refused.
// - Without it (browsers before 2023, such as Safari before 16.4), `Origin`: browsers have sent it on every POST since
//   2020; it passes only when its host is this request's or PUBLIC_URL's ("null", from a sandboxed frame or a
//   redirect chain, is refused).
// - With neither, the post is not from a current browser: a script or curl, which could send any headers anyway, or a
//   browser so old it sends neither. It passes: the honeypot and the rate limits (decision 014) are what hold such
//   clients, as they always were (a script could fetch a token before). A resident's session cookie is SameSite=Lax,
//   so no browser sends it with another site's post whatever its headers.
import { env } from '~/utils/infra/env.server'

/** What the check reads of a request: a fetch Request, or server/app.ts's view of an express one. */
export type RequestHead = { method: string; url: string; headers: { get: (name: string) => string | null } }

/** Why a post must be refused as coming from another site, or null when it may proceed. Safe methods always pass. */
export function crossSiteRefusal(request: RequestHead): 'sec-fetch-site' | 'origin' | null {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return null
  const site = request.headers.get('Sec-Fetch-Site')
  if (site) return site === 'same-origin' || site === 'none' ? null : 'sec-fetch-site'
  const origin = request.headers.get('Origin')
  if (origin === null) return null
  return sameHost(origin, request) ? null : 'origin'
}

function sameHost(origin: string, request: RequestHead): boolean {
  let host: string
  try {
    host = new URL(origin).host
  } catch {
    return false // "null" or not a URL
  }
  if (!host) return false
  return host === new URL(request.url).host || (env.PUBLIC_URL !== undefined && host === new URL(env.PUBLIC_URL).host)
}
