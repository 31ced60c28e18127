// SMS verification codes (decision 012): proof that the person typing a mobile number holds the phone. A code is
// 6 random digits, kept only as an HMAC keyed with the app's link key (6 digits hashed without a key are reversed by
// trying all million), lives 10 minutes and allows 5 tries, then it is dead. A phone's budget is counted per
// requesting address (issue 24), from the codes' own rows under a per-phone lock, so a stranger spends only their
// own share: one send per (phone, address) per 60 s and 5 in 24 h; and at most 20 per phone in 24 h against SMS
// bombing from many addresses, a ceiling that does not hold an address which has proven the number before.
// Per-address limits on top. A newer code does not kill an older live one (a stranger's send would otherwise void
// the owner's code): a try is checked against the phone's live codes for the purpose, and counts against each.
// Checking a code is two steps so that a wrong try is counted even though the action it guards rolls back:
// `checkPhoneCode` counts the try and refuses a wrong code before any transaction, and `verifyPhoneCode` consumes
// the checked code inside the transaction of the action it guards, so the code and the action commit together.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import { queueMessage } from '~/models/message/message.server'
import { formatClock } from '~/utils/format'
import { prisma, type Tx } from '~/utils/infra/db.server'
import { env } from '~/utils/infra/env.server'
import { consumeRateLimits } from '~/utils/infra/rate-limit.server'
import { linkKey } from '~/utils/infra/secrets.server'
import { Refusal, localized } from '~/utils/refusal'
import type { PhoneCodePurpose } from '@prisma/client'
import type { Language } from '~/utils/i18n'

export const CODE_LIFETIME_MS = 10 * 60_000
export const MAX_TRIES = 5
/** 60 s unless PHONE_CODE_RESEND_SECONDS says otherwise (tests of the whole portal, which cannot move its clock). */
const resendAfterMs = () => env.PHONE_CODE_RESEND_SECONDS * 1000
/** Sends per (phone, address) in 24 h. */
export const DAY_LIMIT = 5
/** Sends per phone in 24 h from addresses that have not proven the number. */
export const PHONE_DAY_LIMIT = 20
/** How long an address that used a code for the number counts as the owner's. */
const PROVEN_ADDRESS_MS = 180 * 86400_000
/** Live codes a try is checked against (one per minute per address can be live at once). */
const LIVE_CANDIDATES = 3
const DAY_MS = 86400_000

/** The form field a code refusal belongs next to. */
export const CODE_FIELD = 'smsCode'

async function hashCode(phone: string, purpose: PhoneCodePurpose, code: string): Promise<string> {
  return createHmac('sha256', await linkKey())
    .update(`phone-code:${phone}:${purpose}:${code}`)
    .digest('base64url')
}

/** A keyed tag of a client address: the budgets' key, never the address itself (personal data). */
async function addressTag(address: string): Promise<string> {
  return createHmac('sha256', await linkKey())
    .update(`phone-code-address:${address}`)
    .digest('base64url')
    .slice(0, 16)
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** When the next code may go to this phone from one address, given that address's sends in the last 24 h (newest first). */
export function nextSendAllowed(sends: Array<{ createdAt: Date }>, now: Date): Date {
  let next = now.getTime()
  if (sends[0]) next = Math.max(next, sends[0].createdAt.getTime() + resendAfterMs())
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
  const requestedFrom = await addressTag(address)
  const dayAgo = new Date(now.getTime() - DAY_MS)
  const nextSendAt = await prisma.$transaction(async (tx) => {
    // One sender per phone at a time, so two quick sends cannot both pass the rules.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`phone-code:${phone}`}))`
    const recent = await tx.phoneCode.findMany({
      where: { phone, requestedFrom, createdAt: { gt: dayAgo } },
      orderBy: { createdAt: 'desc' },
      take: DAY_LIMIT,
      select: { createdAt: true },
    })
    const allowedAt = nextSendAllowed(recent, now)
    if (allowedAt > now) {
      const tooMany = recent.length >= DAY_LIMIT && allowedAt.getTime() > recent[0].createdAt.getTime() + resendAfterMs()
      throw new Refusal(
        localized(tooMany ? 'phoneCode.dayLimit' : 'phoneCode.tooSoon', { time: formatClock(allowedAt, now, language) }),
        CODE_FIELD,
        429,
        tooMany ? 'CODE_DAY_LIMIT' : 'CODE_TOO_SOON',
      )
    }
    const provenHere = await tx.phoneCode.findFirst({
      where: { phone, requestedFrom, usedAt: { not: null }, createdAt: { gt: new Date(now.getTime() - PROVEN_ADDRESS_MS) } },
      select: { id: true },
    })
    if (!provenHere) {
      const sends = await tx.phoneCode.findMany({
        where: { phone, createdAt: { gt: dayAgo } },
        orderBy: { createdAt: 'desc' },
        skip: PHONE_DAY_LIMIT - 1,
        take: 1,
        select: { createdAt: true },
      })
      if (sends[0]) {
        const time = formatClock(new Date(sends[0].createdAt.getTime() + DAY_MS), now, language)
        throw new Refusal(localized('phoneCode.phoneDayLimit', { time }), CODE_FIELD, 429, 'CODE_PHONE_DAY_LIMIT')
      }
    }
    const row = await tx.phoneCode.create({
      data: { phone, purpose, codeHash, requestedFrom, expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS), createdAt: now },
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
 * Counts one try against each of the phone's live codes for `purpose` (at most LIVE_CANDIDATES, newest first) and
 * checks it against them. The try is written at once (not in the caller's transaction), so a wrong code counts even
 * when the action it was for is refused. After the fifth try a code is dead, right or wrong.
 */
export async function checkPhoneCode(
  phone: string,
  purpose: PhoneCodePurpose,
  rawCode: string,
  now = new Date(),
): Promise<CheckedPhoneCode> {
  const code = rawCode.replace(/\s/g, '')
  const live = await prisma.phoneCode.findMany({
    where: { phone, purpose, usedAt: null, expiresAt: { gt: now }, attempts: { lt: MAX_TRIES } },
    orderBy: { createdAt: 'desc' },
    take: LIVE_CANDIDATES,
    select: { id: true, codeHash: true },
  })
  if (live.length === 0) {
    // Why there is none, from the newest code: never sent, used or expired, or tried to death.
    const latest = await prisma.phoneCode.findFirst({
      where: { phone, purpose },
      orderBy: { createdAt: 'desc' },
      select: { expiresAt: true, usedAt: true },
    })
    if (!latest) throw codeRefusal('missing')
    if (latest.usedAt || latest.expiresAt <= now) throw codeRefusal('expired')
    throw codeRefusal('dead')
  }
  const tried = await prisma.phoneCode.updateManyAndReturn({
    where: { id: { in: live.map((row) => row.id) } },
    data: { attempts: { increment: 1 } },
    select: { id: true, attempts: true },
  })
  const attemptsOf = new Map(tried.map((row) => [row.id, row.attempts]))
  const codeHash = await hashCode(phone, purpose, code)
  // Tries that raced past the limit leave a code dead, right or wrong.
  const usable = live.filter((row) => (attemptsOf.get(row.id) ?? Infinity) <= MAX_TRIES)
  if (usable.length === 0) throw codeRefusal('dead')
  const match = /^\d{6}$/.test(code) ? usable.find((row) => sameHash(codeHash, row.codeHash)) : undefined
  if (!match) {
    const left = MAX_TRIES - (attemptsOf.get(usable[0].id) ?? MAX_TRIES)
    throw left > 0 ? codeRefusal('wrong', { left }) : codeRefusal('wrongLast')
  }
  return { id: match.id, phone, purpose, codeHash }
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
