// 申请入驻 (issue 27, decision 040): an organisation not on Kepu yet asks to join so it can apply for a base level.
// No sign-in: the contact's mobile number is proven by an SMS code on the same form (as resident sign-up), the post
// goes through the public pipeline (cross-site headers, the honeypot, limits per address and per number), and the
// district's admins decide in the staff pages.
import { getFormProps, getInputProps, getTextareaProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import { HoneypotInputs, HoneypotProvider } from 'remix-utils/honeypot/react'
import { CheckField, Field, FormErrors, SelectField } from '~/components/form-field'
import { DefaultSubmit, SmsCodeFields } from '~/components/sms-code'
import { joinDistricts, requestToJoin, sendJoinCode } from '~/models/bases/join-request.server'
import { ORGANISATION_KINDS, joinRequestSchema } from '~/models/bases/join-schema'
import { publicFormProtection } from '~/utils/form-security.server'
import { handleForm, phoneLimits } from '~/utils/form.server'
import { districtName, metaT, useLocale } from '~/utils/i18n'
import { messageContext } from '~/utils/links.server'
import { maskMobile } from '~/utils/phone'
import { redirectWithToast } from '~/utils/toast.server'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)('join.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
  const [districts, protection] = await Promise.all([joinDistricts(), publicFormProtection(request)])
  return json(
    { districts, csrfToken: protection.csrfToken, honeypotInputs: protection.honeypotInputs },
    { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } },
  )
}

export async function action({ request }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: joinRequestSchema,
    access: {
      public: true,
      honeypot: true,
      limits: (address, value, provenPhone) => [
        { key: `org-join-form:addr:${address}`, limit: 30, windowSeconds: 3600 },
        ...(value ? phoneLimits('org-join', value.phone, address, { perAddress: 10, windowSeconds: 86400, provenPhone }) : []),
      ],
    },
    async submit(value, { t, address }) {
      const { origin, language } = await messageContext(request)
      if (value.intent === 'send-code') {
        const sent = await sendJoinCode(value.phone, { address, language })
        return {
          message: t('phoneCode.sent', { phone: maskMobile(value.phone), time: sent.nextSendText }),
          until: sent.nextSendAt.toISOString(),
        }
      }
      await requestToJoin(value, { address, language, origin })
      return redirectWithToast(request, '/venues', t('join.submitted'))
    },
  })
}

export default function JoinPage() {
  const { districts, csrfToken, honeypotInputs } = useLoaderData<typeof loader>()
  const reply = useFormReply()
  const { t, language } = useLocale()
  const schema = useMemo(() => joinRequestSchema(t), [t])
  const [form, fields] = useZodForm(schema, {
    id: 'join',
    lastResult: reply.result,
    defaultValue: { districtId: districts.length === 1 ? districts[0].id : undefined },
  })
  return (
    <article className="detail narrow">
      <p className="meta">
        <Link to="/venues">{t('venues.title')}</Link>
      </p>
      <h1>{t('join.heading')}</h1>
      <p className="lead">{t('join.lead')}</p>
      <HoneypotProvider {...honeypotInputs}>
        <Form method="post" {...getFormProps(form)} className="stack-form">
          <DefaultSubmit intent="join" />
          <input type="hidden" name="csrf" value={csrfToken} />
          <HoneypotInputs label={t('site.honeypot')} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <h2>{t('join.organisation')}</h2>
          <Field label={t('join.organisationName')} hint={t('join.organisationNameHint')} meta={fields.organisationName}>
            <input {...getInputProps(fields.organisationName, { type: 'text' })} autoComplete="organization" />
          </Field>
          <SelectField
            label={t('join.kind')}
            meta={fields.kind}
            placeholder={t('site.pleaseChoose')}
            options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`organisationKind.${k}`) }))}
          />
          <SelectField
            label={t('join.district')}
            meta={fields.districtId}
            placeholder={districts.length > 1 ? t('site.pleaseChoose') : undefined}
            options={districts.map((d) => ({ value: d.id, label: districtName(d, language) }))}
          />
          <h2>{t('join.venue')}</h2>
          <Field label={t('join.venueName')} meta={fields.venueName}>
            <input {...getInputProps(fields.venueName, { type: 'text' })} />
          </Field>
          <Field label={t('join.venueAddress')} meta={fields.venueAddress}>
            <input {...getInputProps(fields.venueAddress, { type: 'text' })} autoComplete="street-address" />
          </Field>
          <h2>{t('join.contact')}</h2>
          <Field label={t('join.contactName')} meta={fields.contactName}>
            <input {...getInputProps(fields.contactName, { type: 'text' })} autoComplete="name" />
          </Field>
          <Field label={t('join.contactEmail')} hint={t('join.contactEmailHint')} meta={fields.contactEmail}>
            <input {...getInputProps(fields.contactEmail, { type: 'email' })} autoComplete="email" />
          </Field>
          <Field label={t('join.phone')} hint={t('join.phoneHint')} meta={fields.phone}>
            <input {...getInputProps(fields.phone, { type: 'tel' })} inputMode="tel" autoComplete="tel" />
          </Field>
          <SmsCodeFields meta={fields.smsCode} status={reply.message} until={reply.until} />
          <Field label={t('join.note')} hint={t('join.noteHint')} meta={fields.note}>
            <textarea {...getTextareaProps(fields.note)} rows={4} />
          </Field>
          <CheckField label={t('join.consent')} meta={fields.consent}>
            <input {...getInputProps(fields.consent, { type: 'checkbox' })} />
          </CheckField>
          <button type="submit" name="intent" value="join" className="primary">
            {t('join.submit')}
          </button>
        </Form>
      </HoneypotProvider>
    </article>
  )
}
