// 找回我的报名: a person who lost the private link gives the phone they registered with and the registration code,
// and is sent to the private page (/r/:token). The answer is the same whether or not the phone is known, and tries
// are limited per address and per phone (as /menu/track limits lookups), so codes cannot be guessed. Without the
// code, an SMS code proves the phone and its registrations are listed with their links.
import { getFormProps, getInputProps } from '@conform-to/react'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { useMemo } from 'react'
import { HoneypotInputs, HoneypotProvider } from 'remix-utils/honeypot/react'
import { Field, FormErrors } from '~/components/form-field'
import { DefaultSubmit, SmsCodeFields } from '~/components/sms-code'
import { findRegistrationLink, findRegistrationsByPhoneCode, sendLookupCode } from '~/models/registration/registration.server'
import { findRegistrationPageSchema } from '~/models/registration/schema'
import { publicFormProtection } from '~/utils/form-security.server'
import { handleForm, phoneLimits } from '~/utils/form.server'
import { formatSessionTime } from '~/utils/format'
import { metaT, useLocale } from '~/utils/i18n'
import { getLanguage } from '~/utils/i18n.server'
import { maskMobile } from '~/utils/phone'
import { Refusal, localized } from '~/utils/refusal'
import { useFormReply } from '~/utils/use-form-reply'
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
  const language = await getLanguage(request)
  return handleForm(request, {
    schema: findRegistrationPageSchema,
    access: {
      public: true,
      honeypot: true,
      limits: (address, value, provenPhone) => [
        { key: `registration-find:addr:${address}`, limit: 20, windowSeconds: 3600 },
        ...(value ? phoneLimits('registration-find', value.phone, address, { perAddress: 10, windowSeconds: 3600, provenPhone }) : []),
      ],
    },
    // The page's two forms: by the registration code, and by an SMS code (asked for, then given).
    formOf: (formData) => (formData.get('intent') === 'find-by-code' ? 'find-by-code' : 'find-by-sms'),
    async submit(value, { t, address }) {
      if (value.intent === 'send-code') {
        const sent = await sendLookupCode(value.phone, { address, language })
        return {
          message: t('phoneCode.sent', { phone: maskMobile(value.phone), time: sent.nextSendText }),
          until: sent.nextSendAt.toISOString(),
        }
      }
      if (value.intent === 'find-by-sms') {
        const found = await findRegistrationsByPhoneCode(value.phone, value.smsCode)
        // Private links on the page: never cached, never sent on as a referrer.
        return {
          data: { found: found.map((r) => ({ ...r, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() })) },
          headers: { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' },
        }
      }
      const token = await findRegistrationLink(value.phone, value.code)
      if (!token) throw new Refusal(localized('findRegistration.notFound'), undefined, 404)
      return redirect(`/r/${token}`, { headers: { 'Referrer-Policy': 'no-referrer' } })
    },
  })
}

export default function FindRegistrationPage() {
  const { csrfToken, honeypotInputs } = useLoaderData<typeof loader>()
  const byCode = useFormReply<typeof action>('find-by-code')
  const bySms = useFormReply<typeof action>('find-by-sms')
  const navigation = useNavigation()
  const { t, language } = useLocale()
  const schema = useMemo(() => findRegistrationPageSchema(t), [t])
  // Each form shows only the answer to its own intent.
  const [form, fields] = useZodForm(schema, { id: 'find-registration', lastResult: byCode.result })
  const [smsForm, smsFields] = useZodForm(schema, { id: 'find-by-sms', lastResult: bySms.result })
  const found = bySms.data?.found
  return (
    <article className="detail narrow">
      <h1>{t('findRegistration.title')}</h1>
      <p className="lead">{t('findRegistration.lead')}</p>
      <HoneypotProvider {...honeypotInputs}>
        <Form method="post" {...getFormProps(form)} className="stack-form">
          <input type="hidden" name="intent" value="find-by-code" />
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
        <h2 id="by-sms">{t('findRegistration.bySmsHeading')}</h2>
        <p className="hint">{t('findRegistration.bySmsLead')}</p>
        <Form method="post" {...getFormProps(smsForm)} className="stack-form" aria-labelledby="by-sms">
          <DefaultSubmit intent="find-by-sms" />
          <input type="hidden" name="csrf" value={csrfToken} />
          <HoneypotInputs label={t('site.honeypot')} />
          <FormErrors id={smsForm.errorId} errors={smsForm.errors} />
          <Field label={t('findRegistration.phone')} meta={smsFields.phone}>
            <input {...getInputProps(smsFields.phone, { type: 'tel' })} inputMode="tel" autoComplete="tel" />
          </Field>
          <SmsCodeFields meta={smsFields.smsCode} status={bySms.message} until={bySms.until} />
          <button type="submit" name="intent" value="find-by-sms" className="primary">
            {t('findRegistration.bySmsSubmit')}
          </button>
        </Form>
      </HoneypotProvider>
      {found ? (
        <section aria-labelledby="found-heading">
          <h2 id="found-heading">{t('findRegistration.foundHeading', { count: found.length })}</h2>
          {found.length === 0 ? <p>{t('findRegistration.noneFound')}</p> : null}
          <ul className="found-registrations">
            {found.map((r) => (
              <li key={r.link}>
                <a href={r.link} rel="noreferrer">
                  {r.title}
                </a>
                <br />
                {formatSessionTime(r.startsAt, r.endsAt, language)} · {t(`registration.status.${r.status}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  )
}
