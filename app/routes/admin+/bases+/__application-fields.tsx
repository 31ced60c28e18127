// The fields of a 申报 an applicant fills besides venue and level: on the new-application form and on the page of a
// draft or returned application.
import { getInputProps, getTextareaProps } from '@conform-to/react'
import { Field } from '~/components/form-field'
import type { applicationSchema } from '~/models/bases/admin-schema'
import type { useZodForm } from '~/utils/use-zod-form'

type Fields = ReturnType<typeof useZodForm<typeof applicationSchema>>[1]

/** The fields an applicant fills besides venue and level (also on the application page while a draft). */
export function ApplicationFields({ fields }: { fields: Fields }) {
  return (
    <>
      <Field label="基本情况" hint="场地、展教设施、开放与科普活动、管理制度等，至少 20 字" meta={fields.summary}>
        <textarea {...getTextareaProps(fields.summary)} rows={6} />
      </Field>
      <Field label="年开放天数" meta={fields.openDaysPerYear}>
        <input {...getInputProps(fields.openDaysPerYear, { type: 'text' })} inputMode="numeric" />
      </Field>
      <Field label="场地面积（平方米）" meta={fields.areaSqm}>
        <input {...getInputProps(fields.areaSqm, { type: 'text' })} inputMode="numeric" />
      </Field>
      <Field label="专兼职人员数" meta={fields.staffCount}>
        <input {...getInputProps(fields.staffCount, { type: 'text' })} inputMode="numeric" />
      </Field>
      <Field label="联系人" meta={fields.contactName}>
        <input {...getInputProps(fields.contactName, { type: 'text' })} />
      </Field>
    </>
  )
}
