import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { registrationsCsv } from '~/models/registration-admin.server'
import { BookingError } from '~/models/registration.server'
import { requireStaff, type Staff } from '~/utils/auth.server'
import { requireValidCsrf } from '~/utils/form-security.server'
import { notFound } from '~/utils/permissions.server'

// Masked numbers by GET, which only reads. Full numbers only by a POST that names why (CSRF-checked), because
// asking for them writes to the audit log: a link, a prefetch or a crawler must never do that.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return csvResponse(await requireStaff(request), params.sessionId ?? '', null)
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request)
  const formData = await request.formData()
  await requireValidCsrf(request, formData)
  const purpose = String(formData.get('purpose') ?? '').trim().slice(0, 40)
  if (!purpose) throw new Response('请写明导出完整号码的用途。', { status: 400 })
  return csvResponse(staff, params.sessionId ?? '', purpose)
}

async function csvResponse(staff: Staff, sessionId: string, fullPhonesFor: string | null) {
  try {
    const csv = await registrationsCsv(staff, sessionId, fullPhonesFor ? { fullPhones: true, purpose: fullPhonesFor } : { fullPhones: false })
    const filename = `报名名单-${sessionId}${fullPhonesFor ? '-完整号码' : ''}.csv`
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="registrations.csv"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        'Cache-Control': 'private, no-store',
      },
    })
  } catch (error) {
    if (error instanceof BookingError) throw notFound('找不到这个场次，或不在你的管理范围内。')
    throw error
  }
}
