import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ActionNotices } from '~/components/action-notices'
import { checkSlot, closedDateSchema, courseSchema, offerSchema, slotFields } from '~/models/school-visit/admin-schema'
import {
  addClosedDate,
  addSlot,
  findVenueOfferForStaff,
  removeClosedDate,
  removeSlot,
  saveCourse,
  saveOffer,
  setCourseActive,
} from '~/models/school-visit/admin.server'
import { OfferForm } from '~/routes/admin+/venues+/__school-offer-forms'
import { ClosedDatesSection, CoursesSection, SlotsSection } from '~/routes/admin+/venues+/__school-offer-sections'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { notFound } from '~/utils/http-errors'
import { useFormReply } from '~/utils/use-form-reply'

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
  return handleForm(request, {
    schema: () => schoolOfferPageSchema,
    access: { staff: (request) => loadVenue(request, params.venueId) },
    formOf: (formData) => formIdOf(formData.get('intent'), formData.get('courseId')),
    async submit(value, { actor: { staff, venue } }) {
      // Added items clear their form; the offer keeps what was saved. The page stays: its lists are read again.
      const saved = { message: '已保存。', resetForm: true }
      switch (value.intent) {
        case 'offer': {
          const { intent, ...offer } = value // the models store what they are given: the intent is the page's
          await saveOffer(staff, venue.id, offer)
          return { message: '已保存。' }
        }
        case 'slot':
          await addSlot(staff, venue.id, value)
          return saved
        case 'closed':
          await addClosedDate(staff, venue.id, value)
          return saved
        case 'course': {
          const { intent, ...course } = value
          await saveCourse(staff, venue.id, course)
          return saved
        }
        case 'remove-slot':
          await removeSlot(staff, venue.id, value.id)
          return saved
        case 'remove-closed':
          await removeClosedDate(staff, venue.id, value.id)
          return saved
        case 'course-off':
        case 'course-on':
          await setCourseActive(staff, venue.id, value.id, value.intent === 'course-on')
          return saved
      }
    },
  })
}

export default function SchoolOfferPage() {
  const { venue } = useLoaderData<typeof loader>()
  const { reply, message } = useFormReply()
  const resultFor = (formId: string) => (reply?.form === formId ? reply.result : undefined)
  // A refusal of a form's content stands in that form; of a list button, above the page.
  const error = reply?.form === 'status' ? reply.error : null
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
      <ActionNotices message={message} error={error} />
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
          <SlotsSection offer={offer} resultFor={resultFor} />
          <ClosedDatesSection offer={offer} resultFor={resultFor} />
          <CoursesSection offer={offer} resultFor={resultFor} />
        </>
      ) : (
        <p>保存接待设置后，可以添加时段、不接待日期和课程。</p>
      )}
    </article>
  )
}
