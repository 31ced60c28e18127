// The team page's word on later rounds (decision 035): for each round whose line-up staff decided, whether this
// team goes on. Nothing is shown before a decision.
import { useLocale } from '~/utils/i18n'

type Step = { round: { name: string; nameEn: string }; from: { name: string; nameEn: string }; advanced: boolean }

export function TeamAdvancement({ steps }: { steps: Step[] }) {
  const { t, language } = useLocale()
  if (!steps.length) return null
  const name = (r: { name: string; nameEn: string }) => (language === 'en' && r.nameEn ? r.nameEn : r.name)
  return (
    <section aria-labelledby="advance-heading">
      <h2 id="advance-heading">{t('competition.advance.title')}</h2>
      <ul className="team-advancement">
        {steps.map((s) => (
          <li key={s.round.name} className={s.advanced ? 'notice' : undefined}>
            {t(s.advanced ? 'competition.advance.in' : 'competition.advance.out', { round: name(s.round), from: name(s.from) })}
          </li>
        ))}
      </ul>
    </section>
  )
}
