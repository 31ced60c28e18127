import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '~/components/data-table'
import { listMenuItemsForStaff } from '~/models/menu/menu.server'
import { menuKindLabel } from '~/models/menu/schema'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'

export const meta: MetaFunction = () => adminMeta('科普菜单')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  return json({ items: await listMenuItemsForStaff(staff) })
}

export default function AdminMenuPage() {
  const { items } = useLoaderData<typeof loader>()
  return (
    <article className="admin-page">
      <h1>科普菜单</h1>
      <div className="button-row">
        <Link to="/admin/menu/new" className="button primary">
          新建菜单项目
        </Link>
        <Link to="/admin/menu-orders" className="button">
          点单处理
        </Link>
      </div>
      <DataTable caption={<>你的单位提供的项目（{items.length}）</>} headings={['项目', '形式', '提供单位', '状态', '点单']}>
        {items.map((i) => (
          <tr key={i.id}>
            <td>
              <Link to={`/admin/menu/${i.id}`}>{i.title}</Link>
            </td>
            <td>{menuKindLabel[i.kind]}</td>
            <td>{i.organisation.name}</td>
            <td>{i.active ? '已上架' : '未上架'}</td>
            <td>{i._count.orders}</td>
          </tr>
        ))}
      </DataTable>
    </article>
  )
}
