// 回避申请 (issue 27 part 2, decision 036): the applicant asks that a named reviewer of the district step aside from
// one application, with a reason; a reviewer of the district other than the one named grants or declines it with a
// note. A granted request bars that reviewer from every review move on the application and from its scores (the
// model refuses, a crafted post included), and sets aside the score they gave, if any. Each step is one transaction
// that locks the application row first, is audited on the application (its history) and told by e-mail.
import { recordAudit } from '~/models/audit.server'
import { forbidden } from '~/utils/http-errors'
import { prisma } from '~/utils/infra/db.server'
import { Refusal } from '~/utils/refusal'
import { lockApplication, recusableReviewers, requireApplicant, requireReviewer, requireState, tell } from './application.server'
import type { RecusalDecisionInput, RecusalRequestInput } from './admin-schema'
import type { Staff } from '~/utils/auth.server'

const OPEN_STATES = ['DRAFT', 'SUBMITTED', 'RETURNED', 'UNDER_REVIEW'] as const

/** The applicant names a reviewer of the district and says why. */
export async function requestRecusal(staff: Staff, id: string, input: RecusalRequestInput): Promise<string> {
  return prisma.$transaction(async (tx) => {
    const application = await lockApplication(tx, staff, id)
    requireApplicant(staff, application)
    requireState(application, [...OPEN_STATES])
    const reviewer = (await recusableReviewers(application.districtId, tx)).find((r) => r.id === input.reviewerId)
    if (!reviewer) throw new Refusal('请选择本区的一位评审人员。', 'reviewerId')
    const existing = await tx.baseRecusal.findFirst({
      where: { applicationId: id, reviewerId: reviewer.id, status: { not: 'DECLINED' } },
      select: { status: true },
    })
    if (existing)
      throw new Refusal(
        existing.status === 'GRANTED' ? `「${reviewer.name}」已按回避申请回避。` : `已申请「${reviewer.name}」回避，正等待区里决定。`,
        'reviewerId',
      )
    const recusal = await tx.baseRecusal.create({
      data: { applicationId: id, reviewerId: reviewer.id, requestedById: staff.id, reason: input.reason },
      select: { id: true },
    })
    const summary = `申请评审人员「${reviewer.name}」回避`
    await recordAudit(tx, staff.id, {
      action: 'base.recusal_request',
      entityType: 'BaseApplication',
      entityId: id,
      summary: `「${application.venue.name}」${application.level.name}申报：${summary}（理由：${input.reason}）`,
      details: { recusalId: recusal.id, reviewerId: reviewer.id, reason: input.reason },
      districtId: application.districtId,
    })
    await tell(tx, application, `${summary}，等待区里决定`, { toApplicant: true, toReviewers: true })
    return recusal.id
  })
}

/**
 * A reviewer of the district, not the one named, grants or declines a request with a note. Granting sets aside the
 * named reviewer's score: the scores are cleared (kept in the audit entry) and the application needs a new score
 * before a decision.
 */
export async function decideRecusal(staff: Staff, id: string, input: RecusalDecisionInput, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const application = await lockApplication(tx, staff, id)
    await requireReviewer(tx, staff, application)
    const recusal = await tx.baseRecusal.findFirst({
      where: { id: input.recusalId, applicationId: id },
      include: { reviewer: { select: { name: true } } },
    })
    if (!recusal) throw new Refusal('没有这份回避申请。', undefined, 404)
    if (recusal.reviewerId === staff.id) throw forbidden('这份回避申请涉及您本人：须由本区的其他评审人员决定，您不能决定。')
    if (recusal.status !== 'REQUESTED')
      throw new Refusal(`这份回避申请已${recusal.status === 'GRANTED' ? '批准' : '驳回'}，不能再决定（页面可能已过期，请刷新）。`)
    requireState(application, [...OPEN_STATES])
    const grant = input.decision === 'grant'
    await tx.baseRecusal.update({
      where: { id: recusal.id },
      data: { status: grant ? 'GRANTED' : 'DECLINED', decidedById: staff.id, decisionNote: input.note, decidedAt: now },
    })
    const setAside = grant && application.reviewerId === recusal.reviewerId
    if (setAside) await tx.baseApplication.update({ where: { id }, data: { scores: {}, totalScore: null, reviewerId: null } })
    const summary = grant
      ? `批准「${recusal.reviewer.name}」回避${setAside && application.totalScore !== null ? '，其评分作废，须另行评分' : ''}`
      : `驳回请「${recusal.reviewer.name}」回避的申请`
    await recordAudit(tx, staff.id, {
      action: grant ? 'base.recusal_granted' : 'base.recusal_declined',
      entityType: 'BaseApplication',
      entityId: id,
      summary: `「${application.venue.name}」${application.level.name}申报：${summary}（${input.note}）`,
      details: {
        recusalId: recusal.id,
        reviewerId: recusal.reviewerId,
        note: input.note,
        ...(setAside ? { setAside: { scores: application.scores, totalScore: application.totalScore } } : {}),
      },
      districtId: application.districtId,
    })
    await tell(tx, application, `${summary}：${input.note}`, { toApplicant: true, toReviewers: false })
  })
}
