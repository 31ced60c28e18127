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
/** The rules before a claim; districts whose rule is the same share one line ("闵行区、松江区、青浦区：…"). */
export function VolunteerRules({ districts }: { districts: DistrictWithRule[] }) {
  const { t, language } = useLocale()
  const lines = new Map<string, { districts: string[]; text: (district: string) => string }>()
  const add = (key: string, name: string, text: (district: string) => string) => {
    const line = lines.get(key) ?? lines.set(key, { districts: [], text }).get(key)!
    line.districts.push(name)
  }
  for (const d of districts) {
    const name = districtName(d, language)
    const { maxHoursPerDay: hours, noShowLimit: count, minPresentPct: pct, dropCutoffHours } = d.rule
    if (hours) add(`h${hours}`, name, (district) => t('volunteers.ruleDaily', { district, hours }))
    if (count) add(`n${count}`, name, (district) => t('volunteers.ruleNoShow', { district, count }))
    add(`c${pct}-${dropCutoffHours}`, name, (district) => t('volunteers.ruleCredit', { district, pct, hours: dropCutoffHours }))
  }
  return (
    <section aria-labelledby="volunteer-rules" className="notice">
      <h2 id="volunteer-rules">{t('volunteers.rulesTitle')}</h2>
      <ul>
        <li>{t('volunteers.ruleOverlap')}</li>
        {[...lines].map(([key, line]) => (
          <li key={key}>{line.text(line.districts.join(language === 'en' ? ', ' : '、'))}</li>
        ))}
      </ul>
    </section>
  )
}
