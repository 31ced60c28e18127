// The one trusted client address (decision 014). The HTTP server (server/app.ts) resolves it from the socket, or,
// when TRUST_PROXY names the proxies in front, from the X-Forwarded-For entry the nearest untrusted hop appended
// (express's `trust proxy`), and hands it to the app in the request header below, which it always overwrites: a
// client cannot choose it. Shared by the server and the app, so it has no server-only imports.
import { isIP } from 'node:net'

export const CLIENT_ADDRESS_HEADER = 'x-kepu-client-address'

/** Words express's `trust proxy` understands for common ranges. */
export const TRUST_PROXY_WORDS = ['loopback', 'linklocal', 'uniquelocal'] as const

export type TrustProxy = false | number | string[]

/**
 * Reads TRUST_PROXY: unset or `false` trusts no proxy (the socket address is the client's); a whole number is how
 * many proxies in front to trust; otherwise a comma-separated list of addresses, CIDR ranges or the words above.
 * `true` (trust every hop, so the leftmost, client-chosen entry wins) is refused on purpose. Undefined: not valid.
 */
export function parseTrustProxy(raw: string): TrustProxy | undefined {
  const text = raw.trim()
  if (text === '' || text === 'false' || text === '0') return false
  if (/^\d+$/.test(text)) return Number(text) <= 10 ? Number(text) : undefined
  const entries = text.split(',').map((entry) => entry.trim())
  const valid = entries.every((entry) => {
    if ((TRUST_PROXY_WORDS as readonly string[]).includes(entry)) return true
    const [address, bits, ...rest] = entry.split('/')
    const family = isIP(address)
    if (!family || rest.length) return false
    return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128))
  })
  return valid && entries.length ? entries : undefined
}

/**
 * The address as rate limits count it: an IPv4-mapped IPv6 address as IPv4, and an IPv6 address by its /64, since
 * one household or phone gets a whole /64 and could rotate through it.
 */
export function addressBucket(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return mapped[1]
  if (isIP(address) !== 6) return address
  const [head, tail = ''] = address.split('::')
  const headGroups = head ? head.split(':') : []
  const tailGroups = tail ? tail.split(':') : []
  const groups = address.includes('::')
    ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups]
    : headGroups
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`
}
