// Posts of the volunteer settings and people pages (admins only), on the one form pipeline (decision 030).
import { z } from 'zod'
import { reasonField, skillSchema, volunteerRuleSchema } from '~/models/volunteers/admin-schema'
import {
  addSkill,
  liftNoShowBlock,
  requireVolunteerDistrict,
  saveVolunteerRule,
  setSkillActive,
} from '~/models/volunteers/volunteer.server'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'

/** Admins of the page's district only (`?district=`, else their own): another district's admin is refused before the form is read. */
async function requireVolunteerAdminStaff(request: Request) {
  const staff = await requireStaff(request)
  await requireVolunteerDistrict(staff, new URL(request.url).searchParams.get('district'))
  return staff
}

const settingsSchema = z.discriminatedUnion('intent', [
  volunteerRuleSchema.extend({ intent: z.literal('rule') }),
  skillSchema.extend({ intent: z.literal('skill-add') }),
  z.object({ intent: z.literal('skill-toggle'), key: z.string().max(40), active: z.enum(['on', 'off']) }),
])

export function settingsAction(request: Request) {
  return handleForm(request, {
    schema: () => settingsSchema,
    access: { staff: requireVolunteerAdminStaff },
    async submit(value, { actor: staff, done }) {
      if (value.intent === 'rule') {
        await saveVolunteerRule(staff, value)
        return done('规则已保存，岗位页随之更新。')
      }
      if (value.intent === 'skill-add') {
        await addSkill(staff, value)
        return done(`已添加技能：${value.name}`)
      }
      await setSkillActive(staff, value.key, value.active === 'on')
      return done(value.active === 'on' ? '技能已恢复。' : '技能已停用（已选的志愿者和岗位不受影响）。')
    },
  })
}

const liftSchema = z.object({
  intent: z.literal('lift'),
  volunteerId: z.string().max(40),
  districtId: z.string().max(40),
  reason: reasonField,
})

export function liftAction(request: Request) {
  return handleForm(request, {
    schema: () => liftSchema,
    access: { staff: requireVolunteerAdminStaff },
    async submit(value, { actor: staff, done }) {
      await liftNoShowBlock(staff, value)
      return done('已解除这位志愿者的爽约暂停，并记入审计日志。')
    },
  })
}
