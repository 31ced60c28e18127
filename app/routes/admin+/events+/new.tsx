import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { mapLinks } from '~/components/places-map'
import { createEvent, eventFormChoices } from '~/models/event/admin.server'
import { eventSchema } from '~/models/event/schema'
import { EventForm } from '~/routes/admin+/events+/__event-form'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useFormReply } from '~/utils/use-form-reply'

export const links = () => mapLinks
export const meta: MetaFunction = () => adminMeta('新建活动')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  return json({ choices: await eventFormChoices(staff), districtId: staff.districtId })
}

export async function action({ request }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => eventSchema,
    access: { staff: requireStaff },
    async submit(value, { actor: staff }) {
      const event = await createEvent(staff, value)
      return redirectWithToast(request, `/admin/events/${event.id}`, '草稿已保存。请添加场次，然后发布。')
    },
  })
}

export default function NewEventPage() {
  const { choices, districtId } = useLoaderData<typeof loader>()
  const { result } = useFormReply()
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/events">← 全部活动</Link>
      </p>
      <h1>新建活动</h1>
      <p className="hint">保存后是草稿；添加场次后即可发布。</p>
      <EventForm
        choices={choices}
        lastResult={result}
        defaultValue={{ placeKind: choices.venues.length ? 'venue' : 'place', maxPartySize: '4', districtId: districtId ?? undefined }}
        submitLabel="保存草稿"
      />
    </article>
  )
}
