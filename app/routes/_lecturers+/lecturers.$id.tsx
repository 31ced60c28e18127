// A published lecturer's public page (decision 034): who they are, what they speak about, the 菜单 items they give,
// upcoming activities, talks given and the average rating. Never a phone or an e-mail.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { publicLecturer } from '~/models/lecturers/roster.server'
import { LecturerPhoto, useLecturerLabels } from '~/routes/_lecturers+/__lecturer-card'
import { formatDayTime } from '~/utils/format'
import { orNotFound } from '~/utils/http-errors'
import { districtName, metaT, useLocale } from '~/utils/i18n'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: metaT(matches)('site.titleSuffix', { title: data?.lecturer.name ?? metaT(matches)('lecturer.roster') }) },
]

export async function loader({ params }: LoaderFunctionArgs) {
  const lecturer = orNotFound(await publicLecturer(params.id ?? ''))
  return json({ lecturer })
}

export default function LecturerPage() {
  const { lecturer } = useLoaderData<typeof loader>()
  const { t, language } = useLocale()
  const labels = useLecturerLabels()
  return (
    <article className="detail">
      <p className="meta">
        <Link to="/lecturers">← {t('lecturer.roster')}</Link>
      </p>
      <div className="lecturer-head">
        <LecturerPhoto fileId={lecturer.photoFileId} name={lecturer.name} />
        <div>
          <h1>{lecturer.name}</h1>
          <p className="meta">
            {[lecturer.title, lecturer.organisation, districtName(lecturer.district, language)].filter(Boolean).join(' · ')}
          </p>
          <p>
            {t('lecturer.delivered', { count: lecturer.delivered })} ·{' '}
            {lecturer.rating
              ? t('lecturer.rating', { average: lecturer.rating.average, count: lecturer.rating.count })
              : t('lecturer.noRating')}
          </p>
        </div>
      </div>
      <dl className="facts">
        <dt>{t('lecturer.topics')}</dt>
        <dd>{lecturer.topics.map(labels.topic).join(t('lecturer.separator'))}</dd>
        <dt>{t('lecturer.audiences')}</dt>
        <dd>{lecturer.audiences.map(labels.audience).join(t('lecturer.separator'))}</dd>
        {lecturer.travelsTo.length ? (
          <>
            <dt>{t('lecturer.travelsTo')}</dt>
            <dd>{lecturer.travelsTo.map((d) => districtName(d, language)).join(t('lecturer.separator'))}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t('lecturer.bio')}</h2>
      <p className="prewrap">{lecturer.bio}</p>
      <h2>{t('lecturer.upcoming')}</h2>
      {lecturer.upcoming.length ? (
        <ul>
          {lecturer.upcoming.map((session) => (
            <li key={session.id}>
              <Link to={`/events/${session.event.slug}`}>{session.event.title}</Link> · {formatDayTime(session.startsAt, language)}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('lecturer.noUpcoming')}</p>
      )}
      {lecturer.menuItems.length ? (
        <>
          <h2>{t('lecturer.items')}</h2>
          <ul>
            {lecturer.menuItems.map(({ menuItem }) => (
              <li key={menuItem.id}>
                <Link to={`/menu/${menuItem.id}`}>{menuItem.title}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="hint">{t('lecturer.contactNote')}</p>
    </article>
  )
}
