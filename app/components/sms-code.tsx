// The SMS code part of a form (decision 012): a "获取验证码" button that posts intent `send-code` with the rest of
// the form (so the page comes back with every value kept, without JavaScript), the line saying where the code went
// and when another may be asked for, and the 6-digit code field with its refusals next to it. With JavaScript the
// button counts down to the next allowed send.
import { getInputProps } from '@conform-to/react'
import { useEffect, useState } from 'react'
import { Field, type AnyFieldMeta } from '~/components/form-field'
import { useLocale } from '~/utils/i18n'

export function SendCodeButton({ until, intent = 'send-code' }: { until?: string | null; intent?: string }) {
  const { t } = useLocale()
  const [left, setLeft] = useState(0)
  useEffect(() => {
    if (!until) return
    const end = Date.parse(until)
    const tick = () => setLeft(Math.max(0, Math.ceil((end - Date.now()) / 1000)))
    tick()
    const timer = setInterval(tick, 1000)
    return () => clearInterval(timer)
  }, [until])
  return (
    <button type="submit" name="intent" value={intent} formNoValidate className="secondary" disabled={left > 0}>
      {left > 0 ? t('phoneCode.countdown', { seconds: left }) : until ? t('phoneCode.sendAgain') : t('phoneCode.send')}
    </button>
  )
}

/** The code field, the send button and the status line after a send. */
export function SmsCodeFields({ meta, status, until }: { meta: AnyFieldMeta; status?: string | null; until?: string | null }) {
  const { t } = useLocale()
  return (
    <>
      <div className="send-code">
        <SendCodeButton until={until} />
        {status ? (
          <p className="notice notice-ok" role="status">
            {status}
          </p>
        ) : null}
      </div>
      <Field label={t('phoneCode.label')} hint={t('phoneCode.hint')} meta={meta}>
        <input {...getInputProps(meta, { type: 'text' })} inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
      </Field>
    </>
  )
}

/**
 * The first submit button of a form with a send-code button: pressing Enter in a field submits the form's first
 * button, which must be the form's own action, not "send a code". Hidden: the visible button does the same.
 */
export function DefaultSubmit({ intent }: { intent: string }) {
  return <button type="submit" name="intent" value={intent} hidden tabIndex={-1} aria-hidden="true" />
}
