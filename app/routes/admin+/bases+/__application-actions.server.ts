// Posts of the 申报 pages, on the one form pipeline (decision 030): the guard first (signed in, the application in
// the staff member's scope, else 404), then the form, then the model, which checks the role and the state again
// inside its transaction (a crafted post for a move the page did not offer is refused there).
import { z } from 'zod'
import {
  applicationSchema,
  approvalFields,
  recusalDecisionSchema,
  recusalRequestSchema,
  reviewNotesField,
} from '~/models/bases/admin-schema'
import {
  approveApplication,
  createApplication,
  declineApplication,
  getApplication,
  returnApplication,
  scoreApplication,
  startReview,
  submitApplication,
  updateApplication,
} from '~/models/bases/application.server'
import { addAttachment, removeAttachment } from '~/models/bases/attachments.server'
import { decideRecusal, requestRecusal } from '~/models/bases/recusal.server'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { redirectWithToast } from '~/utils/toast.server'
import { attachmentFiles, attachmentIntents } from './__attachments'
import { staffWhoMaySee } from './__staff-guard.server'
import type { TFunction } from 'i18next'

export function newApplicationAction(request: Request) {
  return handleForm(request, {
    schema: () => applicationSchema,
    access: { staff: requireStaff },
    async submit(value, { actor: staff }) {
      const id = await createApplication(staff, value)
      return redirectWithToast(request, `/admin/bases/applications/${id}`, '申报草稿已保存。检查无误后提交。')
    },
  })
}

const applicationPostSchema = (t: TFunction) =>
  z.discriminatedUnion('intent', [
    ...attachmentIntents(t),
    applicationSchema.extend({ intent: z.literal('edit') }),
    z.object({ intent: z.literal('submit') }),
    z.object({ intent: z.literal('start') }),
    z.object({ intent: z.literal('return'), notes: reviewNotesField }),
    z.object({ intent: z.literal('decline'), notes: reviewNotesField }),
    z.object({ intent: z.literal('score'), scores: z.record(z.string().max(10)).default({}) }),
    approvalFields.extend({ intent: z.literal('approve') }),
    recusalRequestSchema.extend({ intent: z.literal('recuse') }),
    recusalDecisionSchema.extend({ intent: z.literal('recusal-decide') }),
  ])

export function applicationAction(request: Request, id: string) {
  return handleForm(request, {
    schema: applicationPostSchema,
    access: {
      staff: staffWhoMaySee((staff) => getApplication(staff, id)),
    },
    files: attachmentFiles,
    async submit(value, { actor: staff, done }) {
      switch (value.intent) {
        case 'attach':
          await addAttachment(staff, { kind: 'application', id }, value.file)
          return done(`附件「${value.file.name}」已上传。`)
        case 'detach':
          return done(`附件「${await removeAttachment(staff, { kind: 'application', id }, value.attachmentId)}」已删除。`)
        case 'edit':
          await updateApplication(staff, id, value)
          return done('申报已保存。')
        case 'submit':
          await submitApplication(staff, id)
          return done('申报已提交，区里的评审人员会收到通知。')
        case 'start':
          await startReview(staff, id)
          return done('已进入评审，申报单位会收到通知。')
        case 'return':
          await returnApplication(staff, id, value.notes)
          return done('已退回修改，申报单位会收到意见。')
        case 'decline':
          await declineApplication(staff, id, value.notes)
          return done('已作出未通过的决定，申报单位会收到通知。')
        case 'score': {
          const total = await scoreApplication(staff, id, value.scores)
          return done(`评分已保存：共 ${total} 分。`)
        }
        case 'approve':
          await approveApplication(staff, id, value)
          return done('申报已通过，认定已写入名录，场馆公开页随之显示。')
        case 'recuse':
          await requestRecusal(staff, id, value)
          return done('回避申请已提交，区里会决定并通知您。')
        case 'recusal-decide':
          await decideRecusal(staff, id, value)
          return done(value.decision === 'grant' ? '已批准回避，该评审人员不能再评审这份申报。' : '已驳回回避申请，申报单位会收到通知。')
      }
    },
  })
}
