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
