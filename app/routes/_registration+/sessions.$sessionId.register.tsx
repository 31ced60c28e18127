import { FormProvider, getFormProps, getInputProps } from '@conform-to/react'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect } from 'react'
import { HoneypotInputs, HoneypotProvider } from 'remix-utils/honeypot/react'
import { FairBookingNote } from '~/components/fair-booking-note'
import {
  CheckField,
  Field,
  FormErrors,
  PerChildQuestionFields,
  QuestionField,
  childrenCount,
  type AnyFieldMeta,
} from '~/components/form-field'
import { DefaultSubmit, SmsCodeFields } from '~/components/sms-code'
import { getResident } from '~/models/passport/account.server'
import { sendPhoneCode } from '~/models/phone-code.server'
import { getFairRules } from '~/models/registration/fair-booking.server'
import { getSessionForRegistration, registerForSession, registrationBlocker } from '~/models/registration/registration.server'
import { registrationPageSchema } from '~/models/registration/schema'
import { publicFormProtection } from '~/utils/form-security.server'
import { handleForm, phoneLimits } from '~/utils/form.server'
import { formatSessionTime } from '~/utils/format'
import { orNotFound } from '~/utils/http-errors'
import { metaT, useLocale } from '~/utils/i18n'
import { getLanguage } from '~/utils/i18n.server'
import { messageContext } from '~/utils/links.server'
import { maskMobile } from '~/utils/phone'
import { Refusal, localized } from '~/utils/refusal'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'

async function loadSession(sessionId: string | undefined) {
  const session = orNotFound(await getSessionForRegistration(sessionId ?? ''), localized('event.notFound'))
  return session
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const session = await loadSession(params.sessionId)
  const blocker = registrationBlocker(
    { ...session, eventStatus: session.event.status, registersOnline: session.event.registersOnline },
    new Date(),
  )
  const protection = await publicFormProtection(request)
  const resident = await getResident(request)
  return json(
    {
      session,
      blocker,
      fairRules: await getFairRules(session.event.districtId),
      csrfToken: protection.csrfToken,
      honeypotInputs: protection.honeypotInputs,
      residentPhone: resident?.phone ?? null,
    },
    // An anonymous visitor's form is everyone's (no CSRF token since decision 032): the shared page cache may keep
    // it, and its seats-left figure may be that old, since the post decides. A resident's carries their number.
    { headers: { ...protection.headers, 'Cache-Control': resident ? 'private, no-store' : 'no-cache' } },
  )
}

export async function action({ params, request }: ActionFunctionArgs) {
  const session = await loadSession(params.sessionId)
  const language = await getLanguage(request)
  // One union for the page's two posts: ask for an SMS code (activities marked 需要短信验证), and register.
  return handleForm(request, {
    schema: (t) => registrationPageSchema(session.event, t),
    access: {
      public: true,
      honeypot: true,
      limits: (address, value, provenPhone) => [
        { key: `register:addr:${address}`, limit: 60, windowSeconds: 600 },
        ...(value?.intent === 'register'
          ? phoneLimits('register', value.phone, address, { perAddress: 10, windowSeconds: 3600, provenPhone })
          : []),
      ],
    },
    async submit(value, { t, address, resident: signedIn }) {
      if (value.intent === 'send-code') {
        if (!session.event.requiresSmsCode) throw new Refusal(localized('site.unknownAction'))
        const sent = await sendPhoneCode(value.phone, 'REGISTER', { address, language })
        return {
          message: t('phoneCode.sent', { phone: maskMobile(value.phone), time: sent.nextSendText }),
          until: sent.nextSendAt.toISOString(),
        }
      }
      // Signed in with the same number: the registration goes into the account (and earns passport stamps).
      const resident = await signedIn()
      const registration = await registerForSession(session.id, value, {
        ...(await messageContext(request)),
        residentId: resident?.phone === value.phone ? resident.id : undefined,
        smsCode: value.smsCode,
      })
      return redirect(`/r/${registration.manageToken}?new=1`)
    },
  })
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches)
  return [
    { title: t('site.titleSuffix', { title: t('register.title', { title: data?.session.event.title ?? '' }) }) },
    { name: 'robots', content: 'noindex' },
  ]
}

export default function RegisterPage() {
  const { session, blocker, fairRules, csrfToken, honeypotInputs, residentPhone } = useLoaderData<typeof loader>()
  const reply = useFormReply()
  const navigation = useNavigation()
  const { event } = session
  const { t, language } = useLocale()
  const schema = registrationPageSchema(event, t)
  const [form, fields] = useZodForm(schema, {
    id: 'register',
    lastResult: reply.result,
    defaultValue: { adults: '1', children: '0', phone: residentPhone ?? undefined, reminders: 'on' },
  })
  const answers = fields.answers.getFieldset() as Record<string, AnyFieldMeta>
  // Per-child questions are asked for the children the form says now (as sent, without JavaScript).
  const children = childrenCount(fields.children.value, event.maxPartySize)
  // A number typed before the page's script ran (a slow phone) is not in the form's state: take what the field
  // shows once the script runs, so the per-child questions appear for it.
  useEffect(() => {
    const input = document.getElementById(fields.children.id)
    if (input instanceof HTMLInputElement && input.value !== (fields.children.value ?? ''))
      form.update({ name: fields.children.name, value: input.value })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the page's script starts
  }, [])
  const place = event.venue?.name ?? event.placeName

  return (
    <article className="detail narrow">
      <p className="meta">
        <Link to={`/events/${event.slug}`}>{t('register.back')}</Link>
      </p>
      <h1>{t('register.title', { title: event.title })}</h1>
      <p className="lead">
        <time dateTime={session.startsAt}>{formatSessionTime(session.startsAt, session.endsAt, language)}</time>
        {place ? ` · ${place}` : ''}
      </p>
      <p className={session.seatsLeft > 0 ? 'seats' : 'seats seats-full'}>
        {session.seatsLeft > 0
          ? t('register.seatsLeft', { left: session.seatsLeft, capacity: session.capacity })
          : t('register.fullWaitlist')}
      </p>
      {blocker ? null : <FairBookingNote rules={fairRules} />}
      {blocker ? (
        <p className="notice notice-warn" role="alert">
          {t(`registrationRefusal.${blocker}`)}
        </p>
      ) : (
        <HoneypotProvider {...honeypotInputs}>
          {event.requiresSmsCode ? <p className="hint">{t('phoneCode.eventNote')}</p> : null}
          <FormProvider context={form.context}>
            <Form method="post" {...getFormProps(form)} className="stack-form">
              <input type="hidden" name="csrf" value={csrfToken} />
              <DefaultSubmit intent="register" />
              <HoneypotInputs label={t('site.honeypot')} />
              <FormErrors id={form.errorId} errors={form.errors} />
              <Field label={t('register.name')} meta={fields.name}>
                <input {...getInputProps(fields.name, { type: 'text' })} autoComplete="name" />
              </Field>
              <Field label={t('register.phone')} hint={t('register.phoneHint')} meta={fields.phone}>
                <input {...getInputProps(fields.phone, { type: 'tel' })} inputMode="tel" autoComplete="tel" />
              </Field>
              {event.requiresSmsCode ? <SmsCodeFields meta={fields.smsCode} status={reply.message} until={reply.until} /> : null}
              <div className="field-row">
                <Field label={t('register.adults')} meta={fields.adults}>
                  <input {...getInputProps(fields.adults, { type: 'number' })} inputMode="numeric" />
                </Field>
                <Field label={t('register.children')} meta={fields.children}>
                  <input {...getInputProps(fields.children, { type: 'number' })} inputMode="numeric" />
                </Field>
              </div>
              <p className="hint">{t('register.partyHint', { count: event.maxPartySize })}</p>
              {event.questions.map((q) =>
                q.perChild ? (
                  <PerChildQuestionFields key={q.key} question={q} name={answers[q.key].name} count={children} />
                ) : (
                  <QuestionField key={q.key} question={q} meta={answers[q.key]} />
                ),
              )}
              <CheckField label={t('register.reminders')} meta={fields.reminders}>
                <input {...getInputProps(fields.reminders, { type: 'checkbox' })} />
              </CheckField>
              <div className={`field field-check${fields.consent.errors ? ' has-error' : ''}`}>
                <input {...getInputProps(fields.consent, { type: 'checkbox' })} />
                <label htmlFor={fields.consent.id}>{t('register.consent')}</label>
                {fields.consent.errors ? (
                  <p id={fields.consent.errorId} className="field-error">
                    {fields.consent.errors[0]}
                  </p>
                ) : null}
              </div>
              <button type="submit" name="intent" value="register" className="primary" disabled={navigation.state === 'submitting'}>
                {navigation.state === 'submitting'
                  ? t('site.submitting')
                  : session.seatsLeft > 0
                    ? t('register.submit')
                    : t('register.submitWaitlist')}
              </button>
            </Form>
          </FormProvider>
        </HoneypotProvider>
      )}
    </article>
  )
}
