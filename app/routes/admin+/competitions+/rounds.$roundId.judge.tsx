// A judge's scoring page (blind): the teams assigned to them by number and category only, the entry judged (the
// last version before the team's deadline), one box per criterion (empty: unscored, never 0), and a conflict
// declaration that recuses them. Only their own scores are read: the model takes the judge from the session.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ActionNotices } from '~/components/action-notices'
import { CsrfInput } from '~/components/csrf-input'
import { declareConflict, judgeSheet, saveScores } from '~/models/competitions/judging.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { formatDayTime } from '~/utils/format'
import { useFormReply } from '~/utils/use-form-reply'

export const meta: MetaFunction = () => adminMeta('评分')

export async function loader({ params, request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  return json(await judgeSheet(staff, params.roundId ?? ''), { headers: { 'Cache-Control': 'private, no-store' } })
}

// Conform turns a box's text into a number in objects and arrays but not in a record's values: done here. An empty
// box is unscored (undefined), never 0; anything but a plain number is refused.
const score = z.preprocess(
  (value) =>
    typeof value !== 'string'
      ? value
      : value.trim() === ''
        ? undefined
        : /^\s*[+-]?\d+(\.\d+)?\s*$/.test(value)
          ? Number(value)
          : Number.NaN,
  z.number({ invalid_type_error: '请填写整数分' }).int('请填写整数分').optional(),
)
const pageSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('score'),
    teamId: z.string(),
    score: z.record(z.string(), score).default({}),
    criteria: z.array(z.string()).default([]),
  }),
  z.object({ intent: z.literal('conflict'), teamId: z.string(), reason: z.string({ required_error: '请说明回避原因' }).max(200) }),
])

export async function action({ params, request }: ActionFunctionArgs) {
  const roundId = params.roundId ?? ''
  return handleForm(request, {
    schema: () => pageSchema,
    access: { staff: requireStaff },
    async submit(value, { actor: staff, done }) {
      if (value.intent === 'conflict') {
        await declareConflict(staff, roundId, value.teamId, value.reason)
        return done('已申报回避，这支队伍不再由你评分。')
      }
      // Every criterion on the sheet is sent; an empty box is "unscored".
      const values = Object.fromEntries(value.criteria.map((id) => [id, value.score[id] ?? null]))
      const { scored, of } = await saveScores(staff, roundId, value.teamId, values)
      return done(scored === of ? '已保存：这支队伍已评完。' : `已保存：已评 ${scored} 项，共 ${of} 项（空着的为未评）。`)
    },
  })
}

export default function JudgePage() {
  const { round, lead, criteria, teams } = useLoaderData<typeof loader>()
  const { error, reply } = useFormReply()
  const open = round.status === 'OPEN'
  return (
    <article className="admin-page">
      <p>
        <Link to="/admin/competitions">大赛</Link>
        {lead ? (
          <>
            {' · '}
            <Link to={`/admin/competitions/rounds/${round.id}/progress`}>评审进度</Link>
          </>
        ) : null}
      </p>
      <h1>
        {round.competitionTitle} · {round.name}：评分
      </h1>
      <p className="hint">
        你只看到自己的评分；评审结束前任何人（包括评审组长）都看不到其他评委的分数。空着的格子是“未评”，不会当作 0
        分。作品只显示编号，不显示学校与姓名。
      </p>
      {!open ? <p className="notice">这一轮评审已结束，分数已锁定。</p> : null}
      <ActionNotices error={error} />
      {teams.map((team) => {
        const done = criteria.every((c) => team.scores[c.id] !== null)
        return (
          <section key={team.id} className="admin-section" aria-labelledby={`team-${team.id}`}>
            <h2 id={`team-${team.id}`}>
              {team.code} · {team.category}
              {team.recused ? '（已回避）' : done ? '（已评完）' : ''}
            </h2>
            {team.entry ? (
              <p>
                作品第 {team.entry.version} 版（{formatDayTime(team.entry.submittedAt)}）：{' '}
                {team.entry.kind === 'FILE' ? (
                  // A download named by team number and version: the sent file name may carry the team's names.
                  <a href={`/competitions/entries/${team.entry.id}/file`}>下载作品文件</a>
                ) : (
                  <a href={team.entry.url} rel="noopener noreferrer nofollow" target="_blank" className="break-anywhere">
                    {team.entry.url}
                  </a>
                )}
                {team.entry.note ? <span className="hint"> {team.entry.note}</span> : null}
              </p>
            ) : (
              <p>截止前没有提交作品。</p>
            )}
            {team.recused ? (
              <p>回避原因：{team.conflictReason}</p>
            ) : (
              <>
                <Form method="post" className="stack-form score-sheet">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="score" />
                  <input type="hidden" name="teamId" value={team.id} />
                  <fieldset disabled={!open}>
                    <legend>评分</legend>
                    {criteria.map((c) => (
                      <div className="field" key={c.id}>
                        <input type="hidden" name="criteria" value={c.id} />
                        <label htmlFor={`s-${team.id}-${c.id}`}>
                          {c.name}（0–{c.maxScore} 分，权重 {c.weight}%）
                        </label>
                        <input
                          id={`s-${team.id}-${c.id}`}
                          name={`score.${c.id}`}
                          type="number"
                          inputMode="numeric"
                          min={0}
                          max={c.maxScore}
                          step={1}
                          defaultValue={team.scores[c.id] ?? ''}
                          placeholder="未评"
                          aria-invalid={reply?.result?.error?.[`score.${c.id}`] ? true : undefined}
                        />
                      </div>
                    ))}
                    <button type="submit" className="primary">
                      保存评分
                    </button>
                  </fieldset>
                </Form>
                {open ? (
                  <details>
                    <summary>申报利益冲突并回避</summary>
                    <Form method="post" className="stack-form">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="conflict" />
                      <input type="hidden" name="teamId" value={team.id} />
                      <div className="field">
                        <label htmlFor={`c-${team.id}`}>原因（如：本校学生、亲属）</label>
                        <input id={`c-${team.id}`} name="reason" />
                      </div>
                      <button type="submit">回避</button>
                    </Form>
                  </details>
                ) : null}
              </>
            )}
          </section>
        )
      })}
    </article>
  )
}
