// A staff form that posts one intent of its page: the CSRF token, the intent, the form's own errors, then its fields.
import { getFormProps, type FormMetadata } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { FormErrors } from '~/components/form-field'

export function IntentForm({
  form,
  intent,
  className = 'stack-form',
  children,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form's fields
  form: FormMetadata<any, string[]>
  intent: string
  className?: string
  children: React.ReactNode
}) {
  return (
    <Form method="post" {...getFormProps(form)} className={className}>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <FormErrors id={form.errorId} errors={form.errors} />
      {children}
    </Form>
  )
}

/** Buttons acting on one row of a list (remove a slot, cancel a registration): the CSRF token, the row's ids, the buttons (each names its intent). */
export function RowActions({ ids, children }: { ids: Record<string, string>; children: React.ReactNode }) {
  return (
    <Form method="post" className="inline-form">
      <CsrfInput />
      {Object.entries(ids).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
    </Form>
  )
}
