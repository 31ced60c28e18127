// 线上科普: the districts' published online resources, searchable with the activities' `q=` (decision 017) and
// filtered by type and district; plain links and a GET form, so it works without JavaScript.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { ONLINE_RESOURCE_KINDS } from '~/models/online/admin-schema'
import { listPublicResources } from '~/models/online/resources.server'
import { listActiveDistricts } from '~/models/venue/listing.server'
import { districtName, metaT, useLocale } from '~/utils/i18n'
import { keywordTerms } from '~/utils/keyword'
import { ResourceCard } from './__resource-card'
import { parseResourceFilters } from './__resource-filters'

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)('online.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { filters, problems } = parseResourceFilters(new URL(request.url).searchParams)
  const [result, districts] = await Promise.all([
    listPublicResources(problems.q ? { ...filters, q: undefined } : filters),
    listActiveDistricts(),
  ])
  return json({
    ...result,
    terms: keywordTerms(filters.q),
    problem: problems.q ?? null,
    districts: districts.map((d) => ({ slug: d.slug, name: d.name, nameEn: d.nameEn })),
  })
}

export default function OnlinePage() {
  const { resources, total, page, pageSize, terms, problem, districts } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const { t, language } = useLocale()
  const to = (p: number) => {
    const next = new URLSearchParams(searchParams)
    next.set('page', String(p))
    return `/online?${next.toString()}`
  }
  return (
    <article>
      <h1>{t('online.title')}</h1>
      <p className="lead">{t('online.intro')}</p>
      <Form method="get" className="filters" key={searchParams.toString()}>
        <div className="field">
          <label htmlFor="online-q">{t('online.search')}</label>
          <input
            id="online-q"
            name="q"
            type="search"
            maxLength={100}
            defaultValue={searchParams.get('q') ?? ''}
            aria-describedby={problem ? 'online-q-hint online-q-error' : 'online-q-hint'}
            aria-invalid={problem ? true : undefined}
          />
          <p id="online-q-hint" className="hint">
            {t('online.searchHint')}
          </p>
          {problem ? (
            <p id="online-q-error" className="field-error">
              {t(problem as 'search.problem.long')}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="online-kind">{t('online.kindFilter')}</label>
          <select id="online-kind" name="kind" defaultValue={searchParams.get('kind') ?? ''}>
            <option value="">{t('online.allKinds')}</option>
            {ONLINE_RESOURCE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`online.kind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="online-district">{t('online.district')}</label>
          <select id="online-district" name="district" defaultValue={searchParams.get('district') ?? ''}>
            <option value="">{t('online.allDistricts')}</option>
            {districts.map((d) => (
              <option key={d.slug} value={d.slug}>
                {districtName(d, language)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('online.filter')}</button>
      </Form>
      <p role="status">{t('online.found', { count: total })}</p>
      {resources.length === 0 ? <p>{t('online.none')}</p> : null}
      <ul className="resource-list">
        {resources.map((resource) => (
          <ResourceCard key={resource.id} resource={resource} terms={terms} />
        ))}
      </ul>
      {total > pageSize ? (
        <nav className="pager" aria-label={t('online.allResources')}>
          {page > 1 ? <Link to={to(page - 1)}>{t('online.previous')}</Link> : null}{' '}
          {page * pageSize < total ? <Link to={to(page + 1)}>{t('online.next')}</Link> : null}
        </nav>
      ) : null}
      <p>
        <a href="/online/feed.xml">RSS</a> · <a href="/api/v1/online-resources">JSON</a>
      </p>
    </article>
  )
}
