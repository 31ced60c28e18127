import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { EmbedSnippet } from '~/components/embed-snippet'
import { KeywordField, Marked } from '~/components/keyword-search'
import { PlacesMapBox, mapLinks, useTiles } from '~/components/places-map'
import { listLevels } from '~/models/bases/designation.server'
import { listActiveDistricts, listVenuesByDistrict } from '~/models/venue/listing.server'
import { districtName, metaT, townName, useLocale } from '~/utils/i18n'
import { SHANGHAI_CENTER } from '~/utils/infra/map-config'
import { keywordTerms, parseKeyword } from '~/utils/keyword'
import { publicOrigin } from '~/utils/links.server'

export const links = () => mapLinks

export async function loader({ request }: LoaderFunctionArgs) {
  // `q=`: the venues a keyword finds (decision 017), the best match first within each district.
  // `level=`: the venues holding a current designation at that level (decision 036).
  const url = new URL(request.url)
  const { q, problem } = parseKeyword(url.searchParams.get('q'))
  const [districts, levels] = await Promise.all([listActiveDistricts(), listLevels()])
  const level = levels.find((l) => l.key === url.searchParams.get('level'))
  const venues = await listVenuesByDistrict(
    districts.map((d) => d.id),
    { q, level: level?.key },
  )
  return json({
    districts,
    venues,
    q: q ?? null,
    problem: problem ?? null,
    levels: levels.map(({ key, name, nameEn }) => ({ key, name, nameEn })),
    level: level?.key ?? null,
    origin: publicOrigin(),
  })
}

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return [{ title: t('site.titleSuffix', { title: t('venues.title') }) }, { name: 'description', content: t('venues.description') }]
}

export default function VenuesPage() {
  const { districts, venues, q, problem, levels, level, origin } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const tiles = useTiles()
  const { t, language } = useLocale()
  const terms = keywordTerms(q ?? undefined)
  const filtered = !!q || !!level
  const levelName = (key: string | null) => {
    const found = levels.find((l) => l.key === key)
    return found ? (language === 'en' ? found.nameEn : found.name) : ''
  }
  const shown = filtered ? districts.filter((d) => venues.some((v) => v.districtId === d.id)) : districts
  return (
    <>
      <h1>{t('venues.title')}</h1>
      <Form method="get" className="filters" key={`${q ?? ''}:${level ?? ''}`} aria-label={t('search.label')}>
        {level ? <input type="hidden" name="level" value={level} /> : null}
        <KeywordField
          label={t('search.venuesLabel')}
          value={q ?? undefined}
          problem={problem ?? undefined}
          invalidValue={searchParams.get('q')}
        />
      </Form>
      <Form method="get" className="level-filter" key={`level:${level ?? ''}`}>
        {q ? <input type="hidden" name="q" value={q} /> : null}
        <label htmlFor="venue-level">{t('venues.levelLabel')}</label>
        <select id="venue-level" name="level" defaultValue={level ?? ''}>
          <option value="">{t('venues.allLevels')}</option>
          {levels.map((l) => (
            <option key={l.key} value={l.key}>
              {language === 'en' ? l.nameEn : l.name}
            </option>
          ))}
        </select>
        <button type="submit">{t('venues.levelFilter')}</button>
      </Form>
      <p className="hint">
        <Link to="/bases/join">{t('join.invite')}</Link>
      </p>
      {level ? (
        <p className="hint" role="status">
          {t('venues.levelFound', { level: levelName(level), count: venues.length })}{' '}
          <Link to={q ? `/venues?${new URLSearchParams({ q })}` : '/venues'}>{t('venues.levelClear')}</Link>
        </p>
      ) : null}
      {q ? (
        <p className="hint" role="status">
          {venues.length ? t('search.venuesFound', { count: venues.length }) : t('search.noVenues', { q })}{' '}
          <Link to="/venues">{t('search.clear')}</Link>
        </p>
      ) : null}
      <PlacesMapBox
        places={venues.map((v) => ({
          key: v.slug,
          lat: v.lat,
          lng: v.lng,
          name: v.name,
          href: `/venues/${v.slug}`,
          approximate: v.locationApproximate,
          digital: v.type === 'DIGITAL_POINT',
          detail: t(`venueType.${v.type}`),
        }))}
        tiles={tiles}
        center={SHANGHAI_CENTER}
        zoom={10}
        label={t('venues.mapLabel', { count: venues.length })}
        fitToPlaces
      />
      {shown.map((d) => (
        <section key={d.id} aria-labelledby={`district-${d.slug}`} className="district">
          <h2 id={`district-${d.slug}`}>
            {districtName(d, language)}
            <span className="count">
              {t('venues.count', { count: filtered ? venues.filter((v) => v.districtId === d.id).length : d._count.venues })}
            </span>
          </h2>
          <ul className="venue-list">
            {venues
              .filter((v) => v.districtId === d.id)
              .map((v) => (
                <li key={v.id}>
                  <Link to={`/venues/${v.slug}`}>
                    <strong>
                      <Marked text={v.name} terms={terms} />
                    </strong>
                  </Link>
                  <span className="meta">
                    {' '}
                    {v.level
                      ? t('venue.levelType', { level: t(`venueLevel.${v.level}`), type: t(`venueType.${v.type}`) })
                      : t(`venueType.${v.type}`)}
                    {v.town ? (
                      <>
                        {' · '}
                        <Marked text={townName(v.town, language)} terms={terms} />
                      </>
                    ) : null}
                  </span>
                  <br />
                  <span className="address">
                    {v.address ?? t('venue.addressUnknown')}
                    {v.locationApproximate ? t('venues.approximate') : ''}
                  </span>
                </li>
              ))}
          </ul>
          <EmbedSnippet id={`district-embed-${d.slug}`} origin={origin} filter={{ district: d.slug }} />
        </section>
      ))}
    </>
  )
}
