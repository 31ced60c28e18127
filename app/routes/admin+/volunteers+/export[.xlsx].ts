// Credited volunteer hours as xlsx, in the columns a 上海志愿者网 team administrator re-keys or imports (decision
// 033): the staff member's roles only, by month (`?month=YYYY-MM`, default this month), no phone numbers.
import { creditedHoursRows } from '~/models/volunteers/hours.server'
import { requireStaff } from '~/utils/auth.server'
import { xlsxDownload } from '~/utils/infra/spreadsheet.server'
import { shanghaiMonthRange } from '~/utils/shanghai-time'
import type { LoaderFunctionArgs } from '@remix-run/node'

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const { month, from, to } = shanghaiMonthRange(new URL(request.url).searchParams.get('month'))
  return xlsxDownload(await creditedHoursRows(staff, { from, to }), {
    fallbackName: `volunteer-hours-${month}.xlsx`,
    name: `志愿服务时长-${month}.xlsx`,
  })
}
