import { json, type ActionFunctionArgs } from '@remix-run/node'
import { revealPhone } from '~/models/registration/admin.server'
import { revealSchoolPhone } from '~/models/school-visit/admin.server'
import { requireStaff } from '~/utils/auth.server'
import { requireValidCsrf } from '~/utils/form-security.server'
import { Refusal } from '~/utils/refusal'

// The full number only on purpose: a POST that names why, written to the audit log before the number is sent.
export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request)
  const formData = await request.formData()
  await requireValidCsrf(request, formData)
  const purpose = String(formData.get('purpose') ?? '').slice(0, 40) || '联系报名人'
  try {
    const id = String(formData.get('recordId') ?? '')
    const { phone } =
      formData.get('kind') === 'school' ? await revealSchoolPhone(staff, id, purpose) : await revealPhone(staff, id, purpose)
    return json({ phone }, { headers: { 'Cache-Control': 'no-store' } })
  } catch (error) {
    if (error instanceof Refusal) return json({ error: '找不到这份报名，或不在你的管理范围内。' }, { status: 404 })
    throw error
  }
}
