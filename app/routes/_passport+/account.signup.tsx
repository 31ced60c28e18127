import { getFormProps, getInputProps } from '@conform-to/react'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import { CheckField, Field, FormErrors } from '~/components/form-field'
import { publicFormProtection } from '~/utils/form-security.server'
import { metaT, useLocale } from '~/utils/i18n'
import { handlePublicForm } from '~/utils/public-form.server'
import { getResident, signUpResident, startResidentSession } from '~/utils/resident-auth.server'
import { residentSignUpSchema } from '~/utils/resident-schema'
import { useZodForm } from '~/utils/use-zod-form'

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)('account.signUpTitle') }]

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getResident(request)) throw redirect('/passport')
  const protection = await publicFormProtection(request)
  return json({ csrfToken: protection.csrfToken }, { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } })
}

export async function action({ request }: ActionFunctionArgs) {
  return handlePublicForm(request, {
    schema: residentSignUpSchema,
    limits: () => [], // signUpResident limits sign-ups per address itself
    hideFields: ['password', 'confirmPassword'],
    async submit(value, { address }) {
      const residentId = await signUpResident(value.phone, value.password, address)
      return redirect('/passport?welcome=1', { headers: { 'Set-Cookie': await startResidentSession(request, residentId) } })
    },
  })
}

export default function SignUpPage() {
  const { csrfToken } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useLocale()
  const schema = useMemo(() => residentSignUpSchema(t), [t])
  const [form, fields] = useZodForm(schema, {
    id: 'signup',
    lastResult: actionData?.result,
  })
  return (
    <article className="detail narrow">
      <h1>{t('account.signUpHeading')}</h1>
      <p className="lead">{t('account.signUpLead')}</p>
      <Form method="post" {...getFormProps(form)} className="stack-form">
        <input type="hidden" name="csrf" value={csrfToken} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t('register.phone')} meta={fields.phone}>
          <input {...getInputProps(fields.phone, { type: 'tel' })} inputMode="tel" autoComplete="tel" />
        </Field>
        <Field label={t('account.password')} hint={t('account.passwordHint')} meta={fields.password}>
          <input {...getInputProps(fields.password, { type: 'password' })} autoComplete="new-password" />
        </Field>
        <Field label={t('account.confirmPassword')} meta={fields.confirmPassword}>
          <input {...getInputProps(fields.confirmPassword, { type: 'password' })} autoComplete="new-password" />
        </Field>
        <CheckField label={t('account.signUpConsent')} meta={fields.consent}>
          <input {...getInputProps(fields.consent, { type: 'checkbox' })} />
        </CheckField>
        <button type="submit" className="primary">
          {t('account.signUp')}
        </button>
      </Form>
      <p>
        {t('account.haveAccount')} <Link to="/account/login">{t('account.login')}</Link>
      </p>
    </article>
  )
}
