import { menuOrdersRows } from '~/models/menu/menu.server'
import { requireStaff } from '~/utils/auth.server'
import { xlsxDownload } from '~/utils/infra/spreadsheet.server'
import type { LoaderFunctionArgs } from '@remix-run/node'

// The same rows as export.csv: the staff member's organisations' orders, contacts' phones masked.
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  return xlsxDownload(await menuOrdersRows(staff), { fallbackName: 'menu-orders.xlsx', name: '科普菜单点单.xlsx' })
}
