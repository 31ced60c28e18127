// CSRF tokens and a honeypot for public forms (remix-utils), both keyed by the shared cookie secret so any
// app instance can check a form another instance served.
import { createCookie } from '@remix-run/node'
import { getClientIPAddress } from 'remix-utils/get-client-ip-address'
import { CSRF, CSRFError } from 'remix-utils/csrf/server'
import { Honeypot, SpamError } from 'remix-utils/honeypot/server'
import { cookieSecret } from '~/utils/secrets.server'

let csrf: Promise<CSRF> | undefined
let honeypot: Promise<Honeypot> | undefined

/** Cookies are Secure in production; COOKIE_SECURE=false allows plain-HTTP deployments (and local tests). */
export function cookiesAreSecure(): boolean {
  return process.env.COOKIE_SECURE ? process.env.COOKIE_SECURE !== 'false' : process.env.NODE_ENV === 'production'
}

function getCsrf(): Promise<CSRF> {
  csrf ??= cookieSecret().then((secret) => new CSRF({
    cookie: createCookie('kepu_csrf', { path: '/', httpOnly: true, sameSite: 'lax', secure: cookiesAreSecure(), secrets: [secret] }),
    secret,
  }))
  return csrf
}

function getHoneypot(): Promise<Honeypot> {
  honeypot ??= cookieSecret().then((secret) => new Honeypot({ encryptionSeed: secret, nameFieldName: 'website_url' }))
  return honeypot
}

/** For a loader that renders a public form: the CSRF token, its Set-Cookie header and the honeypot's inputs. */
export async function publicFormProtection(request: Request) {
  const [token, cookieHeader] = await (await getCsrf()).commitToken(request)
  const honeypotInputs = await (await getHoneypot()).getInputProps()
  return { csrfToken: token, honeypotInputs, headers: cookieHeader ? { 'Set-Cookie': cookieHeader } : undefined }
}

/** Checks a posted public form. Returns a Chinese message for the person, or null when the form may proceed. */
export async function checkPublicForm(request: Request, formData: FormData): Promise<string | null> {
  try {
    await (await getCsrf()).validate(formData, request.headers)
    await (await getHoneypot()).check(formData)
    return null
  } catch (error) {
    if (error instanceof CSRFError) return '页面已过期，请刷新页面后重新提交。'
    if (error instanceof SpamError) return '提交太快或内容异常，请稍后重新提交。'
    throw error
  }
}

/**
 * The client's address for rate limits. Behind a load balancer it comes from X-Forwarded-For and friends,
 * which the balancer must set; direct clients without such headers share one bucket.
 */
export function clientAddress(request: Request): string {
  return getClientIPAddress(request) ?? 'direct'
}
