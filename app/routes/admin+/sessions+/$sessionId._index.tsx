import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ActionNotices } from '~/components/action-notices'
import { CsrfInput } from '~/components/csrf-input'
import { DataTable } from '~/components/data-table'
import { RowActions } from '~/components/intent-form'
import {
  addRegistrationByStaff,
  cancelRegistrationByStaff,
  checkInRegistration,
  checkInWindow,
  requireSessionForStaff,
  listRegistrations,
  promoteByStaff,
  sessionFigures,
} from '~/models/registration/admin.server'
import { answerText, registrationRules, type RegistrationQuestion } from '~/models/registration/schema'
import { RevealPhone } from '~/routes/admin+/__reveal-phone'
import { AddRegistrationForm } from '~/routes/admin+/sessions+/__add-registration-form'
import { CheckInWindowNote } from '~/routes/admin+/sessions+/__check-in-window'
import { Figures } from '~/routes/admin+/sessions+/__session-figures'
import { adminMeta } from '~/utils/admin-meta'
import { handleForm } from '~/utils/form.server'
import { formatSessionTime } from '~/utils/format'
import { cancelReasonLabel, registrationStatusLabel } from '~/utils/labels'
import { publicOrigin } from '~/utils/links.server'
import { Refusal } from '~/utils/refusal'
import { useFormReply } from '~/utils/use-form-reply'

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(`报名名单：${data?.session.event.title ?? ''}`)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await requireSessionForStaff(request, params.sessionId)
  const [registrations, figures] = await Promise.all([listRegistrations(session.id), sessionFigures(session.id)])
  return json({ session, registrations, figures, checkIn: checkInWindow(session) }, { headers: { 'Cache-Control': 'private, no-store' } })
}

/** The page's forms: add someone by hand (the public form's rules), cancel, move from the waitlist, or check in a row. */
function sessionPageSchema(event: { maxPartySize: number; questions: RegistrationQuestion[] }) {
  const { fields, checkParty, prepare } = registrationRules(event)
  const union = z
    .discriminatedUnion('intent', [
      fields.extend({ intent: z.literal('add') }),
      z.object({ intent: z.enum(['cancel', 'promote', 'check-in']), registrationId: z.string() }),
    ])
    .superRefine((value, ctx) => {
      if (value.intent === 'add') checkParty(value, ctx)
    })
  // Typed as the union: the preprocessing only cuts per-child answers to the children typed.
  return z.preprocess(prepare, union) as unknown as typeof union
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleForm(request, {
    // The guard first here: the form is the activity's own (its questions, its party size).
    access: { staff: (request) => requireSessionForStaff(request, params.sessionId) },
    schema: (_t, { session }) => sessionPageSchema(session.event),
    async submit(value, { actor: { staff, session } }) {
      switch (value.intent) {
        case 'add': {
          const added = await addRegistrationByStaff(staff, session.id, value, undefined, publicOrigin())
          const message =
            added.status === 'CONFIRMED'
              ? `已为 ${value.name} 报名，报名码 ${added.code}。`
              : `名额已满，${value.name} 已进入候补（第 ${added.waitlistPosition} 位），报名码 ${added.code}。`
          return { message, resetForm: true }
        }
        case 'cancel': {
          const { promoted } = await cancelRegistrationByStaff(staff, value.registrationId, undefined, publicOrigin())
          return { message: `报名已取消${promoted ? `，候补递补 ${promoted} 份` : ''}。` }
        }
        case 'promote':
          await promoteByStaff(staff, value.registrationId, { origin: publicOrigin() })
          return { message: '已从候补转为确认。' }
        case 'check-in': {
          // The check-in page's rules (window, status, once only); a refusal is said above the list.
          const outcome = await checkInRegistration(staff, session.id, value.registrationId)
          if (!outcome.ok) throw new Refusal(outcome.message)
          return { message: `签到成功：${outcome.name}，${outcome.partySize} 人${outcome.stamped ? '（已盖科普护照章）' : ''}。` }
        }
      }
    },
  })
}

export default function SessionRegistrationsPage() {
  const { session, registrations, figures, checkIn } = useLoaderData<typeof loader>()
  const { reply, message } = useFormReply()
  // Adding: a refusal stands next to its field in the form; the list's buttons: above the list.
  const added = useFormReply('add')
  const error = reply && reply.form !== 'add' ? reply.error : null
  const active = registrations.filter((r) => r.status !== 'CANCELLED')
  const cancelled = registrations.filter((r) => r.status === 'CANCELLED')
  const questions = session.event.questions
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
      <CheckInWindowNote window={checkIn} />
      <div className="button-row">
        <Link
          to={`/admin/sessions/${session.id}/check-in`}
          className={checkIn.state === 'open' ? 'button primary' : 'button'}
          reloadDocument
        >
          签到
        </Link>
        <Link to={`/admin/sessions/${session.id}/sign-in-sheet`} className="button">
          打印签到表
        </Link>
        <a href={`/admin/sessions/${session.id}/export.csv`} className="button" download>
          导出 CSV（号码隐去中间四位）
        </a>
        <a href={`/admin/sessions/${session.id}/export.xlsx`} className="button" download>
          导出 Excel（号码隐去中间四位）
        </a>
        {/* A plain form: the browser downloads the file and stays on the page; the second button asks for .xlsx. */}
        <form method="post" action={`/admin/sessions/${session.id}/export.csv`} className="inline-form">
          <CsrfInput />
          <label>
            用途 <input name="purpose" required maxLength={40} defaultValue="活动通知" />
          </label>{' '}
          <button type="submit">导出 CSV（完整号码，记入审计）</button>{' '}
          <button type="submit" formAction={`/admin/sessions/${session.id}/export.xlsx`}>
            导出 Excel（完整号码，记入审计）
          </button>
        </form>
      </div>
      <ActionNotices message={message} error={error} />

      <DataTable
        caption={<>有效报名（{active.length} 份）</>}
        headings={['报名码', '姓名', '手机号', '人数', ...(questions.length ? ['报名问题'] : []), '状态', '操作']}
      >
        {active.map((r) => (
          <tr key={r.id}>
            <td>
              <code>{r.code}</code> <Link to={`/admin/messages/of/Registration/${r.id}`}>消息</Link>
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
            {questions.length ? (
              <td>
                <Answers questions={questions} answers={r.answers} />
              </td>
            ) : null}
            <td>
              {registrationStatusLabel[r.status]}
              {r.waitlistPosition ? `（第 ${r.waitlistPosition} 位）` : ''}
            </td>
            <td>
              {r.status === 'CONFIRMED' || r.status === 'WAITLISTED' ? (
                <RowActions ids={{ registrationId: r.id }}>
                  {r.status === 'CONFIRMED' && checkIn.state === 'open' ? (
                    <button type="submit" name="intent" value="check-in" className="primary" aria-label={`为 ${r.name} 签到`}>
                      签到
                    </button>
                  ) : null}
                  {r.status === 'WAITLISTED' ? (
                    <button type="submit" name="intent" value="promote">
                      转为确认
                    </button>
                  ) : null}
                  <button type="submit" name="intent" value="cancel" className="danger" aria-label={`取消 ${r.name} 的报名`}>
                    取消
                  </button>
                </RowActions>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
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

      {session.status === 'SCHEDULED' ? <AddRegistrationForm event={session.event} lastResult={added.result} /> : null}
    </article>
  )
}

/** A row's answers to the activity's questions, one line each; a per-child question's answers in the children's order. */
function Answers({ questions, answers }: { questions: RegistrationQuestion[]; answers: unknown }) {
  const given = answers && typeof answers === 'object' ? (answers as Record<string, unknown>) : {}
  const lines = questions.map((q) => ({ key: q.key, label: q.label, text: answerText(given[q.key], '、') })).filter((line) => line.text)
  if (!lines.length) return null
  return (
    <ul className="plain-list">
      {lines.map((line) => (
        <li key={line.key}>
          {line.label}：{line.text}
        </li>
      ))}
    </ul>
  )
}
