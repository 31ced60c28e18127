// 讲师团 for staff (decision 034): the district's roster (platform admins: every district's), with links to each
// lecturer's page and to dispatch. Organisation staff have no roster.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '~/components/data-table'
import zhCN from '~/locales/zh-CN'
import { listLecturersForStaff, requireRosterStaff } from '~/models/lecturers/roster.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'

export const meta: MetaFunction = () => adminMeta('讲师团')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  requireRosterStaff(staff)
  return json({ lecturers: await listLecturersForStaff(staff) })
}

const topicLabel = zhCN.lecturer.topic as Record<string, string>

export default function LecturersAdminPage() {
  const { lecturers } = useLoaderData<typeof loader>()
  return (
    <article className="admin-page">
      <h1>讲师团</h1>
      <p className="button-row">
        <Link className="button primary" to="/admin/lecturers/new">
          添加讲师
        </Link>
        <Link className="button" to="/admin/lecturers/dispatch">
          派单（菜单订单）
        </Link>
        <Link to="/lecturers">公开页面</Link>
      </p>
      {lecturers.length === 0 ? <p>还没有讲师。</p> : null}
      <DataTable caption={<>讲师（{lecturers.length}）</>} headings={['姓名', '单位 · 职称', '主题', '每月场数', '区', '状态']}>
        {lecturers.map((l) => (
          <tr key={l.id}>
            <td>
              <Link to={`/admin/lecturers/${l.id}`}>{l.name}</Link>
            </td>
            <td>{[l.organisation, l.title].filter(Boolean).join(' · ')}</td>
            <td>{l.topics.map((key) => topicLabel[key] ?? key).join('、')}</td>
            <td>{l.monthlyCapacity}</td>
            <td>{l.district.name}</td>
            <td>
              {l.published ? '公开' : '未公开'}
              {l.residentId ? ' · 已关联账号' : ' · 未关联账号'}
            </td>
          </tr>
        ))}
      </DataTable>
    </article>
  )
}
