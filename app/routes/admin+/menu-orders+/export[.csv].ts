import { menuOrdersCsv } from '~/models/menu/menu.server'
import { requireStaff } from '~/utils/auth.server'
import { csvDownload } from '~/utils/infra/csv.server'
import type { LoaderFunctionArgs } from '@remix-run/node'

// The staff member's organisations' orders, contacts' phones masked.
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  return csvDownload(await menuOrdersCsv(staff), { fallbackName: 'menu-orders.csv', name: '科普菜单点单.csv' })
}
