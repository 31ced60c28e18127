import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import QRCode from 'qrcode'
import { mapLinks, PlacesMapBox, useTiles } from '~/components/places-map'
import { getResident } from '~/models/passport/account.server'
import { passportView, stampPoints } from '~/models/passport/passport.server'
import { districtName, metaT, useLocale } from '~/utils/i18n'
import { SHANGHAI_CENTER } from '~/utils/infra/map-config'

export const links = () => mapLinks
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: metaT(matches)(data?.signedIn ? 'passport.title' : 'passport.introTitle') },
  { name: 'robots', content: 'noindex' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const [resident, points] = await Promise.all([getResident(request), stampPoints()])
  const headers = { 'Cache-Control': 'private, no-store' }
  // Signed out: what the passport is and where it is stamped, then the way in (not a bare login form).
  if (!resident) return json({ signedIn: false as const, points }, { headers })
  const [view, qrSvg] = await Promise.all([
    passportView(resident.id),
    QRCode.toString(resident.passportCode, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
  ])
  return json({ signedIn: true as const, points, ...view, passportCode: resident.passportCode, qrSvg }, { headers })
}

/** The passport's stamp points, each with whether this person has its stamp (signed in). */
function StampPoints({ points, stamped }: { points: ReturnType<typeof useLoaderData<typeof loader>>['points']; stamped?: Set<string> }) {
  const { t, language } = useLocale()
  return (
    <section aria-labelledby="stamp-points">
      <h2 id="stamp-points">{t('passport.stampPointsHeading', { count: points.length })}</h2>
      {points.length === 0 ? (
        <p>{t('passport.stampPointsNone')}</p>
      ) : (
        <>
          <p className="hint">{t('passport.stampPointsHint')}</p>
          <ul className="venue-list">
            {points.map((v) => (
              <li key={v.slug}>
                <Link to={`/venues/${v.slug}`}>{v.name}</Link>
                {t('site.inParens', { text: districtName(v.district, language) })}
                {stamped?.has(v.slug) ? ` · ${t('passport.stampedDetail')}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

export default function PassportPage() {
  const data = useLoaderData<typeof loader>()
  const { t } = useLocale()
  if (!data.signedIn) {
    return (
      <article className="detail">
        <h1>{t('passport.introHeading')}</h1>
        <p className="lead">{t('passport.intro1')}</p>
        <p>{t('passport.intro2')}</p>
        <p className="button-row">
          <Link to="/account/signup" className="button primary">
            {t('passport.signUp')}
          </Link>
          <Link to="/account/login?redirectTo=%2Fpassport" className="button">
            {t('passport.signIn')}
          </Link>
        </p>
        <StampPoints points={data.points} />
      </article>
    )
  }
  return <SignedInPassport data={data} />
}

function SignedInPassport({ data }: { data: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { signedIn: true }> }) {
  const { stamps, programmes, passportCode, qrSvg, points } = data
  const tiles = useTiles()
  const { t } = useLocale()
  const stampedVenues = [...new Map(stamps.map((s) => [s.venue.slug, s.venue])).values()]
  return (
    <article className="detail">
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
      <StampPoints points={points} stamped={new Set(stampedVenues.map((v) => v.slug))} />
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
