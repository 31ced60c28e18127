import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useSearchParams } from '@remix-run/react'
import { DataTable } from '~/components/data-table'
import { listAudit } from '~/models/audit.server'
import { Pager } from '~/routes/admin+/__pager'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { formatShortDateTime } from '~/utils/format'
import { requireRole } from '~/utils/permissions.server'

export const meta: MetaFunction = () => adminMeta('审计日志')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  requireRole(staff, ['PLATFORM_ADMIN'])
  const params = new URL(request.url).searchParams
  const page = Math.max(1, Math.min(10_000, Number(params.get('page')) || 1))
  return json({
    page,
    ...(await listAudit({ page, action: params.get('action') || undefined, actorEmail: params.get('actor') || undefined })),
  })
}

export default function AuditPage() {
  const { entries, total, page, pages } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  return (
    <article className="admin-page">
      <h1>审计日志</h1>
      <Form method="get" className="inline-form filter-bar">
        <label htmlFor="audit-action">操作</label>
        <select id="audit-action" name="action" defaultValue={searchParams.get('action') ?? ''}>
          <option value="">全部</option>
          <option value="auth.">登录与密码</option>
          <option value="user.">账号</option>
          <option value="venue.">场馆</option>
          <option value="event.">活动</option>
          <option value="session.">场次</option>
          <option value="registration.">报名与签到</option>
          <option value="registration.reveal_phone">查看完整号码</option>
        </select>
        <label htmlFor="audit-actor">操作人邮箱</label>
        <input id="audit-actor" name="actor" type="search" defaultValue={searchParams.get('actor') ?? ''} />
        <button type="submit">筛选</button>
      </Form>
      <DataTable
        caption={
          <>
            共 {total} 条，第 {page} / {pages} 页
          </>
        }
        headings={['时间', '操作人', '操作', '内容']}
      >
        {entries.map((e) => (
          <tr key={e.id}>
            <td>{formatShortDateTime(e.at, { seconds: true })}</td>
            <td>{e.actor ? `${e.actor.name}（${e.actor.email}）` : '命令行'}</td>
            <td>
              <code>{e.action}</code>
            </td>
            <td>{e.summary}</td>
          </tr>
        ))}
      </DataTable>
      <Pager page={page} pages={pages} />
    </article>
  )
}
