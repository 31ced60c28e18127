// One role for its staff: the volunteers in line with their planned and credited time; accept or decline,
// confirm a forgotten check-out, change credited time with a reason, cancel the role. Volunteers on a role of a
// session are checked in on the session's check-in page; a venue open day's role has its own code box here.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { ActionNotices } from '~/components/action-notices'
import { CsrfInput } from '~/components/csrf-input'
import { DataTable } from '~/components/data-table'
import { roleForStaff } from '~/models/volunteers/roles.server'
import { hoursOf } from '~/models/volunteers/schema'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { formatDayTime, formatSessionTime } from '~/utils/format'
import { notFound } from '~/utils/http-errors'
import { tFor } from '~/utils/i18n'
import { useFormReply } from '~/utils/use-form-reply'
import { roleStaffAction } from './__actions.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(`志愿岗位：${data?.role.title ?? ''}`)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const role = await roleForStaff(staff, params.roleId ?? '')
  if (!role) throw notFound()
  return json({ role, now: new Date().toISOString() }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export const action = ({ request, params }: ActionFunctionArgs) => roleStaffAction(request, params.roleId ?? '')

const zh = tFor('zh-CN')

export default function AdminVolunteerRolePage() {
  const { role, now } = useLoaderData<typeof loader>()
  const { error } = useFormReply()
  const ended = new Date(role.endsAt) <= new Date(now)
  const started = new Date(role.startsAt) <= new Date(now)
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/volunteers">← 志愿岗位</Link>
      </p>
      <h1>
        {role.session ? `${role.session.event.title} · ` : role.venue ? `${role.venue.name} · ` : ''}
        {role.title}
      </h1>
      <p className="lead">
        {formatSessionTime(role.startsAt, role.endsAt)} · 已录用 {role.filled} / {role.headcount} 人 ·{' '}
        {role.needsApproval ? '需审核' : '报名即确认'}
        {role.status === 'CANCELLED' ? ' · 已取消' : ''}
      </p>
      <ActionNotices error={error} />
      {role.session ? (
        <p>
          签到、签退：在 <Link to={`/admin/sessions/${role.session.id}/check-in`}>这一场的签到页</Link>{' '}
          扫志愿者码（第一次签到，第二次签退）。
        </p>
      ) : role.status === 'OPEN' ? (
        <Form method="post" className="inline-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="scan" />
          <label htmlFor="volunteer-code">志愿者码（签到 / 签退）</label>
          <input id="volunteer-code" name="code" autoComplete="off" autoCapitalize="characters" />
          <button type="submit">签到 / 签退</button>
        </Form>
      ) : null}
      <DataTable caption={<>志愿者（{role.shifts.length}）</>} headings={['#', '姓名', '状态', '签到', '签退', '计划', '记录时长', '处理']}>
        {role.shifts.map((s) => (
          <tr key={s.id}>
            <td>{s.seq}</td>
            <td>
              {s.volunteer.name}
              {s.volunteer.shVolunteerNo ? `（${s.volunteer.shVolunteerNo}）` : ''}
            </td>
            <td>{zh(`volunteers.status.${s.status}`)}</td>
            <td>{s.checkedInAt ? formatDayTime(s.checkedInAt) : ''}</td>
            <td>{s.checkedOutAt ? formatDayTime(s.checkedOutAt) : ''}</td>
            <td>{hoursOf(s.plannedMinutes)} 小时</td>
            <td>
              {s.creditedMinutes === null ? '—' : `${hoursOf(s.creditedMinutes)} 小时`}{' '}
              {s.credit !== 'NONE' ? `（${zh(`volunteers.credit.${s.credit}`)}）` : ''}
              {s.creditNote ? <div className="hint">{s.creditNote}</div> : null}
            </td>
            <td>
              {s.status === 'APPLIED' || s.status === 'WAITLISTED' ? (
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="shiftId" value={s.id} />
                  <button type="submit" name="intent" value="accept">
                    录用
                  </button>
                  <button type="submit" name="intent" value="decline">
                    婉拒
                  </button>
                </Form>
              ) : null}
              {s.status === 'ACCEPTED' && ended && s.checkedInAt && !s.checkedOutAt ? (
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="shiftId" value={s.id} />
                  <input type="hidden" name="intent" value="confirm" />
                  <label htmlFor={`confirm-${s.id}`}>漏签退，确认原因</label>
                  <input id={`confirm-${s.id}`} name="reason" />
                  <button type="submit">确认在岗到结束</button>
                </Form>
              ) : null}
              {s.status === 'ACCEPTED' && started ? (
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="shiftId" value={s.id} />
                  <input type="hidden" name="intent" value="adjust" />
                  <label htmlFor={`minutes-${s.id}`}>时长（分钟）</label>
                  <input id={`minutes-${s.id}`} name="minutes" inputMode="numeric" size={5} />
                  <label htmlFor={`reason-${s.id}`}>原因</label>
                  <input id={`reason-${s.id}`} name="reason" />
                  <button type="submit">修改时长</button>
                </Form>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      {role.status === 'OPEN' && !started ? (
        <Form method="post" className="stack-form">
          <CsrfInput />
          <button type="submit" name="intent" value="cancel-role" className="danger">
            取消这个岗位（已报名的志愿者随之取消）
          </button>
        </Form>
      ) : null}
    </article>
  )
}
