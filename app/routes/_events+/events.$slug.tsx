import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { FairBookingNote } from '~/components/fair-booking-note'
import { PlacesMapBox, mapLinks, useTiles } from '~/components/places-map'
import { ShareButton } from '~/components/share-button'
import { resourcesForEvent } from '~/models/online/resources.server'
import { getFairRules } from '~/models/registration/fair-booking.server'
import { registrationBlocker } from '~/models/registration/registration.server'
import { getEventPage, SHANGHAI_REGION } from '~/models/venue-and-event-pages.server'
import { LinkedResources } from '~/routes/_online+/__resource-card'
import { formatAudience, formatSessionTime } from '~/utils/format'
import { orNotFound } from '~/utils/http-errors'
import { districtName, metaLanguage, metaT, townName, useLocale } from '~/utils/i18n'
import { amapMarkerLink, publicOrigin } from '~/utils/links.server'
import { openGraph } from '~/utils/open-graph'
import { localized } from '~/utils/refusal'

export const links = () => mapLinks

export async function loader({ params }: LoaderFunctionArgs) {
  const event = orNotFound(await getEventPage(params.slug ?? ''), localized('event.notFound'))
  const now = new Date()
  const sessions = event.sessions.map((s) => {
    const blocker = registrationBlocker({ ...s, eventStatus: event.status, registersOnline: event.registersOnline }, now)
    return { ...s, blocker }
  })
  const origin = publicOrigin()
  const placeName = event.venue?.name ?? event.placeName ?? event.district.name
  const address = event.venue?.address ?? event.placeAddress ?? undefined
  // schema.org Event, one per session, so search engines and WeChat previews see each date.
  const jsonLd = sessions
    .filter((s) => s.startsAt > now)
    .map((s) => ({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: event.title,
      description: event.summary,
      startDate: s.startsAt.toISOString(),
      endDate: s.endsAt.toISOString(),
      eventStatus:
        s.status === 'CANCELLED' || event.status === 'CANCELLED'
          ? 'https://schema.org/EventCancelled'
          : 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: {
        '@type': 'Place',
        name: placeName,
        address: {
          '@type': 'PostalAddress',
          addressLocality: event.district.name,
          addressRegion: SHANGHAI_REGION,
          addressCountry: 'CN',
          ...(address ? { streetAddress: address } : {}),
        },
        geo: { '@type': 'GeoCoordinates', latitude: event.lat, longitude: event.lng },
      },
      organizer: event.organisation ? { '@type': 'Organization', name: event.organisation.name } : undefined,
      offers: {
        '@type': 'Offer',
        price: 0,
        priceCurrency: 'CNY',
        url: `${origin}/sessions/${s.id}/register`,
        availability: s.seatsLeft > 0 ? 'https://schema.org/InStock' : 'https://schema.org/SoldOut',
      },
      isAccessibleForFree: true,
      url: `${origin}/events/${event.slug}`,
    }))
  return json({
    event: { ...event, sessions },
    jsonLd,
    fairRules: await getFairRules(event.districtId),
    resources: await resourcesForEvent(event.slug),
    origin,
    navigateLink: amapMarkerLink(event, placeName),
  })
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches)
  if (!data) return [{ title: t('site.titleSuffix', { title: t('event.notFound') }) }]
  const district = districtName(data.event.district, metaLanguage(matches))
  return [
    { title: t('site.titleSuffix', { title: `${data.event.title} · ${district}` }) },
    { name: 'description', content: data.event.summary },
    ...openGraph(t, {
      title: `${data.event.title} · ${district}`,
      description: data.event.summary,
      origin: data.origin,
      path: `/events/${data.event.slug}`,
    }),
    ...data.jsonLd.map((item) => ({ 'script:ld+json': item })),
  ]
}

export default function EventPage() {
  const { event, fairRules, navigateLink, resources } = useLoaderData<typeof loader>()
  const tiles = useTiles()
  const { t, language } = useLocale()
  const placeLabel = event.venue?.name ?? event.placeName ?? event.district.name
  return (
    <article className="detail">
      <p className="meta">
        {districtName(event.district, language)}
        {event.venue?.town ? ` · ${townName(event.venue.town, language)}` : event.town ? ` · ${townName(event.town, language)}` : ''} ·{' '}
        {t(`category.${event.category}`)}
      </p>
      <h1>{event.title}</h1>
      {event.isExample ? (
        <p className="example-note">
          <span className="badge">{t('site.exampleBadge')}</span> {t('site.exampleExplain')}
        </p>
      ) : null}
      {event.status === 'CANCELLED' ? (
        <p className="notice notice-warn" role="status">
          {t('event.cancelled')}
        </p>
      ) : null}
      <p className="lead">{event.summary}</p>
      <p className="card-actions">
        <ShareButton title={event.title} text={event.summary} />
      </p>
      <dl className="facts">
        <dt>{t('event.audience')}</dt>
        <dd>{formatAudience(event.audienceMinAge, event.audienceMaxAge, event.audienceNote, t)}</dd>
        <dt>{t('event.place')}</dt>
        <dd>
          {event.venue ? <Link to={`/venues/${event.venue.slug}`}>{event.venue.name}</Link> : placeLabel}
          {(event.venue?.address ?? event.placeAddress) ? (
            <>
              <br />
              <span className="address">{event.venue?.address ?? event.placeAddress}</span>
            </>
          ) : null}
        </dd>
        <dt>{t('event.directions')}</dt>
        <dd>
          <a href={navigateLink} rel="noopener noreferrer">
            {t('venue.openInAmap')}
          </a>
        </dd>
        {event.organisation ? (
          <>
            <dt>{t('event.organiser')}</dt>
            <dd>{event.organisation.name}</dd>
          </>
        ) : null}
        {event.brand ? (
          <>
            <dt>{t('event.brand')}</dt>
            <dd>
              <Link to={`/?brand=${event.brand.slug}`} reloadDocument>
                {event.brand.name}
              </Link>
            </dd>
          </>
        ) : null}
        <dt>{t('event.topics')}</dt>
        <dd>
          {event.topics.map((topic) => (
            <Link key={topic} className="tag" to={`/?topic=${encodeURIComponent(topic)}`} reloadDocument>
              {topic}
            </Link>
          ))}
        </dd>
        <dt>{t('event.partySize')}</dt>
        <dd>{t('event.partySizeValue', { count: event.maxPartySize })}</dd>
      </dl>
      <h2>{t('event.about')}</h2>
      <p className="prose">{event.description}</p>
      <h2 id="sessions">{t('event.sessions')}</h2>
      {event.sessions.length ? <FairBookingNote rules={fairRules} /> : null}
      {event.sessions.length === 0 ? (
        <p>{t('event.noSessions')}</p>
      ) : (
        <ul className="session-table" aria-labelledby="sessions">
          {event.sessions.map((s) => (
            <li key={s.id} className="session-row">
              <time dateTime={s.startsAt}>{formatSessionTime(s.startsAt, s.endsAt, language)}</time>
              <span className={s.seatsLeft > 0 ? 'seats' : 'seats seats-full'}>
                {s.status === 'CANCELLED'
                  ? t('event.sessionCancelled')
                  : s.seatsLeft > 0
                    ? t('event.seatsLeft', { left: s.seatsLeft, capacity: s.capacity })
                    : t('event.full')}
              </span>
              {s.blocker ? (
                <span className="muted">{t(`registrationRefusal.${s.blocker}`)}</span>
              ) : (
                <Link
                  className="button"
                  to={`/sessions/${s.id}/register`}
                  aria-label={t('event.registerLabel', {
                    action: s.seatsLeft > 0 ? t('event.register') : t('event.joinWaitlist'),
                    time: formatSessionTime(s.startsAt, s.endsAt, language),
                  })}
                >
                  {s.seatsLeft > 0 ? t('event.register') : t('event.joinWaitlist')}
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('event.location')}</h2>
      <PlacesMapBox
        places={[
          {
            key: 'here',
            lat: event.lat,
            lng: event.lng,
            name: placeLabel,
            href: event.venue ? `/venues/${event.venue.slug}` : `/events/${event.slug}`,
            approximate: event.venue?.locationApproximate,
          },
        ]}
        tiles={tiles}
        center={{ lat: event.lat, lng: event.lng }}
        zoom={15}
        label={t('event.mapLabel', { place: placeLabel })}
      />
      <LinkedResources id="event-online" heading={t('online.onEvent')} resources={resources} />
    </article>
  )
}
