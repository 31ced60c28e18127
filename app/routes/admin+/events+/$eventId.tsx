import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { EventForm } from '~/routes/admin+/events+/__event-form'
import { Field, FormErrors } from '~/components/form-field'
import { mapLinks } from '~/components/places-map'
import { RevealPhone } from '~/routes/admin+/__reveal-phone'
import {
  addSession, cancelEvent, cancelSession, eventFormChoices, EventActionError, findEventForStaff, peopleToContact, publishEvent,
  removeSession, unpublishEvent, updateEvent, updateSession,
} from '~/models/event-admin.server'
import { FormFieldError } from '~/models/venue-admin.server'
import { requireStaff } from '~/utils/auth.server'
import { cancelReasonLabel, eventStatusLabel, formatDay } from '~/utils/admin-labels'
import { eventSchema, sessionSchema } from '~/utils/event-schema'
import { formatSessionTime } from '~/utils/format'
import { requireValidCsrf } from '~/utils/form-security.server'
import { notFound } from '~/utils/permissions.server'
import { maskMobile, readQuestions } from '~/utils/registration-schema'
import { toShanghaiDateTimeInput } from '~/utils/shanghai-time'
import { adminMeta } from '~/utils/admin-meta'

export const links = () => mapLinks
export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(`${data?.event.title ?? '活动'} · 编辑`)

async function loadEvent(request: Request, eventId: string | undefined) {
  const staff = await requireStaff(request)
  const event = await findEventForStaff(staff, eventId ?? '')
  if (!event) throw notFound('找不到这个活动，或不在你的管理范围内。')
  return { staff, event }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, event } = await loadEvent(request, params.eventId)
  const [choices, contacts] = await Promise.all([eventFormChoices(staff), peopleToContact(event.id)])
  return json({
    event,
    choices,
    contacts: contacts.map(({ phone, ...c }) => ({ ...c, phoneMasked: maskMobile(phone) })),
  })
}

type ActionResult = { formId: string; result?: SubmissionResult<string[]>; message?: string; error?: string }

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, event } = await loadEvent(request, params.eventId)
  const formData = await request.formData()
  await requireValidCsrf(request, formData)
  const intent = String(formData.get('intent') ?? '')
  const sessionId = String(formData.get('sessionId') ?? '')
  const reply = (body: ActionResult, status = 200) => json(body, { status })
  try {
    switch (intent) {
      case 'save': {
        const submission = parseWithZod(formData, { schema: eventSchema })
        if (submission.status !== 'success') return reply({ formId: 'event', result: submission.reply() }, 400)
        try {
          await updateEvent(staff, event.id, submission.value)
        } catch (error) {
          if (!(error instanceof FormFieldError)) throw error
          return reply({ formId: 'event', result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }) }, 400)
        }
        return reply({ formId: 'event', result: submission.reply(), message: '活动已保存。' })
      }
      case 'add-session':
      case 'update-session': {
        const formId = intent === 'add-session' ? 'new-session' : `session-${sessionId}`
        const submission = parseWithZod(formData, { schema: sessionSchema })
        if (submission.status !== 'success') return reply({ formId, result: submission.reply() }, 400)
        try {
          if (intent === 'add-session') {
            await addSession(staff, event.id, submission.value)
            return reply({ formId, result: submission.reply({ resetForm: true }), message: '场次已添加。' })
          }
          const { promoted } = await updateSession(staff, sessionId, submission.value)
          return reply({ formId, result: submission.reply(), message: `场次已保存${promoted ? `，候补递补 ${promoted} 份报名` : ''}。` })
        } catch (error) {
          if (!(error instanceof FormFieldError)) throw error
          return reply({ formId, result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }) }, 400)
        }
      }
      case 'publish':
        await publishEvent(staff, event.id)
        return reply({ formId: 'status', message: '活动已发布，居民现在可以看到并报名。' })
      case 'unpublish':
        await unpublishEvent(staff, event.id)
        return reply({ formId: 'status', message: '活动已撤回为草稿。' })
      case 'cancel-event': {
        const { registrationsCancelled } = await cancelEvent(staff, event.id)
        return reply({ formId: 'status', message: `活动已取消。${registrationsCancelled} 份报名已标记为“活动取消”，请按下方名单通知。` })
      }
      case 'cancel-session': {
        const { registrationsCancelled } = await cancelSession(staff, sessionId)
        return reply({ formId: 'status', message: `场次已取消。${registrationsCancelled} 份报名已标记为“场次取消”，请按下方名单通知。` })
      }
      case 'remove-session':
        await removeSession(staff, sessionId)
        return reply({ formId: 'status', message: '场次已删除。' })
      default:
        return reply({ formId: 'status', error: '未知操作。' }, 400)
    }
  } catch (error) {
    if (error instanceof EventActionError) return reply({ formId: 'status', error: error.message }, 409)
    throw error
  }
}

function eventDefaults(event: ReturnType<typeof useLoaderData<typeof loader>>['event']) {
  const text = (value: string | number | null | undefined) => (value === null || value === undefined ? undefined : String(value))
  return {
    title: event.title, summary: event.summary, description: event.description, category: event.category,
    topics: event.topics.join('、'), audienceMinAge: text(event.audienceMinAge), audienceMaxAge: text(event.audienceMaxAge),
    audienceNote: text(event.audienceNote), placeKind: event.venueId ? 'venue' : 'place', venueId: text(event.venueId),
    placeName: text(event.placeName), placeAddress: text(event.placeAddress), districtId: event.districtId, townId: text(event.townId),
    lat: String(event.lat), lng: String(event.lng), brandId: text(event.brandId), organisationId: text(event.organisationId),
    maxPartySize: String(event.maxPartySize),
    questions: readQuestions(event.questions).map((q) => ({ key: q.key, label: q.label, kind: q.kind, required: q.required ? 'on' : undefined, options: q.options?.join('、') })),
  }
}

export default function EditEventPage() {
  const { event, choices, contacts } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionResult | undefined
  const [searchParams] = useSearchParams()
  const resultFor = (formId: string) => (actionData?.formId === formId ? actionData.result : undefined)
  const now = Date.now()
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/events">← 全部活动</Link>
        {event.status === 'PUBLISHED' ? <> · <Link to={`/events/${event.slug}`}>查看公开页面</Link></> : null}
      </p>
      <h1>{event.title} <span className={`pill pill-${event.status.toLowerCase()}`}>{eventStatusLabel[event.status]}</span></h1>
      {searchParams.get('created') === '1' && !actionData ? <p className="notice" role="status">草稿已保存。请添加场次，然后发布。</p> : null}
      {actionData?.message ? <p className="notice" role="status">{actionData.message}</p> : null}
      {actionData?.error ? <p className="notice notice-warn" role="alert">{actionData.error}</p> : null}

      <section aria-labelledby="status-heading" className="admin-section">
        <h2 id="status-heading">发布状态</h2>
        <Form method="post" className="button-row">
          <CsrfInput />
          {event.status === 'DRAFT' ? <button type="submit" name="intent" value="publish" className="primary">发布活动</button> : null}
          {event.status === 'PUBLISHED' ? <button type="submit" name="intent" value="unpublish">撤回为草稿</button> : null}
          {event.status !== 'CANCELLED' ? (
            <button type="submit" name="intent" value="cancel-event" className="danger"
              onClick={(e) => { if (!confirm('取消整个活动？所有未结束场次的报名都会被标记为“活动取消”。')) e.preventDefault() }}>
              取消活动
            </button>
          ) : <p>活动已取消。</p>}
        </Form>
      </section>

      <section aria-labelledby="sessions-heading" className="admin-section">
        <h2 id="sessions-heading">场次</h2>
        {event.sessions.length === 0 ? <p>还没有场次。</p> : null}
        {event.sessions.map((s) => (
          <div key={s.id} className={`session-admin${s.status === 'CANCELLED' ? ' is-cancelled' : ''}`}>
            <h3>{formatSessionTime(s.startsAt, s.endsAt)}{s.status === 'CANCELLED' ? '（已取消）' : ''}</h3>
            <p>
              名额 {s.seatsTaken} / {s.capacity} 已占用 · 报名 {s.registrations} 份 · 候补 {s.waitlisted} 份 · 已签到 {s.attendedPeople} 人 ·{' '}
              <Link to={`/admin/sessions/${s.id}`}>报名名单</Link> · <Link to={`/admin/sessions/${s.id}/check-in`} reloadDocument>签到</Link>
            </p>
            {s.status === 'SCHEDULED' && new Date(s.endsAt).getTime() > now ? (
              <>
                <SessionForm formId={`session-${s.id}`} intent="update-session" sessionId={s.id} lastResult={resultFor(`session-${s.id}`)} submitLabel="保存场次"
                  defaultValue={{
                    startsAt: toShanghaiDateTimeInput(s.startsAt), endsAt: toShanghaiDateTimeInput(s.endsAt), capacity: String(s.capacity),
                    registrationOpensAt: s.registrationOpensAt ? toShanghaiDateTimeInput(s.registrationOpensAt) : undefined,
                    registrationClosesAt: s.registrationClosesAt ? toShanghaiDateTimeInput(s.registrationClosesAt) : undefined,
                  }} />
                <Form method="post" className="button-row">
                  <CsrfInput />
                  <input type="hidden" name="sessionId" value={s.id} />
                  {s.registrations === 0 && s.attendedPeople === 0
                    ? <button type="submit" name="intent" value="remove-session">删除场次</button>
                    : <button type="submit" name="intent" value="cancel-session" className="danger" onClick={(e) => { if (!confirm('取消这个场次？报名会被标记为“场次取消”。')) e.preventDefault() }}>取消场次</button>}
                </Form>
              </>
            ) : null}
          </div>
        ))}
        {event.status !== 'CANCELLED' ? (
          <>
            <h3>添加场次</h3>
            <SessionForm formId="new-session" intent="add-session" lastResult={resultFor('new-session')} submitLabel="添加场次" />
          </>
        ) : null}
      </section>

      {contacts.length ? (
        <section aria-labelledby="contacts-heading" className="admin-section">
          <h2 id="contacts-heading">需要通知的报名人（{contacts.length}）</h2>
          <p className="hint">这些报名因场次或活动取消而被标记。查看完整号码会记入审计日志。</p>
          <table className="data-table">
            <thead><tr><th scope="col">场次</th><th scope="col">姓名</th><th scope="col">手机号</th><th scope="col">人数</th><th scope="col">原因</th></tr></thead>
            <tbody>
              {contacts.map((c) => (
                <tr key={c.id}>
                  <td>{formatDay(c.session.startsAt)}</td>
                  <td>{c.name}</td>
                  <td><RevealPhone recordId={c.id} masked={c.phoneMasked} purpose="通知活动取消" /></td>
                  <td>{c.partySize}</td>
                  <td>{c.cancelReason ? cancelReasonLabel[c.cancelReason] : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <section aria-labelledby="details-heading" className="admin-section">
        <h2 id="details-heading">活动信息</h2>
        <EventForm choices={choices} lastResult={resultFor('event')} defaultValue={eventDefaults(event)} submitLabel="保存活动信息" />
      </section>
    </article>
  )
}

function SessionForm({ formId, intent, sessionId, lastResult, defaultValue, submitLabel }: {
  formId: string; intent: string; sessionId?: string; lastResult?: SubmissionResult<string[]>; defaultValue?: Record<string, string | undefined>; submitLabel: string
}) {
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(sessionSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sessionSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="session-form">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {sessionId ? <input type="hidden" name="sessionId" value={sessionId} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="field-row">
        <Field label="开始时间" meta={fields.startsAt}><input {...getInputProps(fields.startsAt, { type: 'datetime-local' })} /></Field>
        <Field label="结束时间" meta={fields.endsAt}><input {...getInputProps(fields.endsAt, { type: 'datetime-local' })} /></Field>
        <Field label="名额" meta={fields.capacity}><input {...getInputProps(fields.capacity, { type: 'number' })} inputMode="numeric" /></Field>
      </div>
      <div className="field-row">
        <Field label="报名开始（可不填）" meta={fields.registrationOpensAt}><input {...getInputProps(fields.registrationOpensAt, { type: 'datetime-local' })} /></Field>
        <Field label="报名截止（默认活动开始时）" meta={fields.registrationClosesAt}><input {...getInputProps(fields.registrationClosesAt, { type: 'datetime-local' })} /></Field>
      </div>
      <button type="submit">{submitLabel}</button>
    </Form>
  )
}
