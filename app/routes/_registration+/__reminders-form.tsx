// The private registration page's reminder switch: the person turns the reminder SMS off or back on. Confirmations,
// changes and cancellations are sent either way.
import { Form, useNavigation } from '@remix-run/react'
import { useLocale } from '~/utils/i18n'

export function RemindersForm({ csrfToken, remindersOff }: { csrfToken: string; remindersOff: boolean }) {
  const { t } = useLocale()
  const navigation = useNavigation()
  return (
    <section aria-labelledby="reminders-heading" className="reminders">
      <h2 id="reminders-heading">{t('registration.remindersHeading')}</h2>
      <p>{remindersOff ? t('registration.remindersOff') : t('registration.remindersOn')}</p>
      <Form method="post">
        <input type="hidden" name="csrf" value={csrfToken} />
        <input type="hidden" name="intent" value="reminders" />
        <input type="hidden" name="reminders" value={remindersOff ? 'on' : 'off'} />
        <button type="submit" disabled={navigation.state === 'submitting'}>
          {remindersOff ? t('registration.remindersTurnOn') : t('registration.remindersTurnOff')}
        </button>
      </Form>
    </section>
  )
}
