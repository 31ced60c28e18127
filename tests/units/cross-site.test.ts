// Cross-site posts to public forms (decision 032): what the browser says about where a post comes from decides,
// as Go 1.25's CrossOriginProtection does. The same rules over HTTP, through the registration form: tests/e2e/portal.test.ts.
import { describe, expect, it } from 'vitest'
import { crossSiteRefusal } from '~/utils/cross-site.server'

const post = (headers: Record<string, string>, url = 'https://kepu.example/sessions/s1/register') =>
  new Request(url, { method: 'POST', headers })

describe('crossSiteRefusal', () => {
  it('lets through what a current browser marks as coming from this origin or from the reader (a bookmark, typed in)', () => {
    expect(crossSiteRefusal(post({ 'Sec-Fetch-Site': 'same-origin', Origin: 'https://kepu.example' }))).toBeNull()
    expect(crossSiteRefusal(post({ 'Sec-Fetch-Site': 'none' }))).toBeNull()
  })

  it('refuses a post a current browser marks as from another site, or another host of the same site, whatever its Origin', () => {
    expect(crossSiteRefusal(post({ 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' }))).toBe('sec-fetch-site')
    expect(crossSiteRefusal(post({ 'Sec-Fetch-Site': 'same-site', Origin: 'https://blog.kepu.example' }))).toBe('sec-fetch-site')
    expect(crossSiteRefusal(post({ 'Sec-Fetch-Site': 'cross-site', Origin: 'https://kepu.example' }))).toBe('sec-fetch-site')
  })

  it('for a browser without Sec-Fetch-Site, lets through an Origin of this host only', () => {
    expect(crossSiteRefusal(post({ Origin: 'https://kepu.example' }))).toBeNull()
    expect(crossSiteRefusal(post({ Origin: 'http://127.0.0.1:3000' }, 'http://127.0.0.1:3000/account/logout'))).toBeNull()
    expect(crossSiteRefusal(post({ Origin: 'https://evil.example' }))).toBe('origin')
    expect(crossSiteRefusal(post({ Origin: 'https://kepu.example.evil.example' }))).toBe('origin')
    expect(crossSiteRefusal(post({ Origin: 'http://kepu.example:8080' }))).toBe('origin')
    // A sandboxed frame or a redirect across origins sends "null".
    expect(crossSiteRefusal(post({ Origin: 'null' }))).toBe('origin')
  })

  it('lets through a post with neither header (a script, curl, a browser older than 2020): the honeypot and the limits hold those', () => {
    expect(crossSiteRefusal(post({}))).toBeNull()
    expect(crossSiteRefusal(post({ 'Content-Type': 'application/x-www-form-urlencoded' }))).toBeNull()
  })

  it('never refuses a safe method', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS'])
      expect(crossSiteRefusal(new Request('https://kepu.example/', { method, headers: { 'Sec-Fetch-Site': 'cross-site' } }))).toBeNull()
  })
})
