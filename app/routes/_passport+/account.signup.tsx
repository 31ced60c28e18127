import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { CheckField, Field, FormErrors } from '~/components/form-field'
import { checkPublicForm, clientAddress, publicFormProtection } from '~/utils/form-security.server'
import { getResident, ResidentError, signUpResident, startResidentSession } from '~/utils/resident-auth.server'
import { residentSignUpSchema } from '~/utils/resident-schema'
import { metaT, useLocale } from '~/utils/i18n'
import { getT } from '~/utils/i18n.server'
import { useMemo } from 'react'

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)('account.signUpTitle') }]

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getResident(request)) throw redirect('/passport')
  const protection = await publicFormProtection(request)
  return json({ csrfToken: protection.csrfToken }, { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } })
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData()
  const t = await getT(request)
  const submission = parseWithZod(formData, { schema: residentSignUpSchema(t) })
  const hideFields = ['password', 'confirmPassword']
  const formProblem = await checkPublicForm(request, formData)
  if (formProblem) return json({ result: submission.reply({ formErrors: [formProblem], hideFields }) }, { status: 403 })
  if (submission.status !== 'success') return json({ result: submission.reply({ hideFields }) }, { status: 400 })
  try {
    const residentId = await signUpResident(submission.value.phone, submission.value.password, clientAddress(request))
    return redirect('/passport?welcome=1', { headers: { 'Set-Cookie': await startResidentSession(request, residentId) } })
  } catch (error) {
    if (!(error instanceof ResidentError)) throw error
    return json({ result: submission.reply({ ...error.replyErrors(t), hideFields }) }, { status: 409 })
  }
}

export default function SignUpPage() {
  const { csrfToken } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useLocale()
  const schema = useMemo(() => residentSignUpSchema(t), [t])
  const [form, fields] = useForm({
    id: 'signup', lastResult: actionData?.result, constraint: getZodConstraint(schema), shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return (
    <article className="detail narrow">
      <h1>{t('account.signUpHeading')}</h1>
      <p className="lead">{t('account.signUpLead')}</p>
      <Form method="post" {...getFormProps(form)} className="stack-form">
        <input type="hidden" name="csrf" value={csrfToken} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t('register.phone')} meta={fields.phone}><input {...getInputProps(fields.phone, { type: 'tel' })} inputMode="tel" autoComplete="tel" /></Field>
        <Field label={t('account.password')} hint={t('account.passwordHint')} meta={fields.password}><input {...getInputProps(fields.password, { type: 'password' })} autoComplete="new-password" /></Field>
        <Field label={t('account.confirmPassword')} meta={fields.confirmPassword}><input {...getInputProps(fields.confirmPassword, { type: 'password' })} autoComplete="new-password" /></Field>
        <CheckField label={t('account.signUpConsent')} meta={fields.consent}>
          <input {...getInputProps(fields.consent, { type: 'checkbox' })} />
        </CheckField>
        <button type="submit" className="primary">{t('account.signUp')}</button>
      </Form>
      <p>{t('account.haveAccount')} <Link to="/account/login">{t('account.login')}</Link></p>
    </article>
  )
}
