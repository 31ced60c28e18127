// The staff volunteer pages' posts, on the one form pipeline (decision 030): the guard first (signed in, the role in
// the staff member's scope), then the form, then the model; a refusal beside its form, success back with a notice.
import { z } from 'zod'
import { adjustHoursSchema, reasonField, roleSchema } from '~/models/volunteers/admin-schema'
import { adjustCreditedMinutes, confirmForgottenCheckout, scanVolunteerCode, volunteerCreditText } from '~/models/volunteers/hours.server'
import { cancelRole, decideShift, postRole, roleForStaff } from '~/models/volunteers/roles.server'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { notFound } from '~/utils/http-errors'
import { publicOrigin } from '~/utils/links.server'
import { Refusal } from '~/utils/refusal'
import { redirectWithToast } from '~/utils/toast.server'

export function postRoleAction(request: Request) {
  return handleForm(request, {
    schema: () => roleSchema,
    access: { staff: requireStaff },
    async submit(value, { actor: staff }) {
      const id = await postRole(staff, value)
      return redirectWithToast(request, `/admin/volunteers/roles/${id}`, '岗位已发布，已在志愿岗位列表中公开。')
    },
  })
}

const shiftId = z.string().max(40)
const roleStaffSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('accept'), shiftId }),
  z.object({ intent: z.literal('decline'), shiftId }),
  z.object({ intent: z.literal('confirm'), shiftId, reason: reasonField }),
  adjustHoursSchema.extend({ intent: z.literal('adjust') }),
  z.object({ intent: z.literal('cancel-role') }),
  z.object({ intent: z.literal('scan'), code: z.string({ required_error: '请输入志愿者码' }).trim().min(1, '请输入志愿者码').max(20) }),
])

export function roleStaffAction(request: Request, roleId: string) {
  return handleForm(request, {
    schema: () => roleStaffSchema,
    access: {
      async staff(req) {
        const staff = await requireStaff(req)
        const role = await roleForStaff(staff, roleId)
        if (!role) throw notFound()
        return staff
      },
    },
    async submit(value, { actor: staff, done }) {
      const origin = publicOrigin()
      switch (value.intent) {
        case 'accept':
        case 'decline':
          await decideShift(staff, value.shiftId, value.intent, { origin })
          return done(value.intent === 'accept' ? '已录用，已短信通知志愿者。' : '已婉拒，已短信通知志愿者。')
        case 'confirm': {
          const { minutes } = await confirmForgottenCheckout(staff, value.shiftId, value.reason, { origin })
          return done(`已确认补签退，记录 ${Math.round(minutes / 6) / 10} 小时。`)
        }
        case 'adjust':
          await adjustCreditedMinutes(staff, value)
          return done('已修改志愿时长，并记入审计日志。')
        case 'cancel-role':
          await cancelRole(staff, roleId)
          return done('岗位已取消。')
        default: {
          // scan: a venue open day's role has its own code box
          const outcome = await scanVolunteerCode(staff, { roleId }, value.code, { origin })
          if (!outcome) throw new Refusal('没有找到这个志愿者码，请核对后重新输入。', 'code', 404)
          if (!outcome.ok) throw new Refusal(outcome.message, 'code')
          return done(outcome.kind === 'in' ? `签到成功：${outcome.name}` : `签退成功：${outcome.name}，${volunteerCreditText(outcome)}`)
        }
      }
    },
  })
}
