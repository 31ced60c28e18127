// A form of one button (a state move of a base's record: submit, approve, refresh…), its refusal beside it.
import { Form } from '@remix-run/react'
import { ActionNotices } from '~/components/action-notices'
import { CsrfInput } from '~/components/csrf-input'
import { useFormReply } from '~/utils/use-form-reply'

export function ButtonForm({ intent, label, primary }: { intent: string; label: string; primary?: boolean }) {
  const reply = useFormReply(intent)
  return (
    <Form method="post" className="inline-form">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={primary ? 'primary' : undefined}>
        {label}
      </button>
      <ActionNotices error={reply.error} />
    </Form>
  )
}
