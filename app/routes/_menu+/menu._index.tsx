import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { KeywordField, Marked } from '~/components/keyword-search'
import { listMenu } from '~/models/menu/menu.server'
import { MENU_KINDS } from '~/models/menu/schema'
import { listActiveDistricts } from '~/models/venue/listing.server'
import { districtName as nameOfDistrict, metaT, useLocale } from '~/utils/i18n'
import { keywordTerms, parseKeyword } from '~/utils/keyword'
import type { MenuItemKind } from '@prisma/client'

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return [{ title: t('menu.title') }, { name: 'description', content: t('menu.description') }]
}

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams
  const kind = MENU_KINDS.find((k) => k === params.get('kind')) as MenuItemKind | undefined
  // `q=`: the items a keyword finds (decision 017), the best match first.
  const { q, problem } = parseKeyword(params.get('q'))
  const [items, districts] = await Promise.all([
    listMenu({ district: params.get('district') ?? undefined, kind, q }),
    listActiveDistricts(),
  ])
  return json({
    items,
    districts: districts.map((d) => ({ id: d.id, slug: d.slug, name: d.name, nameEn: d.nameEn })),
    q: q ?? null,
    problem: problem ?? null,
  })
}

export default function MenuPage() {
  const { items, districts, q, problem } = useLoaderData<typeof loader>()
  const terms = keywordTerms(q ?? undefined)
  const [searchParams] = useSearchParams()
  const { t, language } = useLocale()
  const districtName = new Map(districts.map((d) => [d.id, nameOfDistrict(d, language)]))
  return (
    <article>
      <h1>{t('menu.heading')}</h1>
      <p className="lead">{t('menu.lead')}</p>
      <p>
        <Link to="/menu/track">{t('menu.trackLink')}</Link>
      </p>
      <Form method="get" className="filters" key={searchParams.toString()}>
        <KeywordField
          label={t('search.menuLabel')}
          value={q ?? undefined}
          problem={problem ?? undefined}
          invalidValue={searchParams.get('q')}
        />
        <div className="field">
          <label htmlFor="menu-district">{t('menu.deliversTo')}</label>
          <select id="menu-district" name="district" defaultValue={searchParams.get('district') ?? ''}>
            <option value="">{t('menu.allDistricts')}</option>
            {districts.map((d) => (
              <option key={d.slug} value={d.slug}>
                {nameOfDistrict(d, language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="menu-kind">{t('menu.kind')}</label>
          <select id="menu-kind" name="kind" defaultValue={searchParams.get('kind') ?? ''}>
            <option value="">{t('menu.allKinds')}</option>
            {MENU_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`menuKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            {t('menu.filter')}
          </button>
        </div>
      </Form>
      <h2>{t('menu.itemCount', { count: items.length })}</h2>
      <ul className="session-list">
        {items.map((item) => (
          <li key={item.id} className="card">
            <p className="meta">
              <span className="badge">{t(`menuKind.${item.kind}`)}</span> <Marked text={item.organisation.name} terms={terms} />
            </p>
            <h3 className="card-title">
              <Link to={`/menu/${item.id}`}>
                <Marked text={item.title} terms={terms} />
              </Link>
            </h3>
            <p>
              <Marked text={item.description} terms={terms} />
            </p>
            <p className="meta">
              {t('menu.itemLine', {
                audience: item.audience,
                minutes: item.durationMinutes,
                min: item.minGroup,
                max: item.maxGroup,
                days: item.leadDays,
                districts: item.deliversTo
                  .map((id) => districtName.get(id))
                  .filter(Boolean)
                  .join(t('site.listSeparator')),
              })}
            </p>
          </li>
        ))}
      </ul>
    </article>
  )
}
