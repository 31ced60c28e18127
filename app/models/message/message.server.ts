// The outbox (decision 011). A change that tells someone something writes its messages here, in the same
// transaction as the change; the relay hands them to the job queue and a worker sends them. Nothing here talks to
// a provider.
import { messageTemplates, type MessageParams, type TemplateKey } from '~/models/message/templates'
import type { Prisma, PrismaClient } from '@prisma/client'
import type { Language } from '~/utils/i18n'

type Db = Prisma.TransactionClient | PrismaClient

/** Who a message goes to: an SMS to the phone, and an e-mail as well where the person gave one. */
export type Recipient = { phone?: string | null; email?: string | null; language: Language }

export type MessageSubject = {
  subjectType:
    | 'Registration'
    | 'SchoolBooking'
    | 'MenuOrder'
    | 'User'
    | 'PhoneCode'
    | 'CompetitionTeam'
    | 'VolunteerShift'
    | 'BaseApplication'
    | 'BaseReview'
    | 'OrganisationJoinRequest'
  subjectId: string | null
  districtId?: string | null
}

export type OutgoingMessage = MessageSubject & {
  template: TemplateKey
  params: MessageParams
  /** Makes the message once-only (e.g. one reminder per registration and start time). */
  dedupeKey?: string
  /** Not sent before this time. */
  notBefore?: Date
}

/** The outbox rows of messages: one per channel (SMS, and e-mail where there is an address). */
export function outboxRows(items: Array<{ to: Recipient; message: OutgoingMessage }>): Prisma.MessageCreateManyInput[] {
  return items.flatMap((item) => rows(item.to, item.message))
}

function rows(recipient: Recipient, message: OutgoingMessage): Prisma.MessageCreateManyInput[] {
  const missing = messageTemplates[message.template].params.filter((name) => message.params[name] === undefined)
  if (missing.length) throw new Error(`Message ${message.template} lacks ${missing.join(', ')}`)
  const base = {
    template: message.template,
    locale: recipient.language,
    params: message.params,
    subjectType: message.subjectType,
    subjectId: message.subjectId,
    districtId: message.districtId ?? null,
    notBefore: message.notBefore ?? null,
  }
  const out: Prisma.MessageCreateManyInput[] = []
  if (recipient.phone)
    out.push({ ...base, channel: 'SMS', recipient: recipient.phone, dedupeKey: message.dedupeKey && `${message.dedupeKey}:sms` })
  if (recipient.email)
    out.push({ ...base, channel: 'EMAIL', recipient: recipient.email, dedupeKey: message.dedupeKey && `${message.dedupeKey}:email` })
  return out
}

/**
 * Writes messages into the outbox. Call it with the transaction of the change that causes them, so the change and
 * its messages commit or roll back together. Messages whose dedupeKey is already queued are left out.
 */
export async function queueMessages(db: Db, items: Array<{ to: Recipient; message: OutgoingMessage }>): Promise<number> {
  const data = outboxRows(items)
  if (!data.length) return 0
  const { count } = await db.message.createMany({ data, skipDuplicates: true })
  return count
}

export function queueMessage(db: Db, to: Recipient, message: OutgoingMessage): Promise<number> {
  return queueMessages(db, [{ to, message }])
}
