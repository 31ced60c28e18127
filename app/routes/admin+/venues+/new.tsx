import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { mapLinks } from '~/components/places-map'
import { createVenue, venueFormChoices } from '~/models/venue/admin.server'
import { venueSchema } from '~/models/venue/schema'
import { VenueForm } from '~/routes/admin+/venues+/__venue-form'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useFormReply } from '~/utils/use-form-reply'

export const links = () => mapLinks
export const meta: MetaFunction = () => adminMeta('新建场馆')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  return json({ choices: await venueFormChoices(staff), defaultDistrictId: staff.districtId })
}

export async function action({ request }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => venueSchema,
    access: { staff: requireStaff },
    async submit(value, { actor: staff }) {
      const venue = await createVenue(staff, value)
      return redirectWithToast(request, `/admin/venues/${venue.id}`, '已保存。')
    },
  })
}

export default function NewVenuePage() {
  const { choices, defaultDistrictId } = useLoaderData<typeof loader>()
  const { result } = useFormReply()
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/venues">← 全部场馆</Link>
      </p>
      <h1>新建场馆</h1>
      <VenueForm
        choices={choices}
        lastResult={result}
        defaultValue={{
          districtId: defaultDistrictId ?? (choices.districts.length === 1 ? choices.districts[0].id : undefined),
          openToPublic: 'on',
        }}
        submitLabel="保存场馆"
      />
    </article>
  )
}
