// One file field and its button (decision 038): the lecturer's photo, the staff roster's photo, a resource's cover.
// The page's reply goes to `lastResult`, so a refused file (too large, not a photo) shows its message next to the
// field, in the reader's language, like any other field's message. The pipeline (`handleForm` with `files`) checks
// the file by its content on the server; the browser checks only that one was chosen.
import { getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useMemo } from 'react'
import { z } from 'zod'
import { Field, FormErrors } from '~/components/form-field'
import { useLocale } from '~/utils/i18n'
import { uploadField } from '~/utils/upload-field'
import { useZodForm } from '~/utils/use-zod-form'
import type { TFunction } from 'i18next'

/** The schema of a form of one file field, `name`. */
export function fileFormSchema<Name extends string>(t: TFunction, name: Name) {
  return z.object({ [name]: uploadField(t) } as Record<Name, ReturnType<typeof uploadField>>)
}

export function FileUploadForm<Name extends string>({
  id,
  name,
  label,
  hint,
  accept,
  submitLabel,
  csrf,
  lastResult,
}: {
  id: string
  name: Name
  label: string
  hint: string
  accept: string
  submitLabel: string
  /** The hidden token field: `<CsrfInput />` on staff pages, the public token elsewhere. */
  csrf: React.ReactNode
  lastResult: SubmissionResult<string[]> | null | undefined
}) {
  const { t } = useLocale()
  const schema = useMemo(() => fileFormSchema(t, name), [t, name])
  const [form, fields] = useZodForm(schema, { id, lastResult })
  const field = fields[name]
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="stack-form">
      {csrf}
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={label} hint={hint} meta={field}>
        <input {...getInputProps(field, { type: 'file' })} accept={accept} />
      </Field>
      <button type="submit" className="primary">
        {submitLabel}
      </button>
    </Form>
  )
}

/** What the photo fields accept in the file picker (the server decides by content, whatever the picker allowed). */
export const IMAGE_ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,image/heic,image/avif'
