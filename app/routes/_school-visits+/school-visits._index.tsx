import { json, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { mapLinks, PlacesMapBox, useTiles } from '~/components/places-map'
import { gradeRange } from '~/models/school-visit/schema'
import { listSchoolOffers, outreachOnMap, schoolVenuesToContact } from '~/models/school-visit/school-visit.server'
import { formatDate } from '~/utils/format'
import { districtName, metaT, useLocale } from '~/utils/i18n'
import { SHANGHAI_CENTER } from '~/utils/infra/map-config'
import { amapMarkerLink, amapSearchLink } from '~/utils/links.server'

export const links = () => mapLinks
export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return [{ title: t('site.titleSuffix', { title: t('school.listTitle') }) }, { name: 'description', content: t('school.listDescription') }]
}

export async function loader() {
  const [offers, outreach, venues] = await Promise.all([listSchoolOffers(), outreachOnMap(), schoolVenuesToContact()])
  // Without a published phone number, AMap's page for the venue (found by its address where the point is a guess) has one.
  const toContact = venues.map(({ lat, lng, locationApproximate, address, ...v }) => ({
    ...v,
    amapLink: locationApproximate
      ? amapSearchLink({ name: v.name, address, districtName: v.district.name })
      : amapMarkerLink({ lat, lng }, v.name),
  }))
  // The page's language follows the reader's cookie: no shared cache may keep one copy for all, and the browser must
  // ask again (no-cache), or after the language switch it shows its copy in the other language (once this header
  // reached the HTML, decision 008, max-age=60 did exactly that).
  return json({ offers, outreach, toContact }, { headers: { 'Cache-Control': 'private, no-cache' } })
}

export default function SchoolVisitsPage() {
  const { offers, outreach, toContact } = useLoaderData<typeof loader>()
  const tiles = useTiles()
  const { t, language } = useLocale()
  const course = (o: (typeof outreach)[number]) => (o.course ? t('school.courseQuoted', { title: o.course.title }) : '')
  return (
    <article>
      <h1>{t('school.listTitle')}</h1>
      <p className="lead">{t('school.listLead')}</p>
      <h2>{t('school.venuesHeading', { count: offers.length })}</h2>
      {offers.length === 0 ? (
        <p>{t('school.noVenues')}</p>
      ) : (
        <ul className="venue-list">
          {offers.map((o) => (
            <li key={o.venue.slug}>
              <Link to={`/venues/${o.venue.slug}/school-visit`}>
                <strong>{o.venue.name}</strong>
              </Link>
              {t('site.inParens', { text: districtName(o.venue.district, language) })}
              {o.isExample ? (
                <>
                  {' '}
                  <span className="badge-example">{t('school.exampleBadge')}</span>
                </>
              ) : null}
              <br />
              <span className="meta">
                {gradeRange(o.grades, t)} · {t('school.offerLine', { students: o.maxStudentsPerSlot, days: Math.max(o.minNoticeDays, 1) })}
                {o.outreachPerDay > 0 ? t('school.outreachAvailable') : ''}
              </span>
              <br />
              <span className="meta">{o.courses.map((c) => c.title).join(t('site.listSeparator'))}</span>
            </li>
          ))}
        </ul>
      )}
      {offers.some((o) => o.isExample) ? <p className="hint">{t('school.exampleHint')}</p> : null}
      {toContact.length ? (
        <section aria-labelledby="school-contact">
          <h2 id="school-contact">{t('school.contactHeading', { count: toContact.length })}</h2>
          <p className="hint">{t('school.contactHint')}</p>
          <ul className="venue-list">
            {toContact.map((v) => (
              <li key={v.slug}>
                <Link to={`/venues/${v.slug}`}>
                  <strong>{v.name}</strong>
                </Link>
                {t('site.inParens', { text: districtName(v.district, language) })}
                <br />
                <span className="meta">
                  {v.phone ? (
                    <a href={`tel:${v.phone}`}>{t('school.contactCall', { phone: v.phone })}</a>
                  ) : (
                    <a href={v.amapLink} rel="noopener noreferrer">
                      {t('school.contactAmap')}
                    </a>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2>{t('school.outreachHeading', { count: outreach.length })}</h2>
      <p className="hint">{t('school.outreachHint')}</p>
      <PlacesMapBox
        tiles={tiles}
        center={SHANGHAI_CENTER}
        zoom={9}
        label={t('school.outreachMap')}
        fitToPlaces
        places={outreach
          .filter((o) => o.schoolLat !== null && o.schoolLng !== null)
          .map((o) => ({
            key: o.id,
            lat: o.schoolLat!,
            lng: o.schoolLng!,
            name: o.schoolName,
            href: `/venues/${o.venue.slug}`,
            detail: `${formatDate(o.startsAt, language)} · ${o.venue.name}${course(o)}`,
          }))}
      />
      <ul className="venue-list">
        {outreach.map((o) => (
          <li key={o.id}>
            {t('school.outreachLine', {
              date: formatDate(o.startsAt, language),
              venue: o.venue.name,
              course: course(o),
              school: o.schoolName,
            })}
            {o.status === 'DONE' ? t('school.done') : ''}
          </li>
        ))}
      </ul>
    </article>
  )
}
