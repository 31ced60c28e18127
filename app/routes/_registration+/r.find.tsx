// 找回我的报名: a person who lost the private link gives the phone they registered with and the registration code,
// and is sent to the private page (/r/:token). The answer is the same whether or not the phone is known, and tries
// are limited per address and per phone (as /menu/track limits lookups), so codes cannot be guessed.
import { getFormProps, getInputProps } from '@conform-to/react'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useMemo } from 'react'
import { HoneypotInputs, HoneypotProvider } from 'remix-utils/honeypot/react'
import { Field, FormErrors } from '~/components/form-field'
import { findRegistrationLink } from '~/models/registration.server'
import { publicFormProtection } from '~/utils/form-security.server'
import { metaT, useLocale } from '~/utils/i18n'
import { handlePublicForm, phoneLimits } from '~/utils/public-form.server'
import { Refusal, localized } from '~/utils/refusal'
import { findRegistrationSchema } from '~/utils/registration-schema'
import { useZodForm } from '~/utils/use-zod-form'

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return [{ title: t('site.titleSuffix', { title: t('findRegistration.title') }) }, { name: 'robots', content: 'noindex' }]
}

export async function loader({ request }: LoaderFunctionArgs) {
  const protection = await publicFormProtection(request)
  return json(
    { csrfToken: protection.csrfToken, honeypotInputs: protection.honeypotInputs },
    { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } },
  )
}

export async function action({ request }: ActionFunctionArgs) {
  return handlePublicForm(request, {
    schema: findRegistrationSchema,
    limits: (address, value) => [
      { key: `registration-find:addr:${address}`, limit: 20, windowSeconds: 3600 },
      ...(value ? phoneLimits('registration-find', value.phone, address, 10, 3600) : []),
    ],
    async submit(value) {
      const token = await findRegistrationLink(value.phone, value.code)
      if (!token) throw new Refusal(localized('findRegistration.notFound'), undefined, 404)
      return redirect(`/r/${token}`, { headers: { 'Referrer-Policy': 'no-referrer' } })
    },
  })
}

export default function FindRegistrationPage() {
  const { csrfToken, honeypotInputs } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useLocale()
  const schema = useMemo(() => findRegistrationSchema(t), [t])
  const [form, fields] = useZodForm(schema, { id: 'find-registration', lastResult: actionData?.result })
  return (
    <article className="detail narrow">
      <h1>{t('findRegistration.title')}</h1>
      <p className="lead">{t('findRegistration.lead')}</p>
      <HoneypotProvider {...honeypotInputs}>
        <Form method="post" {...getFormProps(form)} className="stack-form">
          <input type="hidden" name="csrf" value={csrfToken} />
          <HoneypotInputs label={t('site.honeypot')} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field label={t('findRegistration.phone')} meta={fields.phone}>
            <input {...getInputProps(fields.phone, { type: 'tel' })} inputMode="tel" autoComplete="tel" />
          </Field>
          <Field label={t('findRegistration.code')} hint={t('findRegistration.codeHint')} meta={fields.code}>
            <input {...getInputProps(fields.code, { type: 'text' })} autoCapitalize="characters" autoComplete="off" spellCheck={false} />
          </Field>
          <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
            {t('findRegistration.submit')}
          </button>
        </Form>
      </HoneypotProvider>
    </article>
  )
}
