import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { mapLinks } from '~/components/places-map'
import { createVenue, venueFormChoices } from '~/models/venue/admin.server'
import { VENUE_TYPES, venueSchema } from '~/models/venue/schema'
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
  // `?type=DIGITAL_POINT` from the digital points page: the form opens with that type.
  const type = new URL(request.url).searchParams.get('type')
  return json({
    choices: await venueFormChoices(staff),
    defaultDistrictId: staff.districtId,
    defaultType: VENUE_TYPES.find((t) => t === type),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => venueSchema,
    access: { staff: requireStaff },
    async submit(value, { actor: staff }) {
      const venue = await createVenue(staff, value)
      // A digital point goes on to its point page (kind, keeper, what it shows, its report token), for those who keep points.
      if (value.type === 'DIGITAL_POINT' && (staff.role === 'PLATFORM_ADMIN' || staff.role === 'DISTRICT_ADMIN'))
        return redirectWithToast(request, `/admin/points/${venue.id}`, '已保存。请填写点位类型和维护单位。')
      return redirectWithToast(request, `/admin/venues/${venue.id}`, '已保存。')
    },
  })
}

export default function NewVenuePage() {
  const { choices, defaultDistrictId, defaultType } = useLoaderData<typeof loader>()
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
          type: defaultType,
        }}
        submitLabel="保存场馆"
      />
    </article>
  )
}
