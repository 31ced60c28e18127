// The registration list as CSV or .xlsx, shared by export.csv and export.xlsx so both keep the same rule: masked
// numbers by GET, which only reads. Full numbers only by a POST that names why (CSRF-checked), because asking for
// them writes to the audit log: a link, a prefetch or a crawler must never do that.
import { registrationsRows } from '~/models/registration/admin.server'
import { requireStaff, type Staff } from '~/utils/auth.server'
import { requireValidCsrf } from '~/utils/form-security.server'
import { httpError, notFound } from '~/utils/http-errors'
import { csvDownload, excelCsv } from '~/utils/infra/csv.server'
import { xlsxDownload } from '~/utils/infra/spreadsheet.server'
import { Refusal } from '~/utils/refusal'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'

type Format = 'csv' | 'xlsx'

export async function registrationsExportLoader({ request, params }: LoaderFunctionArgs, format: Format) {
  return exportResponse(await requireStaff(request), params.sessionId ?? '', null, format)
}

export async function registrationsExportAction({ request, params }: ActionFunctionArgs, format: Format) {
  const staff = await requireStaff(request)
  const formData = await request.formData()
  await requireValidCsrf(request, formData)
  const purpose = String(formData.get('purpose') ?? '')
    .trim()
    .slice(0, 40)
  if (!purpose) throw httpError(400, '请写明导出完整号码的用途。')
  return exportResponse(staff, params.sessionId ?? '', purpose, format)
}

async function exportResponse(staff: Staff, sessionId: string, fullPhonesFor: string | null, format: Format) {
  try {
    const rows = await registrationsRows(
      staff,
      sessionId,
      fullPhonesFor ? { fullPhones: true, purpose: fullPhonesFor } : { fullPhones: false },
    )
    const names = { fallbackName: `registrations.${format}`, name: `报名名单-${sessionId}${fullPhonesFor ? '-完整号码' : ''}.${format}` }
    return format === 'csv' ? csvDownload(excelCsv(rows), names) : await xlsxDownload(rows, names)
  } catch (error) {
    if (error instanceof Refusal) throw notFound('找不到这个场次，或不在你的管理范围内。')
    throw error
  }
}
