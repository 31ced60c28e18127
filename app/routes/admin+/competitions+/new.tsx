// A new competition (decision 035, "The staff form"): district admins make their district's, platform admins any
// district's or the city's. Saved as a draft or published; it then opens on the page that runs it.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { activeDistrictChoices, districtNameOf } from '~/models/choices.server'
import { createCompetitionFromForm, requireCompetitionEditor } from '~/models/competitions/editor.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { shanghaiDateKey } from '~/utils/shanghai-time'
import { useFormReply } from '~/utils/use-form-reply'
import { CompetitionForm, competitionSchema } from './__competition-form'

export const meta: MetaFunction = () => adminMeta('新建大赛')

async function load(request: Request) {
  const staff = await requireStaff(request)
  requireCompetitionEditor(staff)
  return staff
}

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await load(request)
  const [districts, own] = await Promise.all([
    staff.role === 'PLATFORM_ADMIN' ? activeDistrictChoices() : ([] as Array<{ id: string; name: string }>),
    districtNameOf(staff.districtId),
  ])
  return json(
    {
      districts,
      choosesDistrict: staff.role === 'PLATFORM_ADMIN',
      ownDistrict: own ?? null,
      year: Number(shanghaiDateKey(new Date()).slice(0, 4)),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

export async function action({ request }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => competitionSchema,
    access: { staff: load },
    async submit(value, { actor: staff, done }) {
      const { id } = await createCompetitionFromForm(staff, value)
      return done(value.published ? '已新建并发布大赛。' : '已新建大赛（草稿，未发布）。', `/admin/competitions/${id}`)
    },
  })
}

export default function NewCompetitionPage() {
  const { districts, choosesDistrict, ownDistrict, year } = useLoaderData<typeof loader>()
  const { result } = useFormReply()
  return (
    <CompetitionForm
      competition={null}
      lastResult={result}
      districts={districts}
      choosesDistrict={choosesDistrict}
      ownDistrict={ownDistrict}
      year={year}
    />
  )
}
