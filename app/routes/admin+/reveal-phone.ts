import { type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { revealJoinPhone } from '~/models/bases/join-request.server'
import { revealPhone } from '~/models/registration/admin.server'
import { revealSchoolPhone } from '~/models/school-visit/admin.server'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'

const schema = z.object({
  recordId: z.string().min(1),
  kind: z.enum(['registration', 'school', 'join']).default('registration'),
  // Why the number is needed, for the audit log; a short default when the page named none.
  purpose: z
    .string()
    .optional()
    .transform((purpose) => purpose?.slice(0, 40) || '联系报名人'),
})

// The full number only on purpose: a POST that names why, written to the audit log before the number is sent.
export async function action({ request }: ActionFunctionArgs) {
  const answer = await handleForm(request, {
    schema: () => schema,
    access: { staff: requireStaff },
    async submit({ recordId, kind, purpose }, { actor: staff }) {
      const { phone } =
        kind === 'school'
          ? await revealSchoolPhone(staff, recordId, purpose)
          : kind === 'join'
            ? await revealJoinPhone(staff, recordId, purpose)
            : await revealPhone(staff, recordId, purpose)
      return { data: { phone } }
    },
  })
  answer.headers.set('Cache-Control', 'no-store')
  return answer
}
