import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useParams } from '@remix-run/react'
import { z } from 'zod'
import { gradeLabel } from '~/models/school-visit/schema'
import { cancelSchoolBooking, findSchoolBookingByToken } from '~/models/school-visit/school-visit.server'
import { publicFormProtection } from '~/utils/form-security.server'
import { handleForm } from '~/utils/form.server'
import { formatSessionTime } from '~/utils/format'
import { orNotFound } from '~/utils/http-errors'
import { metaT, useLocale } from '~/utils/i18n'
import { publicOrigin } from '~/utils/links.server'
import { maskMobile } from '~/utils/phone'
import { localized } from '~/utils/refusal'
import { useFormReply } from '~/utils/use-form-reply'

const privateHeaders = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' }

async function load(token: string | undefined) {
  const booking = orNotFound(await findSchoolBookingByToken(token ?? ''), localized('school.errors.notFound'))
  return booking
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const booking = await load(params.token)
  const { phone, manageTokenHash, ...rest } = booking
  const protection = await publicFormProtection(request)
  return json(
    { booking: { ...rest, phoneMasked: maskMobile(phone) }, csrfToken: protection.csrfToken },
    { headers: { ...privateHeaders, ...protection.headers } },
  )
}

const bookingPageSchema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('cancel') })])

export async function action({ params, request }: ActionFunctionArgs) {
  await load(params.token)
  return handleForm(request, {
    schema: () => bookingPageSchema,
    access: { public: true },
    submit: async () => {
      await cancelSchoolBooking(params.token ?? '', undefined, publicOrigin())
      // Back to the page, which says the booking is cancelled (its status), never sent on as a referrer.
      return redirect(`/school-visits/r/${params.token}`, { headers: { 'Referrer-Policy': 'no-referrer' } })
    },
  })
}

export const meta: MetaFunction = ({ matches }) => [
  { title: metaT(matches)('school.bookingTitle') },
  { name: 'robots', content: 'noindex' },
]

const statusClass = {
  PENDING: 'status status-waitlisted',
  APPROVED: 'status status-confirmed',
  DECLINED: 'status status-cancelled',
  CANCELLED: 'status status-cancelled',
  DONE: 'status status-attended',
} as const

export default function SchoolBookingPage() {
  const { booking, csrfToken } = useLoaderData<typeof loader>()
  const reply = useFormReply()
  const { token } = useParams()
  const { t, language } = useLocale()
  const open = booking.status === 'PENDING' || booking.status === 'APPROVED'
  return (
    <article className="detail narrow">
      <p className={statusClass[booking.status]}>{t(`school.status.${booking.status}`)}</p>
      <h1>
        {booking.kind === 'VISIT' ? t('school.visitKind') : t('school.outreachKind')}
        {t('site.colon')}
        {booking.course?.title ?? booking.venue.name}
      </h1>
      <div className="ticket">
        <p>{t('school.bookingCode')}</p>
        <p className="code">{booking.code}</p>
      </div>
      {booking.staffMessage ? <p className="notice">{t('school.venueMessage', { message: booking.staffMessage })}</p> : null}
      <dl className="facts">
        <dt>{t('school.venue')}</dt>
        <dd>
          <Link to={`/venues/${booking.venue.slug}`}>{booking.venue.name}</Link>
        </dd>
        <dt>{t('school.time')}</dt>
        <dd>
          <time dateTime={booking.startsAt}>{formatSessionTime(booking.startsAt, booking.endsAt, language)}</time>
        </dd>
        <dt>{t('school.place')}</dt>
        <dd>
          {booking.kind === 'VISIT'
            ? (booking.venue.address ?? booking.venue.name)
            : `${booking.schoolName}${t('site.inParens', { text: booking.schoolAddress ?? '' })}`}
        </dd>
        <dt>{t('school.school')}</dt>
        <dd>
          {booking.schoolName}
          {t('site.comma')}
          {gradeLabel(booking.grade, t)}
        </dd>
        <dt>{t('school.party')}</dt>
        <dd>{t('school.partyValue', { students: booking.students, teachers: booking.teachers })}</dd>
        <dt>{t('school.leader')}</dt>
        <dd>
          {booking.teacherName}
          {t('site.inParens', { text: booking.phoneMasked })}
        </dd>
      </dl>
      {booking.status === 'APPROVED' ? (
        <p>
          <a className="button" href={`/school-visits/r/${token}/calendar.ics`} rel="nofollow">
            {t('site.calendarFile')}
          </a>
        </p>
      ) : null}
      {reply.error ? (
        <p className="notice notice-warn" role="alert">
          {reply.error}
        </p>
      ) : null}
      {open ? (
        <Form method="post" className="cancel-form">
          <input type="hidden" name="csrf" value={csrfToken} />
          <input type="hidden" name="intent" value="cancel" />
          <button type="submit" className="danger">
            {t('school.cancel')}
          </button>
        </Form>
      ) : null}
    </article>
  )
}
