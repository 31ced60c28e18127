import { getFormProps, getInputProps } from '@conform-to/react'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import { CheckField, Field, FormErrors } from '~/components/form-field'
import { DefaultSubmit, SmsCodeFields } from '~/components/sms-code'
import { residentSignUpSchema } from '~/models/passport/account-schema'
import { getResident, sendSignUpCode, signUpResident, startResidentSession } from '~/models/passport/account.server'
import { publicFormProtection } from '~/utils/form-security.server'
import { handleForm } from '~/utils/form.server'
import { metaT, useLocale } from '~/utils/i18n'
import { getLanguage } from '~/utils/i18n.server'
import { maskMobile } from '~/utils/phone'
import { redirectWithToast } from '~/utils/toast.server'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)('account.signUpTitle') }]

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getResident(request)) throw redirect('/passport')
  const protection = await publicFormProtection(request)
  return json({ csrfToken: protection.csrfToken }, { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } })
}

export async function action({ request }: ActionFunctionArgs) {
  const language = await getLanguage(request)
  return handleForm(request, {
    schema: residentSignUpSchema,
    access: { public: true },
    // signUpResident and the code's sending limit per address and per number themselves
    hideFields: ['password', 'confirmPassword'],
    async submit(value, { t, address }) {
      if (value.intent === 'send-code') {
        // The same answer whether or not the number has an account (no code goes to one that has).
        const sent = await sendSignUpCode(value.phone, { address, language })
        return {
          message: t('phoneCode.sent', { phone: maskMobile(value.phone), time: sent.nextSendText }),
          until: sent.nextSendAt.toISOString(),
        }
      }
      const residentId = await signUpResident(value, address)
      return redirectWithToast(request, '/passport', t('passport.welcome'), {
        headers: { 'Set-Cookie': await startResidentSession(request, residentId) },
      })
    },
  })
}

export default function SignUpPage() {
  const { csrfToken } = useLoaderData<typeof loader>()
  const reply = useFormReply()
  const { t } = useLocale()
  const schema = useMemo(() => residentSignUpSchema(t), [t])
  const [form, fields] = useZodForm(schema, {
    id: 'signup',
    lastResult: reply.result,
  })
  return (
    <article className="detail narrow">
      <h1>{t('account.signUpHeading')}</h1>
      <p className="lead">{t('account.signUpLead')}</p>
      <Form method="post" {...getFormProps(form)} className="stack-form">
        <DefaultSubmit intent="sign-up" />
        <input type="hidden" name="csrf" value={csrfToken} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t('register.phone')} meta={fields.phone}>
          <input {...getInputProps(fields.phone, { type: 'tel' })} inputMode="tel" autoComplete="tel" />
        </Field>
        <SmsCodeFields meta={fields.smsCode} status={reply.message} until={reply.until} />
        <Field label={t('account.password')} hint={t('account.passwordHint')} meta={fields.password}>
          <input {...getInputProps(fields.password, { type: 'password' })} autoComplete="new-password" />
        </Field>
        <Field label={t('account.confirmPassword')} meta={fields.confirmPassword}>
          <input {...getInputProps(fields.confirmPassword, { type: 'password' })} autoComplete="new-password" />
        </Field>
        <CheckField label={t('account.signUpConsent')} meta={fields.consent}>
          <input {...getInputProps(fields.consent, { type: 'checkbox' })} />
        </CheckField>
        <button type="submit" name="intent" value="sign-up" className="primary">
          {t('account.signUp')}
        </button>
      </Form>
      <p>
        {t('account.haveAccount')} <Link to="/account/login">{t('account.login')}</Link>
      </p>
    </article>
  )
}
