import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { EmbedSnippet } from '~/components/embed-snippet'
import { PlacesMapBox, mapLinks, useTiles } from '~/components/places-map'
import { ShareButton } from '~/components/share-button'
import { currentDesignations } from '~/models/bases/designation.server'
import { pointForVenue } from '~/models/online/points.server'
import { resourcesForVenue } from '~/models/online/resources.server'
import { getVenuePage, SHANGHAI_REGION } from '~/models/venue-and-event-pages.server'
import { LinkedResources } from '~/routes/_online+/__resource-card'
import { formatSessionTime } from '~/utils/format'
import { orNotFound } from '~/utils/http-errors'
import { districtName, metaLanguage, metaT, townName, useLocale } from '~/utils/i18n'
import { amapMarkerLink, amapSearchLink, publicOrigin } from '~/utils/links.server'
import { openGraph } from '~/utils/open-graph'
import { localized } from '~/utils/refusal'

export const links = () => mapLinks

export async function loader({ params }: LoaderFunctionArgs) {
  const venue = orNotFound(await getVenuePage(params.slug ?? ''), localized('venue.notFound'))
  const [designations, resources, point] = await Promise.all([
    currentDesignations(venue.slug),
    resourcesForVenue(venue.slug),
    venue.type === 'DIGITAL_POINT' ? pointForVenue(venue.slug) : null,
  ])
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': venue.type === 'SCIENCE_MUSEUM' || venue.type === 'THEMED_HALL' ? 'Museum' : 'Place',
    name: venue.name,
    url: `${publicOrigin()}/venues/${venue.slug}`,
    address: {
      '@type': 'PostalAddress',
      addressLocality: venue.district.name,
      addressRegion: SHANGHAI_REGION,
      addressCountry: 'CN',
      ...(venue.address ? { streetAddress: venue.address } : {}),
    },
    geo: { '@type': 'GeoCoordinates', latitude: venue.lat, longitude: venue.lng },
    ...(venue.openingHours ? { openingHours: venue.openingHours } : {}),
    ...(venue.phone ? { telephone: venue.phone } : {}),
  }
  // A guessed point would send people to a town centre: then the link searches AMap for the address (or the name).
  const navigateLink = venue.locationApproximate
    ? amapSearchLink({ name: venue.name, address: venue.address, districtName: venue.district.name })
    : amapMarkerLink(venue, venue.name)
  const precision: 'EXACT' | 'TOWN' | 'DISTRICT' = !venue.locationApproximate ? 'EXACT' : venue.town ? 'TOWN' : 'DISTRICT'
  return json({ venue, designations, jsonLd, navigateLink, precision, resources, point, origin: publicOrigin() })
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches)
  if (!data) return [{ title: t('site.titleSuffix', { title: t('venue.notFound') }) }]
  const { venue } = data
  const language = metaLanguage(matches)
  const district = districtName(venue.district, language)
  const description = t('venue.description', {
    name: venue.name,
    type: t(`venueType.${venue.type}`),
    place: venue.town ? t('venue.townInDistrict', { town: townName(venue.town, language), district }) : district,
  })
  return [
    { title: t('site.titleSuffix', { title: `${venue.name} · ${district}` }) },
    { name: 'description', content: description },
    ...openGraph(t, { title: `${venue.name} · ${district}`, description, origin: data.origin, path: `/venues/${venue.slug}` }),
    { 'script:ld+json': data.jsonLd },
  ]
}

export default function VenuePage() {
  const { venue, designations, navigateLink, precision, resources, point, origin } = useLoaderData<typeof loader>()
  const tiles = useTiles()
  const { t, language } = useLocale()
  return (
    <article className="detail">
      <p className="meta">
        {districtName(venue.district, language)}
        {venue.town ? ` · ${townName(venue.town, language)}` : ''} ·{' '}
        {venue.level
          ? t('venue.levelType', { level: t(`venueLevel.${venue.level}`), type: t(`venueType.${venue.type}`) })
          : t(`venueType.${venue.type}`)}
      </p>
      <h1>{venue.name}</h1>
      {venue.description ? <p className="lead">{venue.description}</p> : null}
      <p className="card-actions">
        <ShareButton title={venue.name} />
      </p>
      <dl className="facts">
        {designations.length ? (
          <>
            <dt>{t('venue.designations')}</dt>
            <dd>
              <ul className="plain-list" data-testid="designations">
                {designations.map((d) => (
                  <li key={d.id}>
                    {t('venue.designation', {
                      level: language === 'en' ? d.level.nameEn : d.level.name,
                      year: d.year,
                      batch: d.batch ? t('venue.designationBatch', { batch: d.batch }) : '',
                    })}
                    {d.status === 'RECTIFY' ? t('venue.designationRectify') : ''}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt>{t('venue.address')}</dt>
        <dd>
          {venue.address ?? t('venue.addressUnknown')}
          <br />
          <span className="muted" data-precision={precision}>
            {t(`venue.precision.${precision}`, {
              town: venue.town ? townName(venue.town, language) : '',
              district: districtName(venue.district, language),
            })}
          </span>
        </dd>
        <dt>{t('venue.hours')}</dt>
        <dd>{venue.openingHours ?? t('venue.hoursUnknown')}</dd>
        {venue.phone ? (
          <>
            <dt>{t('venue.phone')}</dt>
            <dd>
              <a href={`tel:${venue.phone}`}>{venue.phone}</a>
            </dd>
          </>
        ) : null}
        {venue.website ? (
          <>
            <dt>{t('venue.website')}</dt>
            <dd>
              <a href={venue.website} rel="noopener noreferrer">
                {venue.website}
              </a>
            </dd>
          </>
        ) : null}
        {venue.accessibility ? (
          <>
            <dt>{t('venue.accessibility')}</dt>
            <dd>{venue.accessibility}</dd>
          </>
        ) : null}
        {point ? (
          <>
            <dt>{t('online.point.kindLabel')}</dt>
            <dd>{t(`online.point.kind.${point.kind}`)}</dd>
            <dt>{t('online.point.keeper')}</dt>
            <dd>{point.keeper}</dd>
          </>
        ) : null}
        {venue.organisation ? (
          <>
            <dt>{t('venue.operator')}</dt>
            <dd>{venue.organisation.name}</dd>
          </>
        ) : null}
        <dt>{t('venue.directions')}</dt>
        <dd>
          <a href={navigateLink} rel="noopener noreferrer">
            {precision === 'EXACT'
              ? t('venue.openInAmap')
              : /\d+号/.test(venue.address ?? '')
                ? t('venue.searchInAmap')
                : t('venue.searchNameInAmap')}
          </a>
          {venue.town ? (
            <>
              {' '}
              ·{' '}
              <Link to={`/?nearTown=${venue.town.id}&reach=walk15`} reloadDocument>
                {t('venue.nearby', { town: townName(venue.town, language) })}
              </Link>
            </>
          ) : null}
        </dd>
      </dl>
      {venue.takesSchoolVisits ? (
        venue.schoolOffer?.active ? (
          <p className="notice">
            {t('venue.schoolVisits')} <Link to={`/venues/${venue.slug}/school-visit`}>{t('venue.schoolBooking')}</Link>
          </p>
        ) : (
          <p className="notice">
            {t('venue.schoolVisits')} {venue.phone ? t('venue.schoolCall', { phone: venue.phone }) : t('venue.schoolContact')}
          </p>
        )
      ) : null}
      {venue.stampsPassport ? <p className="notice">{t('venue.passportStop')}</p> : null}
      <h2>{t('venue.location')}</h2>
      <PlacesMapBox
        places={[
          {
            key: venue.slug,
            lat: venue.lat,
            lng: venue.lng,
            name: venue.name,
            href: `/venues/${venue.slug}`,
            approximate: venue.locationApproximate,
            digital: venue.type === 'DIGITAL_POINT',
          },
        ]}
        tiles={tiles}
        center={venue}
        zoom={15}
        label={t('event.mapLabel', { place: venue.name })}
      />
      <h2 id="upcoming">{t('venue.upcoming')}</h2>
      <p className="hint">
        <a href={`/calendar.ics?venue=${venue.slug}`}>{t('venue.subscribe')}</a>
      </p>
      {venue.events.length === 0 ? (
        <p>{t('venue.noEvents')}</p>
      ) : (
        <ul className="session-list" aria-labelledby="upcoming">
          {venue.events.map((e) => (
            <li key={e.slug} className="card">
              <p className="meta">
                {t(`category.${e.category}`)}
                {e.isExample ? ` · ${t('site.exampleBadge')}` : ''}
              </p>
              <h3 className="card-title">
                <Link to={`/events/${e.slug}`}>{e.title}</Link>
              </h3>
              <p>{e.summary}</p>
              <ul className="inline-list">
                {e.sessions.map((s) => (
                  <li key={s.id}>
                    <Link to={e.registersOnline ? `/sessions/${s.id}/register` : `/events/${e.slug}`}>
                      {formatSessionTime(s.startsAt, s.endsAt, language)}
                    </Link>
                    <span className={s.seatsLeft > 0 ? 'seats' : 'seats seats-full'}>
                      {s.seatsLeft > 0 ? t('venue.seatsLeft', { count: s.seatsLeft }) : t('venue.fullWaitlist')}
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {point ? (
        point.resources.length ? (
          <LinkedResources id="point-shows" heading={t('online.point.heading')} resources={point.resources.map((r) => r.resource)} />
        ) : (
          <section aria-labelledby="point-shows">
            <h2 id="point-shows">{t('online.point.heading')}</h2>
            <p>{t('online.point.none')}</p>
          </section>
        )
      ) : null}
      <LinkedResources id="venue-online" heading={t('online.onVenue')} resources={resources} />
      {point ? null : <EmbedSnippet id="venue-embed" origin={origin} filter={{ venue: venue.slug }} />}
    </article>
  )
}
