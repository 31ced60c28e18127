// 申请入驻 (issue 27, decision 040): an organisation that is not on Kepu yet asks to join so it can apply for a base
// level (申报). Anyone may ask, with the contact's mobile number proven by an SMS code (purpose ORG_JOIN): the code
// is used up in the transaction that stores the request, so no request exists without a proven phone. At most one
// pending request per organisation name and per phone (checked here, and held by unique indexes if two race).
// The district's admins (and platform admins) decide; a request of another district is 404, as if it did not exist.
// Deciding locks the request row first and checks it is still pending, so two admins pressing at once decide it once.
// Approval, in one transaction: the organisation, its venue (not shown to the public until staff open it), a staff
// account for the contact with no password and a one-time set-password link, the request marked approved, the audit
// entry and the messages (outbox). Any failure leaves none of it.
import { recordAudit } from '~/models/audit.server'
import { queueMessage, queueMessages } from '~/models/message/message.server'
import { storedLanguage } from '~/models/message/notify.server'
import { checkPhoneCode, sendPhoneCode, verifyPhoneCode, type SendResult } from '~/models/phone-code.server'
import { issueToken, mailPasswordLink } from '~/models/staff/staff.server'
import { newSlug } from '~/models/venue/admin.server'
import { isUniqueViolation } from '~/utils/infra/db-errors.server'
import { prisma, type Tx } from '~/utils/infra/db.server'
import { consumeRateLimits } from '~/utils/infra/rate-limit.server'
import { maskMobile } from '~/utils/phone'
import { Refusal, localized } from '~/utils/refusal'
import { joinStatusLabel } from './labels'
import type { JoinRequestInput } from './join-schema'
import type { OrganisationKind, OrganisationJoinStatus, Prisma, VenueType } from '@prisma/client'
import type { Staff } from '~/utils/auth.server'
import type { Language } from '~/utils/i18n'

/** The venue's type until staff set it in the venue editor: the nearest the organisation's kind suggests. */
const venueTypeOf: Partial<Record<OrganisationKind, VenueType>> = {
  MUSEUM: 'SCIENCE_MUSEUM',
  RESEARCH_INSTITUTE: 'RESEARCH_LAB',
  UNIVERSITY: 'SCHOOL',
  SCHOOL: 'SCHOOL',
  COMMUNITY: 'COMMUNITY_ACADEMY',
}

/** The districts a request may name: those the portal serves now. */
export function joinDistricts() {
  return prisma.district.findMany({ where: { active: true }, orderBy: { code: 'asc' }, select: { id: true, name: true, nameEn: true } })
}

export type CodeRequest = { address: string; language: Language; now?: Date }

/** A code to the contact's mobile number, with the limits every SMS code has (decision 012). */
export function sendJoinCode(phone: string, request: CodeRequest): Promise<SendResult> {
  return sendPhoneCode(phone, 'ORG_JOIN', request)
}

const sameName = (name: string) => ({ equals: name, mode: 'insensitive' as const })

/** What refuses a request before the code is tried (so a refusal does not use up a try): the district, the name, the phone. */
async function refuseDuplicate(db: Tx | typeof prisma, input: Pick<JoinRequestInput, 'organisationName' | 'phone' | 'districtId'>) {
  const district = await db.district.findFirst({ where: { id: input.districtId, active: true }, select: { id: true, name: true } })
  if (!district) throw new Refusal(localized('join.errors.districtClosed'), 'districtId')
  if (await db.organisation.findFirst({ where: { name: sameName(input.organisationName) }, select: { id: true } }))
    throw new Refusal(localized('join.errors.nameTaken'), 'organisationName')
  if (await db.organisationJoinRequest.findFirst({ where: { status: 'PENDING', organisationName: sameName(input.organisationName) } }))
    throw new Refusal(localized('join.errors.namePending'), 'organisationName')
  if (await db.organisationJoinRequest.findFirst({ where: { status: 'PENDING', phone: input.phone }, select: { id: true } }))
    throw new Refusal(localized('join.errors.phonePending'), 'phone')
  return district
}

/**
 * Stores a request to join. Refused next to its field: a district not served, a name an organisation has, a name or a
 * phone a pending request has, a wrong or missing code, an e-mail that is a staff account already. Limited per address.
 */
export async function requestToJoin(
  input: JoinRequestInput,
  { address, language, origin, now = new Date() }: { address: string; language: Language; origin: string; now?: Date },
): Promise<string> {
  const limit = await consumeRateLimits([{ key: `org-join:addr:${address}`, limit: 10, windowSeconds: 3600 }], now)
  if (!limit.allowed)
    throw new Refusal(localized('join.errors.tooMany', { minutes: Math.ceil(limit.retryAfterSeconds / 60) }), undefined, 429)
  await refuseDuplicate(prisma, input)
  const checked = await checkPhoneCode(input.phone, 'ORG_JOIN', input.smsCode, now)
  // Asked only of someone who holds the phone: a stranger cannot probe which e-mails are staff accounts.
  if (await prisma.user.findUnique({ where: { email: input.contactEmail }, select: { id: true } }))
    throw new Refusal(localized('join.errors.emailTaken'), 'contactEmail')
  try {
    return await prisma.$transaction(async (tx) => {
      await verifyPhoneCode(tx, checked, now)
      const district = await refuseDuplicate(tx, input)
      const request = await tx.organisationJoinRequest.create({
        data: {
          organisationName: input.organisationName,
          kind: input.kind,
          districtId: district.id,
          venueName: input.venueName,
          venueAddress: input.venueAddress,
          contactName: input.contactName,
          contactEmail: input.contactEmail,
          phone: input.phone,
          note: input.note,
          locale: language,
          createdAt: now,
        },
        select: { id: true },
      })
      await recordAudit(tx, null, {
        action: 'org_join.request',
        entityType: 'OrganisationJoinRequest',
        entityId: request.id,
        districtId: district.id,
        summary: `「${input.organisationName}」申请入驻${district.name}（联系人手机 ${maskMobile(input.phone)}）`,
      })
      // The district's admins hear of it by e-mail.
      const admins = await tx.user.findMany({
        where: { role: 'DISTRICT_ADMIN', districtId: district.id, disabled: false },
        select: { email: true },
      })
      await queueMessages(
        tx,
        admins.map((a) => ({
          to: { email: a.email, language: 'zh-CN' as const },
          message: {
            template: 'staff.org-join' as const,
            params: {
              organisation: input.organisationName,
              district: district.name,
              link: `${origin}/admin/bases/join-requests/${request.id}`,
            },
            subjectType: 'OrganisationJoinRequest' as const,
            subjectId: request.id,
            districtId: district.id,
          },
        })),
      )
      return request.id
    })
  } catch (error) {
    // Two requests for one name or phone at once: the unique indexes keep one; the other is told as above.
    if (isUniqueViolation(error)) {
      await refuseDuplicate(prisma, input)
      throw new Refusal(localized('join.errors.namePending'), 'organisationName')
    }
    throw error
  }
}

/** Requests the staff member decides: platform admins all, district admins their district's, nobody else any. */
export function joinRequestScope(staff: Staff): Prisma.OrganisationJoinRequestWhereInput {
  if (staff.role === 'PLATFORM_ADMIN') return {}
  if (staff.role === 'DISTRICT_ADMIN' && staff.districtId) return { districtId: staff.districtId }
  return { id: '-' }
}

const notFound = () => new Refusal('没有这份入驻申请，或不在您的范围内。', undefined, 404)

/** The requests in scope, pending first, the phone masked. */
export async function listJoinRequests(staff: Staff, { status }: { status?: OrganisationJoinStatus } = {}) {
  const rows = await prisma.organisationJoinRequest.findMany({
    where: { ...joinRequestScope(staff), ...(status ? { status } : {}) },
    orderBy: [{ status: 'asc' }, { createdAt: 'desc' }],
    take: 500,
    select: {
      id: true,
      organisationName: true,
      kind: true,
      venueName: true,
      contactName: true,
      phone: true,
      status: true,
      createdAt: true,
      district: { select: { name: true } },
    },
  })
  return rows.map(({ phone, ...row }) => ({ ...row, phone: maskMobile(phone) }))
}

/** One request in scope, the phone masked, or 404. */
export async function getJoinRequest(staff: Staff, id: string) {
  const request = await prisma.organisationJoinRequest.findFirst({
    where: { id, ...joinRequestScope(staff) },
    select: {
      id: true,
      organisationName: true,
      kind: true,
      venueName: true,
      venueAddress: true,
      contactName: true,
      contactEmail: true,
      phone: true,
      note: true,
      status: true,
      reason: true,
      createdAt: true,
      decidedAt: true,
      district: { select: { name: true } },
      decidedBy: { select: { name: true } },
      organisation: { select: { id: true, name: true, venues: { select: { id: true, name: true } } } },
    },
  })
  if (!request) throw notFound()
  const history = await prisma.auditEntry.findMany({
    where: { entityType: 'OrganisationJoinRequest', entityId: id },
    orderBy: { at: 'asc' },
    select: { id: true, at: true, summary: true, actor: { select: { name: true } } },
  })
  return { ...request, phone: maskMobile(request.phone), history }
}

/** The full number of a pending request's contact, on purpose (to call them before deciding): audited first. */
export async function revealJoinPhone(staff: Staff, id: string, purpose: string): Promise<{ phone: string }> {
  const request = await prisma.organisationJoinRequest.findFirst({
    where: { id, status: 'PENDING', ...joinRequestScope(staff) },
    select: { phone: true, contactName: true, organisationName: true, districtId: true },
  })
  if (!request) throw notFound()
  await recordAudit(prisma, staff.id, {
    action: 'org_join.reveal_phone',
    entityType: 'OrganisationJoinRequest',
    entityId: id,
    districtId: request.districtId,
    summary: `查看完整手机号：${request.contactName}（${maskMobile(request.phone)}），「${request.organisationName}」，用途：${purpose}`,
  })
  return { phone: request.phone }
}

/** Locks the request row, then reads it in scope (404) and checks it is still pending (409). */
async function lockPending(tx: Tx, staff: Staff, id: string) {
  await tx.$queryRaw`SELECT id FROM "OrganisationJoinRequest" WHERE id = ${id} FOR UPDATE`
  const request = await tx.organisationJoinRequest.findFirst({
    where: { id, ...joinRequestScope(staff) },
    include: { district: { select: { id: true, name: true, centerLat: true, centerLng: true } } },
  })
  if (!request) throw notFound()
  if (request.status !== 'PENDING')
    throw new Refusal(`这份入驻申请已经${joinStatusLabel[request.status]}，不能再次决定（页面可能已过期，请刷新）。`)
  return request
}

export type Approval = { organisationId: string; venueId: string; userId: string; linkSecret: string }

/**
 * Approves a pending request: the organisation, its venue, the contact's staff account and a set-password link, all
 * in one transaction with the request's new state, the audit entries and the messages (the link by e-mail, the news
 * by SMS). Refused (409, nothing made) when the name or the e-mail was taken since the request.
 */
export async function approveJoinRequest(
  staff: Staff,
  id: string,
  { origin, now = new Date() }: { origin: string; now?: Date },
): Promise<Approval> {
  let name = ''
  try {
    return await prisma.$transaction(async (tx) => {
      const request = await lockPending(tx, staff, id)
      name = request.organisationName
      const organisation = await tx.organisation.create({
        data: { slug: newSlug('o'), name: request.organisationName, kind: request.kind, districtId: request.districtId },
        select: { id: true },
      })
      // Not shown to the public (openToPublic false, the same flag every public list reads) until its staff or the
      // district set its point, type and hours in the venue editor and open it; placed at the district's centre.
      const venue = await tx.venue.create({
        data: {
          slug: newSlug('v'),
          name: request.venueName,
          type: venueTypeOf[request.kind] ?? 'EDUCATION_BASE',
          districtId: request.districtId,
          organisationId: organisation.id,
          address: request.venueAddress,
          lat: request.district.centerLat,
          lng: request.district.centerLng,
          locationApproximate: true,
          openToPublic: false,
          source: '单位入驻申请',
        },
        select: { id: true },
      })
      const user = await tx.user.create({
        data: {
          email: request.contactEmail,
          name: request.contactName,
          role: 'ORG_STAFF',
          districtId: request.districtId,
          organisationId: organisation.id,
        },
        select: { id: true, email: true, name: true },
      })
      const linkSecret = await issueToken(tx, user.id, staff.id, now)
      const decided = await tx.organisationJoinRequest.updateMany({
        where: { id, status: 'PENDING' },
        data: { status: 'APPROVED', decidedById: staff.id, decidedAt: now, organisationId: organisation.id },
      })
      if (decided.count !== 1) throw new Refusal('这份入驻申请已经处理过了（页面可能已过期，请刷新）。')
      await recordAudit(tx, staff.id, {
        action: 'org_join.approve',
        entityType: 'OrganisationJoinRequest',
        entityId: id,
        districtId: request.districtId,
        summary: `通过「${request.organisationName}」的入驻申请：建立单位、场馆「${request.venueName}」（未公开）和工作人员账号 ${user.email}，设置密码链接已发到邮箱`,
        details: { organisationId: organisation.id, venueId: venue.id, userId: user.id },
      })
      await recordAudit(tx, staff.id, {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        districtId: request.districtId,
        summary: `创建账号 ${user.email}（单位工作人员，入驻申请通过）`,
        details: { role: 'ORG_STAFF', organisationId: organisation.id, joinRequestId: id },
      })
      await mailPasswordLink(tx, user, linkSecret, origin)
      await queueMessage(
        tx,
        { phone: request.phone, language: storedLanguage(request.locale) },
        {
          template: 'org-join.approved',
          params: { organisation: request.organisationName },
          subjectType: 'OrganisationJoinRequest',
          subjectId: id,
          districtId: request.districtId,
        },
      )
      return { organisationId: organisation.id, venueId: venue.id, userId: user.id, linkSecret }
    })
  } catch (error) {
    if (isUniqueViolation(error)) {
      const taken = name && (await prisma.organisation.findFirst({ where: { name: sameName(name) }, select: { id: true } }))
      throw new Refusal(
        taken
          ? `已有名为「${name}」的单位，不能再建立。请不予通过并说明原因。`
          : '联系人的邮箱已是工作人员账号，不能再建立。请不予通过并说明原因，或请对方换一个邮箱重新申请。',
      )
    }
    throw error
  }
}

/** Declines a pending request with a reason, which the contact is told by SMS and e-mail. */
export async function declineJoinRequest(staff: Staff, id: string, reason: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const request = await lockPending(tx, staff, id)
    await tx.organisationJoinRequest.update({
      where: { id },
      data: { status: 'DECLINED', reason, decidedById: staff.id, decidedAt: now },
    })
    await recordAudit(tx, staff.id, {
      action: 'org_join.decline',
      entityType: 'OrganisationJoinRequest',
      entityId: id,
      districtId: request.districtId,
      summary: `不予通过「${request.organisationName}」的入驻申请：${reason}`,
    })
    await queueMessage(
      tx,
      { phone: request.phone, email: request.contactEmail, language: storedLanguage(request.locale) },
      {
        template: 'org-join.declined',
        params: { organisation: request.organisationName, reason },
        subjectType: 'OrganisationJoinRequest',
        subjectId: id,
        districtId: request.districtId,
      },
    )
  })
}
