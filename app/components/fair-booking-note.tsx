// The district's fair-booking rules (decision 013) in plain words, stated before anyone submits a form.
import { useLocale } from '~/utils/i18n'
import type { FairRules } from '~/models/registration/fair-booking.server'

export function FairBookingNote({ rules }: { rules: FairRules }) {
  const { t } = useLocale()
  if (!rules.limit && !rules.noShow) return null
  return (
    <section className="notice fair-booking-note" aria-labelledby="fair-booking-heading">
      <h2 id="fair-booking-heading">{t('fairBooking.heading')}</h2>
      <ul>
        {rules.limit ? <li>{t('fairBooking.limit', rules.limit)}</li> : null}
        {rules.noShow ? <li>{t('fairBooking.noShow', rules.noShow)}</li> : null}
      </ul>
    </section>
  )
}
