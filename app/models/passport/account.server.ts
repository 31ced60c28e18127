// Residents' own accounts (科普护照): mobile number and password (argon2id), sessions in the database like staff
// sessions but in their own table and cookie, so a resident can never reach a staff page. Signing up and
// resetting a forgotten password need an SMS code to the number (decision 012); both answer a request for a code
// the same way whether or not the number has an account, and send one only where it can be used.
import { redirect } from '@remix-run/node'
import { checkPhoneCode, sendPhoneCode, verifyPhoneCode, type SendResult } from '~/models/phone-code.server'
import { hashPassword, sessionCookieStorage, verifyPassword } from '~/utils/auth.server'
import { readableCode } from '~/utils/codes.server'
import { isUniqueViolation } from '~/utils/infra/db-errors.server'
import { prisma } from '~/utils/infra/db.server'
import { consumeRateLimits } from '~/utils/infra/rate-limit.server'
import { consumeSignInTry } from '~/utils/infra/sign-in-limits.server'
import { Refusal, localized, type Localized } from '~/utils/refusal'
import type { Language } from '~/utils/i18n'

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

type CodeRequest = { address: string; language: Language; now?: Date }

async function hasAccount(phone: string): Promise<boolean> {
  return (await prisma.resident.count({ where: { phone } })) > 0
}

/** A sign-up code: sent only to a number without an account; the answer is the same either way. */
export async function sendSignUpCode(phone: string, request: CodeRequest): Promise<SendResult> {
  return sendPhoneCode(phone, 'SIGN_UP', { ...request, deliver: !(await hasAccount(phone)) })
}

/** A password-reset code: sent only to a number with an account; the answer is the same either way. */
export async function sendResetCode(phone: string, request: CodeRequest): Promise<SendResult> {
  return sendPhoneCode(phone, 'RESET_PASSWORD', { ...request, deliver: await hasAccount(phone) })
}

/**
 * Signing up; the number is the account, proven by the SMS code sent to it. Limited per address so numbers
 * cannot be probed in bulk. A number that has an account never got a code, so its sign-up fails on the code like
 * any wrong code.
 */
export async function signUpResident(
  input: { phone: string; password: string; smsCode: string },
  address: string,
  now = new Date(),
): Promise<string> {
  const limit = await consumeRateLimits([{ key: `resident-signup:addr:${address}`, limit: 10, windowSeconds: 3600 }])
  if (!limit.allowed) throw new Refusal(localized('account.errors.tooManyTries', { minutes: Math.ceil(limit.retryAfterSeconds / 60) }))
  const checked = await checkPhoneCode(input.phone, 'SIGN_UP', input.smsCode, now)
  const passwordHash = await hashPassword(input.password)
  try {
    return await prisma.$transaction(async (tx) => {
      await verifyPhoneCode(tx, checked, now)
      const resident = await tx.resident.create({
        data: { phone: input.phone, passwordHash, passportCode: readableCode(8, 'P') },
        select: { id: true },
      })
      return resident.id
    })
  } catch (error) {
    // Only someone who holds the phone gets here (the account was made after their code was sent).
    if (isUniqueViolation(error)) throw new Refusal(localized('account.errors.phoneTaken'), 'phone')
    throw error
  }
}

/**
 * 忘记密码: a new password for the account of the number the code was sent to. Every session of the account ends,
 * so whoever knew the old password is signed out everywhere.
 */
export async function resetResidentPassword(input: { phone: string; password: string; smsCode: string }, now = new Date()): Promise<void> {
  const checked = await checkPhoneCode(input.phone, 'RESET_PASSWORD', input.smsCode, now)
  const passwordHash = await hashPassword(input.password)
  await prisma.$transaction(async (tx) => {
    await verifyPhoneCode(tx, checked, now)
    const resident = await tx.resident.findUnique({ where: { phone: input.phone }, select: { id: true } })
    // Deleted since the code was sent: the code was for nothing (as if expired).
    if (!resident) throw new Refusal(localized('phoneCode.expired'), 'smsCode')
    await tx.resident.update({ where: { id: resident.id }, data: { passwordHash } })
    await tx.residentSession.deleteMany({ where: { residentId: resident.id } })
  })
}

export async function signInResident(
  phone: string,
  password: string,
  address: string,
  device: string | null = null,
): Promise<{ ok: true; residentId: string } | { ok: false; problem: Localized; retryAfterSeconds?: number }> {
  // Per device, or per (number, address), per address and per number: decision 014's rule as issue 24 left it.
  const limit = await consumeSignInTry('resident', phone, address, device)
  if (!limit.allowed) {
    const minutes = Math.ceil(limit.retryAfterSeconds / 60)
    const key = limit.reason === 'newDevices' ? 'account.errors.newDevicesPaused' : 'account.errors.tooManyTries'
    return { ok: false, problem: localized(key, { minutes }), retryAfterSeconds: limit.retryAfterSeconds }
  }
  const resident = await prisma.resident.findUnique({ where: { phone }, select: { id: true, passwordHash: true } })
  const valid = await verifyPassword(resident?.passwordHash ?? null, password)
  return resident && valid ? { ok: true, residentId: resident.id } : { ok: false, problem: localized('account.errors.wrongCredentials') }
}
