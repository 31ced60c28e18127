import { describe, expect, it } from 'vitest'
import { parseEnv, type EnvSource } from '~/utils/infra/env.server'
import { tileConfig as tileConfigOf } from '~/utils/infra/map-config.server'
import { addRouteHeaders } from '~/utils/infra/page-headers.server'
import { contentSecurityPolicy, isPrivateLink, permissionsPolicy, securityHeaders, tileOrigins } from '../../server/security-headers'

/** The tile settings these variables give, parsed as at start. */
function tileConfig(vars: EnvSource) {
  const parsed = parseEnv(vars)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return tileConfigOf(parsed.env)
}

describe('security headers', () => {
  it('allows images from the configured tile provider only, every subdomain of it', () => {
    expect(tileOrigins(tileConfig({}))).toEqual(['https://tile.openstreetmap.org'])
    expect(tileOrigins(tileConfig({ MAP_TILE_PROVIDER: 'amap' }))).toEqual(
      ['1', '2', '3', '4'].map((s) => `https://webrd0${s}.is.autonavi.com`),
    )
    const tianditu = tileOrigins(tileConfig({ MAP_TILE_PROVIDER: 'tianditu', TIANDITU_KEY: 'k' }))
    expect(tianditu).toEqual([...'01234567'].map((s) => `https://t${s}.tianditu.gov.cn`)) // both layers, one origin each
    expect(
      tileOrigins(tileConfig({ MAP_TILE_URL: 'https://{s}.tiles.example.cn:8443/{z}/{x}/{y}.png', MAP_TILE_SUBDOMAINS: 'ab' })),
    ).toEqual(['https://a.tiles.example.cn:8443', 'https://b.tiles.example.cn:8443'])
    const csp = contentSecurityPolicy('abc', tileOrigins(tileConfig({})))
    expect(csp).toContain("img-src 'self' data: https://tile.openstreetmap.org;")
    expect(csp).toContain("script-src 'self' 'nonce-abc';")
    // No nonce for styles: with one, browsers ignore 'unsafe-inline', which Leaflet's inline styles need.
    expect(csp).toContain("style-src 'self' 'unsafe-inline';")
  })

  it('lets the camera on where staff scan QR codes and the location where "near me" is, nothing else anywhere', () => {
    for (const path of ['/admin/sessions/abc/check-in', '/admin/passport']) expect(permissionsPolicy(path)).toMatch(/(^|, )camera=\(self\)/)
    for (const path of ['/', '/admin', '/admin/sessions/abc', '/passport', '/admin/passport/x'])
      expect(permissionsPolicy(path)).toMatch(/(^|, )camera=\(\)/)
    expect(permissionsPolicy('/admin/passport')).toContain('autoplay=(self)')
    expect(permissionsPolicy('/')).toContain('autoplay=()')
    expect(permissionsPolicy('/')).toContain('geolocation=(self)')
    expect(permissionsPolicy('/venues')).toContain('geolocation=()')
    expect(permissionsPolicy('/').match(/\(self\)/g)).toHaveLength(1)
  })

  it('sends HSTS only over HTTPS and treats token URLs as private', () => {
    const headers = (pathname: string, https = false) => securityHeaders({ pathname, nonce: 'n', https, imageOrigins: [] })
    expect(headers('/')).not.toHaveProperty('Strict-Transport-Security')
    expect(headers('/', true)).toHaveProperty('Strict-Transport-Security', 'max-age=31536000')
    for (const path of ['/r/tok', '/r/tok/calendar.ics', '/school-visits/r/tok', '/menu/orders/tok', '/admin/set-password/tok']) {
      expect(isPrivateLink(path), path).toBe(true)
      expect(headers(path)).toMatchObject({ 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'private, no-store' })
    }
    for (const path of ['/', '/school-visits', '/menu/track', '/admin/sessions/x']) expect(isPrivateLink(path), path).toBe(false)
    expect(headers('/venues')).not.toHaveProperty('Cache-Control')
    expect(headers('/admin/events')).toMatchObject({
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    })
    expect(headers('/administration')).not.toHaveProperty('Cache-Control')
  })

  it('lets other sites frame the activities widget only, from EMBED_FRAME_ANCESTORS (any site when unset)', () => {
    const csp = (pathname: string, embedAncestors?: string) =>
      securityHeaders({ pathname, nonce: 'n', https: false, imageOrigins: [], embedAncestors })['Content-Security-Policy']
    expect(csp('/embed/activities')).toContain('frame-ancestors *')
    expect(csp('/embed/activities', 'https://www.example.cn https://*.gov.cn')).toContain(
      'frame-ancestors https://www.example.cn https://*.gov.cn',
    )
    for (const path of ['/', '/venues/venue-a', '/embed.js', '/embedded', '/admin/points', '/api/v1/points/x/reports'])
      expect(csp(path, 'https://www.example.cn'), path).toContain("frame-ancestors 'none'")
  })
})

describe('page headers', () => {
  const route = (id: string) => ({ route: { id } }) as never
  it("carries every matched loader's headers to the page: deeper routes win, the strictest Cache-Control wins", () => {
    const page = addRouteHeaders(
      {
        matches: [route('root'), route('layout'), route('leaf')],
        loaderHeaders: {
          root: new Headers({ 'Set-Cookie': 'a=1' }),
          layout: new Headers({ 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' }),
          leaf: new Headers({
            'Cache-Control': 'public, max-age=60',
            'Referrer-Policy': 'no-referrer',
            'Content-Type': 'application/json',
          }),
        },
        actionHeaders: { leaf: new Headers({ 'Retry-After': '60' }) },
      },
      new Headers({ 'Set-Cookie': 'a=1', 'X-Robots-Tag': 'none' }),
    )
    expect(Object.fromEntries(page)).toEqual({
      'cache-control': 'private, no-store',
      'referrer-policy': 'no-referrer',
      'retry-after': '60',
      'set-cookie': 'a=1', // once: Remix carries cookies itself
      'x-robots-tag': 'none', // a route's own `headers` export wins
    })
  })
})
