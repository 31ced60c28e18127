// Secrets in private links (a registration's page, a school booking's, a 菜单 order's, a set-password link): only
// their SHA-256 is in the database, so a leaked table opens no one's page. A set-password link carries 24 random
// bytes; the others a secret derived from the record's code, 17 base62 characters (101 bits, decision
// short-private-links) so the SMS that carries it stays within two parts.
import { createHash, createHmac, randomBytes } from 'node:crypto'

/** A fresh secret for a private link, and the hash that is stored in its place. */
export function newLinkSecret(): { secret: string; hash: string } {
  const secret = randomBytes(24).toString('base64url')
  return { secret, hash: hashLinkSecret(secret) }
}

/** Whether a URL's token can be a link secret at all (17 base62 today, 32 base64url before): nothing else is looked up. */
export function isLinkSecretShape(token: string): boolean {
  return /^[A-Za-z0-9_-]{17,64}$/.test(token)
}

export function hashLinkSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/**
 * The secret of a record's private link, derived from its code with the app's link key (HMAC-SHA256), so a
 * message queued long after the record was made (a waitlist promotion, a reminder, a staff change) can carry the
 * same link the person already has. Only its SHA-256 is stored, as with random secrets; records made before
 * derived links keep their random secret, and a caller compares hashes to tell the two apart.
 */
export function derivedLinkSecret(key: string, kind: PrivateLinkKind, code: string): { secret: string; hash: string } {
  const secret = base62Digits(hmac(key, kind, code), DERIVED_SECRET_LENGTH)
  return { secret, hash: hashLinkSecret(secret) }
}

/** Characters in a derived secret: 17 × log2(62) ≈ 101 bits. */
export const DERIVED_SECRET_LENGTH = 17

/**
 * The derived secret of a record whose stored hash is `storedHash`: today's short one, or the 32-character
 * base64url one records made before December 2026 carry (their links were sent, so they keep working), or null
 * for an older record with a random secret.
 */
export function derivedLinkSecretFor(key: string, kind: PrivateLinkKind, code: string, storedHash: string): string | null {
  const current = derivedLinkSecret(key, kind, code)
  if (current.hash === storedHash) return current.secret
  const legacy = hmac(key, kind, code).toString('base64url').slice(0, 32)
  return hashLinkSecret(legacy) === storedHash ? legacy : null
}

function hmac(key: string, kind: PrivateLinkKind, code: string): Buffer {
  return createHmac('sha256', key).update(`${kind}:${code}`).digest()
}

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * The lowest `count` base-62 digits of the bytes read as one number. With 256 bits in and 17 digits out every
 * digit is as good as uniform (the top digits of a base-62 rendering would not be).
 */
function base62Digits(bytes: Buffer, count: number): string {
  let n = BigInt(`0x${bytes.toString('hex')}`)
  let out = ''
  for (let i = 0; i < count; i++) {
    out += base62[Number(n % 62n)]
    n /= 62n
  }
  return out
}

export type PrivateLinkKind = 'registration' | 'school-booking' | 'menu-order'

/**
 * The path before the secret in a private link that messages carry. A registration's page is /r/; a school
 * booking's and a 菜单 order's short paths (/s/, /m/) redirect to their pages (/school-visits/r/, /menu/orders/),
 * which keep working, so an SMS stays short.
 */
export const privateLinkPath: Record<PrivateLinkKind, string> = {
  registration: '/r/',
  'school-booking': '/s/',
  'menu-order': '/m/',
}

/** A short private link's answer: on to the page, never cached, and the secret never sent on as a referrer. */
export function privateRedirect(to: string): Response {
  return new Response(null, {
    status: 302,
    headers: { Location: to, 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' },
  })
}
