import { getFormProps, getInputProps } from '@conform-to/react'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useMemo } from 'react'
import { Field, FormErrors } from '~/components/form-field'
import { residentLoginSchema } from '~/models/passport/account-schema'
import { getResident, signInResident, startResidentSession } from '~/models/passport/account.server'
import { safeRedirect } from '~/utils/auth.server'
import { publicFormProtection } from '~/utils/form-security.server'
import { handleForm } from '~/utils/form.server'
import { metaT, useLocale } from '~/utils/i18n'
import { knownDevice, rememberDevice } from '~/utils/infra/sign-in-limits.server'
import { Refusal } from '~/utils/refusal'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)('account.loginTitle') }]

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getResident(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo'), '/passport'))
  const protection = await publicFormProtection(request)
  return json({ csrfToken: protection.csrfToken }, { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } })
}

export async function action({ request }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: residentLoginSchema,
    access: { public: true }, // signInResident limits tries per number and per address itself
    hideFields: ['password'],
    async submit(value, { address }) {
      const outcome = await signInResident(value.phone, value.password, address, await knownDevice(request, 'resident', value.phone))
      if (!outcome.ok)
        throw new Refusal(outcome.problem, undefined, outcome.retryAfterSeconds ? 429 : 401, undefined, outcome.retryAfterSeconds)
      const headers = new Headers([
        ['Set-Cookie', await startResidentSession(request, outcome.residentId)],
        ['Set-Cookie', await rememberDevice(request, 'resident', value.phone)],
      ])
      return redirect(safeRedirect(value.redirectTo, '/passport'), { headers })
    },
  })
}

export default function ResidentLoginPage() {
  const { csrfToken } = useLoaderData<typeof loader>()
  const reply = useFormReply()
  const [searchParams] = useSearchParams()
  const { t } = useLocale()
  const schema = useMemo(() => residentLoginSchema(t), [t])
  const [form, fields] = useZodForm(schema, {
    id: 'resident-login',
    lastResult: reply.result,
  })
  return (
    <article className="detail narrow">
      <h1>{t('account.loginHeading')}</h1>
      <Form method="post" {...getFormProps(form)} className="stack-form">
        <input type="hidden" name="csrf" value={csrfToken} />
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t('register.phone')} meta={fields.phone}>
          <input {...getInputProps(fields.phone, { type: 'tel' })} inputMode="tel" autoComplete="username" />
        </Field>
        <Field label={t('account.password')} meta={fields.password}>
          <input {...getInputProps(fields.password, { type: 'password' })} autoComplete="current-password" />
        </Field>
        <button type="submit" className="primary">
          {t('account.login')}
        </button>
      </Form>
      <p>
        <Link to="/account/forgot-password">{t('resetPassword.link')}</Link>
      </p>
      <p>
        {t('account.noAccount')} <Link to="/account/signup">{t('account.signUp')}</Link>
      </p>
    </article>
  )
}
