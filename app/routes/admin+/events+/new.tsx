import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { mapLinks } from '~/components/places-map'
import { createEvent, eventFormChoices } from '~/models/event/admin.server'
import { eventSchema } from '~/models/event/schema'
import { EventForm } from '~/routes/admin+/events+/__event-form'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { requireValidCsrf } from '~/utils/form-security.server'
import { Refusal } from '~/utils/refusal'

export const links = () => mapLinks
export const meta: MetaFunction = () => adminMeta('新建活动')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  return json({ choices: await eventFormChoices(staff), districtId: staff.districtId })
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request)
  const formData = await request.formData()
  await requireValidCsrf(request, formData)
  const submission = parseWithZod(formData, { schema: eventSchema })
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
  try {
    const event = await createEvent(staff, submission.value)
    return redirect(`/admin/events/${event.id}?created=1`)
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    return json({ result: submission.reply(error.replyErrors()) }, { status: 400 })
  }
}

export default function NewEventPage() {
  const { choices, districtId } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/events">← 全部活动</Link>
      </p>
      <h1>新建活动</h1>
      <p className="hint">保存后是草稿；添加场次后即可发布。</p>
      <EventForm
        choices={choices}
        lastResult={actionData?.result}
        defaultValue={{ placeKind: choices.venues.length ? 'venue' : 'place', maxPartySize: '4', districtId: districtId ?? undefined }}
        submitLabel="保存草稿"
      />
    </article>
  )
}
