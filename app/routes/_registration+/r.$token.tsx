// The private page of one registration, reached by the secret link shown after registering: status, code,
// QR code, calendar file, and cancellation. The secret is in the URL, so the page is never cached, indexed
// or sent on as a referrer.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useParams } from '@remix-run/react'
import QRCode from 'qrcode'
import { Fragment } from 'react'
import { z } from 'zod'
import { cancelRegistration, findRegistrationByToken, setReminders } from '~/models/registration/registration.server'
import { answerText, readQuestions } from '~/models/registration/schema'
import { publicFormProtection } from '~/utils/form-security.server'
import { handleForm } from '~/utils/form.server'
import { formatDayTime, formatSessionTime } from '~/utils/format'
import { httpError } from '~/utils/http-errors'
import { metaT, useLocale } from '~/utils/i18n'
import { publicOrigin } from '~/utils/links.server'
import { maskMobile } from '~/utils/phone'
import { localized } from '~/utils/refusal'
import { useFormReply } from '~/utils/use-form-reply'
import { RemindersForm } from './__reminders-form'

const privateHeaders = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' }

export async function loader({ params, request }: LoaderFunctionArgs) {
  const registration = await findRegistrationByToken(params.token ?? '')
  if (!registration) throw httpError(404, localized('site.notFoundText'), { headers: privateHeaders })
  // The pass to show at the door exists only while it admits someone: a confirmed place in a session still on.
  const admits = registration.status === 'CONFIRMED' && registration.session.status !== 'CANCELLED'
  const qrSvg = admits ? await QRCode.toString(registration.code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) : null
  const protection = await publicFormProtection(request)
  const { phone, answers, ...rest } = registration
  const questions = readQuestions(registration.session.event.questions)
  const answerList = questions
    .map((q) => ({ label: q.label, value: (answers as Record<string, unknown>)[q.key] }))
    .filter((a) => a.value !== undefined && a.value !== '' && !(Array.isArray(a.value) && a.value.length === 0))
    // A per-child question's answers stay a list, read out in the page's language.
    .map((a) => ({ label: a.label, value: Array.isArray(a.value) ? a.value.map((item) => answerText(item, '')) : answerText(a.value, '') }))
  const isNew = new URL(request.url).searchParams.get('new') === '1'
  return json(
    {
      registration: { ...rest, phone: maskMobile(phone), answers: answerList },
      qrSvg,
      csrfToken: protection.csrfToken,
      isNew,
      now: new Date(),
    },
    { headers: { ...protection.headers, ...privateHeaders } },
  )
}

const registrationPageSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('cancel') }),
  z.object({ intent: z.literal('reminders'), reminders: z.enum(['on', 'off']) }),
])

export async function action({ params, request }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => registrationPageSchema,
    access: { public: true },
    submit: async (value) => {
      const token = params.token ?? ''
      if (value.intent === 'reminders') await setReminders(token, value.reminders === 'on', { origin: publicOrigin() })
      else await cancelRegistration(token, { origin: publicOrigin() })
      return redirect(`/r/${params.token}`)
    },
  })
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches)
  return [
    {
      title: data
        ? t('registration.title', { code: data.registration.code, event: data.registration.session.event.title })
        : t('registration.titlePlain'),
    },
    { name: 'robots', content: 'noindex' },
  ]
}

export default function RegistrationPage() {
  const { registration: r, qrSvg, csrfToken, isNew, now } = useLoaderData<typeof loader>()
  const reply = useFormReply()
  const navigation = useNavigation()
  const { token } = useParams()
  const { t, language } = useLocale()
  const { session } = r
  const { event } = session
  const place = event.venue?.name ?? event.placeName
  const canCancel = (r.status === 'CONFIRMED' || r.status === 'WAITLISTED') && new Date(session.startsAt) > new Date(now)
  return (
    <article className="detail narrow">
      {/* A bookmarked `?new=1` link keeps its query: the welcome shows only while it is still true. */}
      {isNew && (r.status === 'CONFIRMED' || (r.status === 'WAITLISTED' && r.waitlistPosition)) ? (
        <p className="notice notice-ok" role="status">
          {r.status === 'CONFIRMED' ? t('registration.confirmed') : t('registration.waitlisted', { position: r.waitlistPosition ?? '' })}{' '}
          {t('registration.keepLink')}
        </p>
      ) : null}
      <h1>{t('registration.heading')}</h1>
      <p className={`status status-${r.status.toLowerCase()}`}>
        {t(`registration.status.${r.status}`)}
        {r.status === 'WAITLISTED' && r.waitlistPosition ? t('registration.position', { position: r.waitlistPosition }) : ''}
      </p>
      <section className="ticket" aria-label={t('registration.ticket')}>
        {qrSvg ? (
          <div
            className="qr"
            role="img"
            aria-label={t('registration.qrLabel', { code: r.code })}
            dangerouslySetInnerHTML={{ __html: qrSvg }}
          />
        ) : null}
        <p>
          {t('registration.code')} <strong className="code">{r.code}</strong>
        </p>
        <p className="hint">
          {qrSvg
            ? t('registration.checkInHint')
            : r.status === 'ATTENDED'
              ? r.attendedAt
                ? t('registration.attendedAt', { time: formatDayTime(r.attendedAt, language) })
                : t('registration.attendedHint')
              : r.status === 'WAITLISTED' && session.status !== 'CANCELLED'
                ? t('registration.waitlistHint')
                : t('registration.noPassHint')}
        </p>
      </section>
      <dl className="facts">
        <dt>{t('registration.event')}</dt>
        <dd>
          <Link to={`/events/${event.slug}`}>{event.title}</Link>
        </dd>
        <dt>{t('registration.time')}</dt>
        <dd>
          <time dateTime={session.startsAt}>{formatSessionTime(session.startsAt, session.endsAt, language)}</time>
        </dd>
        {place ? (
          <>
            <dt>{t('registration.place')}</dt>
            <dd>
              {event.venue ? <Link to={`/venues/${event.venue.slug}`}>{place}</Link> : place}
              {(event.venue?.address ?? event.placeAddress)
                ? t('site.inParens', { text: event.venue?.address ?? event.placeAddress ?? '' })
                : ''}
            </dd>
          </>
        ) : null}
        {event.organisation ? (
          <>
            <dt>{t('registration.organiser')}</dt>
            <dd>{event.organisation.name}</dd>
          </>
        ) : null}
        <dt>{t('registration.contact')}</dt>
        <dd>
          {r.name}
          {t('site.inParens', { text: r.phone })}
        </dd>
        <dt>{t('registration.party')}</dt>
        <dd>
          {t('registration.partyValue', {
            adults: t('registration.adultCount', { count: r.adults }),
            children: t('registration.childCount', { count: r.children }),
          })}
        </dd>
        {r.answers.map((a) => (
          <Fragment key={a.label}>
            <dt>{a.label}</dt>
            <dd>{typeof a.value === 'string' ? a.value : a.value.join(t('site.listSeparator'))}</dd>
          </Fragment>
        ))}
      </dl>
      {session.status === 'CANCELLED' ? <p className="notice notice-warn">{t('registration.sessionCancelled')}</p> : null}
      <p className="card-actions">
        {(r.status === 'CONFIRMED' || r.status === 'WAITLISTED') && session.status !== 'CANCELLED' ? (
          <a className="button" href={`/r/${encodeURIComponent(token ?? '')}/calendar.ics`} download>
            {t('site.calendarFile')}
          </a>
        ) : null}
      </p>
      {reply.error ? (
        <p className="notice notice-warn" role="alert">
          {reply.error}
        </p>
      ) : null}
      {canCancel ? <RemindersForm csrfToken={csrfToken} remindersOff={r.remindersOff} /> : null}
      {canCancel ? (
        <Form method="post" className="cancel-form">
          <input type="hidden" name="csrf" value={csrfToken} />
          <input type="hidden" name="intent" value="cancel" />
          <button
            type="submit"
            className="danger"
            disabled={navigation.state === 'submitting'}
            onClick={(e) => {
              if (!window.confirm(t('registration.confirmCancel'))) e.preventDefault()
            }}
          >
            {t('registration.cancel')}
          </button>
        </Form>
      ) : null}
    </article>
  )
}
