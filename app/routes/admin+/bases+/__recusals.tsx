// 回避申请 on an application page: the list of requests with their decisions; the applicant's form naming a reviewer
// of the district with a reason; a decision form (grant or decline, with a note) for each open request, shown to the
// district's reviewers other than the one it names.
import { getFormProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { Field, FormErrors } from '~/components/form-field'
import { recusalDecisionSchema, recusalRequestSchema } from '~/models/bases/admin-schema'
import { shanghaiDateKey } from '~/utils/shanghai-time'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'
import type { BaseRecusalStatus } from '@prisma/client'

type Recusal = {
  id: string
  reviewerId: string
  reason: string
  status: BaseRecusalStatus
  decisionNote: string | null
  createdAt: string | Date
  decidedAt: string | Date | null
  reviewer: { name: string }
  requestedBy: { name: string } | null
  decidedBy: { name: string } | null
}

const statusLabel: Record<BaseRecusalStatus, string> = { REQUESTED: '待决定', GRANTED: '已批准回避', DECLINED: '已驳回' }

function RequestForm({ reviewers }: { reviewers: Array<{ id: string; name: string }> }) {
  const reply = useFormReply('recuse')
  const [form, fields] = useZodForm(recusalRequestSchema, { id: 'recuse', lastResult: reply.result })
  return (
    <Form method="post" {...getFormProps(form)} className="stack-form">
      <CsrfInput />
      <input type="hidden" name="intent" value="recuse" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label="要求回避的评审人员" meta={fields.reviewerId}>
        <select {...getSelectProps(fields.reviewerId)}>
          <option value="">请选择</option>
          {reviewers.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="回避理由" hint="例如与本单位有亲属、任职或利益关系；4 到 500 字，区里的评审人员可见" meta={fields.reason}>
        <textarea {...getTextareaProps(fields.reason)} rows={3} />
      </Field>
      <button type="submit">提交回避申请</button>
    </Form>
  )
}

function DecisionForm({ recusal }: { recusal: Recusal }) {
  const reply = useFormReply('recusal-decide')
  // Several open requests: the reply belongs to the form of the request it answered.
  const mine = (reply.result?.initialValue as { recusalId?: string } | undefined)?.recusalId === recusal.id
  const [form, fields] = useZodForm(recusalDecisionSchema, {
    id: `recusal-${recusal.id}`,
    lastResult: mine ? reply.result : undefined,
    defaultValue: { recusalId: recusal.id },
  })
  return (
    <Form method="post" {...getFormProps(form)} className="stack-form">
      <CsrfInput />
      <input type="hidden" name="intent" value="recusal-decide" />
      <input type="hidden" name="recusalId" value={recusal.id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={`对请「${recusal.reviewer.name}」回避的决定说明`} hint="申报单位可见，2 到 500 字" meta={fields.note}>
        <textarea {...getTextareaProps(fields.note)} rows={2} />
      </Field>
      <div className="inline-form">
        <button type="submit" name="decision" value="grant" className="primary">
          批准回避
        </button>
        <button type="submit" name="decision" value="decline">
          驳回
        </button>
      </div>
    </Form>
  )
}

export function Recusals({
  recusals,
  reviewers,
  mayRequest,
  mayDecide,
  staffId,
  recused,
}: {
  recusals: Recusal[]
  reviewers: Array<{ id: string; name: string }>
  mayRequest: boolean
  mayDecide: boolean
  staffId: string
  recused: boolean
}) {
  if (!recusals.length && !mayRequest && !recused) return null
  return (
    <section className="admin-section" aria-labelledby="recusals" data-testid="recusals">
      <h2 id="recusals">回避申请</h2>
      {recused ? (
        <div className="notice notice-warn" role="note">
          <p>按已批准的回避申请，您须回避这份申报：不能评审，也不能查看它的评分。</p>
        </div>
      ) : null}
      {recusals.length ? (
        <ul className="plain-list">
          {recusals.map((r) => (
            <li key={r.id}>
              <p>
                <strong>请「{r.reviewer.name}」回避</strong> · {statusLabel[r.status]} · {shanghaiDateKey(new Date(r.createdAt))}
                {r.requestedBy ? ` ${r.requestedBy.name} 提出` : ''}
              </p>
              <p className="prewrap">理由：{r.reason}</p>
              {r.decisionNote ? (
                <p className="prewrap">
                  {r.decidedBy?.name ?? '区里'}的说明：{r.decisionNote}
                </p>
              ) : null}
              {r.status === 'REQUESTED' && mayDecide ? (
                r.reviewerId === staffId ? (
                  <p className="hint">这份回避申请涉及您本人，须由本区的其他评审人员决定。</p>
                ) : (
                  <DecisionForm recusal={r} />
                )
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {mayRequest ? (
        reviewers.length ? (
          <RequestForm reviewers={reviewers} />
        ) : (
          <p className="hint">本区的评审人员都已在回避申请中，没有可再选的人员。</p>
        )
      ) : null}
    </section>
  )
}
