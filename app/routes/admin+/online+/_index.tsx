// 线上科普 for staff (decision 037): the district's resource library (platform admins: every district's), with
// links to each resource's page, to adding one and to the public library. Organisation staff have none.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '~/components/data-table'
import zhCN from '~/locales/zh-CN'
import { listResourcesForStaff, requireOnlineStaff } from '~/models/online/resources.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'

export const meta: MetaFunction = () => adminMeta('线上科普')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  requireOnlineStaff(staff)
  return json({ resources: await listResourcesForStaff(staff) })
}

export default function OnlineAdminPage() {
  const { resources } = useLoaderData<typeof loader>()
  return (
    <article className="admin-page">
      <h1>线上科普资源</h1>
      <p className="button-row">
        <Link className="button primary" to="/admin/online/new">
          添加资源
        </Link>
        <Link to="/online">公开页面</Link>
      </p>
      {resources.length === 0 ? <p>还没有线上资源。</p> : null}
      <DataTable caption={<>资源（{resources.length}）</>} headings={['标题', '类型', '关联', '区', '状态']}>
        {resources.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/admin/online/${r.id}`}>{r.title}</Link>
            </td>
            <td>{zhCN.online.kind[r.kind]}</td>
            <td>
              场馆 {r._count.venues} · 活动 {r._count.events}
            </td>
            <td>{r.district.name}</td>
            <td>
              {r.published ? '公开' : '未公开'}
              {r.isExample ? ' · 示例' : ''}
            </td>
          </tr>
        ))}
      </DataTable>
    </article>
  )
}
