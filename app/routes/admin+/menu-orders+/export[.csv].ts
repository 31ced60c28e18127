import type { LoaderFunctionArgs } from '@remix-run/node'
import { menuOrdersCsv } from '~/models/menu.server'
import { requireStaff } from '~/utils/auth.server'

// The staff member's organisations' orders, contacts' phones masked.
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  return new Response(await menuOrdersCsv(staff), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="menu-orders.csv"; filename*=UTF-8''${encodeURIComponent('科普菜单点单.csv')}`,
      'Cache-Control': 'private, no-store',
    },
  })
}
