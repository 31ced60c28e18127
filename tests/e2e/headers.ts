// The headers of real answers from the built server (decision 008): security headers on every kind of response,
// loader headers that reach HTML pages, private links that neither cache nor leak by Referer.
import { expect, it } from 'vitest'

const noStore = 'private, no-store'

export function headerChecks(portal: { url: () => string }) {
  const get = (path: string, headers: Record<string, string> = {}) => fetch(portal.url() + path, { headers, redirect: 'manual' })

  const expectSecurityHeaders = (response: Response, what: string) => {
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/)
    expect(csp, what).toContain("img-src 'self' data: https://tile.openstreetmap.org;")
    expect(csp, what).toContain("frame-ancestors 'none'")
    expect(csp, what).toContain("connect-src 'self'")
    expect(response.headers.get('x-content-type-options'), what).toBe('nosniff')
    expect(response.headers.get('referrer-policy'), what).toMatch(/^(strict-origin-when-cross-origin|no-referrer)$/)
    expect(response.headers.get('permissions-policy'), what).toContain('microphone=()')
    expect(response.headers.get('strict-transport-security'), `${what}: not over plain HTTP`).toBeNull()
  }

  it('sends the security headers on pages, data requests, resource routes, 404s and static files', async () => {
    const home = await get('/')
    const html = await home.text()
    expectSecurityHeaders(home, '/')
    // The nonce is new for every request and is the one on the page's inline scripts.
    const nonce = home.headers.get('content-security-policy')!.match(/'nonce-([^']+)'/)![1]
    expect(html).toContain(`<script nonce="${nonce}"`)
    expect((await get('/')).headers.get('content-security-policy')).not.toContain(nonce)
    expect(home.headers.get('permissions-policy')).toContain('geolocation=(self)')
    expect(home.headers.get('permissions-policy')).toContain('camera=()')

    const asset = html.match(/\/build\/[^"]+\.js/)![0]
    const answers: Array<[string, Response]> = [
      ['/?_data=root', await get('/?_data=root')],
      ['/calendar.ics', await get('/calendar.ics')],
      ['/api/v1/activities', await get('/api/v1/activities?pageSize=1')],
      ['/no-such-page', await get('/no-such-page')],
      ['/favicon.svg', await get('/favicon.svg')],
      [asset, await get(asset)],
    ]
    for (const [path, response] of answers) expectSecurityHeaders(response, path)
    const [data, ics, api, missing, favicon, build] = answers.map(([, response]) => response)
    expect(data.headers.get('content-type')).toContain('application/json')
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(ics.headers.get('cache-control')).toBe('public, max-age=300')
    // The open data keeps its own headers: CORS open, public caching.
    expect(api.headers.get('access-control-allow-origin')).toBe('*')
    expect(api.headers.get('cache-control')).toBe('public, max-age=60')
    expect(missing.status).toBe(404)
    expect(favicon.headers.get('cache-control')).toBe('public, max-age=3600')
    expect(build.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')

    // X-Forwarded-Proto from a client no TRUST_PROXY names is not believed: no HSTS, no Secure cookies (the trusted
    // case is in tests/e2e/faults.test.ts).
    const forged = await get('/admin/login', { 'X-Forwarded-Proto': 'https' })
    expect(forged.headers.get('strict-transport-security')).toBeNull()
    expect(forged.headers.get('set-cookie')).toMatch(/^kepu_csrf=/)
    expect(forged.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i)
  })

  it('keeps staff pages and forms out of caches, and private links out of caches and Referer headers', async () => {
    const { data } = (await (await get('/api/v1/activities?seatsLeft=1&pageSize=1')).json()) as { data: Array<{ sessionId: string }> }
    const pages = {
      staffLogin: await get('/admin/login'),
      staffPage: await get('/admin/events'), // to the sign-in page
      registrationForm: await get(`/sessions/${data[0].sessionId}/register`),
      accountLogin: await get('/account/login'),
      menuTrack: await get('/menu/track'),
      setPassword: await get('/admin/set-password/no-such-token'),
      registration: await get('/r/no-such-token'),
      registrationData: await get('/r/no-such-token?_data=routes/_registration%2B/r.$token'),
      schoolBooking: await get('/school-visits/r/no-such-token'),
      menuOrder: await get('/menu/orders/no-such-token'),
    }
    for (const [name, response] of Object.entries(pages)) {
      expectSecurityHeaders(response, name)
      // An anonymous visitor's registration form is everyone's (decision 032): browsers ask again, the shared cache keeps it.
      expect(response.headers.get('cache-control'), name).toBe(name === 'registrationForm' ? 'no-cache' : noStore)
    }
    expect(pages.staffLogin.headers.get('content-type')).toContain('text/html')
    expect(pages.registrationForm.status).toBe(200)
    expect(pages.registrationForm.headers.get('content-type')).toContain('text/html')
    expect(pages.setPassword.status).toBe(200)
    for (const name of ['setPassword', 'registration', 'registrationData', 'schoolBooking', 'menuOrder'] as const) {
      expect(pages[name].headers.get('referrer-policy'), name).toBe('no-referrer')
    }
    expect(pages.staffLogin.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    // The camera only where staff scan QR codes (here answered by a redirect to sign in: the header is the page's).
    expect((await get('/admin/sessions/x/check-in')).headers.get('permissions-policy')).toContain('camera=(self)')
    expect(pages.staffLogin.headers.get('permissions-policy')).toContain('camera=()')
    expect(pages.staffLogin.headers.get('permissions-policy')).toContain('geolocation=()')
  })
}
