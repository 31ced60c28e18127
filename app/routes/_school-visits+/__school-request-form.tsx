// The school visit request form (course, class, slot or outreach date and place, teacher, consent); apart so the route stays thin.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { useMemo } from 'react'
import { HoneypotInputs, HoneypotProvider } from 'remix-utils/honeypot/react'
import { useHydrated } from 'remix-utils/use-hydrated'
import { CheckField, Field, FormErrors, SelectField } from '~/components/form-field'
import { PointFields } from '~/components/place-fields'
import {
  GRADE_CODES,
  gradeLabel,
  gradeRange,
  outreachRequestSchema,
  teachersNeeded,
  visitRequestSchema,
} from '~/models/school-visit/schema'
import { SlotPicker } from '~/routes/_school-visits+/__slot-picker'
import { useLocale } from '~/utils/i18n'
import { SHANGHAI_CENTER } from '~/utils/infra/map-config'
import { useZodForm } from '~/utils/use-zod-form'
import type { SerializeFrom } from '@remix-run/node'
import type { HoneypotInputProps } from 'remix-utils/honeypot/server'
import type { Offer, SlotDay } from '~/models/school-visit/school-visit.server'
import type { FormReply } from '~/utils/form.server'

export function SchoolRequestForm({
  kind,
  courses,
  studentsPerTeacher,
  days,
  csrfToken,
  honeypotInputs,
  lastResult,
}: {
  kind: string
  courses: SerializeFrom<Offer>['courses']
  studentsPerTeacher: number
  days: SerializeFrom<SlotDay>[]
  csrfToken: string
  honeypotInputs: HoneypotInputProps
  lastResult?: SerializeFrom<FormReply>['result']
}) {
  const navigation = useNavigation()
  const { t } = useLocale()
  const schema = useMemo(() => (kind === 'outreach' ? outreachRequestSchema(t) : visitRequestSchema(t)), [kind, t])
  const [form, fields] = useZodForm(schema, {
    id: `school-${kind}`,
    lastResult,
  })
  const f = fields as typeof fields & Record<'slot' | 'date' | 'startTime' | 'schoolAddress' | 'lat' | 'lng', (typeof fields)['schoolName']>
  const students = Number(fields.students.value)
  // With JavaScript, the grades the chosen course takes; without, all (the server refuses one the course does not take).
  const hydrated = useHydrated()
  const course = courses.find((c) => c.id === fields.courseId.value)
  const gradeChoices = hydrated && course?.grades.length ? GRADE_CODES.filter((code) => course.grades.includes(code)) : GRADE_CODES
  return (
    <HoneypotProvider {...honeypotInputs}>
      <Form method="post" {...getFormProps(form)} className="stack-form">
        <input type="hidden" name="csrf" value={csrfToken} />
        <input type="hidden" name="kind" value={kind} />
        <HoneypotInputs label={t('site.honeypot')} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t('school.course')} meta={fields.courseId}>
          <select {...getSelectProps(fields.courseId)}>
            <option value="">{t('site.pleaseChoose')}</option>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
                {t('site.inParens', { text: gradeRange(c.grades, t) })}
              </option>
            ))}
          </select>
        </Field>
        <div className="field-row">
          <SelectField
            label={t('school.grade')}
            meta={fields.grade}
            placeholder={t('site.pleaseChoose')}
            options={gradeChoices.map((code) => ({ value: code, label: gradeLabel(code, t) }))}
          />
          <Field label={t('school.students')} meta={fields.students}>
            <input {...getInputProps(fields.students, { type: 'number' })} inputMode="numeric" />
          </Field>
          <Field
            label={t('school.teachers')}
            hint={students > 0 ? t('school.teachersHint', { count: teachersNeeded(students, studentsPerTeacher) }) : undefined}
            meta={fields.teachers}
          >
            <input {...getInputProps(fields.teachers, { type: 'number' })} inputMode="numeric" />
          </Field>
        </div>
        {kind === 'visit' ? (
          <SlotPicker slot={f.slot} days={days} />
        ) : (
          <>
            <div className="field-row">
              <Field label={t('school.date')} meta={f.date}>
                <input {...getInputProps(f.date, { type: 'date' })} />
              </Field>
              <Field label={t('school.startTime')} meta={f.startTime}>
                <input {...getInputProps(f.startTime, { type: 'time' })} />
              </Field>
            </div>
            <Field label={t('school.schoolAddress')} meta={f.schoolAddress}>
              <input {...getInputProps(f.schoolAddress, { type: 'text' })} autoComplete="street-address" />
            </Field>
            <fieldset className="location-fieldset">
              <legend>{t('school.schoolLocation')}</legend>
              <p className="hint">{t('school.schoolLocationHint')}</p>
              <PointFields lat={f.lat} lng={f.lng} fallbackCenter={SHANGHAI_CENTER} label={t('school.schoolPicker')} />
            </fieldset>
          </>
        )}
        <Field label={t('school.schoolName')} meta={fields.schoolName}>
          <input {...getInputProps(fields.schoolName, { type: 'text' })} autoComplete="organization" />
        </Field>
        <div className="field-row">
          <Field label={t('school.teacherName')} meta={fields.teacherName}>
            <input {...getInputProps(fields.teacherName, { type: 'text' })} autoComplete="name" />
          </Field>
          <Field label={t('school.teacherPhone')} hint={t('school.teacherPhoneHint')} meta={fields.phone}>
            <input {...getInputProps(fields.phone, { type: 'tel' })} inputMode="tel" autoComplete="tel" />
          </Field>
        </div>
        <Field label={t('form.email')} hint={t('form.emailHint')} meta={fields.email}>
          <input {...getInputProps(fields.email, { type: 'email' })} autoComplete="email" />
        </Field>
        <Field label={t('school.needs')} hint={t('school.needsHint')} meta={fields.needs}>
          <textarea {...getTextareaProps(fields.needs)} rows={3} />
        </Field>
        <CheckField label={t('school.consent')} meta={fields.consent}>
          <input {...getInputProps(fields.consent, { type: 'checkbox' })} />
        </CheckField>
        <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
          {t('school.submit')}
        </button>
      </Form>
    </HoneypotProvider>
  )
}
