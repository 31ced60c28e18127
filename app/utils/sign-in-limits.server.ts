// Sign-in limits no stranger can turn into a lock-out (decision 014). Tries are counted per (account, address)
// and per address, which an attacker only spends on their own addresses; per account there is a larger ceiling,
// and past it the account is slowed, not locked: a device that has signed in to the account before (a signed
// cookie) is counted on its own and never by the account's ceiling; other devices get one try a minute until the
// window ends. Staff and residents use the same rule under their own keys and cookie.
import { createHash, randomBytes } from 'node:crypto'
import { createCookie, type Cookie } from '@remix-run/node'
import { cookiesAreSecure } from '~/utils/form-security.server'
import { consumeRateLimits, type RateLimitResult } from '~/utils/rate-limit.server'
import { cookieSecret } from '~/utils/secrets.server'

export type SignInKind = 'staff' | 'resident'

const WINDOW = 15 * 60
/** Per account from one address, per address, per known device, per account from unknown devices. */
export const SIGN_IN_LIMITS = { pair: 5, address: 30, device: 10, account: 20, slowWindowSeconds: 60 } as const

/** A device that signed in before: its random id, and which accounts (hashed, so the cookie names no one). */
type Device = { id: string; accounts: string[] }

const accountTag = (kind: SignInKind, account: string) => createHash('sha256').update(`${kind}:${account}`).digest('base64url').slice(0, 16)

const cookies = new Map<boolean, Promise<Cookie>>()
function deviceCookie(request: Request): Promise<Cookie> {
  const secure = cookiesAreSecure(request)
  let cookie = cookies.get(secure)
  if (!cookie) {
    cookie = cookieSecret().then((secret) =>
      createCookie('kepu_device', { path: '/', httpOnly: true, sameSite: 'lax', secure, secrets: [secret], maxAge: 365 * 86400 }),
    )
    cookies.set(secure, cookie)
  }
  return cookie
}

async function readDevice(request: Request): Promise<Device | null> {
  const value: unknown = await (await deviceCookie(request)).parse(request.headers.get('Cookie'))
  if (!value || typeof value !== 'object') return null
  const { id, accounts } = value as Record<string, unknown>
  if (typeof id !== 'string' || !Array.isArray(accounts)) return null
  return { id, accounts: accounts.filter((tag): tag is string => typeof tag === 'string') }
}

/** The device's id when this browser has signed in to the account before (its signed cookie says so). */
export async function knownDevice(request: Request, kind: SignInKind, account: string): Promise<string | null> {
  const device = await readDevice(request)
  return device?.accounts.includes(accountTag(kind, account)) ? device.id : null
}

/** After a right password: the Set-Cookie header that makes this browser a known device for the account. */
export async function rememberDevice(request: Request, kind: SignInKind, account: string): Promise<string> {
  const device = (await readDevice(request)) ?? { id: randomBytes(12).toString('base64url'), accounts: [] }
  const tag = accountTag(kind, account)
  const accounts = [tag, ...device.accounts.filter((other) => other !== tag)].slice(0, 5)
  return (await deviceCookie(request)).serialize({ id: device.id, accounts })
}

/** Counts one sign-in try; refused when this address, this pair or (for unknown devices, slowed) the account is over. */
export async function consumeSignInTry(
  kind: SignInKind,
  account: string,
  address: string,
  device: string | null,
  now = new Date(),
): Promise<RateLimitResult> {
  const prefix = `${kind}-login`
  const tries = [
    { key: `${prefix}:pair:${account}:${address}`, limit: SIGN_IN_LIMITS.pair, windowSeconds: WINDOW },
    { key: `${prefix}:addr:${address}`, limit: SIGN_IN_LIMITS.address, windowSeconds: WINDOW },
  ]
  const own = await consumeRateLimits(
    device ? [...tries, { key: `${prefix}:device:${device}`, limit: SIGN_IN_LIMITS.device, windowSeconds: WINDOW }] : tries,
    now,
  )
  if (!own.allowed || device) return own
  const accountWide = await consumeRateLimits(
    [{ key: `${prefix}:account:${account}`, limit: SIGN_IN_LIMITS.account, windowSeconds: WINDOW }],
    now,
  )
  if (accountWide.allowed) return accountWide
  // Past the account's ceiling: slowed to one try a minute from unknown devices, never locked for the window.
  return consumeRateLimits([{ key: `${prefix}:slow:${account}`, limit: 1, windowSeconds: SIGN_IN_LIMITS.slowWindowSeconds }], now)
}
