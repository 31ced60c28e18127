// The venue school-offer page's forms: the offer, a weekly slot, a closed day and a course (new or existing).
// Each posts its intent and is checked in the browser with the same schema the page's intent union uses.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { CheckField, Field, FormErrors, SelectField } from '~/components/form-field'
import { IntentForm } from '~/components/intent-form'
import { closedDateSchema, courseSchema, offerSchema, slotSchema } from '~/models/school-visit/admin-schema'
import { GRADES, WEEKDAYS } from '~/models/school-visit/schema'
import { useZodForm } from '~/utils/use-zod-form'

export type Defaults = Record<string, string | string[] | undefined>

function GradeChecks({ name, selected, errors, errorId }: { name: string; selected: string[]; errors?: string[]; errorId: string }) {
  return (
    <fieldset className={errors ? 'grade-checks has-error' : 'grade-checks'}>
      <legend>年级</legend>
      {GRADES.map((g) => (
        <label key={g.code} className="check-inline">
          <input type="checkbox" name={name} value={g.code} defaultChecked={selected.includes(g.code)} /> {g.label}
        </label>
      ))}
      {errors ? (
        <p id={errorId} className="field-error">
          {errors[0]}
        </p>
      ) : null}
    </fieldset>
  )
}

export function OfferForm({ lastResult, defaultValue }: { lastResult?: SubmissionResult<string[]>; defaultValue: Defaults }) {
  const [form, fields] = useZodForm(offerSchema, {
    id: 'offer',
    lastResult,
    defaultValue,
  })
  return (
    <IntentForm form={form} intent="offer">
      <div className="field-row">
        <Field label="每个时段最多学生数" meta={fields.maxStudentsPerSlot}>
          <input {...getInputProps(fields.maxStudentsPerSlot, { type: 'number' })} inputMode="numeric" />
        </Field>
        <Field label="每位老师最多带学生数" hint="例如 15：每 15 名学生至少 1 名老师" meta={fields.studentsPerTeacher}>
          <input {...getInputProps(fields.studentsPerTeacher, { type: 'number' })} inputMode="numeric" />
        </Field>
        <Field label="需提前预约天数" meta={fields.minNoticeDays}>
          <input {...getInputProps(fields.minNoticeDays, { type: 'number' })} inputMode="numeric" />
        </Field>
      </div>
      <GradeChecks
        name={fields.grades.name}
        selected={(defaultValue.grades as string[] | undefined) ?? []}
        errors={fields.grades.errors}
        errorId={fields.grades.errorId}
      />
      <Field label="进校园：每天最多场次（0 = 不提供）" meta={fields.outreachPerDay}>
        <input {...getInputProps(fields.outreachPerDay, { type: 'number' })} inputMode="numeric" />
      </Field>
      <Field label="给老师的说明" meta={fields.notes}>
        <textarea {...getTextareaProps(fields.notes)} rows={3} />
      </Field>
      <CheckField label="开放网上团体预约" meta={fields.active}>
        <input {...getInputProps(fields.active, { type: 'checkbox' })} />
      </CheckField>
      <button type="submit" className="primary">
        保存接待设置
      </button>
    </IntentForm>
  )
}

export function SlotForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useZodForm(slotSchema, {
    id: 'slot',
    lastResult,
  })
  return (
    <IntentForm form={form} intent="slot">
      <div className="field-row">
        <SelectField
          label="星期"
          meta={fields.weekday}
          placeholder="请选择"
          options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: WEEKDAYS[d] }))}
        />
        <Field label="开始" meta={fields.start}>
          <input {...getInputProps(fields.start, { type: 'time' })} />
        </Field>
        <Field label="结束" meta={fields.end}>
          <input {...getInputProps(fields.end, { type: 'time' })} />
        </Field>
      </div>
      <button type="submit">添加时段</button>
    </IntentForm>
  )
}

export function ClosedForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useZodForm(closedDateSchema, {
    id: 'closed',
    lastResult,
  })
  return (
    <IntentForm form={form} intent="closed">
      <div className="field-row">
        <Field label="日期" meta={fields.date}>
          <input {...getInputProps(fields.date, { type: 'date' })} />
        </Field>
        <Field label="原因" meta={fields.reason}>
          <input {...getInputProps(fields.reason, { type: 'text' })} />
        </Field>
      </div>
      <button type="submit">添加不接待日期</button>
    </IntentForm>
  )
}

export function CourseForm({
  formId,
  lastResult,
  defaultValue,
  submitLabel,
}: {
  formId: string
  lastResult?: SubmissionResult<string[]>
  defaultValue: Defaults
  submitLabel: string
}) {
  const [form, fields] = useZodForm(courseSchema, {
    id: formId,
    lastResult,
    defaultValue,
  })
  return (
    <Form method="post" {...getFormProps(form)} className="stack-form">
      <CsrfInput />
      <input type="hidden" name="intent" value="course" />
      {defaultValue.courseId ? <input type="hidden" name="courseId" value={defaultValue.courseId as string} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="field-row">
        <Field label="课程名称" meta={fields.title}>
          <input {...getInputProps(fields.title, { type: 'text' })} />
        </Field>
        <Field label="类型" meta={fields.kind}>
          <select {...getSelectProps(fields.kind)}>
            <option value="ON_SITE">到馆研学</option>
            <option value="OUTREACH">进校园</option>
          </select>
        </Field>
        <Field label="时长（分钟）" meta={fields.durationMinutes}>
          <input {...getInputProps(fields.durationMinutes, { type: 'number' })} inputMode="numeric" />
        </Field>
      </div>
      <GradeChecks
        name={fields.grades.name}
        selected={(defaultValue.grades as string[] | undefined) ?? []}
        errors={fields.grades.errors}
        errorId={fields.grades.errorId}
      />
      <Field label="课程内容" meta={fields.description}>
        <textarea {...getTextareaProps(fields.description)} rows={3} />
      </Field>
      <button type="submit">{submitLabel}</button>
    </Form>
  )
}
