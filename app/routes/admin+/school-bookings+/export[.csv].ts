import { schoolBookingsCsv } from '~/models/school-visit-admin.server'
import { requireStaff } from '~/utils/auth.server'
import { csvDownload } from '~/utils/csv.server'
import { shanghaiMonthRange } from '~/utils/shanghai-time'
import type { SchoolBookingStatus } from '@prisma/client'
import type { LoaderFunctionArgs } from '@remix-run/node'

const statuses: SchoolBookingStatus[] = ['PENDING', 'APPROVED', 'DONE', 'DECLINED', 'CANCELLED']

// The bookings of the staff member's venues in one month (YYYY-MM, this month by default); phones masked.
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const params = new URL(request.url).searchParams
  const { month, from, to } = shanghaiMonthRange(params.get('month'))
  const csv = await schoolBookingsCsv(staff, { status: statuses.find((s) => s === params.get('status')), from, to })
  return csvDownload(csv, { fallbackName: 'school-bookings.csv', name: `学校预约-${month}.csv` })
}
