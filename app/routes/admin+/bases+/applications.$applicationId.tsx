// 基地申报 (staff): one application. The applicant organisation edits and submits a draft or a returned one; the
// district reviewers take it up, return it with notes, score it against the level's criteria, approve it (which
// writes the designation) or decline it. The applicant may ask that a named reviewer step aside (回避申请), which
// another reviewer of the district grants or declines. Its history is its audit entries.
import { getFormProps, getInputProps, getSelectProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { Field, FormErrors } from '~/components/form-field'
import { applicationSchema, approvalSchema } from '~/models/bases/admin-schema'
import { getApplication } from '~/models/bases/application.server'
import { listAttachments } from '~/models/bases/attachments.server'
import { listLevels } from '~/models/bases/designation.server'
import { applicationStatusLabel } from '~/models/bases/labels'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { notFound } from '~/utils/http-errors'
import { Refusal } from '~/utils/refusal'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'
import { applicationAction } from './__application-actions.server'
import { ApplicationFields } from './__application-fields'
import { Attachments } from './__attachments'
import { ButtonForm } from './__button-form'
import { RecordHistory } from './__history'
import { Recusals } from './__recusals'

export const meta: MetaFunction = () => adminMeta('基地申报')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  let application
  try {
    application = await getApplication(staff, params.applicationId ?? '')
  } catch (error) {
    if (error instanceof Refusal) throw notFound(error.message)
    throw error
  }
  const [levels, attachments] = await Promise.all([listLevels(), listAttachments({ kind: 'application', id: application.id })])
  return json(
    {
      application,
      attachments,
      levels: levels.map(({ key, name }) => ({ key, name })),
      year: new Date().getFullYear(),
      staffId: staff.id,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

export const action = ({ request, params }: ActionFunctionArgs) => applicationAction(request, params.applicationId ?? '')

const text = (n: number | null) => (n === null ? '' : String(n))

function NotesForm({ intent, label }: { intent: 'return' | 'decline'; label: string }) {
  const reply = useFormReply(intent)
  const id = `notes-${intent}`
  const error = reply.result?.error?.notes?.[0] ?? reply.error
  return (
    <Form method="post" className="stack-form">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <div className={`field${error ? ' has-error' : ''}`}>
        <label htmlFor={id}>{intent === 'return' ? '退回意见（申报单位可见）' : '未通过的理由（申报单位可见）'}</label>
        <textarea
          id={id}
          name="notes"
          rows={3}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error ? (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit">{label}</button>
    </Form>
  )
}

export default function AdminBaseApplicationPage() {
  const { application: a, attachments, levels, year, staffId } = useLoaderData<typeof loader>()
  const editReply = useFormReply('edit')
  const [editForm, editFields] = useZodForm(applicationSchema, {
    id: `application-${a.id}`,
    lastResult: editReply.result,
    defaultValue: {
      venueId: a.venueId,
      levelKey: a.levelKey,
      summary: a.summary,
      openDaysPerYear: text(a.openDaysPerYear),
      areaSqm: text(a.areaSqm),
      staffCount: text(a.staffCount),
      contactName: a.contactName ?? '',
    },
  })
  const scoreReply = useFormReply('score')
  const scored = (a.scores ?? {}) as Record<string, number>
  const approveReply = useFormReply('approve')
  const [approveForm, approveFields] = useZodForm(approvalSchema, {
    id: 'approve',
    lastResult: approveReply.result,
    defaultValue: { year: String(year), validFrom: `${year}-01-01` },
  })
  const editable = a.isApplicant && (a.status === 'DRAFT' || a.status === 'RETURNED')
  const reviewing = a.isReviewer && a.status === 'UNDER_REVIEW'
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/bases/applications">← 基地申报</Link>
      </p>
      <h1>
        {a.venue.name} · 申报{a.level.name}
      </h1>
      <p className="meta" data-testid="application-status">
        状态：{applicationStatusLabel[a.status]}
        {a.applicant ? ` · 申报人 ${a.applicant.name}` : ''}
        {a.reviewer ? ` · 评审 ${a.reviewer.name}` : ''}
        {a.totalScore !== null ? ` · 评分 ${a.totalScore} 分` : ''}
      </p>
      {a.reviewNotes && (a.status === 'RETURNED' || a.status === 'DECLINED') ? (
        <div className="notice notice-warn" role="note">
          <p>评审意见：{a.reviewNotes}</p>
        </div>
      ) : null}
      {a.status === 'APPROVED' ? (
        <p>
          已认定。<Link to={`/venues/${a.venue.slug}`}>查看场馆公开页</Link>
        </p>
      ) : null}
      {editable ? (
        <section className="admin-section" aria-labelledby="edit-application">
          <h2 id="edit-application">填写申报</h2>
          <Form method="post" {...getFormProps(editForm)} className="stack-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="edit" />
            <input type="hidden" name="venueId" value={a.venueId} />
            <FormErrors id={editForm.errorId} errors={editForm.errors} />
            <Field label="申报级别" meta={editFields.levelKey}>
              <select {...getSelectProps(editFields.levelKey)}>
                {levels.map((l) => (
                  <option key={l.key} value={l.key}>
                    {l.name}
                  </option>
                ))}
              </select>
            </Field>
            <ApplicationFields fields={editFields} />
            <button type="submit">保存</button>
          </Form>
          <ButtonForm intent="submit" label="提交申报" primary />
        </section>
      ) : (
        <section className="admin-section" aria-labelledby="application-content">
          <h2 id="application-content">申报内容</h2>
          <dl className="facts">
            <dt>基本情况</dt>
            <dd className="prewrap">{a.summary}</dd>
            <dt>年开放天数</dt>
            <dd>{a.openDaysPerYear ?? '—'}</dd>
            <dt>场地面积（平方米）</dt>
            <dd>{a.areaSqm ?? '—'}</dd>
            <dt>专兼职人员数</dt>
            <dd>{a.staffCount ?? '—'}</dd>
            <dt>联系人</dt>
            <dd>{a.contactName ?? '—'}</dd>
          </dl>
        </section>
      )}
      <Attachments
        id="application-attachments"
        title="申报附件"
        items={attachments}
        editable={editable}
        lockedNote={a.isApplicant ? '申报提交后附件锁定；退回修改时可再添加或删除。' : '附件由申报单位上传。'}
      />
      {a.isReviewer && a.status === 'SUBMITTED' ? (
        <section className="admin-section" aria-labelledby="review-start">
          <h2 id="review-start">评审</h2>
          <ButtonForm intent="start" label="开始评审" primary />
        </section>
      ) : null}
      {reviewing ? (
        <section className="admin-section" aria-labelledby="review-score">
          <h2 id="review-score">按标准评分</h2>
          <Form method="post" className="stack-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="score" />
            {scoreReply.error && !a.criteria.some((c) => scoreReply.result?.error?.[`scores.${c.key}`]) ? (
              <p className="field-error" role="alert">
                {scoreReply.error}
              </p>
            ) : null}
            {a.criteria.map((c) => {
              const error = scoreReply.result?.error?.[`scores.${c.key}`]?.[0]
              const id = `score-${c.key}`
              return (
                <div key={c.key} className={`field${error ? ' has-error' : ''}`}>
                  <label htmlFor={id}>
                    {c.label}（0–{c.points} 分）
                  </label>
                  <input
                    id={id}
                    name={`scores.${c.key}`}
                    type="text"
                    inputMode="numeric"
                    defaultValue={scored[c.key] !== undefined ? String(scored[c.key]) : ''}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                  />
                  {error ? (
                    <p id={`${id}-error`} className="field-error">
                      {error}
                    </p>
                  ) : null}
                </div>
              )
            })}
            <button type="submit">保存评分</button>
          </Form>
        </section>
      ) : null}
      {reviewing ? (
        <section className="admin-section" aria-labelledby="review-approve">
          <h2 id="review-approve">通过并认定</h2>
          <Form method="post" {...getFormProps(approveForm)} className="stack-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="approve" />
            <FormErrors id={approveForm.errorId} errors={approveForm.errors} />
            <Field label="认定年份" meta={approveFields.year}>
              <input {...getInputProps(approveFields.year, { type: 'text' })} inputMode="numeric" />
            </Field>
            <Field label="批次" hint="例如：2026年第一批（可不填）" meta={approveFields.batch}>
              <input {...getInputProps(approveFields.batch, { type: 'text' })} />
            </Field>
            <Field label="有效期起" meta={approveFields.validFrom}>
              <input {...getInputProps(approveFields.validFrom, { type: 'date' })} />
            </Field>
            <Field label="有效期止" hint="含当天；长期有效可不填" meta={approveFields.validUntil}>
              <input {...getInputProps(approveFields.validUntil, { type: 'date' })} />
            </Field>
            <button type="submit" className="primary">
              通过并认定
            </button>
          </Form>
        </section>
      ) : null}
      {a.isReviewer && (a.status === 'SUBMITTED' || a.status === 'UNDER_REVIEW') ? (
        <section className="admin-section" aria-labelledby="review-other">
          <h2 id="review-other">退回或不予通过</h2>
          <NotesForm intent="return" label="退回修改" />
          <NotesForm intent="decline" label="不予通过" />
        </section>
      ) : null}
      <Recusals
        recusals={a.recusals}
        reviewers={a.recusable}
        mayRequest={a.isApplicant && a.status !== 'APPROVED' && a.status !== 'DECLINED'}
        mayDecide={a.isReviewer && a.status !== 'APPROVED' && a.status !== 'DECLINED'}
        staffId={staffId}
        recused={a.recused}
      />
      <RecordHistory id="application-history" entries={a.history} />
    </article>
  )
}
