// Residents' own accounts (科普护照): mobile number and password (argon2id), sessions in the database like staff
// sessions but in their own table and cookie, so a resident can never reach a staff page.
import { redirect } from '@remix-run/node'
import { hashPassword, sessionCookieStorage, verifyPassword } from '~/utils/auth.server'
import { readableCode } from '~/utils/codes.server'
import { isUniqueViolation } from '~/utils/db-errors.server'
import { prisma } from '~/utils/db.server'
import { consumeRateLimits } from '~/utils/rate-limit.server'
import { Refusal, localized, type Localized } from '~/utils/refusal'
import { consumeSignInTry } from '~/utils/sign-in-limits.server'

/** Residents stay signed in for 30 days on their own phone. */
export const RESIDENT_SESSION_DAYS = 30
const KEY = 'residentId'
const storage = (request: Request) => sessionCookieStorage(request, 'kepu_resident', RESIDENT_SESSION_DAYS * 24)

export type Resident = { id: string; phone: string; passportCode: string; sessionId: string }

export async function getResident(request: Request): Promise<Resident | null> {
  const cookie = await (await storage(request)).getSession(request.headers.get('Cookie'))
  const sessionId = cookie.get(KEY)
  if (typeof sessionId !== 'string') return null
  const session = await prisma.residentSession.findFirst({
    where: { id: sessionId, expiresAt: { gt: new Date() } },
    select: { id: true, resident: { select: { id: true, phone: true, passportCode: true } } },
  })
  return session ? { ...session.resident, sessionId: session.id } : null
}

export async function requireResident(request: Request): Promise<Resident> {
  const resident = await getResident(request)
  if (!resident) {
    const url = new URL(request.url)
    throw redirect(`/account/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`)
  }
  return resident
}

export async function startResidentSession(request: Request, residentId: string): Promise<string> {
  const session = await prisma.residentSession.create({
    data: { residentId, expiresAt: new Date(Date.now() + RESIDENT_SESSION_DAYS * 86400_000) },
    select: { id: true },
  })
  const store = await storage(request)
  const cookie = await store.getSession()
  cookie.set(KEY, session.id)
  return store.commitSession(cookie)
}

export async function endResidentSession(request: Request): Promise<string> {
  const store = await storage(request)
  const cookie = await store.getSession(request.headers.get('Cookie'))
  const sessionId = cookie.get(KEY)
  if (typeof sessionId === 'string') await prisma.residentSession.deleteMany({ where: { id: sessionId } })
  return store.destroySession(cookie)
}

/** Signing up; the number is the account. Limited per address so numbers cannot be probed in bulk. */
export async function signUpResident(phone: string, password: string, address: string): Promise<string> {
  const limit = await consumeRateLimits([{ key: `resident-signup:addr:${address}`, limit: 10, windowSeconds: 3600 }])
  if (!limit.allowed) throw new Refusal(localized('account.errors.tooManyTries', { minutes: Math.ceil(limit.retryAfterSeconds / 60) }))
  try {
    const resident = await prisma.resident.create({
      data: { phone, passwordHash: await hashPassword(password), passportCode: readableCode(8, 'P') },
      select: { id: true },
    })
    return resident.id
  } catch (error) {
    if (isUniqueViolation(error)) throw new Refusal(localized('account.errors.phoneTaken'), 'phone')
    throw error
  }
}

export async function signInResident(
  phone: string,
  password: string,
  address: string,
  device: string | null = null,
): Promise<{ ok: true; residentId: string } | { ok: false; problem: Localized }> {
  // Per (number, address), per address and per number with decision 014's rule: slowed by strangers, never locked.
  const limit = await consumeSignInTry('resident', phone, address, device)
  if (!limit.allowed)
    return { ok: false, problem: localized('account.errors.tooManyTries', { minutes: Math.ceil(limit.retryAfterSeconds / 60) }) }
  const resident = await prisma.resident.findUnique({ where: { phone }, select: { id: true, passwordHash: true } })
  const valid = await verifyPassword(resident?.passwordHash ?? null, password)
  return resident && valid ? { ok: true, residentId: resident.id } : { ok: false, problem: localized('account.errors.wrongCredentials') }
}
