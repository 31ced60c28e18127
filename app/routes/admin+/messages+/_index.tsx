// Messages for admins, the most recent first, with their status as a filter (failures one choice away): a platform
// admin sees all, a district admin their district's. Organisation staff see messages on the registration, booking and order pages they manage instead.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { listMessages } from '~/models/message/admin.server'
import { Pager } from '~/routes/admin+/__pager'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { requireRole } from '~/utils/permissions.server'
import { MessageTable, messageStatusLabel } from './__message-table'
import type { MessageStatus } from '@prisma/client'

export const meta: MetaFunction = () => adminMeta('消息')

const statuses: MessageStatus[] = ['FAILED', 'RETRYING', 'QUEUED', 'SENDING', 'SENT', 'SKIPPED']
const isStatus = (value: string | null): value is MessageStatus => statuses.some((s) => s === value)

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  requireRole(staff, ['PLATFORM_ADMIN', 'DISTRICT_ADMIN'])
  const params = new URL(request.url).searchParams
  const raw = params.get('status')
  const status = isStatus(raw) ? raw : undefined
  const page = Math.max(1, Math.min(10_000, Number(params.get('page')) || 1))
  return json(
    { status: status ?? 'all', page, ...(await listMessages(staff, { status, page })) },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

const subjectNames: Record<string, string> = {
  Registration: '报名',
  SchoolBooking: '学校预约',
  MenuOrder: '菜单订单',
  User: '账号',
  PhoneCode: '验证码',
}

export default function MessagesPage() {
  const { messages, total, page, pages, status } = useLoaderData<typeof loader>()
  return (
    <article className="admin-page">
      <h1>消息</h1>
      <Form method="get" className="inline-form filter-bar">
        <label htmlFor="message-status">状态</label>
        <select id="message-status" name="status" defaultValue={status}>
          <option value="all">全部</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {messageStatusLabel[s]}
            </option>
          ))}
        </select>
        <button type="submit">筛选</button>
        {status === 'FAILED' ? (
          <Link to="/admin/messages">看全部消息</Link>
        ) : (
          <Link to="/admin/messages?status=FAILED">只看发送失败的</Link>
        )}
      </Form>
      <MessageTable
        messages={messages}
        caption={`共 ${total} 条，第 ${page} / ${pages} 页`}
        subjectLabel={(m) => subjectNames[m.subjectType] ?? m.subjectType}
      />
      <Pager page={page} pages={pages} />
    </article>
  )
}
