// 志愿岗位: open volunteer roles, readable without an account, filtered by district, date and skill, as a list and
// on a map (one marker per place with open roles; its popup lists the roles, decision 033).
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useMemo } from 'react'
import { PlacesMapBox, mapLinks, useTiles } from '~/components/places-map'
import { openRolePlaces } from '~/models/volunteers/map.server'
import { listOpenRoles } from '~/models/volunteers/roles.server'
import { volunteerPageOptions } from '~/models/volunteers/volunteer.server'
import { RoleCard, VolunteerRules } from '~/routes/_volunteers+/__parts'
import { districtName, metaT, useLocale } from '~/utils/i18n'
import { SHANGHAI_CENTER } from '~/utils/infra/map-config'
import type { PlaceMarker } from '~/components/places-map.client'

export const links = () => mapLinks

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
  const [roles, places, options] = await Promise.all([listOpenRoles(filters), openRolePlaces(filters), volunteerPageOptions()])
  return json({ roles, places, ...options })
}

export default function VolunteerRolesPage() {
  const { roles, places, districts, skills } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const { t, language } = useLocale()
  const chosen = searchParams.get('district')
  const tiles = useTiles()
  // The list's filters, for the popups' role lists and the markers' key (a new filter fits the map again).
  const search = ['district', 'date', 'skill'].reduce((q, k) => {
    const v = searchParams.get(k)
    return v ? `${q}${q ? '&' : '?'}${k}=${encodeURIComponent(v)}` : q
  }, '')
  const markers = useMemo(
    () =>
      places.map((p): PlaceMarker => ({
        key: `${p.kind}:${p.key}`,
        lat: p.lat,
        lng: p.lng,
        name: p.name,
        href: p.kind === 'venue' ? `/venues/${p.key}` : `/events/${p.key}`,
        detail: t('volunteers.map.rolesAtPlace', { count: p.roles, free: p.free }),
        sessionsUrl: `/api/volunteer-place/${p.kind}/${encodeURIComponent(p.key)}${search}`,
        popupWords: {
          loading: t('volunteers.map.loading'),
          failed: t('volunteers.map.failed'),
          none: t('volunteers.map.none'),
          all: (count) => t('volunteers.map.all', { count }),
        },
      })),
    [places, t, search],
  )
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
      <section aria-labelledby="roles-map-heading" id="roles-map">
        <h2 id="roles-map-heading">{t('volunteers.map.title')}</h2>
        <PlacesMapBox
          places={markers}
          tiles={tiles}
          center={SHANGHAI_CENTER}
          zoom={10}
          label={t('volunteers.map.label', { count: places.length })}
          fitToPlaces
          fitKey={search}
          fallback={t('volunteers.map.fallback')}
        />
        <p className="hint" aria-live="polite">
          {t('volunteers.map.count', { count: places.length })}
        </p>
      </section>
      <h2 id="roles-list-heading">{t('volunteers.map.listTitle')}</h2>
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
