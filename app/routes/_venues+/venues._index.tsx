import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PlacesMapBox, mapLinks, useTiles } from '~/components/places-map'
import { listActiveDistricts, listVenuesByDistrict } from '~/models/listing.server'
import { districtName, metaT, useLocale } from '~/utils/i18n'
import { SHANGHAI_CENTER } from '~/utils/map-config'

export const links = () => mapLinks

export async function loader(_: LoaderFunctionArgs) {
  const districts = await listActiveDistricts()
  const venues = await listVenuesByDistrict(districts.map((d) => d.id))
  return json({ districts, venues })
}

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return [{ title: t('site.titleSuffix', { title: t('venues.title') }) }, { name: 'description', content: t('venues.description') }]
}

export default function VenuesPage() {
  const { districts, venues } = useLoaderData<typeof loader>()
  const tiles = useTiles()
  const { t, language } = useLocale()
  return (
    <>
      <h1>{t('venues.title')}</h1>
      <PlacesMapBox
        places={venues.map((v) => ({
          key: v.slug,
          lat: v.lat,
          lng: v.lng,
          name: v.name,
          href: `/venues/${v.slug}`,
          approximate: v.locationApproximate,
          detail: t(`venueType.${v.type}`),
        }))}
        tiles={tiles}
        center={SHANGHAI_CENTER}
        zoom={10}
        label={t('venues.mapLabel', { count: venues.length })}
        fitToPlaces
      />
      {districts.map((d) => (
        <section key={d.id} aria-labelledby={`district-${d.slug}`} className="district">
          <h2 id={`district-${d.slug}`}>
            {districtName(d, language)}
            <span className="count">{t('venues.count', { count: d._count.venues })}</span>
          </h2>
          <ul className="venue-list">
            {venues
              .filter((v) => v.districtId === d.id)
              .map((v) => (
                <li key={v.id}>
                  <Link to={`/venues/${v.slug}`}>
                    <strong>{v.name}</strong>
                  </Link>
                  <span className="meta">
                    {' '}
                    {v.level
                      ? t('venue.levelType', { level: t(`venueLevel.${v.level}`), type: t(`venueType.${v.type}`) })
                      : t(`venueType.${v.type}`)}
                    {v.town ? ` · ${v.town.name}` : ''}
                  </span>
                  <br />
                  <span className="address">
                    {v.address ?? t('venue.addressUnknown')}
                    {v.locationApproximate ? t('venues.approximate') : ''}
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  )
}
