// conform's form for a zod schema: checked in the browser on leaving a field, with the schema the server parses.
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
    shouldValidate: 'onBlur',
    ...options,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema, errorMap: formErrorMap(t) }),
  })
}
