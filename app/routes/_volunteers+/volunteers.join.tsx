// 成为科普志愿者: a signed-in resident (phone proven by SMS at sign-up) gives a name, districts, skills, usual free
// times and, if they like, a masked ID number and their 上海志愿者网 number. The same page edits the profile.
import { getFormProps, getInputProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import { Field, FormErrors } from '~/components/form-field'
import { requireResident } from '~/models/passport/account.server'
import { FREE_TIMES, volunteerProfileSchema } from '~/models/volunteers/schema'
import { volunteerOf, volunteerPageOptions } from '~/models/volunteers/volunteer.server'
import { publicFormProtection } from '~/utils/form-security.server'
import { districtName, metaT, useLocale } from '~/utils/i18n'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'
import { joinAction } from './__join-action.server'

export const meta: MetaFunction = ({ matches }) => [
  { title: metaT(matches)('site.titleSuffix', { title: metaT(matches)('volunteers.joinTitle') }) },
  { name: 'robots', content: 'noindex' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const resident = await requireResident(request)
  const [options, volunteer, protection] = await Promise.all([
    volunteerPageOptions(),
    volunteerOf(resident.id),
    publicFormProtection(request),
  ])
  return json(
    { ...options, volunteer, csrfToken: protection.csrfToken },
    { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } },
  )
}

export const action = ({ request }: ActionFunctionArgs) => joinAction(request)

export default function VolunteerJoinPage() {
  const { districts, skills, volunteer, csrfToken } = useLoaderData<typeof loader>()
  const { result } = useFormReply()
  const { t, language } = useLocale()
  const schema = useMemo(() => volunteerProfileSchema(t), [t])
  const [form, fields] = useZodForm(schema, {
    id: 'volunteer',
    lastResult: result,
    defaultValue: volunteer
      ? // conform takes lists for the checkbox groups; the schema's input type (a preprocessed list) does not say so.
        ({
          name: volunteer.name,
          shVolunteerNo: volunteer.shVolunteerNo ?? '',
          districtIds: volunteer.districtIds,
          skills: volunteer.skills,
          freeTimes: volunteer.freeTimes,
        } as never)
      : undefined,
  })
  const checked = (value: unknown, key: string) => (Array.isArray(value) ? value.includes(key) : value === key)
  return (
    <article className="detail narrow">
      <h1>{volunteer ? t('volunteers.editTitle') : t('volunteers.joinTitle')}</h1>
      <p className="lead">{t('volunteers.joinLead')}</p>
      <Form method="post" {...getFormProps(form)} className="stack-form">
        <input type="hidden" name="csrf" value={csrfToken} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t('volunteers.name')} hint={t('volunteers.nameHint')} meta={fields.name}>
          <input {...getInputProps(fields.name, { type: 'text' })} autoComplete="name" />
        </Field>
        <Field
          label={t('volunteers.idNumber')}
          hint={volunteer?.idNumberMasked ? `${t('volunteers.idNumberHint')} · ${volunteer.idNumberMasked}` : t('volunteers.idNumberHint')}
          meta={fields.idNumber}
        >
          <input {...getInputProps(fields.idNumber, { type: 'text' })} autoComplete="off" inputMode="text" />
        </Field>
        <Field label={t('volunteers.shVolunteerNo')} hint={t('volunteers.shVolunteerNoHint')} meta={fields.shVolunteerNo}>
          <input {...getInputProps(fields.shVolunteerNo, { type: 'text' })} autoComplete="off" />
        </Field>
        <fieldset aria-describedby={fields.districtIds.errors ? fields.districtIds.errorId : undefined}>
          <legend>{t('volunteers.districts')}</legend>
          <div className="radio-row">
            {districts.map((d) => (
              <label key={d.id}>
                <input
                  type="checkbox"
                  name={fields.districtIds.name}
                  value={d.id}
                  defaultChecked={checked(fields.districtIds.initialValue, d.id)}
                />
                {districtName(d, language)}
              </label>
            ))}
          </div>
          {fields.districtIds.errors ? (
            <p id={fields.districtIds.errorId} className="field-error">
              {fields.districtIds.errors[0]}
            </p>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>{t('volunteers.skillsLabel')}</legend>
          <div className="radio-row">
            {skills.map((s) => (
              <label key={s.key}>
                <input
                  type="checkbox"
                  name={fields.skills.name}
                  value={s.key}
                  defaultChecked={checked(fields.skills.initialValue, s.key)}
                />
                {language === 'en' ? s.nameEn : s.name}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('volunteers.freeTimes')}</legend>
          <div className="radio-row">
            {FREE_TIMES.map((f) => (
              <label key={f}>
                <input type="checkbox" name={fields.freeTimes.name} value={f} defaultChecked={checked(fields.freeTimes.initialValue, f)} />
                {t(`volunteers.freeTime.${f}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {volunteer ? null : (
          <div className={`field field-check${fields.consent.errors ? ' has-error' : ''}`}>
            <input {...getInputProps(fields.consent, { type: 'checkbox' })} />
            <label htmlFor={fields.consent.id}>{t('volunteers.consent')}</label>
            {fields.consent.errors ? (
              <p id={fields.consent.errorId} className="field-error">
                {fields.consent.errors[0]}
              </p>
            ) : null}
          </div>
        )}
        <button type="submit" className="primary">
          {volunteer ? t('volunteers.save') : t('volunteers.join')}
        </button>
      </Form>
      <p>
        <Link to="/volunteers">{t('volunteers.findRoles')}</Link>
      </p>
    </article>
  )
}
