// Running one competition: teams (phones masked) and the audited extension, judges and their scope, rounds
// (assign, progress, close, who advances to the next round), the results with raw, weighted and normalised totals and each judge's severity, 公示,
// objections and publication. Staff who run the competition only (district admins of its district, platform admins).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ActionNotices } from '~/components/action-notices'
import { CsrfInput } from '~/components/csrf-input'
import { advanceTeams, roundStanding } from '~/models/competitions/advance.server'
import { extendEntryDeadline, staffCompetition } from '~/models/competitions/competition.server'
import { appointJudge, assignRound, closeRound } from '~/models/competitions/judging.server'
import { answerObjection, publishResults, staffResults, startReview } from '~/models/competitions/results.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { formatDayTime } from '~/utils/format'
import { prisma } from '~/utils/infra/db.server'
import { publicOrigin } from '~/utils/links.server'
import { parseShanghaiDateTime, toShanghaiDateTimeInput } from '~/utils/shanghai-time'
import { useFormReply } from '~/utils/use-form-reply'
import { AdvanceSection } from './__advance'

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(data ? data.competition.title : '大赛')

export async function loader({ params, request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const view = await staffCompetition(staff, params.competitionId ?? '')
  const { results, judgeNames, objections } = await staffResults(staff, view.competition.id)
  // Each round but the last: its standing once closed, to choose who goes on; the teams that went on once decided.
  const advancement = await Promise.all(
    view.rounds.slice(0, -1).map(async (round, i) => ({
      roundId: round.id,
      name: round.name,
      next: view.rounds[i + 1].name,
      status: round.status,
      advancedAt: round.advancedAt,
      advanceRule: round.advanceRule,
      standing: round.status === 'CLOSED' ? await roundStanding(round.id) : [],
      advanced:
        round.advancedAt !== null
          ? (await prisma.competitionAdvance.findMany({ where: { fromRoundId: round.id }, select: { teamId: true } })).map((a) => a.teamId)
          : [],
    })),
  )
  return json({
    ...view,
    advancement,
    results,
    judgeNames,
    objections: objections.map((o) => ({ ...o, phone: `${o.phone.slice(0, 3)}****${o.phone.slice(-4)}` })),
  })
}

const when = z
  .string({ required_error: '请填写时间' })
  .transform((value, ctx) => parseShanghaiDateTime(value) ?? (ctx.addIssue({ code: 'custom', message: '请填写正确的时间' }), z.NEVER))

const pageSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('extend'),
    teamId: z.string(),
    until: when,
    reason: z.string({ required_error: '请写明原因' }).max(200, '原因最多 200 字'),
  }),
  z.object({
    intent: z.literal('judge'),
    email: z.string({ required_error: '请填写评委账号邮箱' }).email('请填写评委账号邮箱'),
    lead: z.literal('on').optional(),
    categoryIds: z.array(z.string()).default([]),
    conflictSchools: z.string().max(500).optional(),
  }),
  z.object({ intent: z.literal('assign'), roundId: z.string() }),
  z.object({ intent: z.literal('close'), roundId: z.string() }),
  z.object({
    intent: z.literal('advance-top'),
    roundId: z.string(),
    perCategory: z.coerce
      .number({ required_error: '请填写每组晋级名额', invalid_type_error: '请填写每组晋级名额' })
      .int('每组晋级名额须为整数')
      .min(1, '每组至少晋级 1 支队伍')
      .max(1000, '每组晋级名额太大'),
  }),
  z.object({ intent: z.literal('advance-pick'), roundId: z.string(), teamIds: z.array(z.string()).default([]) }),
  z.object({ intent: z.literal('review'), reviewEndsAt: when }),
  z.object({ intent: z.literal('answer'), objectionId: z.string(), answer: z.string({ required_error: '请填写答复' }) }),
  z.object({ intent: z.literal('publish') }),
])

export async function action({ params, request }: ActionFunctionArgs) {
  const competitionId = params.competitionId ?? ''
  return handleForm(request, {
    schema: () => pageSchema,
    access: { staff: requireStaff },
    async submit(value, { actor: staff, done }) {
      switch (value.intent) {
        case 'extend':
          await extendEntryDeadline(staff, value.teamId, { until: value.until, reason: value.reason })
          return done('已延长这支队伍的提交时间，并已短信通知报名人。')
        case 'judge': {
          const schools = (value.conflictSchools ?? '')
            .split(/[,，、\n]/)
            .map((s) => s.trim())
            .filter(Boolean)
          await appointJudge(staff, competitionId, {
            email: value.email,
            lead: value.lead === 'on',
            categoryIds: value.categoryIds,
            conflictSchools: schools,
          })
          return done('已任命评委。')
        }
        case 'assign': {
          const { assigned, recused } = await assignRound(staff, value.roundId)
          return done(`已分配 ${assigned} 份评审${recused ? `，${recused} 份因评委申报的学校回避` : ''}。`)
        }
        case 'close':
          await closeRound(staff, value.roundId)
          return done('这一轮评审已结束，分数已锁定。')
        case 'advance-top':
        case 'advance-pick': {
          const { advanced, teams, next } = await advanceTeams(
            staff,
            value.roundId,
            value.intent === 'advance-top' ? { mode: 'top', perCategory: value.perCategory } : { mode: 'pick', teamIds: value.teamIds },
            new Date(),
            publicOrigin(),
          )
          return done(`已确定晋级${next}的队伍 ${advanced} 支（共 ${teams} 支），并已通知各队。`)
        }
        case 'review':
          await startReview(staff, competitionId, value.reviewEndsAt)
          return done('结果已开始公示。')
        case 'answer':
          await answerObjection(staff, value.objectionId, value.answer)
          return done('已答复这条异议。')
        case 'publish': {
          const { certificates } = await publishResults(staff, competitionId, new Date(), publicOrigin())
          return done(`结果已发布，颁发证书 ${certificates} 张，已通知各队。`)
        }
      }
    },
  })
}

const statusLabel = { DRAFT: '未发布', OPEN: '进行中', REVIEW: '公示中', PUBLISHED: '已发布' } as const
// Rounded as results.server.ts rounds (round2), written here: a .server module is empty in the browser's build, so
// its round2 was undefined there and the page fell over on hydration once results existed.
const fixed = (x: number) => (Math.round(x * 100) / 100).toFixed(2)

export default function AdminCompetitionPage() {
  const {
    competition: c,
    categories,
    rounds,
    judges,
    teams,
    awards,
    results,
    judgeNames,
    objections,
    advancement,
  } = useLoaderData<typeof loader>()
  const { error } = useFormReply()
  return (
    <article className="admin-page">
      <p>
        <Link to="/admin/competitions">大赛</Link>
      </p>
      <h1>
        {c.title}（{c.edition}）
      </h1>
      <p>
        {statusLabel[c.status]} · 报名截止 {formatDayTime(c.signUpClosesAt)} · 作品截止 {formatDayTime(c.entryClosesAt)} ·{' '}
        {c.status === 'DRAFT' ? '草稿，公开页面还看不到' : <Link to={`/competitions/${c.slug}`}>公开页面</Link>} ·{' '}
        <Link to={`/admin/competitions/${c.id}/edit`}>修改大赛设置</Link>
      </p>
      <ActionNotices error={error} />

      <section className="admin-section" aria-labelledby="teams-heading">
        <h2 id="teams-heading">队伍（{teams.length}）</h2>
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">报名队伍</caption>
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">队名</th>
                <th scope="col">组别</th>
                <th scope="col">人数</th>
                <th scope="col">指导教师</th>
                <th scope="col">报名手机</th>
                <th scope="col">作品</th>
                <th scope="col">截止</th>
              </tr>
            </thead>
            <tbody>
              {teams.map((t) => (
                <tr key={t.id}>
                  <td>{t.code}</td>
                  <td>{t.name}</td>
                  <td>{t.category.name}</td>
                  <td>{t._count.members}</td>
                  <td>
                    {t.advisorName}（{t.advisorSchool}）
                  </td>
                  <td>{t.phone}</td>
                  <td>
                    {t.entries[0] ? `第 ${t.entries[0].version} 版 · ${formatDayTime(t.entries[0].submittedAt)}` : '未提交'}
                    {t.entries[0]?.kind === 'FILE' ? (
                      <>
                        {' '}
                        · <a href={`/competitions/entries/${t.entries[0].id}/file`}>下载文件</a>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {formatDayTime(t.deadline)}
                    {t.entryExtendedUntil ? `（已延长：${t.extensionReason}）` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {c.status === 'OPEN' && teams.length ? (
          <Form method="post" className="stack-form">
            <h3>为一支队伍延长提交时间（记入审计日志，队伍会收到短信并在队伍页看到）</h3>
            <CsrfInput />
            <input type="hidden" name="intent" value="extend" />
            <div className="field">
              <label htmlFor="extend-team">队伍</label>
              <select id="extend-team" name="teamId">
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.code} {t.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="extend-until">延长至</label>
              <input id="extend-until" name="until" type="datetime-local" defaultValue={toShanghaiDateTimeInput(c.entryClosesAt)} />
            </div>
            <div className="field">
              <label htmlFor="extend-reason">原因（队伍会看到）</label>
              <input id="extend-reason" name="reason" />
            </div>
            <button type="submit">延长</button>
          </Form>
        ) : null}
      </section>

      <section className="admin-section" aria-labelledby="judges-heading">
        <h2 id="judges-heading">评委（{judges.length}）</h2>
        <ul>
          {judges.map((j) => (
            <li key={j.id}>
              {j.user.name}（{j.user.email}）{j.lead ? ' · 评审组长' : ''}
              {j.categoryIds.length
                ? ` · 只评：${categories
                    .filter((x) => j.categoryIds.includes(x.id))
                    .map((x) => x.name)
                    .join('、')}`
                : ''}
              {j.conflictSchools.length ? ` · 回避学校：${j.conflictSchools.join('、')}` : ''}
            </li>
          ))}
        </ul>
        {/* A new key after each appointment: the form starts empty again (a kept 评审组长 tick made the next judge a lead). */}
        <Form method="post" className="stack-form" key={judges.length}>
          <h3>任命评委</h3>
          <p className="hint">评委是工作人员账号，只对这项大赛（和所选组别）有评审权限。外部专家请先在“账号”中为其建号。</p>
          <CsrfInput />
          <input type="hidden" name="intent" value="judge" />
          <div className="field">
            <label htmlFor="judge-email">评委账号邮箱</label>
            <input id="judge-email" name="email" type="email" />
          </div>
          <fieldset className="grade-checks">
            <legend>只评这些组别（不选：全部组别）</legend>
            {categories.map((x) => (
              <label key={x.id} className="check-inline">
                <input type="checkbox" name="categoryIds" value={x.id} /> {x.name}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="judge-schools">评委申报的关联学校（本校、子女就读学校；用顿号分隔），这些学校的队伍不会分给他</label>
            <input id="judge-schools" name="conflictSchools" />
          </div>
          <label className="check-inline">
            <input type="checkbox" name="lead" value="on" /> 评审组长（可查看评审进度）
          </label>
          <button type="submit">任命</button>
        </Form>
      </section>

      <section className="admin-section" aria-labelledby="rounds-heading">
        <h2 id="rounds-heading">评审轮次</h2>
        <ul>
          {rounds.map((r, i) => (
            <li key={r.id}>
              {r.name} · {r.status === 'OPEN' ? '评审中' : `已结束（${formatDayTime(r.closedAt!)}）`} · 已分配 {r._count.assignments} 份 ·{' '}
              <Link to={`/admin/competitions/rounds/${r.id}/progress`}>评审进度</Link>
              {r.status === 'OPEN' ? (
                <>
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="assign" />
                    <input type="hidden" name="roundId" value={r.id} />
                    <button type="submit">{i === 0 ? '把全部队伍分给各组评委' : '把晋级队伍分给各组评委'}</button>
                  </Form>
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="close" />
                    <input type="hidden" name="roundId" value={r.id} />
                    <button type="submit">结束这一轮评审</button>
                  </Form>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section className="admin-section" aria-labelledby="awards-heading">
        <h2 id="awards-heading">奖项（{c.awardBasis === 'RANK' ? '按名次' : '按分数段'}，每个组别分别评奖）</h2>
        {awards.length ? (
          <ul>
            {awards.map((a) => (
              <li key={a.id}>
                {a.name}
                {a.category ? `（${a.category.name}）` : ''}：
                {c.awardBasis === 'RANK' && a.maxRank !== null ? `前 ${a.maxRank} 名` : `总分 ${a.minScore} 分及以上`}
              </li>
            ))}
          </ul>
        ) : (
          <p>还没有奖项：结果只排名次。可在“修改大赛设置”里添加。</p>
        )}
      </section>

      <AdvanceSection rounds={advancement} open={c.status === 'OPEN'} />

      <section className="admin-section" aria-labelledby="results-heading">
        <h2 id="results-heading">评审结果</h2>
        {!results ? (
          <p>最后一轮评审结束后，这里列出结果。结束前任何人都看不到其他评委的分数。</p>
        ) : (
          <>
            <p className="hint">
              排名按标准化总分：评委完成至少 {results.minEntries}{' '}
              份评分时，把他的加权总分按全体评分的均值与标准差换算（消除评委宽严）；不足的按原分计。 全体均值{' '}
              {fixed(results.figures.poolMean)}，标准差 {fixed(results.figures.poolSd)}。
            </p>
            <div className="table-scroll">
              <table className="data-table">
                <caption>评委宽严（均值与全体均值之差，负数为偏严）</caption>
                <thead>
                  <tr>
                    <th scope="col">评委</th>
                    <th scope="col">完成份数</th>
                    <th scope="col">均值</th>
                    <th scope="col">标准差</th>
                    <th scope="col">宽严</th>
                    <th scope="col">标准化</th>
                  </tr>
                </thead>
                <tbody>
                  {results.figures.judges.map((j) => (
                    <tr key={j.judgeId}>
                      <td>{judgeNames[j.judgeId]}</td>
                      <td>{j.sheets}</td>
                      <td>{fixed(j.mean)}</td>
                      <td>{fixed(j.sd)}</td>
                      <td>{fixed(j.severity)}</td>
                      <td>{j.normalised ? '是' : '否（份数不足）'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="table-scroll">
              <table className="data-table">
                <caption>各队总分</caption>
                <thead>
                  <tr>
                    <th scope="col">组别</th>
                    <th scope="col">名次</th>
                    <th scope="col">队伍</th>
                    <th scope="col">评委数</th>
                    <th scope="col">原始分</th>
                    <th scope="col">加权分</th>
                    <th scope="col">标准化分</th>
                    <th scope="col">奖项</th>
                  </tr>
                </thead>
                <tbody>
                  {results.rows.map((r) => (
                    <tr key={r.teamId}>
                      <td>{r.team.category.name}</td>
                      <td>
                        {r.rank}
                        {r.tied ? '（并列）' : ''}
                      </td>
                      <td>
                        {r.team.code} {r.team.name}
                      </td>
                      <td>{r.judges}</td>
                      <td>{fixed(r.raw)}</td>
                      <td>{fixed(r.weighted)}</td>
                      <td>{fixed(r.normalised)}</td>
                      <td>{r.award?.name ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {c.status === 'OPEN' && results ? (
          <Form method="post" className="stack-form">
            <h3>开始公示</h3>
            <CsrfInput />
            <input type="hidden" name="intent" value="review" />
            <div className="field">
              <label htmlFor="review-ends">公示截止</label>
              <input id="review-ends" name="reviewEndsAt" type="datetime-local" />
            </div>
            <button type="submit">开始公示</button>
          </Form>
        ) : null}
      </section>

      {c.status === 'REVIEW' || objections.length ? (
        <section className="admin-section" aria-labelledby="objections-heading">
          <h2 id="objections-heading">公示与异议{c.reviewEndsAt ? `（公示至 ${formatDayTime(c.reviewEndsAt)}）` : ''}</h2>
          {objections.length === 0 ? <p>还没有异议。</p> : null}
          <ul>
            {objections.map((o) => (
              <li key={o.id}>
                <p>
                  {formatDayTime(o.createdAt)} · {o.name}（{o.phone}）{o.team ? ` · 涉及：${o.team.name}` : ''}
                </p>
                <p className="prose">{o.text}</p>
                {o.answer ? (
                  <p>答复：{o.answer}</p>
                ) : (
                  <Form method="post" className="stack-form">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="answer" />
                    <input type="hidden" name="objectionId" value={o.id} />
                    <div className="field">
                      <label htmlFor={`answer-${o.id}`}>核实结果与处理意见</label>
                      <textarea id={`answer-${o.id}`} name="answer" rows={2} />
                    </div>
                    <button type="submit">答复</button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
          {c.status === 'REVIEW' ? (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="publish" />
              <button type="submit" className="primary">
                发布结果并颁发证书
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </article>
  )
}
