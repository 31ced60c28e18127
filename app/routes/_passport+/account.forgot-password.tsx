import { getFormProps, getInputProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import { Field, FormErrors } from '~/components/form-field'
import { DefaultSubmit, SmsCodeFields } from '~/components/sms-code'
import { resetPasswordSchema } from '~/models/passport/account-schema'
import { resetResidentPassword, sendResetCode } from '~/models/passport/account.server'
import { publicFormProtection } from '~/utils/form-security.server'
import { handleForm } from '~/utils/form.server'
import { metaT, useLocale } from '~/utils/i18n'
import { getLanguage } from '~/utils/i18n.server'
import { rememberDevice } from '~/utils/infra/sign-in-limits.server'
import { maskMobile } from '~/utils/phone'
import { redirectWithToast } from '~/utils/toast.server'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'

// 忘记密码 (decision 012): the number, a code sent to it, a new password; every session of the account then ends.
export const meta: MetaFunction = ({ matches }) => [
  { title: metaT(matches)('resetPassword.title') },
  { name: 'robots', content: 'noindex' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const protection = await publicFormProtection(request)
  return json({ csrfToken: protection.csrfToken }, { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } })
}

export async function action({ request }: ActionFunctionArgs) {
  const language = await getLanguage(request)
  return handleForm(request, {
    schema: resetPasswordSchema,
    access: { public: true, limits: (address) => [{ key: `resident-reset:addr:${address}`, limit: 30, windowSeconds: 3600 }] },
    hideFields: ['password', 'confirmPassword'],
    async submit(value, { t, address }) {
      if (value.intent === 'send-code') {
        // The same answer whether or not the number has an account (a code goes only to one that has).
        const sent = await sendResetCode(value.phone, { address, language })
        return {
          message: t('phoneCode.sent', { phone: maskMobile(value.phone), time: sent.nextSendText }),
          until: sent.nextSendAt.toISOString(),
        }
      }
      await resetResidentPassword(value)
      // The code proved this device holds the phone: it may sign in even while new devices are paused (issue 24).
      return redirectWithToast(request, '/account/login', t('resetPassword.done'), {
        headers: { 'Set-Cookie': await rememberDevice(request, 'resident', value.phone) },
      })
    },
  })
}

export default function ForgotPasswordPage() {
  const { csrfToken } = useLoaderData<typeof loader>()
  const reply = useFormReply()
  const { t } = useLocale()
  const schema = useMemo(() => resetPasswordSchema(t), [t])
  const [form, fields] = useZodForm(schema, { id: 'reset-password', lastResult: reply.result })
  return (
    <article className="detail narrow">
      <h1>{t('resetPassword.heading')}</h1>
      <p className="lead">{t('resetPassword.lead')}</p>
      <Form method="post" {...getFormProps(form)} className="stack-form">
        <DefaultSubmit intent="reset" />
        <input type="hidden" name="csrf" value={csrfToken} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t('register.phone')} meta={fields.phone}>
          <input {...getInputProps(fields.phone, { type: 'tel' })} inputMode="tel" autoComplete="username" />
        </Field>
        <SmsCodeFields meta={fields.smsCode} status={reply.message} until={reply.until} />
        <Field label={t('resetPassword.newPassword')} hint={t('account.passwordHint')} meta={fields.password}>
          <input {...getInputProps(fields.password, { type: 'password' })} autoComplete="new-password" />
        </Field>
        <Field label={t('account.confirmPassword')} meta={fields.confirmPassword}>
          <input {...getInputProps(fields.confirmPassword, { type: 'password' })} autoComplete="new-password" />
        </Field>
        <button type="submit" name="intent" value="reset" className="primary">
          {t('resetPassword.submit')}
        </button>
      </Form>
      <p>
        <Link to="/account/login">{t('account.login')}</Link>
      </p>
    </article>
  )
}
