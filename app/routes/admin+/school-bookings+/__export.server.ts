// The month's bookings as CSV or .xlsx (export.csv, export.xlsx): the same filter, the same rows, phones masked.
import { schoolBookingsRows } from '~/models/school-visit/admin.server'
import { requireStaff } from '~/utils/auth.server'
import { csvDownload, excelCsv } from '~/utils/infra/csv.server'
import { xlsxDownload } from '~/utils/infra/spreadsheet.server'
import { shanghaiMonthRange } from '~/utils/shanghai-time'
import type { SchoolBookingStatus } from '@prisma/client'

const statuses: SchoolBookingStatus[] = ['PENDING', 'APPROVED', 'DONE', 'DECLINED', 'CANCELLED']

// The bookings of the staff member's venues in one month (YYYY-MM, this month by default).
export async function schoolBookingsExport(request: Request, format: 'csv' | 'xlsx') {
  const staff = await requireStaff(request)
  const params = new URL(request.url).searchParams
  const { month, from, to } = shanghaiMonthRange(params.get('month'))
  const rows = await schoolBookingsRows(staff, { status: statuses.find((s) => s === params.get('status')), from, to })
  const names = { fallbackName: `school-bookings.${format}`, name: `学校预约-${month}.${format}` }
  return format === 'csv' ? csvDownload(excelCsv(rows), names) : xlsxDownload(rows, names)
}
