// Staff add someone by hand (a phone call, a walk-in) with the public form's rules; the person is told and agrees.
import { FormProvider, getInputProps, type SubmissionResult } from '@conform-to/react'
import { CheckField, Field, PerChildQuestionFields, QuestionField, childrenCount, type AnyFieldMeta } from '~/components/form-field'
import { IntentForm } from '~/components/intent-form'
import { registrationSchema, type RegistrationQuestion } from '~/models/registration/schema'
import { useZodForm } from '~/utils/use-zod-form'

export function AddRegistrationForm({
  event,
  lastResult,
}: {
  event: { maxPartySize: number; questions: RegistrationQuestion[] }
  lastResult?: SubmissionResult<string[]>
}) {
  const schema = registrationSchema(event)
  const [form, fields] = useZodForm(schema, {
    id: 'add-registration',
    lastResult,
    defaultValue: { adults: '1', children: '0', reminders: 'on' },
  })
  const answers = fields.answers.getFieldset() as Record<string, AnyFieldMeta>
  const children = childrenCount(fields.children.value, event.maxPartySize)
  return (
    <section aria-labelledby="add-heading" className="admin-section">
      <h2 id="add-heading">代为报名（电话报名、现场登记）</h2>
      <FormProvider context={form.context}>
        <IntentForm form={form} intent="add">
          <div className="field-row">
            <Field label="姓名" meta={fields.name}>
              <input {...getInputProps(fields.name, { type: 'text' })} />
            </Field>
            <Field label="手机号" meta={fields.phone}>
              <input {...getInputProps(fields.phone, { type: 'tel' })} inputMode="tel" />
            </Field>
          </div>
          <div className="field-row">
            <Field label="成人人数" meta={fields.adults}>
              <input {...getInputProps(fields.adults, { type: 'number' })} inputMode="numeric" />
            </Field>
            <Field label="儿童人数" meta={fields.children}>
              <input {...getInputProps(fields.children, { type: 'number' })} inputMode="numeric" />
            </Field>
          </div>
          {event.questions.map((q) =>
            q.perChild ? (
              <PerChildQuestionFields key={q.key} question={q} name={answers[q.key].name} count={children} />
            ) : (
              <QuestionField key={q.key} question={q} meta={answers[q.key]} />
            ),
          )}
          <CheckField label="活动前一天短信提醒本人" meta={fields.reminders}>
            <input {...getInputProps(fields.reminders, { type: 'checkbox' })} />
          </CheckField>
          <CheckField label="已告知本人：姓名和手机号只用于本次活动的报名、通知与签到，本人同意" meta={fields.consent}>
            <input {...getInputProps(fields.consent, { type: 'checkbox' })} />
          </CheckField>
          <button type="submit">代为报名</button>
        </IntentForm>
      </FormProvider>
    </section>
  )
}
