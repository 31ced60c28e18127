import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useMemo } from 'react'
import { HoneypotInputs, HoneypotProvider } from 'remix-utils/honeypot/react'
import { CheckField, Field, FormErrors } from '~/components/form-field'
import { PointFields } from '~/components/place-fields'
import { mapLinks } from '~/components/places-map'
import { availability, getOfferForVenue, requestOutreach, requestVisit } from '~/models/school-visit.server'
import { publicFormProtection } from '~/utils/form-security.server'
import { formatCalendarDay } from '~/utils/format'
import { notFound } from '~/utils/http-errors'
import { metaT, useLocale } from '~/utils/i18n'
import { SHANGHAI_CENTER } from '~/utils/map-config'
import { handlePublicForm } from '~/utils/public-form.server'
import { localized } from '~/utils/refusal'
import {
  GRADE_CODES,
  gradeLabel,
  gradeRange,
  minuteLabel,
  outreachRequestSchema,
  schoolRequestSchema,
  teachersNeeded,
  visitRequestSchema,
  weekdayLabel,
} from '~/utils/school-visit-schema'

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
  return handlePublicForm(request, {
    schema: schoolRequestSchema,
    limits: (address, value) => [
      { key: `school:addr:${address}`, limit: 30, windowSeconds: 3600 },
      ...(value ? [{ key: `school:phone:${value.phone}`, limit: 10, windowSeconds: 86400 }] : []),
    ],
    async submit(value) {
      const booking = value.kind === 'outreach' ? await requestOutreach(offer, value) : await requestVisit(offer, value)
      return redirect(`/school-visits/r/${booking.manageToken}?new=1`)
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
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t, language } = useLocale()
  const schema = useMemo(() => (kind === 'outreach' ? outreachRequestSchema(t) : visitRequestSchema(t)), [kind, t])
  const [form, fields] = useForm({
    id: `school-${kind}`,
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  const f = fields as typeof fields & Record<'slot' | 'date' | 'startTime' | 'schoolAddress' | 'lat' | 'lng', (typeof fields)['schoolName']>
  const courses = offer.courses.filter((c) => c.kind === (kind === 'outreach' ? 'OUTREACH' : 'ON_SITE'))
  const students = Number(fields.students.value)
  return (
    <article className="detail">
      <p className="meta">
        <Link to={`/venues/${offer.venue.slug}`}>← {offer.venue.name}</Link>
      </p>
      <h1>{t('school.title', { venue: offer.venue.name })}</h1>
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
        <HoneypotProvider {...honeypotInputs}>
          <Form method="post" {...getFormProps(form)} className="stack-form">
            <input type="hidden" name="csrf" value={csrfToken} />
            <input type="hidden" name="kind" value={kind} />
            <HoneypotInputs label={t('site.honeypot')} />
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field label={t('school.course')} meta={fields.courseId}>
              <select {...getSelectProps(fields.courseId)}>
                <option value="">{t('site.pleaseChoose')}</option>
                {courses.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                    {t('site.inParens', { text: gradeRange(c.grades, t) })}
                  </option>
                ))}
              </select>
            </Field>
            <div className="field-row">
              <Field label={t('school.grade')} meta={fields.grade}>
                <select {...getSelectProps(fields.grade)}>
                  <option value="">{t('site.pleaseChoose')}</option>
                  {GRADE_CODES.map((code) => (
                    <option key={code} value={code}>
                      {gradeLabel(code, t)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('school.students')} meta={fields.students}>
                <input {...getInputProps(fields.students, { type: 'number' })} inputMode="numeric" />
              </Field>
              <Field
                label={t('school.teachers')}
                hint={students > 0 ? t('school.teachersHint', { count: teachersNeeded(students, offer.studentsPerTeacher) }) : undefined}
                meta={fields.teachers}
              >
                <input {...getInputProps(fields.teachers, { type: 'number' })} inputMode="numeric" />
              </Field>
            </div>
            {kind === 'visit' ? (
              <fieldset
                className={`slot-picker${f.slot.errors ? ' has-error' : ''}`}
                aria-describedby={f.slot.errors ? f.slot.errorId : undefined}
              >
                <legend>{t('school.slotLegend')}</legend>
                {f.slot.errors ? (
                  <p id={f.slot.errorId} className="field-error">
                    {f.slot.errors[0]}
                  </p>
                ) : null}
                {days.length === 0 ? <p>{t('school.noSlots')}</p> : null}
                <div className="slot-days">
                  {days.map((day) => (
                    <div key={day.date} className="slot-day">
                      <p className="slot-date">
                        {formatCalendarDay(day.date, language)} {weekdayLabel(day.weekday, t)}
                      </p>
                      {day.closed ? (
                        <p className="muted">{t('school.closedDay', { reason: day.closedReason ?? t('school.closedDefault') })}</p>
                      ) : (
                        day.slots.map((s) => (
                          <label key={s.value} className={s.room > 0 ? 'slot' : 'slot slot-full'}>
                            <input
                              type="radio"
                              name={f.slot.name}
                              value={s.value}
                              disabled={s.room === 0}
                              defaultChecked={f.slot.initialValue === s.value}
                            />
                            {minuteLabel(s.start)}–{minuteLabel(s.end)} ·{' '}
                            {s.room > 0 ? t('school.room', { count: s.room }) : t('school.slotFull')}
                          </label>
                        ))
                      )}
                    </div>
                  ))}
                </div>
              </fieldset>
            ) : (
              <>
                <div className="field-row">
                  <Field label={t('school.date')} meta={f.date}>
                    <input {...getInputProps(f.date, { type: 'date' })} />
                  </Field>
                  <Field label={t('school.startTime')} meta={f.startTime}>
                    <input {...getInputProps(f.startTime, { type: 'time' })} />
                  </Field>
                </div>
                <Field label={t('school.schoolAddress')} meta={f.schoolAddress}>
                  <input {...getInputProps(f.schoolAddress, { type: 'text' })} autoComplete="street-address" />
                </Field>
                <fieldset className="location-fieldset">
                  <legend>{t('school.schoolLocation')}</legend>
                  <p className="hint">{t('school.schoolLocationHint')}</p>
                  <PointFields lat={f.lat} lng={f.lng} fallbackCenter={SHANGHAI_CENTER} label={t('school.schoolPicker')} />
                </fieldset>
              </>
            )}
            <Field label={t('school.schoolName')} meta={fields.schoolName}>
              <input {...getInputProps(fields.schoolName, { type: 'text' })} autoComplete="organization" />
            </Field>
            <div className="field-row">
              <Field label={t('school.teacherName')} meta={fields.teacherName}>
                <input {...getInputProps(fields.teacherName, { type: 'text' })} autoComplete="name" />
              </Field>
              <Field label={t('school.teacherPhone')} hint={t('school.teacherPhoneHint')} meta={fields.phone}>
                <input {...getInputProps(fields.phone, { type: 'tel' })} inputMode="tel" autoComplete="tel" />
              </Field>
            </div>
            <Field label={t('school.needs')} hint={t('school.needsHint')} meta={fields.needs}>
              <textarea {...getTextareaProps(fields.needs)} rows={3} />
            </Field>
            <CheckField label={t('school.consent')} meta={fields.consent}>
              <input {...getInputProps(fields.consent, { type: 'checkbox' })} />
            </CheckField>
            <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
              {t('school.submit')}
            </button>
          </Form>
        </HoneypotProvider>
      ) : null}
    </article>
  )
}
