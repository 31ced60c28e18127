// What staff see of messages (decision 011): the messages of one registration, school booking or 菜单 order, the
// list of failed deliveries, and resending. Who sees what: a platform admin every message; a district admin the
// messages of their district (Message.districtId) and of subjects they manage; organisation staff only the messages
// of registrations, bookings and orders they manage (never the district-wide list).
import { recordAudit } from '~/models/audit.server'
import { messageTemplates, isTemplateKey, type MessageTemplate } from '~/models/message/templates'
import { forbidden } from '~/utils/http-errors'
import { prisma } from '~/utils/infra/db.server'
import { linkKey } from '~/utils/infra/secrets.server'
import { eventScope, venueScope } from '~/utils/permissions.server'
import { maskMobile } from '~/utils/phone'
import { derivedLinkSecretFor, privateLinkPath, type PrivateLinkKind } from '~/utils/private-links.server'
import { Refusal } from '~/utils/refusal'
import type { MessageStatus, Prisma } from '@prisma/client'
import type { Staff } from '~/utils/auth.server'

export const MESSAGE_PAGE_SIZE = 50

export type SubjectType = 'Registration' | 'SchoolBooking' | 'MenuOrder'
const subjectTypes: readonly string[] = ['Registration', 'SchoolBooking', 'MenuOrder']
export const isSubjectType = (value: string): value is SubjectType => subjectTypes.includes(value)

/** li***@example.cn: e-mail addresses are masked like phone numbers. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@')
  if (at < 1) return '****'
  return `${address.slice(0, Math.min(2, at))}***${address.slice(at)}`
}

export function maskRecipient(channel: string, recipient: string): string {
  return channel === 'EMAIL' ? maskEmail(recipient) : maskMobile(recipient)
}

/** A template's label for staff, in Chinese and English: its e-mail subject without the parameters. */
export function templateLabel(key: string): { zh: string; en: string } {
  if (!isTemplateKey(key)) return { zh: key, en: key }
  const strip = (subject: string) => subject.replace(/[：:]?\s*\{\w+\}/g, '').trim() || key
  const { subject } = messageTemplates[key]
  return { zh: strip(subject['zh-CN']), en: strip(subject.en) }
}

export type StaffMessage = {
  id: string
  channel: string
  recipient: string
  template: string
  label: { zh: string; en: string }
  locale: string
  status: MessageStatus
  attempts: number
  lastError: string | null
  createdAt: string
  sentAt: string | null
  failedAt: string | null
  resentAsId: string | null
  subjectType: string
  subjectId: string | null
  canResend: boolean
}

const FINAL: MessageStatus[] = ['SENT', 'FAILED', 'SKIPPED']

function forStaff(message: Prisma.MessageGetPayload<object>): StaffMessage {
  return {
    id: message.id,
    channel: message.channel,
    recipient: maskRecipient(message.channel, message.recipient),
    template: message.template,
    label: templateLabel(message.template),
    locale: message.locale,
    status: message.status,
    attempts: message.attempts,
    lastError: message.lastError,
    createdAt: message.createdAt.toISOString(),
    sentAt: message.sentAt?.toISOString() ?? null,
    failedAt: message.failedAt?.toISOString() ?? null,
    resentAsId: message.resentAsId,
    subjectType: message.subjectType,
    subjectId: message.subjectId,
    canResend: FINAL.includes(message.status) && !message.resentAsId && message.subjectType !== 'PhoneCode',
  }
}

/** Whether the staff member manages this registration, school booking or 菜单 order. */
export async function managesSubject(staff: Staff, subjectType: string, subjectId: string | null): Promise<boolean> {
  if (!subjectId) return false
  if (staff.role === 'PLATFORM_ADMIN') return true
  if (subjectType === 'Registration')
    return !!(await prisma.registration.findFirst({
      where: { id: subjectId, session: { event: eventScope(staff) } },
      select: { id: true },
    }))
  if (subjectType === 'SchoolBooking')
    return !!(await prisma.schoolBooking.findFirst({ where: { id: subjectId, venue: venueScope(staff) }, select: { id: true } }))
  if (subjectType === 'MenuOrder') {
    const scope: Prisma.MenuOrderWhereInput =
      staff.role === 'DISTRICT_ADMIN'
        ? { districtId: staff.districtId ?? '-' }
        : { menuItem: { organisationId: staff.organisationId ?? '-' } }
    return !!(await prisma.menuOrder.findFirst({ where: { id: subjectId, ...scope }, select: { id: true } }))
  }
  return false
}

/** The messages of some registrations, bookings or orders the caller has already checked the staff member manages. */
export async function messagesOfSubjects(subjectType: SubjectType, subjectIds: string[], take = 200): Promise<StaffMessage[]> {
  if (!subjectIds.length) return []
  const messages = await prisma.message.findMany({
    where: { subjectType, subjectId: { in: subjectIds } },
    orderBy: { createdAt: 'desc' },
    take,
  })
  return messages.map(forStaff)
}

/** The district-wide list (admins), by status; failed deliveries by default. */
export async function listMessages(
  staff: Staff,
  { status, page = 1 }: { status?: MessageStatus; page?: number },
): Promise<{ messages: StaffMessage[]; total: number; pages: number }> {
  if (staff.role === 'ORG_STAFF') throw forbidden()
  const where: Prisma.MessageWhereInput = {
    ...(status ? { status } : {}),
    ...(staff.role === 'DISTRICT_ADMIN' ? { districtId: staff.districtId ?? '-' } : {}),
  }
  const [messages, total] = await Promise.all([
    prisma.message.findMany({ where, orderBy: { createdAt: 'desc' }, skip: (page - 1) * MESSAGE_PAGE_SIZE, take: MESSAGE_PAGE_SIZE }),
    prisma.message.count({ where }),
  ])
  return { messages: messages.map(forStaff), total, pages: Math.max(1, Math.ceil(total / MESSAGE_PAGE_SIZE)) }
}

const linkKinds: Record<SubjectType, PrivateLinkKind> = {
  Registration: 'registration',
  SchoolBooking: 'school-booking',
  MenuOrder: 'menu-order',
}

/** The subject's private link again, if it was derived from its code (records made before derived links were not). */
async function rebuiltLink(
  db: Prisma.TransactionClient,
  subjectType: string,
  subjectId: string | null,
  origin: string,
): Promise<string | null> {
  if (!subjectId || !isSubjectType(subjectType)) return null
  const select = { code: true, manageTokenHash: true } as const
  const record =
    subjectType === 'Registration'
      ? await db.registration.findUnique({ where: { id: subjectId }, select })
      : subjectType === 'SchoolBooking'
        ? await db.schoolBooking.findUnique({ where: { id: subjectId }, select })
        : await db.menuOrder.findUnique({ where: { id: subjectId }, select })
  if (!record) return null
  const kind = linkKinds[subjectType]
  const secret = derivedLinkSecretFor(await linkKey(db), kind, record.code, record.manageTokenHash)
  return secret ? `${origin}${privateLinkPath[kind]}${secret}` : null
}

/**
 * Queues the message again as a new message (same template and parameters) and points the old one at it. A
 * redacted private link is rebuilt from the subject's code; a verification code is never resent (a new one must
 * be requested). Refusals say why.
 */
export async function resendMessage(staff: Staff, messageId: string, origin: string): Promise<{ id: string }> {
  const message = await prisma.message.findUnique({ where: { id: messageId } })
  if (!message) throw new Refusal('找不到这条消息。')
  const mine =
    staff.role === 'PLATFORM_ADMIN' ||
    (staff.role === 'DISTRICT_ADMIN' && message.districtId === staff.districtId) ||
    (await managesSubject(staff, message.subjectType, message.subjectId))
  if (!mine) throw forbidden()
  if (message.subjectType === 'PhoneCode') throw new Refusal('验证码不重发：请让对方重新获取验证码。')
  return prisma.$transaction(async (tx) => {
    // The old message, locked: two staff clicking at once resend it once.
    const [current] = await tx.$queryRaw<Array<{ status: MessageStatus; resentAsId: string | null }>>`
      SELECT "status", "resentAsId" FROM "Message" WHERE "id" = ${messageId} FOR UPDATE`
    if (current.resentAsId) throw new Refusal('这条消息已经重发过。')
    if (!FINAL.includes(current.status)) throw new Refusal('这条消息还在发送中。')
    const params = { ...(message.params as Record<string, string>) }
    const template: MessageTemplate | undefined = isTemplateKey(message.template) ? messageTemplates[message.template] : undefined
    const secret: readonly string[] = template?.secret ?? []
    for (const name of secret) {
      if (params[name] !== '[redacted]') continue
      const link = name === 'link' ? await rebuiltLink(tx, message.subjectType, message.subjectId, origin) : null
      if (!link) throw new Refusal('这条消息里的私密链接已无法重建，不能重发。')
      params[name] = link
    }
    const copy = await tx.message.create({
      data: {
        channel: message.channel,
        recipient: message.recipient,
        template: message.template,
        locale: message.locale,
        params,
        subjectType: message.subjectType,
        subjectId: message.subjectId,
        districtId: message.districtId,
      },
    })
    await tx.message.update({ where: { id: message.id }, data: { resentAsId: copy.id } })
    await recordAudit(tx, staff.id, {
      action: 'message.resend',
      entityType: 'Message',
      entityId: message.id,
      summary: `重发消息 ${templateLabel(message.template).zh}（${message.channel === 'EMAIL' ? '邮件' : '短信'} ${maskRecipient(message.channel, message.recipient)}）`,
      details: { newMessageId: copy.id, subjectType: message.subjectType, subjectId: message.subjectId },
      districtId: message.districtId,
    })
    return { id: copy.id }
  })
}
