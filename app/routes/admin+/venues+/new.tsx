import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { mapLinks } from '~/components/places-map'
import { createVenue, venueFormChoices } from '~/models/venue/admin.server'
import { venueSchema } from '~/models/venue/schema'
import { VenueForm } from '~/routes/admin+/venues+/__venue-form'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { requireValidCsrf } from '~/utils/form-security.server'
import { Refusal } from '~/utils/refusal'

export const links = () => mapLinks
export const meta: MetaFunction = () => adminMeta('新建场馆')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  return json({ choices: await venueFormChoices(staff), defaultDistrictId: staff.districtId })
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request)
  const formData = await request.formData()
  await requireValidCsrf(request, formData)
  const submission = parseWithZod(formData, { schema: venueSchema })
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
  try {
    const venue = await createVenue(staff, submission.value)
    return redirect(`/admin/venues/${venue.id}?saved=1`)
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    return json({ result: submission.reply(error.replyErrors()) }, { status: 400 })
  }
}

export default function NewVenuePage() {
  const { choices, defaultDistrictId } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/venues">← 全部场馆</Link>
      </p>
      <h1>新建场馆</h1>
      <VenueForm
        choices={choices}
        lastResult={actionData?.result}
        defaultValue={{
          districtId: defaultDistrictId ?? (choices.districts.length === 1 ? choices.districts[0].id : undefined),
          openToPublic: 'on',
        }}
        submitLabel="保存场馆"
      />
    </article>
  )
}
