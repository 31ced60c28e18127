import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { HoneypotInputs, HoneypotProvider } from 'remix-utils/honeypot/react'
import { CheckField, Field, FormErrors } from '~/components/form-field'
import { PointFields } from '~/components/place-fields'
import { SHANGHAI_CENTER } from '~/utils/map-config'
import { mapLinks } from '~/components/places-map'
import { availability, getOfferForVenue, requestOutreach, requestVisit, SchoolBookingError } from '~/models/school-visit.server'
import { checkPublicForm, clientAddress, publicFormProtection } from '~/utils/form-security.server'
import { consumeRateLimits } from '~/utils/rate-limit.server'
import { GRADES, gradeRange, minuteLabel, outreachRequestSchema, teachersNeeded, visitRequestSchema, WEEKDAYS } from '~/utils/school-schema'

export const links = () => mapLinks

async function loadOffer(slug: string | undefined) {
  const offer = await getOfferForVenue(slug ?? '')
  if (!offer) throw new Response('这家场馆没有开放网上团体预约', { status: 404 })
  return offer
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const offer = await loadOffer(params.slug)
  const kind = new URL(request.url).searchParams.get('kind') === 'outreach' && offer.outreachPerDay > 0 ? 'outreach' : 'visit'
  const protection = await publicFormProtection(request)
  return json(
    { offer, kind, days: kind === 'visit' ? await availability(offer) : [], csrfToken: protection.csrfToken, honeypotInputs: protection.honeypotInputs },
    { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } },
  )
}

export async function action({ params, request }: ActionFunctionArgs) {
  const offer = await loadOffer(params.slug)
  const formData = await request.formData()
  const kind = formData.get('kind') === 'outreach' ? 'outreach' : 'visit'
  const submission = parseWithZod(formData, { schema: kind === 'outreach' ? outreachRequestSchema : visitRequestSchema })
  const refuse = (message: string, status: number) => json({ result: submission.reply({ formErrors: [message] }) }, { status })
  const formProblem = await checkPublicForm(request, formData)
  if (formProblem) return refuse(formProblem, 403)
  const limit = await consumeRateLimits([
    { key: `school:addr:${clientAddress(request)}`, limit: 30, windowSeconds: 3600 },
    ...(submission.status === 'success' ? [{ key: `school:phone:${submission.value.phone}`, limit: 10, windowSeconds: 86400 }] : []),
  ])
  if (!limit.allowed) return refuse(`提交太频繁，请 ${Math.ceil(limit.retryAfterSeconds / 60)} 分钟后再试。`, 429)
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
  try {
    const booking = kind === 'outreach'
      ? await requestOutreach(offer, submission.value as Parameters<typeof requestOutreach>[1])
      : await requestVisit(offer, submission.value as Parameters<typeof requestVisit>[1])
    return redirect(`/school-visits/r/${booking.manageToken}?new=1`)
  } catch (error) {
    if (!(error instanceof SchoolBookingError)) throw error
    const result = error.field ? submission.reply({ fieldErrors: { [error.field]: [error.message] } }) : submission.reply({ formErrors: [error.message] })
    return json({ result }, { status: 409 })
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `学校团体预约：${data.offer.venue.name} · 科普地图` : '学校团体预约 · 科普地图' }]

const dayLabel = new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', month: 'long', day: 'numeric' })

export default function SchoolVisitPage() {
  const { offer, kind, days, csrfToken, honeypotInputs } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const schema = kind === 'outreach' ? outreachRequestSchema : visitRequestSchema
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
      <p className="meta"><Link to={`/venues/${offer.venue.slug}`}>← {offer.venue.name}</Link></p>
      <h1>学校团体预约：{offer.venue.name}</h1>
      <nav aria-label="预约方式" className="button-row">
        <Link to="?kind=visit" className={kind === 'visit' ? 'button primary' : 'button'} aria-current={kind === 'visit' ? 'page' : undefined}>到馆参观与研学</Link>
        {offer.outreachPerDay > 0 ? <Link to="?kind=outreach" className={kind === 'outreach' ? 'button primary' : 'button'} aria-current={kind === 'outreach' ? 'page' : undefined}>科技场馆进校园</Link> : null}
      </nav>
      <ul className="facts-list">
        <li>接待年级：{gradeRange(offer.grades)}</li>
        <li>{kind === 'visit' ? `每个时段最多 ${offer.maxStudentsPerSlot} 名学生；` : ''}每 {offer.studentsPerTeacher} 名学生至少 1 名带队老师</li>
        <li>请至少提前 {Math.max(offer.minNoticeDays, 1)} 天预约；提交后由场馆审核，结果在预约页面查看</li>
        {offer.notes ? <li>{offer.notes}</li> : null}
      </ul>
      <h2>{kind === 'visit' ? '研学课程' : '进校园项目'}</h2>
      {courses.length === 0 ? <p>暂无可预约的课程。</p> : (
        <ul className="course-list">
          {courses.map((c) => <li key={c.id}><strong>{c.title}</strong>（{c.durationMinutes} 分钟，{gradeRange(c.grades)}）<br />{c.description}</li>)}
        </ul>
      )}
      {courses.length ? (
        <HoneypotProvider {...honeypotInputs}>
          <Form method="post" {...getFormProps(form)} className="stack-form">
            <input type="hidden" name="csrf" value={csrfToken} />
            <input type="hidden" name="kind" value={kind} />
            <HoneypotInputs label="请勿填写此项" />
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field label="课程" meta={fields.courseId}>
              <select {...getSelectProps(fields.courseId)}>
                <option value="">请选择</option>
                {courses.map((c) => <option key={c.id} value={c.id}>{c.title}（{gradeRange(c.grades)}）</option>)}
              </select>
            </Field>
            <div className="field-row">
              <Field label="年级" meta={fields.grade}>
                <select {...getSelectProps(fields.grade)}>
                  <option value="">请选择</option>
                  {GRADES.map((g) => <option key={g.code} value={g.code}>{g.label}</option>)}
                </select>
              </Field>
              <Field label="学生人数" meta={fields.students}><input {...getInputProps(fields.students, { type: 'number' })} inputMode="numeric" /></Field>
              <Field label="带队老师人数" hint={students > 0 ? `至少 ${teachersNeeded(students, offer.studentsPerTeacher)} 名` : undefined} meta={fields.teachers}>
                <input {...getInputProps(fields.teachers, { type: 'number' })} inputMode="numeric" />
              </Field>
            </div>
            {kind === 'visit' ? (
              <fieldset className={`slot-picker${f.slot.errors ? ' has-error' : ''}`} aria-describedby={f.slot.errors ? f.slot.errorId : undefined}>
                <legend>参观日期和时段（显示剩余学生名额）</legend>
                {f.slot.errors ? <p id={f.slot.errorId} className="field-error">{f.slot.errors[0]}</p> : null}
                {days.length === 0 ? <p>近期没有开放的时段。</p> : null}
                <div className="slot-days">
                  {days.map((day) => (
                    <div key={day.date} className="slot-day">
                      <p className="slot-date">{dayLabel.format(new Date(`${day.date}T00:00:00Z`))} {WEEKDAYS[day.weekday]}</p>
                      {day.closedReason ? <p className="muted">不接待（{day.closedReason}）</p> : day.slots.map((s) => (
                        <label key={s.value} className={s.room > 0 ? 'slot' : 'slot slot-full'}>
                          <input type="radio" name={f.slot.name} value={s.value} disabled={s.room === 0} defaultChecked={f.slot.initialValue === s.value} />
                          {minuteLabel(s.start)}–{minuteLabel(s.end)} · {s.room > 0 ? `剩 ${s.room} 人` : '已约满'}
                        </label>
                      ))}
                    </div>
                  ))}
                </div>
              </fieldset>
            ) : (
              <>
                <div className="field-row">
                  <Field label="日期" meta={f.date}><input {...getInputProps(f.date, { type: 'date' })} /></Field>
                  <Field label="开始时间" meta={f.startTime}><input {...getInputProps(f.startTime, { type: 'time' })} /></Field>
                </div>
                <Field label="学校地址" meta={f.schoolAddress}><input {...getInputProps(f.schoolAddress, { type: 'text' })} autoComplete="street-address" /></Field>
                <fieldset className="location-fieldset">
                  <legend>学校位置</legend>
                  <p className="hint">在地图上点击学校的位置，或填写纬度和经度。批准后，这次进校园会显示在地图上学校的位置。</p>
                  <PointFields lat={f.lat} lng={f.lng} fallbackCenter={SHANGHAI_CENTER} label="地图选点：点击学校的位置" />
                </fieldset>
              </>
            )}
            <Field label="学校名称" meta={fields.schoolName}><input {...getInputProps(fields.schoolName, { type: 'text' })} autoComplete="organization" /></Field>
            <div className="field-row">
              <Field label="带队老师姓名" meta={fields.teacherName}><input {...getInputProps(fields.teacherName, { type: 'text' })} autoComplete="name" /></Field>
              <Field label="老师手机号" hint="用于场馆联系；列表中只显示部分号码" meta={fields.phone}><input {...getInputProps(fields.phone, { type: 'tel' })} inputMode="tel" autoComplete="tel" /></Field>
            </div>
            <Field label="其他需求" hint="例如：无障碍需求、午餐、讲解重点" meta={fields.needs}><textarea {...getTextareaProps(fields.needs)} rows={3} /></Field>
            <CheckField label="我同意场馆为本次团体预约的联系、审核与接待使用以上信息，不作他用（依据《个人信息保护法》）。" meta={fields.consent}>
              <input {...getInputProps(fields.consent, { type: 'checkbox' })} />
            </CheckField>
            <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>提交预约申请</button>
          </Form>
        </HoneypotProvider>
      ) : null}
    </article>
  )
}
