// Pieces the volunteer pages share: a role's summary card and the limits stated before anyone claims.
import { Link } from '@remix-run/react'
import { formatSessionTime } from '~/utils/format'
import { districtName, useLocale } from '~/utils/i18n'

export type SkillName = { key: string; name: string; nameEn: string }
type Rule = { maxHoursPerDay: number | null; noShowLimit: number | null; minPresentPct: number; dropCutoffHours: number }
export type DistrictWithRule = { id: string; slug: string; name: string; nameEn: string; rule: Rule }

export function useSkillNames(skills: SkillName[]) {
  const { language, t } = useLocale()
  const names = new Map(skills.map((s) => [s.key, language === 'en' ? s.nameEn : s.name]))
  return (keys: string[]) =>
    keys
      .map((k) => names.get(k))
      .filter(Boolean)
      .join(t('site.listSeparator'))
}

export type RoleSummary = {
  id: string
  title: string
  headcount: number
  filled: number
  skills: string[]
  startsAt: string
  endsAt: string
  needsApproval: boolean
  district: { name: string; nameEn: string }
  venue: { name: string } | null
  session: { event: { title: string; placeName: string | null } } | null
}

export function placeOf(role: Pick<RoleSummary, 'venue' | 'session' | 'district'>, language: 'zh-CN' | 'en'): string {
  return role.venue?.name ?? role.session?.event.placeName ?? districtName(role.district, language)
}

export function RoleCard({ role, skills }: { role: RoleSummary; skills: SkillName[] }) {
  const { t, language } = useLocale()
  const skillNames = useSkillNames(skills)(role.skills)
  const full = role.filled >= role.headcount
  return (
    <li className="card">
      <p className="meta">
        <span className="badge">{role.needsApproval ? t('volunteers.needsApproval') : t('volunteers.instant')}</span>{' '}
        {districtName(role.district, language)} · {formatSessionTime(role.startsAt, role.endsAt, language)}
      </p>
      <h3 className="card-title">
        <Link to={`/volunteers/roles/${role.id}`}>
          {role.session ? `${role.session.event.title} · ` : ''}
          {role.title}
        </Link>
      </h3>
      <p className="meta">{t('volunteers.at', { place: placeOf(role, language) })}</p>
      {skillNames ? <p className="meta">{t('volunteers.skills', { skills: skillNames })}</p> : null}
      <p>
        {full
          ? role.needsApproval
            ? t('volunteers.fullApproval')
            : t('volunteers.full')
          : t('volunteers.places', { filled: role.filled, headcount: role.headcount })}
      </p>
    </li>
  )
}

/** Every limit, in plain words, for the districts shown, before anyone claims (issue 26). */
export function VolunteerRules({ districts }: { districts: DistrictWithRule[] }) {
  const { t, language } = useLocale()
  return (
    <section aria-labelledby="volunteer-rules" className="notice">
      <h2 id="volunteer-rules">{t('volunteers.rulesTitle')}</h2>
      <ul>
        <li>{t('volunteers.ruleOverlap')}</li>
        {districts.map((d) => {
          const district = districtName(d, language)
          return [
            d.rule.maxHoursPerDay ? (
              <li key={`${d.id}-h`}>{t('volunteers.ruleDaily', { district, hours: d.rule.maxHoursPerDay })}</li>
            ) : null,
            d.rule.noShowLimit ? <li key={`${d.id}-n`}>{t('volunteers.ruleNoShow', { district, count: d.rule.noShowLimit })}</li> : null,
            <li key={`${d.id}-c`}>{t('volunteers.ruleCredit', { district, pct: d.rule.minPresentPct, hours: d.rule.dropCutoffHours })}</li>,
          ]
        })}
      </ul>
    </section>
  )
}
