// conform's form for a zod schema, checked in the browser with the schema the server parses: first when the form is
// sent, then as each field changes. Never on leaving a field (decision 020): a message that appears or goes on blur
// moves everything below it, and pressing the submit button is what blurs the field, so the button moved away
// between the press and the release and the click was lost.
import { useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { useLocale } from '~/utils/i18n'
import { formErrorMap } from '~/utils/text-field'
import type { z } from 'zod'

type FormOptions<Schema extends z.ZodTypeAny> = Omit<
  NonNullable<Parameters<typeof useForm<z.input<Schema>, z.output<Schema>, string[]>>[0]>,
  'constraint' | 'onValidate'
>

export function useZodForm<Schema extends z.ZodTypeAny>(schema: Schema, options: FormOptions<Schema>) {
  // The browser's messages as the server's: zod's English defaults replaced in the reader's language.
  const { t } = useLocale()
  return useForm<z.input<Schema>, z.output<Schema>, string[]>({
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    ...options,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema, errorMap: formErrorMap(t) }),
  })
}
