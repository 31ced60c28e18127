// Posts of the yearly 考核 pages, on the one form pipeline (decision 030): the guard first (signed in, the report or
// the district in the staff member's scope, else 404), then the form, then the model, which checks the role and the
// state again inside its transaction (a crafted post for a move the page did not offer is refused there with 409).
import { z } from 'zod'
import { bandsSchema, openReportsSchema, reasonField } from '~/models/bases/admin-schema'
import { addAttachment, removeAttachment } from '~/models/bases/attachments.server'
import { mayDesignate } from '~/models/bases/designation.server'
import {
  approveReview,
  districtScore,
  getReview,
  openReports,
  refreshMeasured,
  remindNotSubmitted,
  reopenReview,
  returnReview,
  saveBands,
  saveDeclared,
  selfScore,
  submitReview,
} from '~/models/bases/review.server'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { notFound } from '~/utils/http-errors'
import { Refusal } from '~/utils/refusal'
import { attachmentFiles, attachmentIntents } from './__attachments'
import { staffWhoMaySee } from './__staff-guard.server'
import type { TFunction } from 'i18next'

const reviewsPostSchema = z.discriminatedUnion('intent', [
  openReportsSchema.extend({ intent: z.literal('open') }),
  z.object({
    intent: z.literal('remind'),
    districtId: z.string().max(40),
    year: z.coerce.number().int().min(2000).max(2100),
  }),
  bandsSchema.innerType().extend({ intent: z.literal('bands') }),
])

export function reviewsAction(request: Request) {
  return handleForm(request, {
    schema: () => reviewsPostSchema,
    access: { staff: requireStaff },
    async submit(value, { actor: staff, done }) {
      if (!mayDesignate(staff, value.districtId)) throw notFound('不在您的管理范围内。')
      switch (value.intent) {
        case 'open': {
          const opened = await openReports(staff, value)
          return done(
            opened ? `已开启 ${opened} 份 ${value.year} 年度考核报告，各基地会收到通知。` : `${value.year} 年度没有需要新开启的报告。`,
          )
        }
        case 'remind': {
          const reminded = await remindNotSubmitted(staff, value.districtId, value.year)
          return done(reminded ? `已提醒 ${reminded} 个尚未提交的基地。` : '没有尚未提交的基地。')
        }
        case 'bands': {
          const { excellent, good, pass } = value
          if (good >= excellent) throw new Refusal('优良线须低于优秀线', 'good')
          if (pass >= good) throw new Refusal('合格线须低于优良线', 'pass')
          await saveBands(staff, value.districtId, { excellent, good, pass })
          return done('考核结果档次已保存。')
        }
      }
    },
  })
}

const reviewPostSchema = (t: TFunction) =>
  z.discriminatedUnion('intent', [
    ...attachmentIntents(t),
    z.object({ intent: z.literal('refresh') }),
    z.object({ intent: z.literal('declare'), declared: z.record(z.string().max(20)).default({}) }),
    z.object({ intent: z.literal('self-score'), self: z.record(z.string().max(10)).default({}) }),
    z.object({ intent: z.literal('submit') }),
    z.object({ intent: z.literal('return'), notes: reasonField('退回意见') }),
    z.object({
      intent: z.literal('district-score'),
      district: z.record(z.string().max(10)).default({}),
      comments: z.string().trim().max(2000, '评语请少于 2000 字').optional(),
    }),
    z.object({ intent: z.literal('approve') }),
    z.object({ intent: z.literal('reopen'), reason: reasonField('重新打开的理由') }),
  ])

export function reviewAction(request: Request, id: string) {
  return handleForm(request, {
    schema: reviewPostSchema,
    access: {
      staff: staffWhoMaySee((staff) => getReview(staff, id)),
    },
    files: attachmentFiles,
    async submit(value, { actor: staff, done }) {
      switch (value.intent) {
        case 'attach':
          await addAttachment(staff, { kind: 'review', id }, value.file)
          return done(`证明材料「${value.file.name}」已上传。`)
        case 'detach':
          return done(`证明材料「${await removeAttachment(staff, { kind: 'review', id }, value.attachmentId)}」已删除。`)
        case 'refresh':
          await refreshMeasured(staff, id)
          return done('已按平台记录重新统计。')
        case 'declare':
          await saveDeclared(staff, id, value.declared)
          return done('填报数据已保存。')
        case 'self-score': {
          const total = await selfScore(staff, id, value.self)
          return done(`自评已保存：共 ${total} 分。`)
        }
        case 'submit':
          await submitReview(staff, id)
          return done('报告已提交，区里会收到通知。')
        case 'return':
          await returnReview(staff, id, value.notes)
          return done('已退回修改，基地会收到意见。')
        case 'district-score': {
          const total = await districtScore(staff, id, value.district, value.comments)
          return done(`区评分已保存：共 ${total} 分。`)
        }
        case 'approve': {
          const result = await approveReview(staff, id)
          return done(`报告已审定：${result}。报告已锁定。`)
        }
        case 'reopen':
          await reopenReview(staff, id, value.reason)
          return done('报告已重新打开，可重新评分或退回。')
      }
    },
  })
}
