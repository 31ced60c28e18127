import { json, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { listCompetitions } from '~/models/competitions/competition.server'
import { formatDayTime } from '~/utils/format'
import { districtName, metaT, useLocale } from '~/utils/i18n'

export const meta: MetaFunction = ({ matches }) => [
  { title: metaT(matches)('site.titleSuffix', { title: metaT(matches)('competition.listTitle') }) },
]

export async function loader() {
  return json({ competitions: await listCompetitions() })
}

export default function CompetitionsPage() {
  const { competitions } = useLoaderData<typeof loader>()
  const { t, language } = useLocale()
  return (
    <article className="detail">
      <h1>{t('competition.listTitle')}</h1>
      <p>{t('competition.listIntro')}</p>
      {competitions.length === 0 ? <p>{t('competition.none')}</p> : null}
      <ul className="card-list">
        {competitions.map((c) => (
          <li key={c.slug} className="card">
            <h2>
              <Link to={`/competitions/${c.slug}`}>{language === 'en' && c.titleEn ? c.titleEn : c.title}</Link>
            </h2>
            <p className="meta">
              <span className="badge">{t(`competition.status.${c.status}`)}</span> {t('competition.edition', { edition: c.edition })}
              {c.district ? ` · ${districtName(c.district, language)}` : ''}
            </p>
            <p>{language === 'en' && c.summaryEn ? c.summaryEn : c.summary}</p>
            {c.status === 'OPEN' ? (
              <p className="meta">
                {t('competition.step.signUpCloses')}
                {t('site.colon')}
                {formatDayTime(c.signUpClosesAt, language)}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </article>
  )
}
