// Secrets in private links (a registration's page, a school booking's, a 菜单 order's, a set-password link): 24
// random bytes in the URL, only their SHA-256 in the database, so a leaked table opens no one's page.
import { createHash, randomBytes } from 'node:crypto'

/** A fresh secret for a private link, and the hash that is stored in its place. */
export function newLinkSecret(): { secret: string; hash: string } {
  const secret = randomBytes(24).toString('base64url')
  return { secret, hash: hashLinkSecret(secret) }
}

export function hashLinkSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}
