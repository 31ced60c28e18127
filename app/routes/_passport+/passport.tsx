import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import QRCode from 'qrcode'
import { mapLinks, PlacesMapBox, useTiles } from '~/components/places-map'
import { passportView } from '~/models/passport.server'
import { metaT, useLocale } from '~/utils/i18n'
import { SHANGHAI_CENTER } from '~/utils/map-config'
import { requireResident } from '~/utils/resident-auth.server'

export const links = () => mapLinks
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)('passport.title') }, { name: 'robots', content: 'noindex' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const resident = await requireResident(request)
  const [view, qrSvg] = await Promise.all([
    passportView(resident.id),
    QRCode.toString(resident.passportCode, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
  ])
  return json({ ...view, passportCode: resident.passportCode, qrSvg }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export default function PassportPage() {
  const { stamps, programmes, passportCode, qrSvg } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const tiles = useTiles()
  const { t } = useLocale()
  const stampedVenues = [...new Map(stamps.map((s) => [s.venue.slug, s.venue])).values()]
  return (
    <article className="detail">
      {searchParams.get('welcome') === '1' ? (
        <p className="notice" role="status">
          {t('passport.welcome')}
        </p>
      ) : null}
      <h1>{t('passport.heading')}</h1>
      <p>
        <Link to="/account">{t('passport.accountLink')}</Link>
      </p>
      <div className="ticket">
        <p>{t('passport.codeHint')}</p>
        <div
          className="qr"
          role="img"
          aria-label={t('passport.qrLabel', { code: passportCode })}
          dangerouslySetInnerHTML={{ __html: qrSvg }}
        />
        <p className="code">{passportCode}</p>
      </div>
      <h2>{t('passport.stamped', { venues: stampedVenues.length, count: stamps.length })}</h2>
      <PlacesMapBox
        tiles={tiles}
        center={SHANGHAI_CENTER}
        zoom={9}
        label={t('passport.mapLabel')}
        fitToPlaces
        places={stampedVenues.map((v) => ({
          key: v.slug,
          lat: v.lat,
          lng: v.lng,
          name: v.name,
          href: `/venues/${v.slug}`,
          detail: t('passport.stampedDetail'),
          approximate: v.locationApproximate,
        }))}
      />
      <ul className="venue-list">
        {stamps.map((s) => (
          <li key={`${s.stampedOn}-${s.venue.slug}`}>
            {s.stampedOn}
            {t('site.colon')}
            <Link to={`/venues/${s.venue.slug}`}>{s.venue.name}</Link>
            {t('site.inParens', { text: t(`passport.via.${s.via}`) })}
          </li>
        ))}
      </ul>
      {programmes.map((p) => (
        <section key={p.slug} aria-labelledby={`programme-${p.slug}`}>
          <h2 id={`programme-${p.slug}`}>
            {p.name}
            {t('site.colon')}
            {p.done} / {p.venues.length}
          </h2>
          <p className="hint">{p.description}</p>
          {p.venues.length ? (
            <>
              <progress max={p.venues.length} value={p.done} aria-label={t('passport.progressLabel', { name: p.name })}>
                {p.done} / {p.venues.length}
              </progress>
              <h3>{t('passport.notYet')}</h3>
              <ul className="venue-list">
                {p.venues
                  .filter((v) => !v.stamped)
                  .map((v) => (
                    <li key={v.slug}>
                      <Link to={`/venues/${v.slug}`}>{v.name}</Link>
                      {t('site.inParens', { text: v.districtName })}
                    </li>
                  ))}
              </ul>
            </>
          ) : (
            <p>{t('passport.listPending')}</p>
          )}
        </section>
      ))}
    </article>
  )
}
