// One way to show a form field: a label, the control, a hint, and the message next to it when input is wrong.
import { getInputProps, getSelectProps, useField, type FieldMetadata } from '@conform-to/react'
import { useLocale } from '~/utils/i18n'
import type { RegistrationQuestion } from '~/models/registration/schema'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFieldMeta = FieldMetadata<any>

export function Field({
  label,
  hint,
  meta,
  required = meta.required,
  children,
}: {
  label: string
  hint?: string
  meta: AnyFieldMeta
  /** Marks the field required when the schema cannot say so (one child's answer to a required per-child question). */
  required?: boolean
  children: React.ReactNode
}) {
  return (
    <div className={`field${meta.errors ? ' has-error' : ''}`}>
      <label htmlFor={meta.id}>
        {label}
        {required ? (
          <span aria-hidden="true" className="required">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {children}
      {hint ? (
        <p id={meta.descriptionId} className="hint">
          {hint}
        </p>
      ) : null}
      {meta.errors ? (
        <p id={meta.errorId} className="field-error">
          {meta.errors[0]}
        </p>
      ) : null}
    </div>
  )
}

/** A labelled select: a first option that says what to do (or that none is fine), then the choices. */
export function SelectField({
  label,
  hint,
  meta,
  placeholder,
  options,
}: {
  label: string
  hint?: string
  meta: AnyFieldMeta
  /** The first option, which says what to do; none when there is only one choice (a district list of one). */
  placeholder?: string
  options: ReadonlyArray<{ value: string; label: string }>
}) {
  return (
    <Field label={label} hint={hint} meta={meta}>
      <select {...getSelectProps(meta)}>
        {placeholder === undefined ? null : <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  )
}

export function CheckField({ label, meta, children }: { label: string; meta: AnyFieldMeta; children: React.ReactNode }) {
  return (
    <div className={`field field-check${meta.errors ? ' has-error' : ''}`}>
      {children}
      <label htmlFor={meta.id}>{label}</label>
      {meta.errors ? (
        <p id={meta.errorId} className="field-error">
          {meta.errors[0]}
        </p>
      ) : null}
    </div>
  )
}

/** Messages about the whole form (e.g. the page expired), announced to screen readers. */
export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null
  return (
    <div id={id} className="notice notice-warn" role="alert">
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  )
}

/** One of an event's own registration questions (child's age, grade ...). */
export function QuestionField({
  question,
  meta,
  label = question.label,
  required = meta.required,
}: {
  question: RegistrationQuestion
  meta: AnyFieldMeta
  label?: string
  required?: boolean
}) {
  const { t } = useLocale()
  if (question.kind === 'choice' && question.options?.length) {
    return (
      <Field label={label} meta={meta} required={required}>
        <select {...getSelectProps(meta)} required={required}>
          <option value="">{t('site.pleaseChoose')}</option>
          {question.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </Field>
    )
  }
  return (
    <Field label={label} meta={meta} required={required}>
      <input {...getInputProps(meta, { type: question.kind === 'number' ? 'number' : 'text' })} required={required} />
    </Field>
  )
}

/** How many children a form's "children" field says now (as typed, while typing), within the party's limit. */
export function childrenCount(value: unknown, max: number): number {
  const text = typeof value === 'string' ? value.trim() : ''
  return /^\d+$/.test(text) ? Math.min(Number(text), max) : 0
}

/**
 * A question asked once per child: an input for each child (`answers.childAge[0]` …), numbered, none when no child
 * comes. The form draws as many as its "children" field says, so without JavaScript the server draws them for the
 * number sent, and with it they follow the field as it changes. Needs the form's `FormProvider`.
 */
export function PerChildQuestionFields({ question, name, count }: { question: RegistrationQuestion; name: string; count: number }) {
  return (
    <>
      {Array.from({ length: count }, (_, index) => (
        <ChildAnswerField key={index} question={question} name={`${name}[${index}]`} index={index} />
      ))}
    </>
  )
}

function ChildAnswerField({ question, name, index }: { question: RegistrationQuestion; name: string; index: number }) {
  const { t } = useLocale()
  const [meta] = useField(name)
  return (
    <QuestionField
      question={question}
      meta={meta}
      label={t('register.perChildLabel', { n: index + 1, label: question.label })}
      required={question.required}
    />
  )
}
