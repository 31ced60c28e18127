import { Link } from '@remix-run/react'
import { formatAudience, formatDistance, formatSessionTime } from '~/utils/format'
import { categoryLabel } from '~/utils/labels'
import type { SerializeFrom } from '@remix-run/node'
import type { SessionListItem } from '~/models/event-search.server'

/** A list item as the loader sends it (dates as strings). */
export type SessionCardData = SerializeFrom<SessionListItem>

export function SessionCard({ session: s }: { session: SessionCardData }) {
  return (
    <li className="card">
      <p className="meta">
        <time dateTime={s.startsAt}>{formatSessionTime(s.startsAt, s.endsAt)}</time>
        {' · '}{s.districtName}{' · '}{categoryLabel[s.category]}
      </p>
      <h3 className="card-title"><Link to={`/events/${s.eventSlug}`}>{s.title}</Link></h3>
      <p>
        {s.venueSlug ? <Link to={`/venues/${s.venueSlug}`}>{s.venueName}</Link> : s.placeName}
        {' · '}{formatAudience(s.audienceMinAge, s.audienceMaxAge, s.audienceNote)}
        {s.brandName ? ` · ${s.brandName}` : ''}
      </p>
      {s.distance ? (
        <p className="distance">
          距离 {formatDistance(s.distance.metres)} · 步行约 {s.distance.walkMinutes} 分钟 · 骑行约 {s.distance.bikeMinutes} 分钟
        </p>
      ) : null}
      <p className="card-actions">
        <span className={s.seatsLeft > 0 ? 'seats' : 'seats seats-full'}>
          {s.seatsLeft > 0 ? `剩余 ${s.seatsLeft} / ${s.capacity} 个名额` : '名额已满，可排队候补'}
        </span>
        <Link className="button" to={`/sessions/${s.id}/register`} aria-label={`报名：${s.title} ${formatSessionTime(s.startsAt, s.endsAt)}`}>
          {s.seatsLeft > 0 ? '报名' : '候补'}
        </Link>
      </p>
      {s.isExample ? <p className="badge" title="依据区科委计划中的活动品牌生成的示例，日期为示例">示例活动</p> : null}
    </li>
  )
}
