// CSRF tokens for staff forms and a honeypot for public forms (remix-utils), both keyed by the shared cookie secret so
// any app instance can check a form another instance served. Public forms are held by cross-site.server.ts instead of
// a token (decision 032).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { CSRF, CSRFError } from 'remix-utils/csrf/server'
import { Honeypot, SpamError } from 'remix-utils/honeypot/server'
import { crossSiteRefusal } from '~/utils/cross-site.server'
import { httpError } from '~/utils/http-errors'
import { getT } from '~/utils/i18n.server'
import { addressBucket, CLIENT_ADDRESS_HEADER } from '~/utils/infra/client-address.server'
import { env } from '~/utils/infra/env.server'
import { cookieSecret } from '~/utils/infra/secrets.server'
import { localized } from '~/utils/refusal'

const csrfBySecurity = new Map<boolean, Promise<CSRF>>()
let honeypot: Promise<Honeypot> | undefined

/**
 * Whether cookies get the Secure flag: COOKIE_SECURE when set, otherwise whenever the request came over HTTPS.
 * The request's URL says so: the server builds it from express's req.protocol, which reads X-Forwarded-Proto only
 * from a proxy TRUST_PROXY names (the rule HSTS uses too). A portal opened over plain HTTP on a local network
 * still works, and nothing sent over HTTPS can leak to HTTP.
 */
export function cookiesAreSecure(request: Request): boolean {
  if (env.COOKIE_SECURE !== undefined) return env.COOKIE_SECURE
  return new URL(request.url).protocol === 'https:'
}

function getCsrf(request: Request): Promise<CSRF> {
  const secure = cookiesAreSecure(request)
  let csrf = csrfBySecurity.get(secure)
  if (!csrf) {
    csrf = cookieSecret().then(
      (secret) =>
        new CSRF({
          cookie: createCookie('kepu_csrf', { path: '/', httpOnly: true, sameSite: 'lax', secure, secrets: [secret] }),
          secret,
        }),
    )
    csrfBySecurity.set(secure, csrf)
  }
  return csrf
}

/**
 * remix-utils' honeypot with its time field signed by node:crypto's HMAC instead of encrypted by crypto-js's AES (issue
 * 31: a pure-JavaScript AES on every render of a public form and every post). The field says when the form was served;
 * the check needs it unforgeable (not in the future), not secret. A field from a page served before this change is
 * still read the old way until such pages are gone.
 */
class SignedHoneypot extends Honeypot {
  protected override randomValue(): string {
    return randomBytes(16).toString('hex')
  }
  private signature(value: string): string {
    return createHmac('sha256', this.encryptionSeed).update(`honeypot:${value}`).digest('base64url')
  }
  protected override encrypt(value: string): string {
    return `${value}.${this.signature(value)}`
  }
  protected override decrypt(field: string): string {
    const dot = field.lastIndexOf('.')
    if (!field.includes('.')) return this.decryptOld(field)
    if (dot <= 0 || !/^\d+$/.test(field.slice(0, dot))) return ''
    const value = field.slice(0, dot)
    const given = Buffer.from(field.slice(dot + 1))
    const expected = Buffer.from(this.signature(value))
    return given.length === expected.length && timingSafeEqual(given, expected) ? value : ''
  }
  /** A crypto-js field; garbage makes crypto-js throw, which is a bot's field, not a server error. */
  private decryptOld(field: string): string {
    try {
      return super.decrypt(field)
    } catch {
      return ''
    }
  }
}

function getHoneypot(): Promise<Honeypot> {
  honeypot ??= cookieSecret().then(
    (secret) => new SignedHoneypot({ encryptionSeed: secret, nameFieldName: HONEYPOT_FIELDS[0], validFromFieldName: HONEYPOT_FIELDS[1] }),
  )
  return honeypot
}

/**
 * For a loader that renders a public form: the honeypot's inputs. No CSRF token any more (decision 032: cross-site
 * posts are refused by cross-site.server.ts), so the page is the same for every anonymous visitor and the shared
 * cache may keep it; `csrfToken` stays empty for the pages that still render its field.
 */
export async function publicFormProtection(_request: Request) {
  const honeypotInputs = await (await getHoneypot()).getInputProps()
  return { csrfToken: '', honeypotInputs, headers: undefined as Record<string, string> | undefined }
}

const HONEYPOT_FIELDS = ['website_url', 'from__confirm']

/**
 * Checks a posted public form: not from another site (decision 032), then the honeypot. Returns a message for the person in their language, or null when the form may
 * proceed. `honeypot`: the page renders the honeypot's inputs, so a post without them is a bot's (remix-utils
 * skips its check when both are left out, issue 24).
 */
export async function checkPublicForm(request: Request, formData: FormData, { honeypot = false } = {}): Promise<string | null> {
  if (crossSiteRefusal(request)) return (await getT(request))('site.pageExpired')
  try {
    if (honeypot && !HONEYPOT_FIELDS.every((name) => formData.has(name))) throw new SpamError('Missing honeypot inputs')
    await (await getHoneypot()).check(formData)
    return null
  } catch (error) {
    if (error instanceof SpamError) return (await getT(request))('site.spam')
    throw error
  }
}

/**
 * The client's address for rate limits (decision 014): the one the HTTP server resolved from the socket (and the
 * proxies TRUST_PROXY names) and put in its own header, which it always overwrites. Never a header the client
 * chose. Served by something other than server/ (remix dev), there is no such header and everyone shares 'unknown'.
 */
export function clientAddress(request: Request): string {
  const address = request.headers.get(CLIENT_ADDRESS_HEADER)
  return address ? addressBucket(address) : 'unknown'
}

/** For the admin pages: the CSRF token for their forms and, on first visit, the cookie that pairs with it. */
export async function adminCsrf(request: Request): Promise<{ csrfToken: string; headers?: Record<string, string> }> {
  const [token, cookieHeader] = await (await getCsrf(request)).commitToken(request)
  return { csrfToken: token, headers: cookieHeader ? { 'Set-Cookie': cookieHeader } : undefined }
}

/** Every admin action checks its form's CSRF token after the role guard; a forged post gets 403. */
export async function requireValidCsrf(request: Request, formData: FormData): Promise<void> {
  try {
    await (await getCsrf(request)).validate(formData, request.headers)
  } catch (error) {
    if (error instanceof CSRFError) throw httpError(403, localized('site.pageExpired'))
    throw error
  }
}
