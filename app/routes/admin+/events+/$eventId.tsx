import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ActionNotices } from '~/components/action-notices'
import { CsrfInput } from '~/components/csrf-input'
import { mapLinks } from '~/components/places-map'
import {
  addSession,
  cancelEvent,
  cancelSession,
  eventFormChoices,
  findEventForStaff,
  peopleToContact,
  publishEvent,
  removeSession,
  unpublishEvent,
  updateEvent,
  updateSession,
} from '~/models/event/admin.server'
import { checkEvent, checkSession, eventFields, sessionFields } from '~/models/event/schema'
import { listSeriesOfEvent } from '~/models/event/series.server'
import { EventForm, eventFormDefaults } from '~/routes/admin+/events+/__event-form'
import { PeopleToContact } from '~/routes/admin+/events+/__people-to-contact'
import { SessionsSection } from '~/routes/admin+/events+/__sessions-section'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { orNotFound } from '~/utils/http-errors'
import { eventStatusLabel } from '~/utils/labels'
import { publicOrigin } from '~/utils/links.server'
import { maskMobile } from '~/utils/phone'
import { useFormReply } from '~/utils/use-form-reply'

export const links = () => mapLinks
export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(`${data?.event.title ?? '活动'} · 编辑`)

async function loadEvent(request: Request, eventId: string | undefined) {
  const staff = await requireStaff(request)
  const event = orNotFound(await findEventForStaff(staff, eventId ?? ''), '找不到这个活动，或不在你的管理范围内。')
  return { staff, event }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, event } = await loadEvent(request, params.eventId)
  const [choices, contacts, series] = await Promise.all([eventFormChoices(staff), peopleToContact(event.id), listSeriesOfEvent(event.id)])
  return json({
    event,
    choices,
    series,
    contacts: contacts.map(({ phone, ...c }) => ({ ...c, phoneMasked: maskMobile(phone) })),
  })
}

/** Every form on this page, told apart by `intent`; the rules across fields run for the form that was sent. */
const eventPageSchema = z
  .discriminatedUnion('intent', [
    eventFields.extend({ intent: z.literal('save') }),
    sessionFields.extend({ intent: z.literal('add-session') }),
    sessionFields.extend({ intent: z.literal('update-session'), sessionId: z.string() }),
    z.object({ intent: z.enum(['publish', 'unpublish', 'cancel-event']) }),
    z.object({ intent: z.enum(['cancel-session', 'remove-session']), sessionId: z.string() }),
  ])
  .superRefine((value, ctx) => {
    if (value.intent === 'save') checkEvent(value, ctx)
    if (value.intent === 'add-session' || value.intent === 'update-session') checkSession(value, ctx)
  })

/** Which form on the page an answer belongs to. */
function formOf(formData: FormData): string {
  const intent = formData.get('intent')
  if (intent === 'save') return 'event'
  if (intent === 'add-session') return 'new-session'
  if (intent === 'update-session') return `session-${String(formData.get('sessionId'))}`
  return 'status'
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => eventPageSchema,
    access: { staff: (request) => loadEvent(request, params.eventId) },
    formOf,
    async submit(value, { actor: { staff, event }, done }) {
      switch (value.intent) {
        case 'save':
          await updateEvent(staff, event.id, value, { origin: publicOrigin() })
          return done('活动已保存。')
        case 'add-session':
          await addSession(staff, event.id, value)
          return done('场次已添加。')
        case 'update-session': {
          const { promoted } = await updateSession(staff, value.sessionId, value, { origin: publicOrigin() })
          return done(`场次已保存${promoted ? `，候补递补 ${promoted} 份报名` : ''}。`)
        }
        case 'publish':
          await publishEvent(staff, event.id)
          return done('活动已发布，居民现在可以看到并报名。')
        case 'unpublish':
          await unpublishEvent(staff, event.id)
          return done('活动已撤回为草稿。')
        case 'cancel-event': {
          const { registrationsCancelled } = await cancelEvent(staff, event.id, undefined, publicOrigin())
          return done(`活动已取消。${registrationsCancelled} 份报名已标记为“活动取消”，请按下方名单通知。`)
        }
        case 'cancel-session': {
          const { registrationsCancelled } = await cancelSession(staff, value.sessionId, undefined, publicOrigin())
          return done(`场次已取消。${registrationsCancelled} 份报名已标记为“场次取消”，请按下方名单通知。`)
        }
        case 'remove-session':
          await removeSession(staff, value.sessionId)
          return done('场次已删除。')
      }
    },
  })
}

export default function EditEventPage() {
  const { event, choices, contacts, series } = useLoaderData<typeof loader>()
  const { reply } = useFormReply()
  // A refusal of a form's content goes into that form; of a status change, above the page.
  const resultFor = (formId: string) => (reply?.form === formId ? reply.result : undefined)
  const statusError = reply?.form === 'status' ? reply.error : null
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/events">← 全部活动</Link>
        {event.status === 'PUBLISHED' ? (
          <>
            {' '}
            · <Link to={`/events/${event.slug}`}>查看公开页面</Link>
          </>
        ) : null}
      </p>
      <h1>
        {event.title} <span className={`pill pill-${event.status.toLowerCase()}`}>{eventStatusLabel[event.status]}</span>
      </h1>
      <ActionNotices error={statusError} />

      <section aria-labelledby="status-heading" className="admin-section">
        <h2 id="status-heading">发布状态</h2>
        <Form method="post" className="button-row">
          <CsrfInput />
          {event.status === 'DRAFT' ? (
            <button type="submit" name="intent" value="publish" className="primary">
              发布活动
            </button>
          ) : null}
          {event.status === 'PUBLISHED' ? (
            <button type="submit" name="intent" value="unpublish">
              撤回为草稿
            </button>
          ) : null}
          {event.status !== 'CANCELLED' ? (
            <button
              type="submit"
              name="intent"
              value="cancel-event"
              className="danger"
              onClick={(e) => {
                if (!confirm('取消整个活动？所有未结束场次的报名都会被标记为“活动取消”。')) e.preventDefault()
              }}
            >
              取消活动
            </button>
          ) : (
            <p>活动已取消。</p>
          )}
        </Form>
      </section>

      <SessionsSection event={event} series={series} resultFor={resultFor} />

      <PeopleToContact contacts={contacts} />

      <section aria-labelledby="details-heading" className="admin-section">
        <h2 id="details-heading">活动信息</h2>
        <EventForm choices={choices} lastResult={resultFor('event')} defaultValue={eventFormDefaults(event)} submitLabel="保存活动信息" />
      </section>
    </article>
  )
}
