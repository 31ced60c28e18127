import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CsrfInput } from '~/components/csrf-input'
import {
  addClosedDate,
  addSlot,
  findVenueOfferForStaff,
  removeClosedDate,
  removeSlot,
  saveCourse,
  saveOffer,
  setCourseActive,
} from '~/models/school-visit-admin.server'
import { ClosedForm, CourseForm, OfferForm, SlotForm } from '~/routes/admin+/venues+/__school-offer-forms'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { requireValidCsrf } from '~/utils/form-security.server'
import { notFound } from '~/utils/http-errors'
import { Refusal } from '~/utils/refusal'
import { checkSlot, closedDateSchema, courseSchema, offerSchema, slotFields } from '~/utils/school-visit-admin-schema'
import { gradeRange, minuteLabel, WEEKDAYS } from '~/utils/school-visit-schema'
import type { SubmissionResult } from '@conform-to/react'

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(`学校团体接待：${data?.venue.name ?? ''}`)

async function loadVenue(request: Request, venueId: string | undefined) {
  const staff = await requireStaff(request)
  const venue = await findVenueOfferForStaff(staff, venueId ?? '')
  if (!venue) throw notFound('找不到这个场馆，或不在你的管理范围内。')
  return { staff, venue }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { venue } = await loadVenue(request, params.venueId)
  return json({ venue })
}

type Result = { formId: string; result?: SubmissionResult<string[]>; message?: string; error?: string }

/** Every form on this page, told apart by `intent`; the slot's rule across fields runs for the slot form. */
const schoolOfferPageSchema = z
  .discriminatedUnion('intent', [
    offerSchema.extend({ intent: z.literal('offer') }),
    slotFields.extend({ intent: z.literal('slot') }),
    closedDateSchema.extend({ intent: z.literal('closed') }),
    courseSchema.extend({ intent: z.literal('course') }),
    z.object({ intent: z.enum(['remove-slot', 'remove-closed', 'course-off', 'course-on']), id: z.string() }),
  ])
  .superRefine((value, ctx) => {
    if (value.intent === 'slot') checkSlot(value, ctx)
  })

/** Which form on the page an answer belongs to; the buttons of lists answer above the page. */
function formIdOf(intent: unknown, courseId: unknown): string {
  if (intent === 'offer' || intent === 'slot' || intent === 'closed') return intent
  if (intent === 'course') return courseId ? `course-${String(courseId)}` : 'course'
  return 'status'
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, venue } = await loadVenue(request, params.venueId)
  const formData = await request.formData()
  await requireValidCsrf(request, formData)
  const submission = parseWithZod(formData, { schema: schoolOfferPageSchema })
  const formId = formIdOf(formData.get('intent'), formData.get('courseId'))
  const reply = (body: Omit<Result, 'formId'>, status = 200) => json({ formId, ...body } satisfies Result, { status })
  if (submission.status !== 'success') return reply(formId === 'status' ? { error: '未知操作。' } : { result: submission.reply() }, 400)
  const value = submission.value
  // Added items clear their form; the offer keeps what was saved.
  const saved = (resetForm = true) => reply({ result: submission.reply({ resetForm }), message: '已保存。' })
  try {
    switch (value.intent) {
      case 'offer': {
        const { intent, ...offer } = value // the models store what they are given: the intent is the page's
        await saveOffer(staff, venue.id, offer)
        return saved(false)
      }
      case 'slot':
        await addSlot(staff, venue.id, value)
        return saved()
      case 'closed':
        await addClosedDate(staff, venue.id, value)
        return saved()
      case 'course': {
        const { intent, ...course } = value
        await saveCourse(staff, venue.id, course)
        return saved()
      }
      case 'remove-slot':
        await removeSlot(staff, venue.id, value.id)
        return reply({ message: '已保存。' })
      case 'remove-closed':
        await removeClosedDate(staff, venue.id, value.id)
        return reply({ message: '已保存。' })
      case 'course-off':
      case 'course-on':
        await setCourseActive(staff, venue.id, value.id, value.intent === 'course-on')
        return reply({ message: '已保存。' })
    }
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    // A refusal of a form's content goes into that form; of a list button, above the page.
    return formId === 'status' ? reply({ error: error.message }, 409) : reply({ result: submission.reply(error.replyErrors()) }, 400)
  }
}

export default function SchoolOfferPage() {
  const { venue } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as Result | undefined
  const resultFor = (formId: string) => (actionData?.formId === formId ? actionData.result : undefined)
  const offer = venue.schoolOffer
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to={`/admin/venues/${venue.id}`}>← {venue.name}</Link> · <Link to="/admin/school-bookings">学校预约</Link>
        {offer?.active ? (
          <>
            {' '}
            · <Link to={`/venues/${venue.slug}/school-visit`}>老师看到的预约页</Link>
          </>
        ) : null}
      </p>
      <h1>学校团体接待：{venue.name}</h1>
      {actionData?.message ? (
        <p className="notice" role="status">
          {actionData.message}
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="notice notice-warn" role="alert">
          {actionData.error}
        </p>
      ) : null}
      <section className="admin-section" aria-labelledby="offer-heading">
        <h2 id="offer-heading">接待设置</h2>
        <OfferForm
          lastResult={resultFor('offer')}
          defaultValue={
            offer
              ? {
                  maxStudentsPerSlot: String(offer.maxStudentsPerSlot),
                  studentsPerTeacher: String(offer.studentsPerTeacher),
                  minNoticeDays: String(offer.minNoticeDays),
                  grades: offer.grades,
                  notes: offer.notes ?? undefined,
                  outreachPerDay: String(offer.outreachPerDay),
                  active: offer.active ? 'on' : undefined,
                }
              : { maxStudentsPerSlot: '60', studentsPerTeacher: '15', minNoticeDays: '3', outreachPerDay: '0', active: 'on' }
          }
        />
      </section>
      {offer ? (
        <>
          <section className="admin-section" aria-labelledby="slots-heading">
            <h2 id="slots-heading">每周开放时段</h2>
            <ul className="plain-list">
              {offer.slots.map((s) => (
                <li key={s.id}>
                  {WEEKDAYS[s.weekday]} {minuteLabel(s.startMinute)}–{minuteLabel(s.endMinute)}
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="id" value={s.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="remove-slot"
                      className="link-button"
                      aria-label={`移除${WEEKDAYS[s.weekday]} ${minuteLabel(s.startMinute)} 的时段`}
                    >
                      移除
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
            <SlotForm lastResult={resultFor('slot')} />
          </section>
          <section className="admin-section" aria-labelledby="closed-heading">
            <h2 id="closed-heading">不接待的日期</h2>
            <ul className="plain-list">
              {offer.closedDates.map((c) => (
                <li key={c.id}>
                  {c.date}
                  {c.reason ? `（${c.reason}）` : ''}
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="id" value={c.id} />
                    <button type="submit" name="intent" value="remove-closed" className="link-button" aria-label={`恢复 ${c.date} 的接待`}>
                      恢复接待
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
            <ClosedForm lastResult={resultFor('closed')} />
          </section>
          <section className="admin-section" aria-labelledby="courses-heading">
            <h2 id="courses-heading">研学课程与进校园项目</h2>
            {offer.courses.map((c) => (
              <details key={c.id} className="session-admin">
                <summary>
                  {c.title}（{c.kind === 'ON_SITE' ? '到馆' : '进校园'}，{c.durationMinutes} 分钟，{gradeRange(c.grades)}）
                  {c.active ? '' : '【已下架】'}
                </summary>
                <CourseForm
                  formId={`course-${c.id}`}
                  lastResult={resultFor(`course-${c.id}`)}
                  submitLabel="保存课程"
                  defaultValue={{
                    courseId: c.id,
                    kind: c.kind,
                    title: c.title,
                    durationMinutes: String(c.durationMinutes),
                    grades: c.grades,
                    description: c.description,
                  }}
                />
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="id" value={c.id} />
                  <button type="submit" name="intent" value={c.active ? 'course-off' : 'course-on'}>
                    {c.active ? '下架课程' : '重新上架'}
                  </button>
                </Form>
              </details>
            ))}
            <h3>添加课程</h3>
            <CourseForm
              formId="course"
              lastResult={resultFor('course')}
              submitLabel="添加课程"
              defaultValue={{ kind: 'ON_SITE', durationMinutes: '90' }}
            />
          </section>
        </>
      ) : (
        <p>保存接待设置后，可以添加时段、不接待日期和课程。</p>
      )}
    </article>
  )
}
