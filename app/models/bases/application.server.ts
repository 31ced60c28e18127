// 科普基地 申报 (issue 27 part 2, decision 036). A venue organisation staff account applies for a level; the venue
// district admins (and platform admins) review it. The states and who moves them:
//   DRAFT ──submit──▶ SUBMITTED ──start──▶ UNDER_REVIEW ──approve──▶ APPROVED (creates the designation)
//   RETURNED ◀──return── SUBMITTED / UNDER_REVIEW          └──decline──▶ DECLINED
//   RETURNED ──submit──▶ SUBMITTED (the applicant edits a draft or a returned one only)
// Every move is one transaction that first locks the application row, checks the state it starts from, writes the
// change, its audit entry and its messages (the outbox, decision 011): two reviewers pressing at once move it once.
// An applicant sees only their organisation's applications, a reviewer only their district's; anything else is 404.
import { randomBytes } from 'node:crypto'
import { recordAudit } from '~/models/audit.server'
import { queueMessages } from '~/models/message/message.server'
import { defaultOrigin } from '~/models/message/notify.server'
import { forbidden } from '~/utils/http-errors'
import { prisma, type Tx } from '~/utils/infra/db.server'
import { Refusal } from '~/utils/refusal'
import { mayDesignate, saveDesignation } from './designation.server'
import { applicationStatusLabel, MAX_LEVEL_CRITERIA } from './labels'
import type { ApplicationInput, ApprovalInput } from './admin-schema'
import type { BaseApplicationStatus, Prisma } from '@prisma/client'
import type { Staff } from '~/utils/auth.server'

export type Criterion = { key: string; label: string; points: number }

export function criteriaOf(json: Prisma.JsonValue): Criterion[] {
  return Array.isArray(json)
    ? json.flatMap((c) =>
        c &&
        typeof c === 'object' &&
        !Array.isArray(c) &&
        typeof c.key === 'string' &&
        typeof c.label === 'string' &&
        typeof c.points === 'number'
          ? [{ key: c.key, label: c.label, points: c.points }]
          : [],
      )
    : []
}

const MAX_LEVEL_POINTS = 1000

/**
 * Reads the criteria text: every line `名称=分值` (a full-width ＝ too), the name 2–40 characters and unique, the points
 * a whole number from 1 to 100; at least one, at most MAX_LEVEL_CRITERIA, 1,000 points in all. A criterion whose
 * name was there before keeps its key, so an application's scores still name it. The first wrong line is refused
 * beside the box, by its number.
 */
export function parseLevelCriteria(text: string, stored: Criterion[]): Criterion[] {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
  const refuse = (message: string) => new Refusal(message, 'criteria')
  if (!lines.length) throw refuse('至少写一项评分标准，每行一项，例如：科普活动=40')
  if (lines.length > MAX_LEVEL_CRITERIA) throw refuse(`最多 ${MAX_LEVEL_CRITERIA} 项评分标准`)
  const keys = new Map(stored.map((c) => [c.label, c.key]))
  const criteria: Criterion[] = []
  lines.forEach((line, index) => {
    const match = /^(.+?)\s*[=\uff1d]\s*(\d{1,4})$/.exec(line)
    if (!match) throw refuse(`第 ${index + 1} 行请写成“名称=分值”，例如：科普活动=40`)
    const [, label, digits] = match
    if (label.length < 2 || label.length > 40) throw refuse(`第 ${index + 1} 行的名称请写 2–40 个字`)
    const points = Number(digits)
    if (points < 1 || points > 100) throw refuse(`第 ${index + 1} 行的分值须为 1 到 100 的整数`)
    if (criteria.some((c) => c.label === label)) throw refuse(`第 ${index + 1} 行的名称与前面重复`)
    criteria.push({ key: keys.get(label) ?? `c-${randomBytes(4).toString('hex')}`, label, points })
  })
  const total = criteria.reduce((sum, c) => sum + c.points, 0)
  if (total > MAX_LEVEL_POINTS) throw refuse(`各项分值合计 ${total}，最多 ${MAX_LEVEL_POINTS}`)
  return criteria
}

/**
 * The platform admin sets what a level's applications are scored against. Refused while an application of the level
 * is scored and not yet decided (its score would stand against criteria it was not given); scoring takes a share lock
 * on the level's row, so a score and an edit cannot cross. Audited with the criteria before and after.
 */
export async function saveLevelCriteria(staff: Staff, key: string, text: string): Promise<void> {
  if (staff.role !== 'PLATFORM_ADMIN') throw forbidden()
  await prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<Array<{ key: string }>>`SELECT key FROM "BaseLevel" WHERE key = ${key} FOR UPDATE`
    if (!locked) throw new Refusal('没有这个级别。', undefined, 404)
    const level = await tx.baseLevel.findUniqueOrThrow({ where: { key }, select: { name: true, criteria: true } })
    const before = criteriaOf(level.criteria)
    const criteria = parseLevelCriteria(text, before)
    const scored = await tx.baseApplication.findFirst({
      where: { levelKey: key, status: 'UNDER_REVIEW', totalScore: { not: null } },
      select: { venue: { select: { name: true } } },
    })
    if (scored) throw new Refusal(`「${scored.venue.name}」的申报已按现在的标准评分，作出决定后才能修改。`, 'criteria', 409)
    await tx.baseLevel.update({ where: { key }, data: { criteria } })
    await recordAudit(tx, staff.id, {
      action: 'base.level_criteria',
      entityType: 'BaseLevel',
      entityId: key,
      summary: `修改「${level.name}」的申报评分标准：${criteria.map((c) => `${c.label} ${c.points} 分`).join('、')}`,
      details: { before, after: criteria },
    })
  })
}

/** Applications the staff member sees: platform admins all, district admins their district, staff their organisation. */
export function applicationScope(staff: Staff): Prisma.BaseApplicationWhereInput {
  if (staff.role === 'PLATFORM_ADMIN') return {}
  if (staff.role === 'DISTRICT_ADMIN') return { districtId: staff.districtId ?? '-' }
  return { venue: { organisationId: staff.organisationId ?? '-' } }
}

const notFound = () => new Refusal('没有这份申报，或不在您的范围内。', undefined, 404)

export async function listApplications(staff: Staff) {
  const rows = await prisma.baseApplication.findMany({
    where: applicationScope(staff),
    orderBy: [{ updatedAt: 'desc' }],
    take: 500,
    select: {
      id: true,
      status: true,
      updatedAt: true,
      submittedAt: true,
      totalScore: true,
      venue: { select: { name: true } },
      level: { select: { name: true } },
      district: { select: { name: true } },
    },
  })
  // A reviewer who steps aside (a granted 回避申请) does not see that application's score in the list either.
  const recused = new Set(
    (
      await prisma.baseRecusal.findMany({
        where: { reviewerId: staff.id, status: 'GRANTED', applicationId: { in: rows.map((r) => r.id) } },
        select: { applicationId: true },
      })
    ).map((r) => r.applicationId),
  )
  return rows.map((r) => (recused.has(r.id) ? { ...r, totalScore: null } : r))
}

/** One application with what its page shows, in scope, or 404. */
export async function getApplication(staff: Staff, id: string) {
  const application = await prisma.baseApplication.findFirst({
    where: { id, ...applicationScope(staff) },
    select: {
      id: true,
      status: true,
      summary: true,
      openDaysPerYear: true,
      areaSqm: true,
      staffCount: true,
      contactName: true,
      reviewNotes: true,
      scores: true,
      totalScore: true,
      submittedAt: true,
      decidedAt: true,
      venueId: true,
      districtId: true,
      levelKey: true,
      venue: { select: { name: true, slug: true, organisationId: true } },
      level: { select: { name: true, criteria: true } },
      applicant: { select: { name: true } },
      reviewer: { select: { name: true } },
      designation: { select: { id: true } },
    },
  })
  if (!application) throw notFound()
  const [entries, recusals, recused] = await Promise.all([
    prisma.auditEntry.findMany({
      where: { entityType: 'BaseApplication', entityId: id },
      orderBy: { at: 'desc' },
      select: { id: true, at: true, action: true, summary: true, actor: { select: { name: true } } },
    }),
    prisma.baseRecusal.findMany({
      where: { applicationId: id },
      orderBy: { createdAt: 'asc' },
      select: {
        id: true,
        reviewerId: true,
        reason: true,
        status: true,
        decisionNote: true,
        createdAt: true,
        decidedAt: true,
        reviewer: { select: { name: true } },
        requestedBy: { select: { name: true } },
        decidedBy: { select: { name: true } },
      },
    }),
    isRecused(prisma, staff.id, id),
  ])
  // A reviewer who steps aside sees neither the scores nor the score in the history (the approval names the total).
  const history = entries.map(({ action, ...h }) =>
    !recused
      ? h
      : action === 'base.application_score'
        ? { ...h, summary: '评分（您已回避，分数不显示）' }
        : { ...h, summary: h.summary.replace(/（\d+ 分）/, '') },
  )
  const isReviewer = mayDesignate(staff, application.districtId)
  const isApplicant = staff.role === 'ORG_STAFF' && staff.organisationId === application.venue.organisationId
  const open = application.status !== 'APPROVED' && application.status !== 'DECLINED'
  return {
    ...application,
    scores: recused ? {} : application.scores,
    totalScore: recused ? null : application.totalScore,
    criteria: criteriaOf(application.level.criteria),
    history,
    recusals,
    recused,
    isApplicant,
    isReviewer: isReviewer && !recused,
    /** The reviewers the applicant may ask to step aside: the district's, not already named by a request not declined. */
    recusable:
      isApplicant && open
        ? (await recusableReviewers(application.districtId)).filter(
            (r) => !recusals.some((q) => q.reviewerId === r.id && q.status !== 'DECLINED'),
          )
        : [],
  }
}

/** The district's reviewers: its admins, not disabled (the staff who score its applications). */
export function recusableReviewers(districtId: string, client: Tx | typeof prisma = prisma) {
  return client.user.findMany({
    where: { role: 'DISTRICT_ADMIN', districtId, disabled: false },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  })
}

/** The venues the staff member may apply for: their organisation's. */
export async function venuesToApplyFor(staff: Staff): Promise<Array<{ id: string; name: string }>> {
  if (staff.role !== 'ORG_STAFF' || !staff.organisationId) return []
  return prisma.venue.findMany({
    where: { organisationId: staff.organisationId },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  })
}

const applicantData = (input: ApplicationInput) => ({
  levelKey: input.levelKey,
  summary: input.summary,
  openDaysPerYear: input.openDaysPerYear ?? null,
  areaSqm: input.areaSqm ?? null,
  staffCount: input.staffCount ?? null,
  contactName: input.contactName || null,
})

/** Staff of the venue organisation start a draft. */
export async function createApplication(staff: Staff, input: ApplicationInput): Promise<string> {
  if (staff.role !== 'ORG_STAFF') throw forbidden('申报由场馆所属单位的工作人员填写。')
  return prisma.$transaction(async (tx) => {
    const venue = await tx.venue.findFirst({
      where: { id: input.venueId, organisationId: staff.organisationId ?? '-' },
      select: { id: true, name: true, districtId: true },
    })
    if (!venue) throw new Refusal('请选择本单位的场馆。', 'venueId')
    const level = await tx.baseLevel.findFirst({ where: { key: input.levelKey, active: true } })
    if (!level) throw new Refusal('请选择申报级别。', 'levelKey')
    const created = await tx.baseApplication.create({
      data: { ...applicantData(input), venueId: venue.id, districtId: venue.districtId, applicantId: staff.id },
      select: { id: true },
    })
    await recordAudit(tx, staff.id, {
      action: 'base.application_create',
      entityType: 'BaseApplication',
      entityId: created.id,
      summary: `「${venue.name}」起草${level.name}申报`,
      districtId: venue.districtId,
    })
    return created.id
  })
}

/** Locks the application row and checks it is in scope; returns it with its venue and level. */
export async function lockApplication(tx: Tx, staff: Staff, id: string) {
  await tx.$queryRaw`SELECT id FROM "BaseApplication" WHERE id = ${id} FOR UPDATE`
  const application = await tx.baseApplication.findFirst({
    where: { id, ...applicationScope(staff) },
    include: {
      venue: { select: { name: true, organisationId: true } },
      level: { select: { name: true, criteria: true, active: true } },
    },
  })
  if (!application) throw notFound()
  return application
}

export type Locked = Awaited<ReturnType<typeof lockApplication>>

export function requireApplicant(staff: Staff, application: Locked): void {
  if (staff.role !== 'ORG_STAFF' || staff.organisationId !== application.venue.organisationId) throw forbidden()
}

/** The message of the 回避 rule: a reviewer a granted request names neither scores nor sees the scores. */
export const RECUSED_MESSAGE = '按已批准的回避申请，您须回避这份申报：不能评审，也不能查看它的评分。'

/** Whether a granted 回避申请 names this staff member on this application. */
export async function isRecused(tx: Tx | typeof prisma, staffId: string, applicationId: string): Promise<boolean> {
  return (await tx.baseRecusal.count({ where: { applicationId, reviewerId: staffId, status: 'GRANTED' } })) > 0
}

/** A reviewer of the district (or a platform admin) who has not been asked to step aside by a granted request. */
export async function requireReviewer(tx: Tx, staff: Staff, application: Locked): Promise<void> {
  if (!mayDesignate(staff, application.districtId)) throw forbidden()
  if (await isRecused(tx, staff.id, application.id)) throw new Refusal(RECUSED_MESSAGE, undefined, 403)
}

/** A decision waits until every 回避申请 on the application is decided. */
async function requireNoOpenRecusal(tx: Tx, application: Locked): Promise<void> {
  if (await tx.baseRecusal.count({ where: { applicationId: application.id, status: 'REQUESTED' } }))
    throw new Refusal('这份申报还有回避申请未决定，请先决定回避申请，再作通过或不予通过的决定。')
}

export function requireState(application: Locked, allowed: BaseApplicationStatus[]): void {
  if (!allowed.includes(application.status))
    throw new Refusal(`这份申报现在是「${applicationStatusLabel[application.status]}」，不能这样操作（页面可能已过期，请刷新）。`)
}

/** The applicant organisation staff and the district reviewers hear of each move, by e-mail. */
export async function tell(
  tx: Tx,
  application: Locked,
  state: string,
  { toApplicant, toReviewers }: { toApplicant: boolean; toReviewers: boolean },
) {
  const where: Prisma.UserWhereInput[] = []
  if (toApplicant && application.venue.organisationId) where.push({ role: 'ORG_STAFF', organisationId: application.venue.organisationId })
  if (toReviewers) where.push({ role: 'DISTRICT_ADMIN', districtId: application.districtId })
  if (!where.length) return
  const people = await tx.user.findMany({ where: { disabled: false, OR: where }, select: { email: true } })
  await queueMessages(
    tx,
    people.map((p) => ({
      to: { email: p.email, language: 'zh-CN' as const },
      message: {
        template: 'staff.base-application' as const,
        params: {
          venue: application.venue.name,
          level: application.level.name,
          state,
          link: `${defaultOrigin()}/admin/bases/applications/${application.id}`,
        },
        subjectType: 'BaseApplication' as const,
        subjectId: application.id,
        districtId: application.districtId,
      },
    })),
  )
}

async function move(
  tx: Tx,
  staff: Staff,
  application: Locked,
  to: BaseApplicationStatus,
  data: Prisma.BaseApplicationUncheckedUpdateInput,
  summary: string,
  tellWho: { toApplicant: boolean; toReviewers: boolean },
  details: Prisma.InputJsonValue = {},
) {
  await tx.baseApplication.update({ where: { id: application.id }, data: { ...data, status: to } })
  await recordAudit(tx, staff.id, {
    action: `base.application_${to.toLowerCase()}`,
    entityType: 'BaseApplication',
    entityId: application.id,
    summary: `「${application.venue.name}」${application.level.name}申报：${summary}`,
    details: { from: application.status, to, ...(details as object) },
    districtId: application.districtId,
  })
  await tell(tx, application, summary, tellWho)
}

/** The applicant changes a draft or a returned application. */
export async function updateApplication(staff: Staff, id: string, input: ApplicationInput): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const application = await lockApplication(tx, staff, id)
    requireApplicant(staff, application)
    requireState(application, ['DRAFT', 'RETURNED'])
    if (input.venueId !== application.venueId) throw new Refusal('申报的场馆不能更改，请另起一份申报。', 'venueId')
    const level = await tx.baseLevel.findFirst({ where: { key: input.levelKey, active: true } })
    if (!level) throw new Refusal('请选择申报级别。', 'levelKey')
    await tx.baseApplication.update({ where: { id }, data: applicantData(input) })
    await recordAudit(tx, staff.id, {
      action: 'base.application_edit',
      entityType: 'BaseApplication',
      entityId: id,
      summary: `「${application.venue.name}」修改${level.name}申报`,
      districtId: application.districtId,
    })
  })
}

/** The applicant submits (again, after a return): the district reviewers are told. */
export async function submitApplication(staff: Staff, id: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const application = await lockApplication(tx, staff, id)
    requireApplicant(staff, application)
    requireState(application, ['DRAFT', 'RETURNED'])
    if (!application.level.active) throw new Refusal('这个级别已停用，不能提交。')
    const open = await tx.baseApplication.count({
      where: {
        venueId: application.venueId,
        levelKey: application.levelKey,
        status: { in: ['SUBMITTED', 'UNDER_REVIEW'] },
        id: { not: id },
      },
    })
    if (open) throw new Refusal('这个场馆已有同一级别的申报在评审中。')
    await move(tx, staff, application, 'SUBMITTED', { submittedAt: now }, '已提交，等待评审', { toApplicant: false, toReviewers: true })
  })
}

/** A reviewer takes it up. */
export async function startReview(staff: Staff, id: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const application = await lockApplication(tx, staff, id)
    await requireReviewer(tx, staff, application)
    requireState(application, ['SUBMITTED'])
    await move(tx, staff, application, 'UNDER_REVIEW', { reviewerId: staff.id }, '进入评审', { toApplicant: true, toReviewers: false })
  })
}

/** A reviewer sends it back for changes, with notes the applicant reads. */
export async function returnApplication(staff: Staff, id: string, notes: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const application = await lockApplication(tx, staff, id)
    await requireReviewer(tx, staff, application)
    requireState(application, ['SUBMITTED', 'UNDER_REVIEW'])
    await move(tx, staff, application, 'RETURNED', { reviewNotes: notes }, `退回修改：${notes}`, { toApplicant: true, toReviewers: false })
  })
}

/**
 * A reviewer scores against the level's criteria: every criterion a whole number from 0 to its points; anything
 * else is refused next to its box and nothing is saved.
 */
export async function scoreApplication(staff: Staff, id: string, posted: Record<string, string | undefined>): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const application = await lockApplication(tx, staff, id)
    await requireReviewer(tx, staff, application)
    requireState(application, ['UNDER_REVIEW'])
    // The level's criteria under a share lock: an edit of them waits for this score, or this score for the edit.
    await tx.$queryRaw`SELECT key FROM "BaseLevel" WHERE key = ${application.levelKey} FOR SHARE`
    const level = await tx.baseLevel.findUniqueOrThrow({ where: { key: application.levelKey }, select: { criteria: true } })
    const criteria = criteriaOf(level.criteria)
    if (!criteria.length) throw new Refusal('这个级别还没有评分标准，请平台管理员先设定。')
    const scores: Record<string, number> = {}
    for (const c of criteria) {
      const text = (posted[c.key] ?? '').trim()
      if (!/^\d{1,4}$/.test(text)) throw new Refusal(`「${c.label}」请填写 0 到 ${c.points} 的整数`, `scores.${c.key}`)
      const value = Number(text)
      if (value > c.points) throw new Refusal(`「${c.label}」最多 ${c.points} 分`, `scores.${c.key}`)
      scores[c.key] = value
    }
    const total = Object.values(scores).reduce((sum, v) => sum + v, 0)
    await tx.baseApplication.update({ where: { id }, data: { scores, totalScore: total, reviewerId: staff.id } })
    await recordAudit(tx, staff.id, {
      action: 'base.application_score',
      entityType: 'BaseApplication',
      entityId: id,
      summary: `「${application.venue.name}」${application.level.name}申报评分：${total} 分`,
      details: { scores },
      districtId: application.districtId,
    })
    return total
  })
}

/** A reviewer approves a scored application: the designation is created in the same transaction. */
export async function approveApplication(staff: Staff, id: string, input: ApprovalInput, now = new Date()): Promise<string> {
  return prisma.$transaction(async (tx) => {
    const application = await lockApplication(tx, staff, id)
    await requireReviewer(tx, staff, application)
    requireState(application, ['UNDER_REVIEW'])
    await requireNoOpenRecusal(tx, application)
    if (application.totalScore === null) throw new Refusal('请先评分，再作决定。')
    const designationId = await saveDesignation(
      staff,
      {
        venueId: application.venueId,
        levelKey: application.levelKey,
        batch: input.batch,
        year: input.year,
        validFrom: input.validFrom,
        validUntil: input.validUntil,
        status: 'ACTIVE',
        applicationId: application.id,
      },
      { tx },
    )
    await move(
      tx,
      staff,
      application,
      'APPROVED',
      { decidedAt: now },
      `通过（${application.totalScore} 分），已认定为${application.level.name}`,
      {
        toApplicant: true,
        toReviewers: false,
      },
      { designationId },
    )
    return designationId
  })
}

/** A reviewer declines, with notes. */
export async function declineApplication(staff: Staff, id: string, notes: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const application = await lockApplication(tx, staff, id)
    await requireReviewer(tx, staff, application)
    requireState(application, ['SUBMITTED', 'UNDER_REVIEW'])
    await requireNoOpenRecusal(tx, application)
    await move(tx, staff, application, 'DECLINED', { reviewNotes: notes, decidedAt: now }, `未通过：${notes}`, {
      toApplicant: true,
      toReviewers: false,
    })
  })
}
