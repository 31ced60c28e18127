import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { mapLinks } from '~/components/places-map'
import { findVenueForStaff, updateVenue, venueFormChoices } from '~/models/venue/admin.server'
import { venueSchema } from '~/models/venue/schema'
import { VenueForm } from '~/routes/admin+/venues+/__venue-form'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { orNotFound } from '~/utils/http-errors'
import { useFormReply } from '~/utils/use-form-reply'

export const links = () => mapLinks
export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(`${data?.venue.name ?? '场馆'} · 编辑`)

async function loadVenue(request: Request, venueId: string | undefined) {
  const staff = await requireStaff(request)
  const venue = orNotFound(await findVenueForStaff(staff, venueId ?? ''), '找不到这个场馆，或不在你的管理范围内。')
  return { staff, venue }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, venue } = await loadVenue(request, params.venueId)
  return json({ venue, choices: await venueFormChoices(staff) })
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => venueSchema,
    access: { staff: (request) => loadVenue(request, params.venueId) },
    async submit(value, { actor: { staff, venue }, done }) {
      await updateVenue(staff, venue.id, value)
      return done('已保存。')
    },
  })
}

export default function EditVenuePage() {
  const { venue, choices } = useLoaderData<typeof loader>()
  const { result } = useFormReply()
  const defaultValue = Object.fromEntries(
    Object.entries(venue).map(([key, value]) => [
      key,
      typeof value === 'boolean' ? (value ? 'on' : undefined) : value === null ? undefined : String(value),
    ]),
  )
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/venues">← 全部场馆</Link> · <Link to={`/venues/${venue.slug}`}>查看公开页面</Link> ·{' '}
        <Link to={`/admin/venues/${venue.id}/school`}>学校团体接待设置</Link>
      </p>
      <h1>编辑场馆：{venue.name}</h1>
      {venue.locationApproximate ? (
        <p className="notice notice-warn">这个场馆的位置是近似的（{venue.locationNote ?? '没有公开坐标'}）。请在地图上放到准确位置。</p>
      ) : null}
      <VenueForm choices={choices} lastResult={result} defaultValue={defaultValue} submitLabel="保存修改" />
    </article>
  )
}
