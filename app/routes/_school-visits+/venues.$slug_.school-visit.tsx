import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { mapLinks } from '~/components/places-map'
import { gradeRange, schoolRequestSchema } from '~/models/school-visit/schema'
import { availability, getOfferForVenue, requestOutreach, requestVisit } from '~/models/school-visit/school-visit.server'
import { SchoolRequestForm } from '~/routes/_school-visits+/__school-request-form'
import { publicFormProtection } from '~/utils/form-security.server'
import { handleForm, phoneLimits } from '~/utils/form.server'
import { notFound } from '~/utils/http-errors'
import { metaT, useLocale } from '~/utils/i18n'
import { messageContext } from '~/utils/links.server'
import { localized } from '~/utils/refusal'
import { redirectWithToast } from '~/utils/toast.server'
import { useFormReply } from '~/utils/use-form-reply'

export const links = () => mapLinks

async function loadOffer(slug: string | undefined) {
  const offer = await getOfferForVenue(slug ?? '')
  if (!offer) throw notFound(localized('venue.notFound'))
  return offer
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const offer = await loadOffer(params.slug)
  const kind = new URL(request.url).searchParams.get('kind') === 'outreach' && offer.outreachPerDay > 0 ? 'outreach' : 'visit'
  const protection = await publicFormProtection(request)
  return json(
    {
      offer,
      kind,
      days: kind === 'visit' ? await availability(offer) : [],
      csrfToken: protection.csrfToken,
      honeypotInputs: protection.honeypotInputs,
    },
    { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } },
  )
}

export async function action({ params, request }: ActionFunctionArgs) {
  const offer = await loadOffer(params.slug)
  return handleForm(request, {
    schema: schoolRequestSchema,
    access: {
      public: true,
      honeypot: true,
      limits: (address, value, provenPhone) => [
        { key: `school:addr:${address}`, limit: 30, windowSeconds: 3600 },
        ...(value ? phoneLimits('school', value.phone, address, { perAddress: 10, windowSeconds: 86400, provenPhone }) : []),
      ],
    },
    async submit(value, { t }) {
      const context = await messageContext(request)
      const booking =
        value.kind === 'outreach'
          ? await requestOutreach(offer, value, undefined, context)
          : await requestVisit(offer, value, undefined, context)
      return redirectWithToast(request, `/school-visits/r/${booking.manageToken}`, t('school.submitted'))
    },
  })
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches)
  return [
    { title: data ? t('site.titleSuffix', { title: t('school.title', { venue: data.offer.venue.name }) }) : t('school.bookingTitle') },
  ]
}

export default function SchoolVisitPage() {
  const { offer, kind, days, csrfToken, honeypotInputs } = useLoaderData<typeof loader>()
  const reply = useFormReply()
  const { t } = useLocale()
  const courses = offer.courses.filter((c) => c.kind === (kind === 'outreach' ? 'OUTREACH' : 'ON_SITE'))
  return (
    <article className="detail">
      <p className="meta">
        <Link to={`/venues/${offer.venue.slug}`}>← {offer.venue.name}</Link>
      </p>
      <h1>{t('school.title', { venue: offer.venue.name })}</h1>
      {offer.isExample ? <p className="notice notice-warn">{t('school.exampleHint')}</p> : null}
      <nav aria-label={t('school.modes')} className="button-row">
        <Link
          to="?kind=visit"
          className={kind === 'visit' ? 'button primary' : 'button'}
          aria-current={kind === 'visit' ? 'page' : undefined}
        >
          {t('school.visitMode')}
        </Link>
        {offer.outreachPerDay > 0 ? (
          <Link
            to="?kind=outreach"
            className={kind === 'outreach' ? 'button primary' : 'button'}
            aria-current={kind === 'outreach' ? 'page' : undefined}
          >
            {t('school.outreachMode')}
          </Link>
        ) : null}
      </nav>
      <ul className="facts-list">
        <li>{t('school.grades', { grades: gradeRange(offer.grades, t) })}</li>
        <li>
          {kind === 'visit' ? t('school.perSlot', { count: offer.maxStudentsPerSlot }) : ''}
          {t('school.ratio', { count: offer.studentsPerTeacher })}
        </li>
        <li>{t('school.notice', { days: Math.max(offer.minNoticeDays, 1) })}</li>
        {offer.notes ? <li>{offer.notes}</li> : null}
      </ul>
      <h2>{kind === 'visit' ? t('school.coursesHeading') : t('school.outreachCoursesHeading')}</h2>
      {courses.length === 0 ? (
        <p>{t('school.noCourses')}</p>
      ) : (
        <ul className="course-list">
          {courses.map((c) => (
            <li key={c.id}>
              <strong>{c.title}</strong>
              {t('school.courseLine', { minutes: c.durationMinutes, grades: gradeRange(c.grades, t) })}
              <br />
              {c.description}
            </li>
          ))}
        </ul>
      )}
      {courses.length ? (
        <SchoolRequestForm
          kind={kind}
          courses={courses}
          studentsPerTeacher={offer.studentsPerTeacher}
          days={days}
          csrfToken={csrfToken}
          honeypotInputs={honeypotInputs}
          lastResult={reply.result}
        />
      ) : null}
    </article>
  )
}
