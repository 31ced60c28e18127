// One session's times, seats and registration window: the form to add a session and to change one.
import { getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { Field, FormErrors } from '~/components/form-field'
import { sessionSchema } from '~/models/event/schema'
import { useZodForm } from '~/utils/use-zod-form'

export function SessionForm({
  formId,
  intent,
  sessionId,
  lastResult,
  defaultValue,
  submitLabel,
}: {
  formId: string
  intent: string
  sessionId?: string
  lastResult?: SubmissionResult<string[]>
  defaultValue?: Record<string, string | undefined>
  submitLabel: string
}) {
  const [form, fields] = useZodForm(sessionSchema, {
    id: formId,
    lastResult,
    defaultValue,
  })
  return (
    <Form method="post" {...getFormProps(form)} className="session-form">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {sessionId ? <input type="hidden" name="sessionId" value={sessionId} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="field-row">
        <Field label="开始时间" meta={fields.startsAt}>
          <input {...getInputProps(fields.startsAt, { type: 'datetime-local' })} />
        </Field>
        <Field label="结束时间" meta={fields.endsAt}>
          <input {...getInputProps(fields.endsAt, { type: 'datetime-local' })} />
        </Field>
        <Field label="名额" meta={fields.capacity}>
          <input {...getInputProps(fields.capacity, { type: 'number' })} inputMode="numeric" />
        </Field>
      </div>
      <div className="field-row">
        <Field label="报名开始（可不填）" meta={fields.registrationOpensAt}>
          <input {...getInputProps(fields.registrationOpensAt, { type: 'datetime-local' })} />
        </Field>
        <Field label="报名截止（默认活动开始时）" meta={fields.registrationClosesAt}>
          <input {...getInputProps(fields.registrationClosesAt, { type: 'datetime-local' })} />
        </Field>
      </div>
      <button type="submit">{submitLabel}</button>
    </Form>
  )
}
