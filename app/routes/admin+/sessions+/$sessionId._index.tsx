import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { CheckField, Field, FormErrors, QuestionField, type AnyFieldMeta } from '~/components/form-field'
import {
  addRegistrationByStaff,
  cancelRegistrationByStaff,
  requireSessionForStaff,
  listRegistrations,
  promoteByStaff,
  sessionFigures,
} from '~/models/registration-admin.server'
import { RevealPhone } from '~/routes/admin+/__reveal-phone'
import { Figures } from '~/routes/admin+/sessions+/__session-figures'
import { cancelReasonLabel, registrationStatusLabel } from '~/utils/admin-labels'
import { adminMeta } from '~/utils/admin-meta'
import { requireValidCsrf } from '~/utils/form-security.server'
import { formatSessionTime } from '~/utils/format'
import { Refusal } from '~/utils/refusal'
import { registrationSchema } from '~/utils/registration-schema'

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(`报名名单：${data?.session.event.title ?? ''}`)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await requireSessionForStaff(request, params.sessionId)
  const [registrations, figures] = await Promise.all([listRegistrations(session.id), sessionFigures(session.id)])
  return json({ session, registrations, figures }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, session } = await requireSessionForStaff(request, params.sessionId)
  const formData = await request.formData()
  await requireValidCsrf(request, formData)
  const intent = String(formData.get('intent') ?? '')
  const registrationId = String(formData.get('registrationId') ?? '')
  try {
    if (intent === 'add') {
      const submission = parseWithZod(formData, {
        schema: registrationSchema({ maxPartySize: session.event.maxPartySize, questions: session.event.questions }),
      })
      if (submission.status !== 'success') return json({ result: submission.reply(), message: null, error: null }, { status: 400 })
      try {
        const added = await addRegistrationByStaff(staff, session.id, submission.value)
        const message =
          added.status === 'CONFIRMED'
            ? `已为 ${submission.value.name} 报名，报名码 ${added.code}。`
            : `名额已满，${submission.value.name} 已进入候补（第 ${added.waitlistPosition} 位），报名码 ${added.code}。`
        return json({ result: submission.reply({ resetForm: true }), message, error: null })
      } catch (error) {
        if (!(error instanceof Refusal)) throw error
        const result = submission.reply(error.replyErrors())
        return json({ result, message: null, error: null }, { status: 409 })
      }
    }
    if (intent === 'cancel') {
      const { promoted } = await cancelRegistrationByStaff(staff, registrationId)
      return json({ result: undefined, message: `报名已取消${promoted ? `，候补递补 ${promoted} 份` : ''}。`, error: null })
    }
    if (intent === 'promote') {
      await promoteByStaff(staff, registrationId)
      return json({ result: undefined, message: '已从候补转为确认。', error: null })
    }
    return json({ result: undefined, message: null, error: '未知操作。' }, { status: 400 })
  } catch (error) {
    if (error instanceof Refusal) return json({ result: undefined, message: null, error: error.message }, { status: 409 })
    throw error
  }
}

export default function SessionRegistrationsPage() {
  const { session, registrations, figures } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as
    { result?: SubmissionResult<string[]>; message: string | null; error: string | null } | undefined
  const schema = registrationSchema({ maxPartySize: session.event.maxPartySize, questions: session.event.questions })
  const [form, fields] = useForm({
    id: 'add-registration',
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    defaultValue: { adults: '1', children: '0' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  const answers = fields.answers.getFieldset() as Record<string, AnyFieldMeta>
  const active = registrations.filter((r) => r.status !== 'CANCELLED')
  const cancelled = registrations.filter((r) => r.status === 'CANCELLED')
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to={`/admin/events/${session.event.id}`}>← {session.event.title}</Link>
      </p>
      <h1>报名名单</h1>
      <p className="lead">
        {session.event.title} · <time dateTime={session.startsAt}>{formatSessionTime(session.startsAt, session.endsAt)}</time>
        {session.status === 'CANCELLED' ? '（已取消）' : ''}
      </p>
      <Figures figures={figures} />
      <div className="button-row">
        <Link to={`/admin/sessions/${session.id}/check-in`} className="button primary" reloadDocument>
          签到
        </Link>
        <a href={`/admin/sessions/${session.id}/export.csv`} className="button" download>
          导出 CSV（号码隐去中间四位）
        </a>
        {/* A plain form: the browser downloads the file and stays on the page. */}
        <form method="post" action={`/admin/sessions/${session.id}/export.csv`} className="inline-form">
          <CsrfInput />
          <label>
            用途 <input name="purpose" required maxLength={40} defaultValue="活动通知" />
          </label>{' '}
          <button type="submit">导出 CSV（完整号码，记入审计）</button>
        </form>
      </div>
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

      <table className="data-table">
        <caption>有效报名（{active.length} 份）</caption>
        <thead>
          <tr>
            <th scope="col">报名码</th>
            <th scope="col">姓名</th>
            <th scope="col">手机号</th>
            <th scope="col">人数</th>
            <th scope="col">状态</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {active.map((r) => (
            <tr key={r.id}>
              <td>
                <code>{r.code}</code>
              </td>
              <td>
                {r.name}
                {r.source === 'STAFF' ? <span className="badge">代报</span> : null}
              </td>
              <td>
                <RevealPhone recordId={r.id} masked={r.phoneMasked} purpose="联系报名人" />
              </td>
              <td>
                {r.adults} 成人 {r.children} 儿童
              </td>
              <td>
                {registrationStatusLabel[r.status]}
                {r.status === 'WAITLISTED' && r.waitlistSeq ? `（序号 ${r.waitlistSeq}）` : ''}
              </td>
              <td>
                {r.status === 'CONFIRMED' || r.status === 'WAITLISTED' ? (
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="registrationId" value={r.id} />
                    {r.status === 'WAITLISTED' ? (
                      <button type="submit" name="intent" value="promote">
                        转为确认
                      </button>
                    ) : null}
                    <button type="submit" name="intent" value="cancel" className="danger" aria-label={`取消 ${r.name} 的报名`}>
                      取消
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {cancelled.length ? (
        <details>
          <summary>已取消的报名（{cancelled.length} 份）</summary>
          <ul>
            {cancelled.map((r) => (
              <li key={r.id}>
                {r.name}（{r.phoneMasked}），{r.partySize} 人，{r.cancelReason ? cancelReasonLabel[r.cancelReason] : '已取消'}
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      {session.status === 'SCHEDULED' ? (
        <section aria-labelledby="add-heading" className="admin-section">
          <h2 id="add-heading">代为报名（电话报名、现场登记）</h2>
          <Form method="post" {...getFormProps(form)} className="stack-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="add" />
            <FormErrors id={form.errorId} errors={form.errors} />
            <div className="field-row">
              <Field label="姓名" meta={fields.name}>
                <input {...getInputProps(fields.name, { type: 'text' })} />
              </Field>
              <Field label="手机号" meta={fields.phone}>
                <input {...getInputProps(fields.phone, { type: 'tel' })} inputMode="tel" />
              </Field>
            </div>
            <div className="field-row">
              <Field label="成人人数" meta={fields.adults}>
                <input {...getInputProps(fields.adults, { type: 'number' })} inputMode="numeric" />
              </Field>
              <Field label="儿童人数" meta={fields.children}>
                <input {...getInputProps(fields.children, { type: 'number' })} inputMode="numeric" />
              </Field>
            </div>
            {session.event.questions.map((q) => (
              <QuestionField key={q.key} question={q} meta={answers[q.key]} />
            ))}
            <CheckField label="已告知本人：姓名和手机号只用于本次活动的报名、通知与签到，本人同意" meta={fields.consent}>
              <input {...getInputProps(fields.consent, { type: 'checkbox' })} />
            </CheckField>
            <button type="submit">代为报名</button>
          </Form>
        </section>
      ) : null}
    </article>
  )
}
