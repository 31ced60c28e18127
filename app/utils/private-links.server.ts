// Secrets in private links (a registration's page, a school booking's, a 菜单 order's, a set-password link): 24
// random bytes in the URL, only their SHA-256 in the database, so a leaked table opens no one's page.
import { createHash, createHmac, randomBytes } from 'node:crypto'

/** A fresh secret for a private link, and the hash that is stored in its place. */
export function newLinkSecret(): { secret: string; hash: string } {
  const secret = randomBytes(24).toString('base64url')
  return { secret, hash: hashLinkSecret(secret) }
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
  const secret = createHmac('sha256', key).update(`${kind}:${code}`).digest('base64url').slice(0, 32)
  return { secret, hash: hashLinkSecret(secret) }
}

export type PrivateLinkKind = 'registration' | 'school-booking' | 'menu-order'
