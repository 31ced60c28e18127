// The registration list as CSV or .xlsx, shared by export.csv and export.xlsx so both keep the same rule: masked
// numbers by GET, which only reads. Full numbers only by a POST that names why (CSRF-checked), because asking for
// them writes to the audit log: a link, a prefetch or a crawler must never do that.
import { z } from 'zod'
import { registrationsRows } from '~/models/registration/admin.server'
import { requireStaff, type Staff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { notFound } from '~/utils/http-errors'
import { csvDownload, excelCsv } from '~/utils/infra/csv.server'
import { xlsxDownload } from '~/utils/infra/spreadsheet.server'
import { Refusal } from '~/utils/refusal'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'

type Format = 'csv' | 'xlsx'

export async function registrationsExportLoader({ request, params }: LoaderFunctionArgs, format: Format) {
  return exportResponse(await requireStaff(request), params.sessionId ?? '', null, format)
}

const fullExportSchema = z.object({
  purpose: z
    .string({ required_error: '请写明导出完整号码的用途。' })
    .trim()
    .min(1, '请写明导出完整号码的用途。')
    .transform((purpose) => purpose.slice(0, 40)),
})

export async function registrationsExportAction({ request, params }: ActionFunctionArgs, format: Format) {
  return handleForm(request, {
    schema: () => fullExportSchema,
    access: { staff: requireStaff },
    submit: ({ purpose }, { actor: staff }) => exportResponse(staff, params.sessionId ?? '', purpose, format),
  })
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
