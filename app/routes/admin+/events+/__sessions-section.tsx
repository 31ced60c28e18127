// An activity's sessions on its staff page: each one's figures and links, its form while it is still to come, and
// the form to add one. Cancelling keeps the registrations; removing is only for sessions nobody registered for.
import { Form, Link } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { SessionForm } from '~/routes/admin+/events+/__session-form'
import { formatCalendarDay, formatSessionTime } from '~/utils/format'
import { toShanghaiDateTimeInput } from '~/utils/shanghai-time'
import type { SubmissionResult } from '@conform-to/react'
import type { SerializeFrom } from '@remix-run/node'
import type { findEventForStaff } from '~/models/event/admin.server'
import type { listSeriesOfEvent } from '~/models/event/series.server'

type EditableEvent = SerializeFrom<NonNullable<Awaited<ReturnType<typeof findEventForStaff>>>>
type EventSeries = SerializeFrom<Awaited<ReturnType<typeof listSeriesOfEvent>>>

export function SessionsSection({
  event,
  series,
  resultFor,
}: {
  event: EditableEvent
  series: EventSeries
  resultFor: (formId: string) => SubmissionResult<string[]> | undefined
}) {
  const now = Date.now()
  return (
    <section aria-labelledby="sessions-heading" className="admin-section">
      <h2 id="sessions-heading">场次</h2>
      {event.sessions.length === 0 ? <p>还没有场次。</p> : null}
      {event.sessions.map((s) => (
        <div key={s.id} className={`session-admin${s.status === 'CANCELLED' ? ' is-cancelled' : ''}`}>
          <h3>
            {formatSessionTime(s.startsAt, s.endsAt)}
            {s.status === 'CANCELLED' ? '（已取消）' : ''}
            {s.seriesId ? (
              <>
                {' '}
                <Link to={`/admin/events/${event.id}/series/${s.seriesId}`} className="badge">
                  系列
                </Link>
              </>
            ) : null}
          </h3>
          <p>
            名额 {s.seatsTaken} / {s.capacity} 已占用 · 报名 {s.registrations} 份 · 候补 {s.waitlisted} 份 · 已签到 {s.attendedPeople} 人 ·{' '}
            <Link to={`/admin/sessions/${s.id}`}>报名名单</Link> ·{' '}
            <Link to={`/admin/sessions/${s.id}/check-in`} reloadDocument>
              签到
            </Link>
          </p>
          {s.status === 'SCHEDULED' && new Date(s.endsAt).getTime() > now ? (
            <>
              <SessionForm
                formId={`session-${s.id}`}
                intent="update-session"
                sessionId={s.id}
                lastResult={resultFor(`session-${s.id}`)}
                submitLabel="保存场次"
                defaultValue={{
                  startsAt: toShanghaiDateTimeInput(s.startsAt),
                  endsAt: toShanghaiDateTimeInput(s.endsAt),
                  capacity: String(s.capacity),
                  registrationOpensAt: s.registrationOpensAt ? toShanghaiDateTimeInput(s.registrationOpensAt) : undefined,
                  registrationClosesAt: s.registrationClosesAt ? toShanghaiDateTimeInput(s.registrationClosesAt) : undefined,
                }}
              />
              <Form method="post" className="button-row">
                <CsrfInput />
                <input type="hidden" name="sessionId" value={s.id} />
                {s.registrations === 0 && s.attendedPeople === 0 ? (
                  <button type="submit" name="intent" value="remove-session">
                    删除场次
                  </button>
                ) : (
                  <button
                    type="submit"
                    name="intent"
                    value="cancel-session"
                    className="danger"
                    onClick={(e) => {
                      if (!confirm('取消这个场次？报名会被标记为“场次取消”。')) e.preventDefault()
                    }}
                  >
                    取消场次
                  </button>
                )}
              </Form>
            </>
          ) : null}
        </div>
      ))}
      {series.length ? (
        <>
          <h3>场次系列</h3>
          <ul>
            {series.map((x) => (
              <li key={x.id}>
                <Link to={`/admin/events/${event.id}/series/${x.id}`}>
                  {x.pattern}，{formatCalendarDay(x.fromDate)}至{formatCalendarDay(x.untilDate)}
                </Link>
                {x.cancelledAt ? '（已取消）' : `：${x.upcoming} 个未开始的场次`}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {event.status !== 'CANCELLED' ? (
        <>
          <p>
            <Link to={`/admin/events/${event.id}/series/new`} className="button">
              按规律添加多个场次
            </Link>{' '}
            <span className="hint">如每周六下午，一次最多 200 个场次，可跳过节假日</span>
          </p>
          <h3>添加场次</h3>
          {/* A fresh form after each session added (the page reloads with it in the list). */}
          <SessionForm
            key={event.sessions.length}
            formId="new-session"
            intent="add-session"
            lastResult={resultFor('new-session')}
            submitLabel="添加场次"
          />
        </>
      ) : null}
    </section>
  )
}
