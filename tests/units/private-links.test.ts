// Private links as SMS carry them (issue 30, decision short-private-links): 17 base62 characters derived from the
// record's code, the 32-character links sent before still recognised, and the short paths of school bookings and
// 菜单 orders leading to their pages without passing the secret on.
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { derivedLinkSecret, derivedLinkSecretFor, hashLinkSecret, privateLinkPath } from '~/utils/private-links.server'

const key = 'a-link-key-of-at-least-32-characters!!'

describe('private links', () => {
  it('derives 17 base62 characters, different for each kind and code', () => {
    const secrets = new Set<string>()
    for (const kind of ['registration', 'school-booking', 'menu-order'] as const)
      for (const code of ['K7M2Q9XA', 'K7M2Q9XB', 'S7M2Q9XA']) {
        const { secret, hash } = derivedLinkSecret(key, kind, code)
        expect(secret).toMatch(/^[0-9A-Za-z]{17}$/)
        expect(hash).toBe(hashLinkSecret(secret))
        secrets.add(secret)
      }
    expect(secrets.size).toBe(9)
  })

  it('keeps a short secret out of the request log', async () => {
    const { loggablePath } = await import('~/utils/infra/logger.server')
    const { secret } = derivedLinkSecret(key, 'school-booking', 'S7M2Q9XA')
    expect(loggablePath(`/s/${secret}`)).toBe('/s/:token')
  })

  it('uses every base62 digit about equally in every position (no fixed leading digit)', () => {
    const first = new Map<string, number>()
    for (let i = 0; i < 6200; i++) {
      const c = derivedLinkSecret(key, 'registration', `C${i}`).secret[0]
      first.set(c, (first.get(c) ?? 0) + 1)
    }
    expect(first.size).toBe(62)
    expect(Math.max(...first.values())).toBeLessThan(200)
  })

  it('finds the secret a stored hash belongs to: today’s, the 32-character one sent before, or none for a random one', () => {
    const code = 'K7M2Q9XA'
    const current = derivedLinkSecret(key, 'registration', code)
    expect(derivedLinkSecretFor(key, 'registration', code, current.hash)).toBe(current.secret)
    const legacy = createHmac('sha256', key).update(`registration:${code}`).digest('base64url').slice(0, 32)
    expect(derivedLinkSecretFor(key, 'registration', code, hashLinkSecret(legacy))).toBe(legacy)
    expect(derivedLinkSecretFor(key, 'registration', code, hashLinkSecret('random-secret-of-old'))).toBeNull()
  })

  it('sends the short paths on to the private pages, never cached and with no referrer', async () => {
    expect(privateLinkPath).toEqual({ registration: '/r/', 'school-booking': '/s/', 'menu-order': '/m/' })
    const school = await import('~/routes/_school-visits+/s.$token')
    const menu = await import('~/routes/_menu+/m.$token')
    const args = (token: string) => ({ params: { token }, request: new Request(`https://kepu.example.cn/x/${token}`), context: {} })
    for (const [route, to] of [
      [school, '/school-visits/r/AbC123'],
      [menu, '/menu/orders/AbC123'],
    ] as const) {
      const response = route.loader(args('AbC123'))
      expect(response.status).toBe(302)
      expect(response.headers.get('Location')).toBe(to)
      expect(response.headers.get('Cache-Control')).toBe('private, no-store')
      expect(response.headers.get('Referrer-Policy')).toBe('no-referrer')
    }
  })
})
