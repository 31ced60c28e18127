// Sign-in limits no stranger can turn against an account's owner (decision 014, issue 24). A device that has
// signed in to the account before (a signed, httpOnly cookie) is counted on its own and by nothing else: not by
// its address, which it may share with an attacker behind one school or office NAT, and not by the account. Other
// devices are counted per (account, address) and per address, which an attacker only spends on their own
// addresses, and by the account's ceiling; past that ceiling no new device may try a password until the window
// ends (a shared slow lane would be the attacker's to use), and the page says how to get in anyway: a device used
// before, or a new one that proves itself (a resident's SMS code to reset the password, a staff member's
// set-password link), which then becomes known. Staff and residents use the same rule under their own keys.
import { createHash, randomBytes } from 'node:crypto'
import { createCookie, type Cookie } from '@remix-run/node'
import { cookiesAreSecure } from '~/utils/form-security.server'
import { consumeRateLimits, type RateLimitResult } from '~/utils/infra/rate-limit.server'
import { cookieSecret } from '~/utils/infra/secrets.server'

export type SignInKind = 'staff' | 'resident'

const WINDOW = 15 * 60
/** Per account from one address, per address, per known device, per account from unknown devices (15 minutes). */
export const SIGN_IN_LIMITS = { pair: 5, address: 30, device: 10, account: 20 } as const

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

/** Why a try was refused: too many from this address or device (wait), or the account's ceiling for new devices. */
export type SignInLimitResult = RateLimitResult & { reason?: 'tries' | 'newDevices' }

/** Counts one sign-in try; refused when this device, or for an unknown device this address, pair or account, is over. */
export async function consumeSignInTry(
  kind: SignInKind,
  account: string,
  address: string,
  device: string | null,
  now = new Date(),
): Promise<SignInLimitResult> {
  const prefix = `${kind}-login`
  if (device) {
    const own = await consumeRateLimits([{ key: `${prefix}:device:${device}`, limit: SIGN_IN_LIMITS.device, windowSeconds: WINDOW }], now)
    return own.allowed ? own : { ...own, reason: 'tries' }
  }
  const own = await consumeRateLimits(
    [
      { key: `${prefix}:pair:${account}:${address}`, limit: SIGN_IN_LIMITS.pair, windowSeconds: WINDOW },
      { key: `${prefix}:addr:${address}`, limit: SIGN_IN_LIMITS.address, windowSeconds: WINDOW },
    ],
    now,
  )
  if (!own.allowed) return { ...own, reason: 'tries' }
  const accountWide = await consumeRateLimits(
    [{ key: `${prefix}:account:${account}`, limit: SIGN_IN_LIMITS.account, windowSeconds: WINDOW }],
    now,
  )
  return accountWide.allowed ? accountWide : { ...accountWide, reason: 'newDevices' }
}
