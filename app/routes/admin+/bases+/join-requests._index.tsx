// 入驻申请 (staff, decision 040): the requests of organisations that asked to join, in the admin's district (platform
// admins: all), pending first; the contact's phone masked. Organisation staff have no business here (403).
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '~/components/data-table'
import zhCN from '~/locales/zh-CN'
import { listJoinRequests } from '~/models/bases/join-request.server'
import { joinStatusLabel } from '~/models/bases/labels'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { requireRole } from '~/utils/permissions.server'
import { shanghaiDateKey } from '~/utils/shanghai-time'
import type { OrganisationJoinStatus } from '@prisma/client'

export const meta: MetaFunction = () => adminMeta('入驻申请')

const STATUSES = Object.keys(joinStatusLabel) as OrganisationJoinStatus[]

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  requireRole(staff, ['PLATFORM_ADMIN', 'DISTRICT_ADMIN'])
  const param = new URL(request.url).searchParams.get('status')
  const status = STATUSES.find((s) => s === param)
  const requests = await listJoinRequests(staff, { status })
  return json({ requests, status: status ?? '' }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export default function AdminJoinRequestsPage() {
  const { requests, status } = useLoaderData<typeof loader>()
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/bases">← 科普基地</Link>
      </p>
      <h1>入驻申请</h1>
      <p className="hint">
        还不是平台单位的机构在公开页面「申请入驻」（<Link to="/bases/join">/bases/join</Link>
        ）提交的申请。通过后自动建立单位、场馆（未公开）和联系人的工作人员账号，设置密码链接发到联系人邮箱。
      </p>
      <Form method="get" className="inline-form filter-bar">
        <label htmlFor="join-status">状态</label>
        <select id="join-status" name="status" defaultValue={status}>
          <option value="">全部</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {joinStatusLabel[s]}
            </option>
          ))}
        </select>
        <button type="submit">筛选</button>
      </Form>
      <DataTable
        caption={<>入驻申请（{requests.length}）</>}
        headings={['单位', '类型', '区', '场馆', '联系人', '手机', '提交日期', '状态']}
      >
        {requests.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/admin/bases/join-requests/${r.id}`}>{r.organisationName}</Link>
            </td>
            <td>{zhCN.organisationKind[r.kind]}</td>
            <td>{r.district.name}</td>
            <td>{r.venueName}</td>
            <td>{r.contactName}</td>
            <td>{r.phone}</td>
            <td>{shanghaiDateKey(new Date(r.createdAt))}</td>
            <td>{joinStatusLabel[r.status]}</td>
          </tr>
        ))}
      </DataTable>
    </article>
  )
}
