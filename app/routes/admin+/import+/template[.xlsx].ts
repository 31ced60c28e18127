// The import templates (decision 019): Chinese headings, lists to choose types, levels, categories and districts
// from, and every district's 街镇 on the 选项 sheet. The lists are the staff member's own (a district admin's district).
import { type LoaderFunctionArgs } from '@remix-run/node'
import { importKindField, importKindLabel } from '~/models/spreadsheet-import/schema'
import { templateColumns } from '~/models/spreadsheet-import/spreadsheet-import.server'
import { requireStaff } from '~/utils/auth.server'
import { httpError } from '~/utils/http-errors'
import { templateWorkbook, xlsxContentType } from '~/utils/infra/spreadsheet.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const kind = importKindField.safeParse(new URL(request.url).searchParams.get('kind') ?? undefined)
  if (!kind.success) throw httpError(400, '请选择模板：场馆，或活动和场次。')
  const { columns, towns } = await templateColumns(staff, kind.data)
  const body = await templateWorkbook(importKindLabel[kind.data], columns, towns)
  const name = `${importKindLabel[kind.data]}导入模板.xlsx`
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': xlsxContentType,
      'Content-Disposition': `attachment; filename="kepu-${kind.data}-template.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'private, no-store',
    },
  })
}
