// 讲师团: the districts' published lecturers, filtered by district and topic (decision 034). No phone or e-mail.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { listPublicLecturers } from '~/models/lecturers/roster.server'
import { LECTURER_TOPICS } from '~/models/lecturers/schema'
import { listActiveDistricts } from '~/models/venue/listing.server'
import { LecturerPhoto, useLecturerLabels } from '~/routes/_lecturers+/__lecturer-card'
import { districtName, metaT, useLocale } from '~/utils/i18n'

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)('lecturer.roster') }]

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams
  const topic = LECTURER_TOPICS.find((key) => key === params.get('topic'))
  const [lecturers, districts] = await Promise.all([
    listPublicLecturers({ district: params.get('district') ?? undefined, topic }),
    listActiveDistricts(),
  ])
  return json({ lecturers, districts: districts.map((d) => ({ slug: d.slug, name: d.name, nameEn: d.nameEn })) })
}

export default function LecturersPage() {
  const { lecturers, districts } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const { t, language } = useLocale()
  const labels = useLecturerLabels()
  return (
    <article>
      <h1>{t('lecturer.roster')}</h1>
      <p className="lead">{t('lecturer.rosterIntro')}</p>
      <Form method="get" className="filters" key={searchParams.toString()}>
        <div className="field">
          <label htmlFor="lecturer-district">{t('lecturer.district')}</label>
          <select id="lecturer-district" name="district" defaultValue={searchParams.get('district') ?? ''}>
            <option value="">{t('lecturer.allDistricts')}</option>
            {districts.map((d) => (
              <option key={d.slug} value={d.slug}>
                {districtName(d, language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lecturer-topic">{t('lecturer.topicFilter')}</label>
          <select id="lecturer-topic" name="topic" defaultValue={searchParams.get('topic') ?? ''}>
            <option value="">{t('lecturer.allTopics')}</option>
            {LECTURER_TOPICS.map((key) => (
              <option key={key} value={key}>
                {labels.topic(key)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('lecturer.filter')}</button>
      </Form>
      {lecturers.length === 0 ? <p>{t('lecturer.none')}</p> : null}
      <ul className="lecturer-list">
        {lecturers.map((lecturer) => (
          <li key={lecturer.id} className="lecturer-card">
            <LecturerPhoto fileId={lecturer.photoFileId} name={lecturer.name} size={96} />
            <div>
              <h2>
                <Link to={`/lecturers/${lecturer.id}`}>{lecturer.name}</Link>
              </h2>
              <p className="meta">
                {[lecturer.title, lecturer.organisation, districtName(lecturer.district, language)].filter(Boolean).join(' · ')}
              </p>
              <p>{lecturer.topics.map(labels.topic).join(t('lecturer.separator'))}</p>
              <p className="meta">{t('lecturer.delivered', { count: lecturer.delivered })}</p>
            </div>
          </li>
        ))}
      </ul>
    </article>
  )
}
