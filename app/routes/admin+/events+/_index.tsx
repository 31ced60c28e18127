import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { DataTable } from '~/components/data-table'
import { listEventsForStaff } from '~/models/event/admin.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { formatDay } from '~/utils/format'
import { eventStatusLabel, categoryLabel } from '~/utils/labels'
import { countCaption } from '~/utils/staff-text'
import type { EventStatus } from '@prisma/client'

export const meta: MetaFunction = () => adminMeta('活动管理')

const statuses: EventStatus[] = ['DRAFT', 'PUBLISHED', 'CANCELLED']

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const params = new URL(request.url).searchParams
  const status = statuses.find((s) => s === params.get('status'))
  const query = params.get('q')?.trim() || undefined
  return json({ events: await listEventsForStaff(staff, { status, query }) })
}

export default function AdminEventsPage() {
  const { events } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  return (
    <article className="admin-page">
      <h1>活动</h1>
      <div className="button-row">
        <Link to="/admin/events/new" className="button primary">
          新建活动
        </Link>
        <Link to="/admin/import" className="button">
          从表格导入
        </Link>
        <Form method="get" role="search" className="inline-form">
          <label htmlFor="event-status">状态</label>
          <select id="event-status" name="status" defaultValue={searchParams.get('status') ?? ''}>
            <option value="">全部</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {eventStatusLabel[s]}
              </option>
            ))}
          </select>
          <label htmlFor="event-q">名称</label>
          <input id="event-q" name="q" type="search" defaultValue={searchParams.get('q') ?? ''} />
          <button type="submit">筛选</button>
        </Form>
      </div>
      <DataTable
        caption={countCaption('你管理的活动', events.length, 300, '只显示最近修改的 300 个')}
        headings={['活动', '状态', '类别', '地点', '下一场', '场次']}
      >
        {events.map((e) => (
          <tr key={e.id}>
            <td>
              <Link to={`/admin/events/${e.id}`}>{e.title}</Link>
              {e.isExample ? <span className="badge">示例</span> : null}
            </td>
            <td>
              <span className={`pill pill-${e.status.toLowerCase()}`}>{eventStatusLabel[e.status]}</span>
            </td>
            <td>{categoryLabel[e.category]}</td>
            <td>
              {e.venue?.name ?? e.placeName}（{e.district.name}）
            </td>
            <td>{e.sessions[0] ? formatDay(e.sessions[0].startsAt) : '—'}</td>
            <td>{e._count.sessions}</td>
          </tr>
        ))}
      </DataTable>
    </article>
  )
}
