import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '~/components/data-table'
import { FigureList } from '~/components/figure-list'
import { countDraftEvents, countVenues, listSessionsToday, listUpcomingSessions, staffHomeCounts } from '~/models/staff/home.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { formatDay, formatSessionTime } from '~/utils/format'

export const meta: MetaFunction = () => adminMeta('工作台')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const now = new Date()
  const [counts, today, upcoming, drafts, venues] = await Promise.all([
    staffHomeCounts(staff, now),
    listSessionsToday(staff, now),
    listUpcomingSessions(staff, now),
    countDraftEvents(staff),
    countVenues(staff),
  ])
  return json({ counts, today, upcoming, drafts, venues })
}

function SessionLinks({ id }: { id: string }) {
  return (
    <>
      <Link to={`/admin/sessions/${id}`}>报名名单</Link> ·{' '}
      <Link to={`/admin/sessions/${id}/check-in`} reloadDocument>
        签到
      </Link>
    </>
  )
}

type SessionRow = { id: string; startsAt: string; seatsTaken: number; capacity: number; event: { id: string; title: string } }

/** Today's and the coming sessions: the same columns, each list with its own way of saying when. */
function SessionTable<Row extends SessionRow>({
  sessions,
  empty,
  when,
}: {
  sessions: Row[]
  empty: string
  when: (session: Row) => string
}) {
  if (sessions.length === 0) return <p>{empty}</p>
  return (
    <DataTable headings={['时间', '活动', '名额', '操作']}>
      {sessions.map((s) => (
        <tr key={s.id}>
          <td>{when(s)}</td>
          <td>
            <Link to={`/admin/events/${s.event.id}`}>{s.event.title}</Link>
          </td>
          <td>
            {s.seatsTaken} / {s.capacity}
          </td>
          <td>
            <SessionLinks id={s.id} />
          </td>
        </tr>
      ))}
    </DataTable>
  )
}

export default function AdminHome() {
  const { counts, today, upcoming, drafts, venues } = useLoaderData<typeof loader>()
  return (
    <article className="admin-page">
      <h1>工作台</h1>
      <h2 className="visually-hidden">待办</h2>
      <FigureList
        large
        figures={[
          [
            '待处理的学校预约',
            <Link key="s" to="/admin/school-bookings#pending" aria-label={`待处理的学校预约：${counts.pendingSchoolRequests} 份`}>
              {counts.pendingSchoolRequests} 份
            </Link>,
          ],
          [
            '待接单的科普菜单',
            <Link key="m" to="/admin/menu-orders?status=REQUESTED" aria-label={`待接单的科普菜单：${counts.pendingMenuOrders} 份`}>
              {counts.pendingMenuOrders} 份
            </Link>,
          ],
          [
            '今天开始的场次',
            <Link key="t" to="#today" aria-label={`今天开始的场次：${counts.sessionsToday} 场`}>
              {counts.sessionsToday} 场
            </Link>,
          ],
        ]}
      />
      <div className="button-row">
        <Link to="/admin/events/new" className="button primary">
          新建活动
        </Link>
        <Link to="/admin/venues/new" className="button">
          新建场馆
        </Link>
        <Link to="/admin/events?status=DRAFT" className="button">
          草稿（{drafts}）
        </Link>
        <Link to="/admin/venues" className="button">
          我的场馆（{venues}）
        </Link>
      </div>
      <h2 id="today">今天的场次</h2>
      <SessionTable sessions={today} empty="今天没有场次。" when={(s) => formatSessionTime(s.startsAt, s.endsAt)} />
      <h2>即将举办的场次</h2>
      <SessionTable sessions={upcoming} empty="没有即将举办的已发布场次。" when={(s) => formatDay(s.startsAt)} />
    </article>
  )
}
