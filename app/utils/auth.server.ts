// Staff sign-in. Passwords are hashed with argon2id (@node-rs/argon2); sessions are rows in the database and
// the cookie carries only the row's id, signed with the shared secret, so every app instance can read it and
// signing out or changing a password ends sessions everywhere.
import { randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import { createCookieSessionStorage, redirect, type SessionStorage } from '@remix-run/node'
import { cookiesAreSecure } from '~/utils/form-security.server'
import { prisma } from '~/utils/infra/db.server'
import { cookieSecret } from '~/utils/infra/secrets.server'
import type { UserRole } from '@prisma/client'

/** A working day at a check-in desk and then some; staff sign in again after it. */
export const SESSION_HOURS = 12
const SESSION_KEY = 'sessionId'

// OWASP's argon2id settings (19 MiB, 2 passes, 1 lane): about 30 ms here, slow enough for guessing, fine for sign-in.
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS) // @node-rs/argon2 uses argon2id unless told otherwise
}

// Verifying against this when the email is unknown makes a wrong email cost as long as a wrong password.
let dummyHash: Promise<string> | undefined
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    await verify(await (dummyHash ??= hashPassword(randomBytes(16).toString('hex'))), password).catch(() => false)
    return false
  }
  return verify(passwordHash, password).catch(() => false)
}

const storages = new Map<string, Promise<SessionStorage>>()
/** A signed, httpOnly, SameSite=Lax cookie holding one session row's id; Secure over HTTPS. */
export function sessionCookieStorage(request: Request, name: string, hours: number): Promise<SessionStorage> {
  const secure = cookiesAreSecure(request)
  const key = `${name}:${secure}`
  let storage = storages.get(key)
  if (!storage) {
    storage = cookieSecret().then((secret) =>
      createCookieSessionStorage({
        cookie: { name, path: '/', httpOnly: true, sameSite: 'lax', secure, secrets: [secret], maxAge: hours * 3600 },
      }),
    )
    storages.set(key, storage)
  }
  return storage
}
const sessionStorage = (request: Request) => sessionCookieStorage(request, 'kepu_staff', SESSION_HOURS)

export type Staff = {
  id: string
  name: string
  email: string
  role: UserRole
  districtId: string | null
  organisationId: string | null
  sessionId: string
}

// A page's loaders (the staff layout's and the page's) share one Request: one read answers both.
const staffOfRequest = new WeakMap<Request, Promise<Staff | null>>()

/** The signed-in staff member, or null. A disabled account or an expired session counts as signed out. */
export function getStaff(request: Request): Promise<Staff | null> {
  let staff = staffOfRequest.get(request)
  if (!staff) {
    staff = readStaff(request)
    staffOfRequest.set(request, staff)
  }
  return staff
}

async function readStaff(request: Request): Promise<Staff | null> {
  const cookie = await (await sessionStorage(request)).getSession(request.headers.get('Cookie'))
  const sessionId = cookie.get(SESSION_KEY)
  if (typeof sessionId !== 'string') return null
  // In SQL: it runs on every staff request, and Prisma's query compiler cost more CPU than the read (decision 032).
  const [staff] = await prisma.$queryRaw<Staff[]>`
    SELECT u."id", u."name", u."email", u."role"::text AS "role", u."districtId", u."organisationId", s."id" AS "sessionId"
    FROM "UserSession" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${sessionId} AND s."expiresAt" > ${new Date()} AND NOT u."disabled"`
  return staff ?? null
}

/** The guard at the top of every admin loader and action: signed-in staff, or off to the sign-in page. */
export async function requireStaff(request: Request): Promise<Staff> {
  const staff = await getStaff(request)
  if (!staff) {
    const url = new URL(request.url)
    throw redirect(`/admin/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`)
  }
  return staff
}

/** Starts a session for the user and returns the Set-Cookie header for it. */
export async function startSession(request: Request, userId: string): Promise<string> {
  const session = await prisma.userSession.create({
    data: { userId, expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000) },
    select: { id: true },
  })
  // Expired rows are useless; sweep them now and then rather than run a scheduler.
  if (Math.random() < 0.05) await prisma.userSession.deleteMany({ where: { expiresAt: { lt: new Date() } } })
  const storage = await sessionStorage(request)
  const cookie = await storage.getSession()
  cookie.set(SESSION_KEY, session.id)
  return storage.commitSession(cookie)
}

/** Ends the request's session (if any) and returns the Set-Cookie header that clears the cookie. */
export async function endSession(request: Request): Promise<string> {
  const storage = await sessionStorage(request)
  const cookie = await storage.getSession(request.headers.get('Cookie'))
  const sessionId = cookie.get(SESSION_KEY)
  if (typeof sessionId === 'string') await prisma.userSession.deleteMany({ where: { id: sessionId } })
  return storage.destroySession(cookie)
}

/**
 * Only a path on this site, so a crafted link cannot send anyone elsewhere after signing in or switching a setting.
 * The target is refused outright when it holds a backslash or a control character (browsers drop tabs and line
 * breaks in URLs, so `/\t/host` becomes `//host`, and CR/LF in a Location header is an error), then parsed against
 * this site's origin and kept only if it stays on it; what comes back is its path, query and fragment.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/admin'): string {
  // eslint-disable-next-line no-control-regex
  if (typeof to !== 'string' || !to.startsWith('/') || /[\\\u0000-\u001f\u007f-\u009f]/.test(to) || to.length > 2000) return fallback
  const base = 'http://kepu.invalid'
  if (!URL.canParse(to, base)) return fallback
  const url = new URL(to, base)
  if (url.origin !== base || !url.pathname.startsWith('/') || url.pathname.startsWith('//')) return fallback
  return url.pathname + url.search + url.hash
}
