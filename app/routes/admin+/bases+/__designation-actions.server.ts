// Posts of the designation pages (admins of the venue's district, platform admins), on the one form pipeline
// (decision 030). The venue is checked before the form is read: out of scope is 404, organisation staff 403.
import { z } from 'zod'
import { designationSchema, levelSchema } from '~/models/bases/admin-schema'
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
    async submit(value, { actor: staff, done }) {
      if (value.intent === 'level-add') {
        await addLevel(staff, value)
        return done(`已添加级别：${value.name}`)
      }
      await setLevelActive(staff, value.key, value.active === 'on')
      return done(value.active === 'on' ? '级别已恢复。' : '级别已停用（已有的认定不受影响）。')
    },
  })
}
