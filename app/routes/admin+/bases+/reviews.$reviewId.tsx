// 年度考核 (staff): one base's yearly report. The base (its organisation's staff) sees the figures Kepu counted for
// the venue and the year, adds what Kepu cannot know and, where it wants, its own value beside a measured one (both
// are kept and shown), scores itself against the sheet (a score suggested from each figure's band) and submits; the
// district scores with comments, returns it with notes or approves it, which locks it; reopening is the district's,
// with a reason. Its history is its audit entries.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { DataTable } from '~/components/data-table'
import { listAttachments } from '~/models/bases/attachments.server'
import { DECLARED_FIGURES, MEASURED_FIGURES, reviewStatusLabel } from '~/models/bases/labels'
import { getReview } from '~/models/bases/review.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { notFound } from '~/utils/http-errors'
import { Refusal } from '~/utils/refusal'
import { shanghaiDateKey } from '~/utils/shanghai-time'
import { useFormReply } from '~/utils/use-form-reply'
import { Attachments } from './__attachments'
import { ButtonForm } from './__button-form'
import { RecordHistory } from './__history'
import { reviewAction } from './__review-actions.server'

export const meta: MetaFunction = () => adminMeta('基地年度考核报告')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  try {
    const review = await getReview(staff, params.reviewId ?? '')
    const attachments = await listAttachments({ kind: 'review', id: review.id })
    return json({ review, attachments }, { headers: { 'Cache-Control': 'private, no-store' } })
  } catch (error) {
    if (error instanceof Refusal) throw notFound(error.message)
    throw error
  }
}

export const action = ({ request, params }: ActionFunctionArgs) => reviewAction(request, params.reviewId ?? '')

type Reply = ReturnType<typeof useFormReply>

/** What the person typed in a box of a refused form (kept), else undefined. */
function typed(reply: Reply, group: string, key: string): string | undefined {
  const initial = reply.result?.initialValue as Record<string, unknown> | undefined
  const inner = initial?.[group]
  const value = inner && typeof inner === 'object' ? (inner as Record<string, unknown>)[key] : undefined
  return typeof value === 'string' ? value : undefined
}

function fieldError(reply: Reply, name: string): string | undefined {
  return reply.result?.error?.[name]?.[0]
}

/** A box of a grouped form (`group.key`), with its message next to it and what was typed kept. */
function NumberBox({ reply, group, name, label, saved }: { reply: Reply; group: string; name: string; label: string; saved: string }) {
  const error = fieldError(reply, `${group}.${name}`)
  const id = `${group}-${name}`
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={`${group}.${name}`}
        type="text"
        inputMode="numeric"
        defaultValue={typed(reply, group, name) ?? saved}
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
}

/** The message of a grouped form that belongs to none of its boxes. */
function FormLevelError({ reply, group, names }: { reply: Reply; group: string; names: string[] }) {
  if (!reply.error || names.some((n) => fieldError(reply, `${group}.${n}`))) return null
  return (
    <p className="field-error" role="alert">
      {reply.error}
    </p>
  )
}

function TextForm({ intent, name, label, button }: { intent: string; name: string; label: string; button: string }) {
  const reply = useFormReply(intent)
  const id = `${intent}-${name}`
  const error = reply.result?.error?.[name]?.[0] ?? reply.error
  return (
    <Form method="post" className="stack-form">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <div className={`field${error ? ' has-error' : ''}`}>
        <label htmlFor={id}>{label}</label>
        <textarea
          id={id}
          name={name}
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
      <button type="submit">{button}</button>
    </Form>
  )
}

const show = (n: number | null | undefined) => (n === null || n === undefined ? '—' : String(n))

export default function AdminBaseReviewPage() {
  const { review: r, attachments } = useLoaderData<typeof loader>()
  const declareReply = useFormReply('declare')
  const selfReply = useFormReply('self-score')
  const districtReply = useFormReply('district-score')
  const measured = r.measured as Record<string, number>
  const declared = r.declared as Record<string, number>
  const editable = r.isBase && (r.status === 'OPEN' || r.status === 'RETURNED')
  const scoring = r.isReviewer && r.status === 'SUBMITTED'
  const keys = r.rows.map((c) => c.key)
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to={`/admin/bases/reviews?year=${r.year}`}>← 基地年度考核</Link>
      </p>
      <h1>
        {r.venue.name} · {r.level.name} · {r.year} 年度考核
      </h1>
      <p className="meta" data-testid="review-status">
        状态：{reviewStatusLabel[r.status]} · 截止 {shanghaiDateKey(new Date(r.deadline))}
        {r.selfTotal !== null ? ` · 自评 ${r.selfTotal} 分` : ''}
        {r.districtTotal !== null ? ` · 区评 ${r.districtTotal} 分` : ''}
        {r.result ? ` · 结果 ${r.result}` : ''} · 满分 {r.total}
      </p>
      <p className="hint">
        结果档次：优秀 ≥{r.bands.excellent}%，优良 ≥{r.bands.good}%，合格 ≥{r.bands.pass}%，低于 {r.bands.pass}% 为不合格。
        {r.status === 'APPROVED' ? '报告已审定并锁定。' : ''}
      </p>
      {r.returnNotes && r.status === 'RETURNED' ? (
        <div className="notice notice-warn" role="note">
          <p>退回意见：{r.returnNotes}</p>
        </div>
      ) : null}
      {r.districtComments ? (
        <div className="notice" role="note">
          <p>区评语：{r.districtComments}</p>
        </div>
      ) : null}

      <section className="admin-section" aria-labelledby="figures">
        <h2 id="figures">数据</h2>
        <p className="hint">
          「平台记录」由科普地图按 {r.year} 年（上海时间）该场馆的记录统计，{shanghaiDateKey(new Date(r.measuredAt))}{' '}
          统计；「基地填报」为基地自报。两者都保留，评审时都可见。
        </p>
        <DataTable headings={['项目', '平台记录（实测）', '基地填报']}>
          {MEASURED_FIGURES.map((f) => (
            <tr key={f.key} data-testid={`figure-${f.key}`}>
              <th scope="row">{f.label}</th>
              <td>
                {show(measured[f.key])} {f.unit}
              </td>
              <td>{declared[f.key] !== undefined ? `${declared[f.key]} ${f.unit}（基地更正）` : '—'}</td>
            </tr>
          ))}
          {DECLARED_FIGURES.map((f) => (
            <tr key={f.key} data-testid={`figure-${f.key}`}>
              <th scope="row">{f.label}</th>
              <td>平台无此记录</td>
              <td>{declared[f.key] !== undefined ? `${declared[f.key]} ${f.unit}` : '—'}</td>
            </tr>
          ))}
        </DataTable>
        {editable || (r.isReviewer && (r.status === 'OPEN' || r.status === 'RETURNED')) ? (
          <ButtonForm intent="refresh" label="按平台记录重新统计" />
        ) : null}
      </section>

      {editable ? (
        <section className="admin-section" aria-labelledby="declare">
          <h2 id="declare">基地填报</h2>
          <Form method="post" className="stack-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="declare" />
            <FormLevelError reply={declareReply} group="declared" names={[...DECLARED_FIGURES, ...MEASURED_FIGURES].map((f) => f.key)} />
            {DECLARED_FIGURES.map((f) => (
              <NumberBox
                key={f.key}
                reply={declareReply}
                group="declared"
                name={f.key}
                label={`${f.label}（${f.unit}）`}
                saved={declared[f.key] !== undefined ? String(declared[f.key]) : ''}
              />
            ))}
            <details open={MEASURED_FIGURES.some((f) => declared[f.key] !== undefined || fieldError(declareReply, `declared.${f.key}`))}>
              <summary>更正平台记录（可不填；填写后两个数字都会保留）</summary>
              {MEASURED_FIGURES.map((f) => (
                <NumberBox
                  key={f.key}
                  reply={declareReply}
                  group="declared"
                  name={f.key}
                  label={`${f.label}（${f.unit}，平台记录 ${show(measured[f.key])}）`}
                  saved={declared[f.key] !== undefined ? String(declared[f.key]) : ''}
                />
              ))}
            </details>
            <button type="submit">保存填报</button>
          </Form>
        </section>
      ) : null}

      <section className="admin-section" aria-labelledby="sheet">
        <h2 id="sheet">评分表</h2>
        <DataTable headings={['指标', '分值', '档次', '依据数据', '建议分', '自评', '区评']}>
          {r.rows.map((c) => (
            <tr key={c.key} data-testid={`criterion-${c.key}`}>
              <th scope="row">{c.label}</th>
              <td>{c.points}</td>
              <td>{c.bands ? c.bands.map((b) => `≥${b.atLeast}：${b.points}分`).join('；') : '评审判断'}</td>
              <td>
                {c.figure ? (
                  <>
                    实测 {show(c.measured)}
                    {c.declared !== null ? `，填报 ${c.declared}` : ''}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td>{show(c.suggested)}</td>
              <td>{show(c.self)}</td>
              <td>{show(c.district)}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      {editable ? (
        <section className="admin-section" aria-labelledby="self-score">
          <h2 id="self-score">自评</h2>
          <Form method="post" className="stack-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="self-score" />
            <FormLevelError reply={selfReply} group="self" names={keys} />
            {r.rows.map((c) => (
              <NumberBox
                key={c.key}
                reply={selfReply}
                group="self"
                name={c.key}
                label={`${c.label}（0–${c.points} 分${c.suggested !== null ? `，建议 ${c.suggested}` : ''}）`}
                saved={c.self !== null ? String(c.self) : c.suggested !== null ? String(c.suggested) : ''}
              />
            ))}
            <button type="submit">保存自评</button>
          </Form>
          <ButtonForm intent="submit" label="提交报告" primary />
        </section>
      ) : null}

      {scoring ? (
        <section className="admin-section" aria-labelledby="district-score">
          <h2 id="district-score">区评分</h2>
          <Form method="post" className="stack-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="district-score" />
            <FormLevelError reply={districtReply} group="district" names={keys} />
            {r.rows.map((c) => (
              <NumberBox
                key={c.key}
                reply={districtReply}
                group="district"
                name={c.key}
                label={`${c.label}（0–${c.points} 分，自评 ${show(c.self)}）`}
                saved={c.district !== null ? String(c.district) : ''}
              />
            ))}
            <div className="field">
              <label htmlFor="district-comments">评语（基地可见）</label>
              <textarea id="district-comments" name="comments" rows={3} defaultValue={r.districtComments ?? ''} />
            </div>
            <button type="submit">保存区评分</button>
          </Form>
          {r.districtTotal !== null ? <ButtonForm intent="approve" label="审定并锁定" primary /> : <p className="hint">评分后可审定。</p>}
          <TextForm intent="return" name="notes" label="退回意见（基地可见）" button="退回修改" />
        </section>
      ) : null}

      {r.isReviewer && r.status === 'APPROVED' ? (
        <section className="admin-section" aria-labelledby="reopen">
          <h2 id="reopen">重新打开</h2>
          <TextForm intent="reopen" name="reason" label="重新打开的理由（记入历史）" button="重新打开" />
        </section>
      ) : null}

      <Attachments
        id="evidence"
        title="证明材料"
        items={attachments}
        editable={editable}
        lockedNote={r.isBase ? '报告提交后证明材料锁定；退回修改时可再添加或删除。' : '证明材料由基地上传。'}
      />
      <RecordHistory id="review-history" entries={r.history} />
    </article>
  )
}
