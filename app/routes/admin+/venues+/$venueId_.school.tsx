import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { CheckField, Field, FormErrors } from '~/components/form-field'
import { addClosedDate, addSlot, findVenueOfferForStaff, removeClosedDate, removeSlot, saveCourse, saveOffer, setCourseActive } from '~/models/school-visit-admin.server'

import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { requireValidCsrf } from '~/utils/form-security.server'
import { notFound } from '~/utils/http-errors'
import { closedDateSchema, courseSchema, offerSchema, slotSchema } from '~/utils/school-visit-admin-schema'
import { GRADES, gradeRange, minuteLabel, WEEKDAYS } from '~/utils/school-visit-schema'
import { Refusal } from '~/utils/refusal'

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

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, venue } = await loadVenue(request, params.venueId)
  const formData = await request.formData()
  await requireValidCsrf(request, formData)
  const intent = String(formData.get('intent') ?? '')
  const reply = (body: Result, status = 200) => json(body, { status })
  const forms = { offer: offerSchema, slot: slotSchema, closed: closedDateSchema, course: courseSchema } as const
  try {
    if (intent in forms) {
      const formId = intent === 'course' && formData.get('courseId') ? `course-${formData.get('courseId')}` : intent
      const submission = parseWithZod(formData, { schema: forms[intent as keyof typeof forms] })
      if (submission.status !== 'success') return reply({ formId, result: submission.reply() }, 400)
      try {
        if (intent === 'offer') await saveOffer(staff, venue.id, submission.value as Parameters<typeof saveOffer>[2])
        if (intent === 'slot') await addSlot(staff, venue.id, submission.value as Parameters<typeof addSlot>[2])
        if (intent === 'closed') await addClosedDate(staff, venue.id, submission.value as Parameters<typeof addClosedDate>[2])
        if (intent === 'course') await saveCourse(staff, venue.id, submission.value as Parameters<typeof saveCourse>[2])
      } catch (error) {
        if (!(error instanceof Refusal)) throw error
        return reply({ formId, result: submission.reply(error.replyErrors()) }, 400)
      }
      return reply({ formId, result: submission.reply({ resetForm: intent !== 'offer' }), message: '已保存。' })
    }
    const id = String(formData.get('id') ?? '')
    if (intent === 'remove-slot') await removeSlot(staff, venue.id, id)
    else if (intent === 'remove-closed') await removeClosedDate(staff, venue.id, id)
    else if (intent === 'course-off' || intent === 'course-on') await setCourseActive(staff, venue.id, id, intent === 'course-on')
    else return reply({ formId: 'status', error: '未知操作。' }, 400)
    return reply({ formId: 'status', message: '已保存。' })
  } catch (error) {
    if (error instanceof Refusal) return reply({ formId: 'status', error: error.message }, 409)
    throw error
  }
}

export default function SchoolOfferPage() {
  const { venue } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as Result | undefined
  const resultFor = (formId: string) => (actionData?.formId === formId ? actionData.result : undefined)
  const offer = venue.schoolOffer
  return (
    <article className="admin-page">
      <p className="meta"><Link to={`/admin/venues/${venue.id}`}>← {venue.name}</Link> · <Link to="/admin/school-bookings">学校预约</Link>
        {offer?.active ? <> · <Link to={`/venues/${venue.slug}/school-visit`}>老师看到的预约页</Link></> : null}</p>
      <h1>学校团体接待：{venue.name}</h1>
      {actionData?.message ? <p className="notice" role="status">{actionData.message}</p> : null}
      {actionData?.error ? <p className="notice notice-warn" role="alert">{actionData.error}</p> : null}
      <section className="admin-section" aria-labelledby="offer-heading">
        <h2 id="offer-heading">接待设置</h2>
        <OfferForm lastResult={resultFor('offer')} defaultValue={offer ? {
          maxStudentsPerSlot: String(offer.maxStudentsPerSlot), studentsPerTeacher: String(offer.studentsPerTeacher), minNoticeDays: String(offer.minNoticeDays),
          grades: offer.grades, notes: offer.notes ?? undefined, outreachPerDay: String(offer.outreachPerDay), active: offer.active ? 'on' : undefined,
        } : { maxStudentsPerSlot: '60', studentsPerTeacher: '15', minNoticeDays: '3', outreachPerDay: '0', active: 'on' }} />
      </section>
      {offer ? (
        <>
          <section className="admin-section" aria-labelledby="slots-heading">
            <h2 id="slots-heading">每周开放时段</h2>
            <ul className="plain-list">
              {offer.slots.map((s) => (
                <li key={s.id}>
                  {WEEKDAYS[s.weekday]} {minuteLabel(s.startMinute)}–{minuteLabel(s.endMinute)}
                  <Form method="post" className="inline-form"><CsrfInput /><input type="hidden" name="id" value={s.id} />
                    <button type="submit" name="intent" value="remove-slot" className="link-button" aria-label={`移除${WEEKDAYS[s.weekday]} ${minuteLabel(s.startMinute)} 的时段`}>移除</button>
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
                  {c.date}{c.reason ? `（${c.reason}）` : ''}
                  <Form method="post" className="inline-form"><CsrfInput /><input type="hidden" name="id" value={c.id} />
                    <button type="submit" name="intent" value="remove-closed" className="link-button" aria-label={`恢复 ${c.date} 的接待`}>恢复接待</button>
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
                <summary>{c.title}（{c.kind === 'ON_SITE' ? '到馆' : '进校园'}，{c.durationMinutes} 分钟，{gradeRange(c.grades)}）{c.active ? '' : '【已下架】'}</summary>
                <CourseForm formId={`course-${c.id}`} lastResult={resultFor(`course-${c.id}`)} submitLabel="保存课程"
                  defaultValue={{ courseId: c.id, kind: c.kind, title: c.title, durationMinutes: String(c.durationMinutes), grades: c.grades, description: c.description }} />
                <Form method="post"><CsrfInput /><input type="hidden" name="id" value={c.id} />
                  <button type="submit" name="intent" value={c.active ? 'course-off' : 'course-on'}>{c.active ? '下架课程' : '重新上架'}</button>
                </Form>
              </details>
            ))}
            <h3>添加课程</h3>
            <CourseForm formId="course" lastResult={resultFor('course')} submitLabel="添加课程" defaultValue={{ kind: 'ON_SITE', durationMinutes: '90' }} />
          </section>
        </>
      ) : <p>保存接待设置后，可以添加时段、不接待日期和课程。</p>}
    </article>
  )
}

type Defaults = Record<string, string | string[] | undefined>

function GradeChecks({ name, selected, errors, errorId }: { name: string; selected: string[]; errors?: string[]; errorId: string }) {
  return (
    <fieldset className={errors ? 'grade-checks has-error' : 'grade-checks'}>
      <legend>年级</legend>
      {GRADES.map((g) => (
        <label key={g.code} className="check-inline"><input type="checkbox" name={name} value={g.code} defaultChecked={selected.includes(g.code)} /> {g.label}</label>
      ))}
      {errors ? <p id={errorId} className="field-error">{errors[0]}</p> : null}
    </fieldset>
  )
}

function OfferForm({ lastResult, defaultValue }: { lastResult?: SubmissionResult<string[]>; defaultValue: Defaults }) {
  const [form, fields] = useForm({ id: 'offer', lastResult, defaultValue, constraint: getZodConstraint(offerSchema), shouldValidate: 'onBlur', onValidate: ({ formData }) => parseWithZod(formData, { schema: offerSchema }) })
  return (
    <Form method="post" {...getFormProps(form)} className="stack-form">
      <CsrfInput /><input type="hidden" name="intent" value="offer" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="field-row">
        <Field label="每个时段最多学生数" meta={fields.maxStudentsPerSlot}><input {...getInputProps(fields.maxStudentsPerSlot, { type: 'number' })} inputMode="numeric" /></Field>
        <Field label="每位老师最多带学生数" hint="例如 15：每 15 名学生至少 1 名老师" meta={fields.studentsPerTeacher}><input {...getInputProps(fields.studentsPerTeacher, { type: 'number' })} inputMode="numeric" /></Field>
        <Field label="需提前预约天数" meta={fields.minNoticeDays}><input {...getInputProps(fields.minNoticeDays, { type: 'number' })} inputMode="numeric" /></Field>
      </div>
      <GradeChecks name={fields.grades.name} selected={(defaultValue.grades as string[] | undefined) ?? []} errors={fields.grades.errors} errorId={fields.grades.errorId} />
      <Field label="进校园：每天最多场次（0 = 不提供）" meta={fields.outreachPerDay}><input {...getInputProps(fields.outreachPerDay, { type: 'number' })} inputMode="numeric" /></Field>
      <Field label="给老师的说明" meta={fields.notes}><textarea {...getTextareaProps(fields.notes)} rows={3} /></Field>
      <CheckField label="开放网上团体预约" meta={fields.active}><input {...getInputProps(fields.active, { type: 'checkbox' })} /></CheckField>
      <button type="submit" className="primary">保存接待设置</button>
    </Form>
  )
}

function SlotForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({ id: 'slot', lastResult, constraint: getZodConstraint(slotSchema), shouldValidate: 'onBlur', onValidate: ({ formData }) => parseWithZod(formData, { schema: slotSchema }) })
  return (
    <Form method="post" {...getFormProps(form)} className="stack-form">
      <CsrfInput /><input type="hidden" name="intent" value="slot" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="field-row">
        <Field label="星期" meta={fields.weekday}>
          <select {...getSelectProps(fields.weekday)}><option value="">请选择</option>{[1, 2, 3, 4, 5, 6, 7].map((d) => <option key={d} value={d}>{WEEKDAYS[d]}</option>)}</select>
        </Field>
        <Field label="开始" meta={fields.start}><input {...getInputProps(fields.start, { type: 'time' })} /></Field>
        <Field label="结束" meta={fields.end}><input {...getInputProps(fields.end, { type: 'time' })} /></Field>
      </div>
      <button type="submit">添加时段</button>
    </Form>
  )
}

function ClosedForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({ id: 'closed', lastResult, constraint: getZodConstraint(closedDateSchema), shouldValidate: 'onBlur', onValidate: ({ formData }) => parseWithZod(formData, { schema: closedDateSchema }) })
  return (
    <Form method="post" {...getFormProps(form)} className="stack-form">
      <CsrfInput /><input type="hidden" name="intent" value="closed" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="field-row">
        <Field label="日期" meta={fields.date}><input {...getInputProps(fields.date, { type: 'date' })} /></Field>
        <Field label="原因" meta={fields.reason}><input {...getInputProps(fields.reason, { type: 'text' })} /></Field>
      </div>
      <button type="submit">添加不接待日期</button>
    </Form>
  )
}

function CourseForm({ formId, lastResult, defaultValue, submitLabel }: { formId: string; lastResult?: SubmissionResult<string[]>; defaultValue: Defaults; submitLabel: string }) {
  const [form, fields] = useForm({ id: formId, lastResult, defaultValue, constraint: getZodConstraint(courseSchema), shouldValidate: 'onBlur', onValidate: ({ formData }) => parseWithZod(formData, { schema: courseSchema }) })
  return (
    <Form method="post" {...getFormProps(form)} className="stack-form">
      <CsrfInput /><input type="hidden" name="intent" value="course" />
      {defaultValue.courseId ? <input type="hidden" name="courseId" value={defaultValue.courseId as string} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="field-row">
        <Field label="课程名称" meta={fields.title}><input {...getInputProps(fields.title, { type: 'text' })} /></Field>
        <Field label="类型" meta={fields.kind}>
          <select {...getSelectProps(fields.kind)}><option value="ON_SITE">到馆研学</option><option value="OUTREACH">进校园</option></select>
        </Field>
        <Field label="时长（分钟）" meta={fields.durationMinutes}><input {...getInputProps(fields.durationMinutes, { type: 'number' })} inputMode="numeric" /></Field>
      </div>
      <GradeChecks name={fields.grades.name} selected={(defaultValue.grades as string[] | undefined) ?? []} errors={fields.grades.errors} errorId={fields.grades.errorId} />
      <Field label="课程内容" meta={fields.description}><textarea {...getTextareaProps(fields.description)} rows={3} /></Field>
      <button type="submit">{submitLabel}</button>
    </Form>
  )
}
