import { Link } from '@remix-run/react'
import { Marked } from '~/components/keyword-search'
import { formatAudience, formatDistance, formatSessionTime } from '~/utils/format'
import { districtName, useLocale } from '~/utils/i18n'
import type { SerializeFrom } from '@remix-run/node'
import type { SessionListItem } from '~/models/event/search.server'

/** A list item as the loader sends it (dates as strings). */
export type SessionCardData = SerializeFrom<SessionListItem>

/** `terms`: the words searched for (decision 017), marked where they appear. */
export function SessionCard({ session: s, terms = [] }: { session: SessionCardData; terms?: string[] }) {
  const { t, language } = useLocale()
  const time = formatSessionTime(s.startsAt, s.endsAt, language)
  const action = s.seatsLeft > 0 ? t('session.register') : t('session.waitlist')
  // Said in words on the card, not in a tooltip phones cannot show.
  return (
    <li className="card">
      <p className="meta">
        <time dateTime={s.startsAt}>{time}</time>
        {' · '}
        {districtName({ name: s.districtName, nameEn: s.districtNameEn }, language)}
        {' · '}
        {t(`category.${s.category}`)}
      </p>
      <h3 className="card-title">
        <Link to={`/events/${s.eventSlug}`}>
          <Marked text={s.title} terms={terms} />
        </Link>
      </h3>
      <p>
        {s.venueSlug ? (
          <Link to={`/venues/${s.venueSlug}`}>
            <Marked text={s.venueName ?? ''} terms={terms} />
          </Link>
        ) : (
          <Marked text={s.placeName ?? ''} terms={terms} />
        )}
        {' · '}
        {formatAudience(s.audienceMinAge, s.audienceMaxAge, s.audienceNote, t)}
        {s.brandName ? (
          <>
            {' · '}
            <Marked text={s.brandName} terms={terms} />
          </>
        ) : null}
      </p>
      {/* A search shows the summary too, so a word found only there is seen. */}
      {terms.length > 0 ? (
        <p className="hint">
          <Marked text={s.summary} terms={terms} />
        </p>
      ) : null}
      {s.distance ? (
        <p className="distance">
          {t('session.distance', {
            distance: formatDistance(s.distance.metres, t),
            walk: s.distance.walkMinutes,
            bike: s.distance.bikeMinutes,
          })}
        </p>
      ) : null}
      <p className="card-actions">
        <span className={s.seatsLeft > 0 ? 'seats' : 'seats seats-full'}>
          {s.seatsLeft > 0 ? t('session.seatsLeft', { left: s.seatsLeft, capacity: s.capacity }) : t('session.fullWaitlist')}
        </span>
        {/* The accessible name starts with the visible words (WCAG 2.5.3), then says which session. */}
        {s.registersOnline ? (
          <Link
            className="button"
            to={`/sessions/${s.id}/register`}
            aria-label={t('session.registerLabel', { action, title: s.title, time })}
          >
            {action}
          </Link>
        ) : (
          <span className="muted">{t('registrationRefusal.NO_ONLINE_REGISTRATION')}</span>
        )}
      </p>
      {s.isExample ? (
        <p className="example-note">
          <span className="badge">{t('site.exampleBadge')}</span> {t('site.exampleShort')}
        </p>
      ) : null}
    </li>
  )
}
