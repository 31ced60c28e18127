// Editing a competition (decision 035, "The staff form"): refused, naming the reason next to its field, where a change
// would break what signed-up teams rely on; a deadline moved on a published competition is audited, shown on the
// public timeline and told to every team. Staff who run the competition only.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { activeDistrictChoices, districtNameOf } from '~/models/choices.server'
import { competitionForEditor, updateCompetitionFromForm } from '~/models/competitions/editor.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { useFormReply } from '~/utils/use-form-reply'
import { CompetitionForm, competitionSchema } from './__competition-form'

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(data ? `修改大赛：${data.competition.title}` : '修改大赛')

/** Signed in and running this competition: 302, 403 or 404 before anything is read. */
async function load(request: Request, competitionId: string | undefined) {
  const staff = await requireStaff(request)
  const competition = await competitionForEditor(staff, competitionId ?? '')
  return { staff, competition }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, competition } = await load(request, params.competitionId)
  const [districts, own] = await Promise.all([
    staff.role === 'PLATFORM_ADMIN' ? activeDistrictChoices() : ([] as Array<{ id: string; name: string }>),
    districtNameOf(competition.districtId),
  ])
  return json(
    {
      competition,
      districts,
      choosesDistrict: staff.role === 'PLATFORM_ADMIN',
      ownDistrict: own ?? (competition.districtId ? null : '全市'),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => competitionSchema,
    access: { staff: (r: Request) => load(r, params.competitionId) },
    async submit(value, { actor: { staff, competition }, done }) {
      const { moved, told } = await updateCompetitionFromForm(staff, competition.id, value)
      const note = moved ? `时间调整已记在公开时间线上${told ? '，并已通知各队' : ''}。` : ''
      return done(`已保存。${note}`, `/admin/competitions/${competition.id}`)
    },
  })
}

export default function EditCompetitionPage() {
  const { competition, districts, choosesDistrict, ownDistrict } = useLoaderData<typeof loader>()
  const { result } = useFormReply()
  return (
    <CompetitionForm
      competition={competition}
      lastResult={result}
      districts={districts}
      choosesDistrict={choosesDistrict}
      ownDistrict={ownDistrict}
      year={competition.edition}
    />
  )
}
