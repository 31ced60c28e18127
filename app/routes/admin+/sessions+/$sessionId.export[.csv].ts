import { registrationsCsv } from '~/models/registration-admin.server'
import { requireStaff, type Staff } from '~/utils/auth.server'
import { csvDownload } from '~/utils/csv.server'
import { requireValidCsrf } from '~/utils/form-security.server'
import { httpError, notFound } from '~/utils/http-errors'
import { Refusal } from '~/utils/refusal'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'

// Masked numbers by GET, which only reads. Full numbers only by a POST that names why (CSRF-checked), because
// asking for them writes to the audit log: a link, a prefetch or a crawler must never do that.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return csvResponse(await requireStaff(request), params.sessionId ?? '', null)
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request)
  const formData = await request.formData()
  await requireValidCsrf(request, formData)
  const purpose = String(formData.get('purpose') ?? '')
    .trim()
    .slice(0, 40)
  if (!purpose) throw httpError(400, '请写明导出完整号码的用途。')
  return csvResponse(staff, params.sessionId ?? '', purpose)
}

async function csvResponse(staff: Staff, sessionId: string, fullPhonesFor: string | null) {
  try {
    const csv = await registrationsCsv(
      staff,
      sessionId,
      fullPhonesFor ? { fullPhones: true, purpose: fullPhonesFor } : { fullPhones: false },
    )
    return csvDownload(csv, { fallbackName: 'registrations.csv', name: `报名名单-${sessionId}${fullPhonesFor ? '-完整号码' : ''}.csv` })
  } catch (error) {
    if (error instanceof Refusal) throw notFound('找不到这个场次，或不在你的管理范围内。')
    throw error
  }
}
