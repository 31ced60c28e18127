import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getPublicCompetition } from '~/models/competitions/competition.server'
import { teamSchema } from '~/models/competitions/schema'
import { registerTeam } from '~/models/competitions/teams.server'
import { requireResident } from '~/models/passport/account.server'
import { publicFormProtection } from '~/utils/form-security.server'
import { handleForm } from '~/utils/form.server'
import { formatDayTime } from '~/utils/format'
import { metaT, useLocale } from '~/utils/i18n'
import { prisma } from '~/utils/infra/db.server'
import { messageContext } from '~/utils/links.server'
import { maskMobile } from '~/utils/phone'
import { useFormReply } from '~/utils/use-form-reply'
import { TeamForm } from './__team-form'

export const meta: MetaFunction = ({ matches }) => [
  { title: metaT(matches)('site.titleSuffix', { title: metaT(matches)('competition.signUp') }) },
  { name: 'robots', content: 'noindex' },
]

async function load(request: Request, slug: string | undefined) {
  const resident = await requireResident(request)
  const competition = await getPublicCompetition(slug ?? '')
  return { resident, competition }
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { resident, competition } = await load(request, params.slug)
  const [districts, protection] = await Promise.all([
    prisma.district.findMany({ where: { active: true }, orderBy: { code: 'asc' }, select: { id: true, name: true, nameEn: true } }),
    publicFormProtection(request),
  ])
  return json(
    { competition, districts, phone: maskMobile(resident.phone), csrfToken: protection.csrfToken },
    { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } },
  )
}

export async function action({ params, request }: ActionFunctionArgs) {
  const { resident, competition } = await load(request, params.slug)
  return handleForm(request, {
    schema: teamSchema,
    access: { public: true, limits: (address) => [{ key: `competition-team:addr:${address}`, limit: 30, windowSeconds: 3600 }] },
    async submit(value, { t, done }) {
      const { code } = await registerTeam(resident, competition.id, value, await messageContext(request))
      return done(t('competition.team.registered', { code }), `/competitions/${competition.slug}/teams/${code}`)
    },
  })
}

export default function SignUpPage() {
  const { competition: c, districts, phone, csrfToken } = useLoaderData<typeof loader>()
  const { result } = useFormReply()
  const { t, language } = useLocale()
  return (
    <article className="detail">
      <p className="meta">
        <Link to={`/competitions/${c.slug}`}>{language === 'en' && c.titleEn ? c.titleEn : c.title}</Link>
      </p>
      <h1>{t('competition.signUp')}</h1>
      <p>{t('competition.signUpNeedsAccount')}</p>
      <p className="meta">
        {t('account.phone', { phone })} · {t('competition.step.signUpCloses')}
        {t('site.colon')}
        {formatDayTime(c.signUpClosesAt, language)}
      </p>
      <ul>
        <li>{t('competition.teamSize', { min: c.minTeamSize, max: c.maxTeamSize })}</li>
        {c.oneDistrict && c.district ? (
          <li>{t('competition.oneDistrict', { district: language === 'en' ? c.district.nameEn : c.district.name })}</li>
        ) : null}
        <li>{t('competition.onePerPupil')}</li>
      </ul>
      <TeamForm
        categories={c.categories}
        districts={districts}
        csrfToken={csrfToken}
        lastResult={result}
        submitLabel={t('competition.team.submit')}
      />
    </article>
  )
}
