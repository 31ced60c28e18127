// 志愿岗位: open volunteer roles, readable without an account, filtered by district, date and skill.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { listOpenRoles } from '~/models/volunteers/roles.server'
import { volunteerPageOptions } from '~/models/volunteers/volunteer.server'
import { RoleCard, VolunteerRules } from '~/routes/_volunteers+/__parts'
import { districtName, metaT, useLocale } from '~/utils/i18n'

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return [
    { title: t('site.titleSuffix', { title: t('volunteers.listTitle') }) },
    { name: 'description', content: t('volunteers.listLead') },
  ]
}

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams
  const filters = {
    district: params.get('district') || undefined,
    date: params.get('date') || undefined,
    skill: params.get('skill') || undefined,
  }
  const [roles, options] = await Promise.all([listOpenRoles(filters), volunteerPageOptions()])
  return json({ roles, ...options })
}

export default function VolunteerRolesPage() {
  const { roles, districts, skills } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const { t, language } = useLocale()
  const chosen = searchParams.get('district')
  return (
    <article>
      <h1>{t('volunteers.listTitle')}</h1>
      <p className="lead">{t('volunteers.listLead')}</p>
      <p className="button-row">
        <Link to="/volunteers/join" className="button primary">
          {t('volunteers.becomeVolunteer')}
        </Link>
        <Link to="/volunteers/me" className="button">
          {t('volunteers.myRecord')}
        </Link>
      </p>
      <Form method="get" className="filters" key={searchParams.toString()} aria-label={t('volunteers.filters')}>
        <div className="field">
          <label htmlFor="role-district">{t('volunteers.district')}</label>
          <select id="role-district" name="district" defaultValue={chosen ?? ''}>
            <option value="">{t('volunteers.allDistricts')}</option>
            {districts.map((d) => (
              <option key={d.slug} value={d.slug}>
                {districtName(d, language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="role-date">{t('volunteers.date')}</label>
          <input id="role-date" name="date" type="date" defaultValue={searchParams.get('date') ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="role-skill">{t('volunteers.skill')}</label>
          <select id="role-skill" name="skill" defaultValue={searchParams.get('skill') ?? ''}>
            <option value="">{t('volunteers.anySkill')}</option>
            {skills.map((s) => (
              <option key={s.key} value={s.key}>
                {language === 'en' ? s.nameEn : s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            {t('volunteers.apply')}
          </button>
        </div>
      </Form>
      {roles.length === 0 ? (
        <p>{t('volunteers.none')}</p>
      ) : (
        <ul className="session-list">
          {roles.map((role) => (
            <RoleCard key={role.id} role={role} skills={skills} />
          ))}
        </ul>
      )}
      <VolunteerRules districts={chosen ? districts.filter((d) => d.slug === chosen) : districts} />
    </article>
  )
}
