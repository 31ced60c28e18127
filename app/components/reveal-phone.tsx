// A masked phone number with a button that fetches the full number on purpose; the server logs each view.
import { useFetcher } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'

/** `kind` says whose number: a registration's (default) or a school booking's teacher. */
export function RevealPhone({ registrationId, masked, purpose, kind = 'registration' }: { registrationId: string; masked: string; purpose: string; kind?: 'registration' | 'school' }) {
  const fetcher = useFetcher<{ phone?: string; error?: string }>()
  if (fetcher.data?.phone) return <a href={`tel:${fetcher.data.phone}`}>{fetcher.data.phone}</a>
  return (
    <fetcher.Form method="post" action="/admin/reveal-phone" className="inline-form">
      <CsrfInput />
      <input type="hidden" name="registrationId" value={registrationId} />
      <input type="hidden" name="purpose" value={purpose} />
      <input type="hidden" name="kind" value={kind} />
      <span>{masked}</span>{' '}
      <button type="submit" className="link-button" aria-label={`显示完整号码（${masked}）`}>显示完整号码</button>
      {fetcher.data?.error ? <span className="field-error">{fetcher.data.error}</span> : null}
    </fetcher.Form>
  )
}
