// The team form (sign-up and roster changes): the team, its advisor's declaration and its members, with a button to
// add a member that works without JavaScript (conform's insert intent comes back from the server).
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useMemo } from 'react'
import { Field, FormErrors, SelectField } from '~/components/form-field'
import { GRADES, gradeCode, teamSchema, type TeamInput } from '~/models/competitions/schema'
import { districtName, useLocale } from '~/utils/i18n'
import { useZodForm } from '~/utils/use-zod-form'

type Option = { id: string; name: string; nameEn: string }
type Text = string | undefined
export type TeamDefaults = {
  name?: Text
  categoryId?: Text
  advisorName?: Text
  advisorSchool?: Text
  advisorPart?: Text
  members?: Array<{ name?: Text; school?: Text; districtId?: Text; grade?: Text; share?: Text }>
}

/** A stored team as the form's starting values. */
export function teamDefaults(team: Omit<TeamInput, 'members'> & { members: TeamInput['members'] }): TeamDefaults {
  return { ...team, members: team.members.map((m) => ({ ...m, grade: String(m.grade), share: String(m.share) })) }
}

export function TeamForm({
  categories,
  districts,
  csrfToken,
  lastResult,
  defaultValue,
  submitLabel,
  disabled = false,
  intent,
}: {
  categories: Option[]
  districts: Option[]
  csrfToken: string
  lastResult?: SubmissionResult<string[]>
  defaultValue?: TeamDefaults
  submitLabel: string
  disabled?: boolean
  /** The form's intent on a page with several forms. */
  intent?: string
}) {
  const { t, language } = useLocale()
  const schema = useMemo(() => teamSchema(t), [t])
  const [form, fields] = useZodForm(schema, {
    id: 'team',
    lastResult,
    defaultValue: defaultValue ?? { members: [{ share: '100' }] },
  })
  const members = fields.members.getFieldList()
  const name = (o: Option) => (language === 'en' && o.nameEn ? o.nameEn : o.name)
  return (
    <Form method="post" {...getFormProps(form)} className="stack-form">
      <input type="hidden" name="csrf" value={csrfToken} />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <fieldset disabled={disabled}>
        <div className="field-row">
          <Field label={t('competition.team.name')} meta={fields.name}>
            <input {...getInputProps(fields.name, { type: 'text' })} />
          </Field>
          <Field label={t('competition.team.category')} meta={fields.categoryId}>
            <select {...getSelectProps(fields.categoryId)}>
              <option value="">{t('site.pleaseChoose')}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {name(c)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="field-row">
          <Field label={t('competition.team.advisorName')} meta={fields.advisorName}>
            <input {...getInputProps(fields.advisorName, { type: 'text' })} autoComplete="name" />
          </Field>
          <Field label={t('competition.team.advisorSchool')} meta={fields.advisorSchool}>
            <input {...getInputProps(fields.advisorSchool, { type: 'text' })} />
          </Field>
        </div>
        <Field label={t('competition.team.advisorPart')} hint={t('competition.team.advisorPartHint')} meta={fields.advisorPart}>
          <textarea {...getTextareaProps(fields.advisorPart)} rows={3} />
        </Field>
        <h2>{t('competition.team.members')}</h2>
        {fields.members.errors ? (
          <p id={fields.members.errorId} className="field-error" role="alert">
            {fields.members.errors[0]}
          </p>
        ) : null}
        {members.map((member, i) => {
          const m = member.getFieldset()
          return (
            <fieldset key={member.key} className="member-fieldset">
              <legend>{t('competition.team.member', { n: i + 1 })}</legend>
              <div className="field-row">
                <Field label={t('competition.team.memberName')} meta={m.name}>
                  <input {...getInputProps(m.name, { type: 'text' })} />
                </Field>
                <Field label={t('competition.team.grade')} meta={m.grade}>
                  <select {...getSelectProps(m.grade)}>
                    <option value="">{t('site.pleaseChoose')}</option>
                    {GRADES.map((g) => (
                      <option key={g} value={g}>
                        {t(`grade.${gradeCode(g)}` as 'grade.G1')}
                      </option>
                    ))}
                  </select>
                </Field>
              </div>
              <div className="field-row">
                <Field label={t('competition.team.school')} meta={m.school}>
                  <input {...getInputProps(m.school, { type: 'text' })} />
                </Field>
                <SelectField
                  label={t('competition.team.district')}
                  meta={m.districtId}
                  placeholder={t('site.pleaseChoose')}
                  options={districts.map((d) => ({ value: d.id, label: districtName(d, language) }))}
                />
              </div>
              <Field label={t('competition.team.share')} hint={t('competition.team.shareHint')} meta={m.share}>
                <input {...getInputProps(m.share, { type: 'number' })} inputMode="numeric" min={0} max={100} />
              </Field>
            </fieldset>
          )
        })}
        <button type="submit" {...form.insert.getButtonProps({ name: fields.members.name })}>
          {t('competition.team.addMember')}
        </button>
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      </fieldset>
    </Form>
  )
}
