// SMS verification codes (decision 012): proof that the person typing a mobile number holds the phone. A code is
// 6 random digits, kept only as an HMAC keyed with the app's link key (6 digits hashed without a key are reversed by
// trying all million), lives 10 minutes and allows 5 tries, then it is dead. One send per phone per 60 s and at
// most 10 per phone in 24 h, counted from the codes' own rows under a per-phone lock; per-address limits on top.
// Checking a code is two steps so that a wrong try is counted even though the action it guards rolls back:
// `checkPhoneCode` counts the try and refuses a wrong code before any transaction, and `verifyPhoneCode` consumes
// the checked code inside the transaction of the action it guards, so the code and the action commit together.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import { queueMessage } from '~/models/message.server'
import { prisma } from '~/utils/db.server'
import { formatClock } from '~/utils/format'
import { consumeRateLimits } from '~/utils/rate-limit.server'
import { Refusal, localized } from '~/utils/refusal'
import { linkKey } from '~/utils/secrets.server'
import type { Prisma, PhoneCodePurpose } from '@prisma/client'
import type { Language } from '~/utils/i18n'

type Tx = Prisma.TransactionClient

export const CODE_LIFETIME_MS = 10 * 60_000
export const MAX_TRIES = 5
export const RESEND_AFTER_MS = 60_000
export const DAY_LIMIT = 10
const DAY_MS = 86400_000

/** The form field a code refusal belongs next to. */
export const CODE_FIELD = 'smsCode'

async function hashCode(phone: string, purpose: PhoneCodePurpose, code: string): Promise<string> {
  return createHmac('sha256', await linkKey())
    .update(`phone-code:${phone}:${purpose}:${code}`)
    .digest('base64url')
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** When the next code may go to this phone, given its sends in the last 24 h (newest first). */
export function nextSendAllowed(sends: Array<{ createdAt: Date }>, now: Date): Date {
  let next = now.getTime()
  if (sends[0]) next = Math.max(next, sends[0].createdAt.getTime() + RESEND_AFTER_MS)
  const oldestCounted = sends[DAY_LIMIT - 1]
  if (oldestCounted) next = Math.max(next, oldestCounted.createdAt.getTime() + DAY_MS)
  return new Date(next)
}

export type SendOptions = {
  /** The client's address, for the per-address limits. */
  address: string
  /** The language of the SMS and of a refusal's time. */
  language: Language
  now?: Date
  /**
   * False when a code would make no sense (a sign-up for a number that has an account, a reset for one that has
   * none): everything happens as if it were sent, limits included, but no message goes out, so the answer does
   * not tell whether the number has an account.
   */
  deliver?: boolean
}

export type SendResult = { nextSendAt: Date; nextSendText: string }

/**
 * Sends a new code for `purpose` to `phone` (an outbox message, delivered by the worker). Refused, next to the
 * code field, when the phone or the address has asked too often; the refusal says when the next send is allowed.
 */
export async function sendPhoneCode(
  phone: string,
  purpose: PhoneCodePurpose,
  { address, language, now = new Date(), deliver = true }: SendOptions,
): Promise<SendResult> {
  const limit = await consumeRateLimits(
    [
      { key: `phone-code:addr:${address}`, limit: 10, windowSeconds: 600 },
      { key: `phone-code:addr-day:${address}`, limit: 40, windowSeconds: 86400 },
    ],
    now,
  )
  if (!limit.allowed) {
    const time = formatClock(new Date(now.getTime() + limit.retryAfterSeconds * 1000), now, language)
    throw new Refusal(localized('phoneCode.tooManyFromHere', { time }), CODE_FIELD, 429, 'CODE_ADDRESS_LIMIT')
  }
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0')
  const codeHash = await hashCode(phone, purpose, code)
  const nextSendAt = await prisma.$transaction(async (tx) => {
    // One sender per phone at a time, so two quick sends cannot both pass the 60 s rule.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`phone-code:${phone}`}))`
    const recent = await tx.phoneCode.findMany({
      where: { phone, createdAt: { gt: new Date(now.getTime() - DAY_MS) } },
      orderBy: { createdAt: 'desc' },
      take: DAY_LIMIT,
      select: { createdAt: true },
    })
    const allowedAt = nextSendAllowed(recent, now)
    if (allowedAt > now) {
      const tooMany = recent.length >= DAY_LIMIT && allowedAt.getTime() > recent[0].createdAt.getTime() + RESEND_AFTER_MS
      throw new Refusal(
        localized(tooMany ? 'phoneCode.dayLimit' : 'phoneCode.tooSoon', { time: formatClock(allowedAt, now, language) }),
        CODE_FIELD,
        429,
        tooMany ? 'CODE_DAY_LIMIT' : 'CODE_TOO_SOON',
      )
    }
    const row = await tx.phoneCode.create({
      data: { phone, purpose, codeHash, expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS), createdAt: now },
      select: { id: true, createdAt: true },
    })
    if (deliver)
      await queueMessage(tx, { phone, language }, { template: 'phone.code', params: { code }, subjectType: 'PhoneCode', subjectId: row.id })
    return nextSendAllowed([row, ...recent], now)
  })
  return { nextSendAt, nextSendText: formatClock(nextSendAt, now, language) }
}

/** A code that passed `checkPhoneCode`; only `verifyPhoneCode` uses it, inside the guarded action's transaction. */
export type CheckedPhoneCode = {
  readonly id: string
  readonly phone: string
  readonly purpose: PhoneCodePurpose
  readonly codeHash: string
}

function codeRefusal(key: 'wrong' | 'wrongLast' | 'expired' | 'dead' | 'missing', values?: Record<string, number>): Refusal {
  return new Refusal(localized(`phoneCode.${key}`, values), CODE_FIELD, 409, `CODE_${key.toUpperCase()}`)
}

/**
 * Counts one try against the phone's newest code for `purpose` and checks it. The try is written at once (not in
 * the caller's transaction), so a wrong code counts even when the action it was for is refused. After the fifth
 * try the code is dead, right or wrong.
 */
export async function checkPhoneCode(
  phone: string,
  purpose: PhoneCodePurpose,
  rawCode: string,
  now = new Date(),
): Promise<CheckedPhoneCode> {
  const code = rawCode.replace(/\s/g, '')
  const latest = await prisma.phoneCode.findFirst({
    where: { phone, purpose },
    orderBy: { createdAt: 'desc' },
    select: { id: true, codeHash: true, expiresAt: true, usedAt: true, attempts: true },
  })
  if (!latest) throw codeRefusal('missing')
  if (latest.usedAt || latest.expiresAt <= now) throw codeRefusal('expired')
  if (latest.attempts >= MAX_TRIES) throw codeRefusal('dead')
  const { attempts } = await prisma.phoneCode.update({
    where: { id: latest.id },
    data: { attempts: { increment: 1 } },
    select: { attempts: true },
  })
  if (attempts > MAX_TRIES) throw codeRefusal('dead') // tries raced past the limit
  const codeHash = await hashCode(phone, purpose, code)
  if (!/^\d{6}$/.test(code) || !sameHash(codeHash, latest.codeHash)) {
    const left = MAX_TRIES - attempts
    throw left > 0 ? codeRefusal('wrong', { left }) : codeRefusal('wrongLast')
  }
  return { id: latest.id, phone, purpose, codeHash }
}

/**
 * Uses the checked code up, in the transaction of the action it guards: refused when it was used meanwhile (two
 * submissions with one code), has expired, or has died since the check.
 */
export async function verifyPhoneCode(tx: Tx, checked: CheckedPhoneCode, now = new Date()): Promise<void> {
  const { count } = await tx.phoneCode.updateMany({
    where: {
      id: checked.id,
      phone: checked.phone,
      purpose: checked.purpose,
      codeHash: checked.codeHash,
      usedAt: null,
      expiresAt: { gt: now },
      attempts: { lte: MAX_TRIES },
    },
    data: { usedAt: now },
  })
  if (count !== 1) throw codeRefusal('expired')
}
