// One series of sessions (issue 19): its pattern, every session it made with its figures, and two forms that act on
// all its sessions still to come at once — new seats, times or registration window, or cancel them — with the
// single-session rules, in one transaction (app/models/event/series.server.ts).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ActionNotices } from '~/components/action-notices'
import { CsrfInput } from '~/components/csrf-input'
import { DataTable } from '~/components/data-table'
import { IntentForm } from '~/components/intent-form'
import { checkSeriesTimes, formatTimeOfDay, seriesTimesFields, seriesTimesSchema } from '~/models/event/series-schema'
import { cancelSeries, changeSeries, findSeriesForStaff } from '~/models/event/series.server'
import { SeriesTimesFields } from '~/routes/admin+/events+/__series-fields'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { formatCalendarDay, formatSessionTime } from '~/utils/format'
import { orNotFound } from '~/utils/http-errors'
import { publicOrigin } from '~/utils/links.server'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(`${data?.series.event.title ?? '活动'} · 场次系列`)

async function loadSeries(request: Request, params: { eventId?: string; seriesId?: string }) {
  const staff = await requireStaff(request)
  const series = orNotFound(
    await findSeriesForStaff(staff, params.eventId ?? '', params.seriesId ?? ''),
    '找不到这个场次系列，或不在你的管理范围内。',
  )
  return { staff, series }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { series } = await loadSeries(request, params)
  const now = Date.now()
  return json({ series, upcoming: series.sessions.filter((s) => s.status === 'SCHEDULED' && s.startsAt.getTime() > now).length })
}

const seriesActionSchema = z
  .discriminatedUnion('intent', [seriesTimesFields.extend({ intent: z.literal('change') }), z.object({ intent: z.literal('cancel') })])
  .superRefine((value, ctx) => {
    if (value.intent === 'change') checkSeriesTimes(value, ctx)
  })

export async function action({ request, params }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => seriesActionSchema,
    access: { staff: (request) => loadSeries(request, params) },
    async submit(value, { actor: { staff, series }, done }) {
      switch (value.intent) {
        case 'change': {
          const { sessions, promoted } = await changeSeries(staff, series.id, value, { origin: publicOrigin() })
          return done(`已修改 ${sessions} 个未开始的场次${promoted ? `，候补递补 ${promoted} 份报名` : ''}。时间有变动的，已通知报名人。`)
        }
        case 'cancel': {
          const { sessions, registrationsCancelled } = await cancelSeries(staff, series.id, { origin: publicOrigin() })
          return done(`已取消 ${sessions} 个未开始的场次。${registrationsCancelled} 份报名已标记为“场次取消”，并已通知报名人。`)
        }
      }
    },
  })
}

export default function SeriesPage() {
  const { series, upcoming } = useLoaderData<typeof loader>()
  const change = useFormReply('change')
  const cancel = useFormReply('cancel')
  const [form, fields] = useZodForm(seriesTimesSchema, {
    id: 'series-change',
    lastResult: change.result,
    shouldRevalidate: 'onInput',
    defaultValue: {
      startTime: formatTimeOfDay(series.startMinute),
      endTime: formatTimeOfDay(series.endMinute),
      capacity: String(series.capacity),
      opensDaysBefore: series.opensDaysBefore === null ? undefined : String(series.opensDaysBefore),
      closesHoursBefore: series.closesHoursBefore === null ? undefined : String(series.closesHoursBefore),
    },
  })
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to={`/admin/events/${series.event.id}`}>← {series.event.title}</Link>
      </p>
      <h1>
        场次系列：{series.pattern}
        {series.cancelledAt ? <span className="pill pill-cancelled">已取消</span> : null}
      </h1>
      <p className="lead">
        {formatCalendarDay(series.fromDate)} 至 {formatCalendarDay(series.untilDate)} · 每场 {series.capacity} 个名额 · 共{' '}
        {series.sessions.length} 个场次，{upcoming} 个未开始
        {series.skippedDates.length ? ` · 跳过 ${series.skippedDates.map((d) => formatCalendarDay(d)).join('、')}` : ''}
      </p>
      <ActionNotices error={cancel.error} />

      <DataTable caption={<>场次（{series.sessions.length} 个）</>} headings={['时间', '状态', '名额', '报名', '候补', '名单']}>
        {series.sessions.map((s) => (
          <tr key={s.id}>
            <td>{formatSessionTime(s.startsAt, s.endsAt)}</td>
            <td>{s.status === 'CANCELLED' ? '已取消' : new Date(s.startsAt).getTime() > Date.now() ? '未开始' : '已开始'}</td>
            <td>
              {s.seatsTaken} / {s.capacity}
            </td>
            <td>{s.status === 'CANCELLED' ? `${s.cancelledRegistrations} 份已取消` : `${s.registrations} 份`}</td>
            <td>{s.waitlisted}</td>
            <td>
              <Link to={`/admin/sessions/${s.id}`} aria-label={`${formatSessionTime(s.startsAt, s.endsAt)} 的报名名单`}>
                报名名单
              </Link>
            </td>
          </tr>
        ))}
      </DataTable>

      {upcoming > 0 && !series.cancelledAt ? (
        <>
          <section aria-labelledby="change-heading" className="admin-section">
            <h2 id="change-heading">修改全部未开始的场次</h2>
            <p className="hint">
              {upcoming}{' '}
              个未开始的场次都会改为下面的时间、名额和报名时间（已单独修改过的场次也会改）。名额不能少于任何一场已占用的名额；时间有变动，报名人会收到通知；增加的名额先给候补。
            </p>
            <IntentForm form={form} intent="change">
              <SeriesTimesFields fields={fields} />
              <button type="submit" className="primary">
                修改 {upcoming} 个场次
              </button>
            </IntentForm>
          </section>
          <section aria-labelledby="cancel-heading" className="admin-section">
            <h2 id="cancel-heading">取消全部未开始的场次</h2>
            <p className="hint">报名会保留并标记为“场次取消”，每位报名人会收到通知；已开始或已结束的场次不变。</p>
            <Form method="post" className="button-row">
              <CsrfInput />
              <button
                type="submit"
                name="intent"
                value="cancel"
                className="danger"
                onClick={(e) => {
                  if (!confirm(`取消这个系列的 ${upcoming} 个未开始场次？报名会被标记为“场次取消”，报名人会收到通知。`)) e.preventDefault()
                }}
              >
                取消 {upcoming} 个场次
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </article>
  )
}
