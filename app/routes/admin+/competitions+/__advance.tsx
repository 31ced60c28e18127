// Who goes on from a closed round to the next (decision 035): the round's standing per category, and two ways to
// decide, once: the top N of each category (teams tied at the N-th place all go on) or the teams ticked by hand.
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { formatDayTime } from '~/utils/format'

type Standing = {
  team: { id: string; code: string; name: string; category: { name: string } }
  rank: number | null
  tied: boolean
  normalised: number | null
}

export type RoundAdvancement = {
  roundId: string
  name: string
  next: string
  status: 'OPEN' | 'CLOSED'
  advancedAt: string | null
  advanceRule: string | null
  standing: Standing[]
  advanced: string[]
}

const fixed = (x: number) => (Math.round(x * 100) / 100).toFixed(2)

export function AdvanceSection({ rounds, open }: { rounds: RoundAdvancement[]; open: boolean }) {
  if (!rounds.length) return null
  return (
    <section className="admin-section" aria-labelledby="advance-heading">
      <h2 id="advance-heading">晋级</h2>
      <p className="hint">
        一轮评审结束后，确定哪些队伍进入下一轮：按每组名次（名次相同的队伍一起晋级），或人工勾选。只能确定一次，记入审计日志，并短信通知每支队伍。下一轮只评审晋级队伍。
      </p>
      {rounds.map((r) => {
        const advanced = new Set(r.advanced)
        const decided = r.advancedAt !== null
        return (
          <div key={r.roundId} className="stack-form">
            <h3 id={`advance-${r.roundId}`}>
              {r.name} → {r.next}
            </h3>
            {r.status === 'OPEN' ? (
              <p>
                「{r.name}」评审结束后，在这里确定晋级{r.next}的队伍。
              </p>
            ) : null}
            {decided ? (
              <p>
                已于 {formatDayTime(r.advancedAt!)} 确定：{advanced.size} 支队伍晋级{r.next}（
                {r.advanceRule?.startsWith('top:') ? `每组前 ${r.advanceRule.slice(4)} 名` : '人工选定'}）。
              </p>
            ) : null}
            {r.status === 'CLOSED' ? (
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="roundId" value={r.roundId} />
                <div className="table-scroll">
                  <table className="data-table">
                    <caption>{r.name}各组名次（按标准化总分）</caption>
                    <thead>
                      <tr>
                        <th scope="col">组别</th>
                        <th scope="col">名次</th>
                        <th scope="col">队伍</th>
                        <th scope="col">标准化分</th>
                        <th scope="col">{decided ? '晋级' : '选中晋级'}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.standing.map((s) => (
                        <tr key={s.team.id}>
                          <td>{s.team.category.name}</td>
                          <td>{s.rank === null ? '无完整评分' : `${s.rank}${s.tied ? '（并列）' : ''}`}</td>
                          <td>
                            {s.team.code} {s.team.name}
                          </td>
                          <td>{s.normalised === null ? '—' : fixed(s.normalised)}</td>
                          <td>
                            {decided ? (
                              advanced.has(s.team.id) ? (
                                '晋级'
                              ) : (
                                '未晋级'
                              )
                            ) : (
                              <label className="check-inline">
                                <input type="checkbox" name="teamIds" value={s.team.id} disabled={!open} />
                                <span className="visually-hidden">
                                  {s.team.code} {s.team.name}
                                </span>
                                晋级
                              </label>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {!decided && open ? (
                  <>
                    <button type="submit" name="intent" value="advance-pick">
                      勾选的队伍晋级{r.next}
                    </button>
                    <div className="field">
                      <label htmlFor={`per-category-${r.roundId}`}>每组晋级名额（按名次）</label>
                      <input id={`per-category-${r.roundId}`} name="perCategory" type="number" min={1} step={1} inputMode="numeric" />
                    </div>
                    <button type="submit" name="intent" value="advance-top">
                      每组前几名晋级{r.next}
                    </button>
                  </>
                ) : null}
              </Form>
            ) : null}
          </div>
        )
      })}
    </section>
  )
}
