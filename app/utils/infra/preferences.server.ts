// Display preferences kept in a cookie, so the server renders the chosen size on the first paint and the
// choice survives across visits and app instances. Nothing personal is stored.
import { createCookie } from '@remix-run/node'

const textSizeCookie = createCookie('kepu_text', { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 365 * 86400 })

export async function prefersLargeText(request: Request): Promise<boolean> {
  return (await textSizeCookie.parse(request.headers.get('Cookie'))) === 'large'
}

export function textSizeCookieHeader(large: boolean): Promise<string> {
  return textSizeCookie.serialize(large ? 'large' : 'standard')
}
