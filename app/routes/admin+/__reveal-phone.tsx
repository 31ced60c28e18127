// A masked phone number with a button that fetches the full number on purpose; the server logs each view.
import { useFetcher } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import type { action } from '~/routes/admin+/reveal-phone'

/** `recordId` is a registration's id, or with kind "school" a school booking's (its teacher's number), or with kind
 * "join" a pending join request's (its contact's number, decision 040). */
export function RevealPhone({
  recordId,
  masked,
  purpose,
  kind = 'registration',
}: {
  recordId: string
  masked: string
  purpose: string
  kind?: 'registration' | 'school' | 'join'
}) {
  const fetcher = useFetcher<typeof action>()
  const phone = fetcher.data?.data?.phone
  if (phone) return <a href={`tel:${phone}`}>{phone}</a>
  return (
    <fetcher.Form method="post" action="/admin/reveal-phone" className="inline-form">
      <CsrfInput />
      <input type="hidden" name="recordId" value={recordId} />
      <input type="hidden" name="purpose" value={purpose} />
      <input type="hidden" name="kind" value={kind} />
      <span>{masked}</span>{' '}
      <button type="submit" className="link-button" aria-label={`显示完整号码（${masked}）`}>
        显示完整号码
      </button>
      {fetcher.data?.error ? <span className="field-error">{fetcher.data.error}</span> : null}
    </fetcher.Form>
  )
}
