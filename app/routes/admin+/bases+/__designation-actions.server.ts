// Posts of the designation pages (admins of the venue's district, platform admins), on the one form pipeline
// (decision 030). The venue is checked before the form is read: out of scope is 404, organisation staff 403.
import { z } from 'zod'
import { designationSchema, levelCriteriaSchema, levelSchema } from '~/models/bases/admin-schema'
import { saveLevelCriteria } from '~/models/bases/application.server'
import { addLevel, requireDesignationVenue, requirePlatformAdmin, saveDesignation, setLevelActive } from '~/models/bases/designation.server'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { Refusal } from '~/utils/refusal'

export function designationAction(request: Request, venueId: string) {
  return handleForm(request, {
    schema: () => designationSchema,
    formOf: (formData) => String(formData.get('designationId') || 'new'),
    access: {
      staff: async (req) => {
        const staff = await requireStaff(req)
        await requireDesignationVenue(staff, venueId, { write: true })
        return staff
      },
    },
    async submit(value, { actor: staff, done }) {
      if (value.venueId !== venueId) throw new Refusal('表单与页面的场馆不一致，请刷新后重试。')
      await saveDesignation(staff, value)
      return done(value.designationId ? '认定已修改，并记入历史。' : '已新增认定，场馆公开页随之显示。')
    },
  })
}

const levelsSchema = z.discriminatedUnion('intent', [
  levelSchema.extend({ intent: z.literal('level-add') }),
  z.object({ intent: z.literal('level-toggle'), key: z.string().max(40), active: z.enum(['on', 'off']) }),
  levelCriteriaSchema.extend({ intent: z.literal('level-criteria') }),
])

export function levelsAction(request: Request) {
  return handleForm(request, {
    schema: () => levelsSchema,
    access: {
      staff: async (req) => {
        const staff = await requireStaff(req)
        requirePlatformAdmin(staff)
        return staff
      },
    },
    // Each level has its own criteria form: a reply goes beside the level it answers.
    formOf: (formData) => {
      const intent = formData.get('intent')
      return intent === 'level-criteria' ? `level-criteria:${String(formData.get('key'))}` : typeof intent === 'string' ? intent : null
    },
    async submit(value, { actor: staff, done }) {
      if (value.intent === 'level-criteria') {
        await saveLevelCriteria(staff, value.key, value.criteria)
        return done('评分标准已保存，之后的申报按新标准评分。')
      }
      if (value.intent === 'level-add') {
        await addLevel(staff, value)
        return done(`已添加级别：${value.name}`)
      }
      await setLevelActive(staff, value.key, value.active === 'on')
      return done(value.active === 'on' ? '级别已恢复。' : '级别已停用（已有的认定不受影响）。')
    },
  })
}
