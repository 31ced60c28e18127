// The lead judge's (and organisers') view of a round: counts only, teams short of finished sheets first.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { roundProgress } from '~/models/competitions/judging.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'

export const meta: MetaFunction = () => adminMeta('评审进度')

export async function loader({ params, request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  return json(await roundProgress(staff, params.roundId ?? ''), { headers: { 'Cache-Control': 'private, no-store' } })
}

export default function ProgressPage() {
  const { round, teams, judges } = useLoaderData<typeof loader>()
  const short = teams.filter((t) => t.short).length
  return (
    <article className="admin-page">
      <p>
        <Link to="/admin/competitions">大赛</Link>
      </p>
      <h1>
        {round.competitionTitle} · {round.name}：评审进度
      </h1>
      <p>
        每份作品至少需要 {round.minJudgesPerEntry} 位评委评完；{short ? `还有 ${short} 份不足。` : '全部作品都已达到。'}
        这里只显示份数，不显示分数。
      </p>
      <div className="table-scroll">
        <table className="data-table">
          <caption>各作品</caption>
          <thead>
            <tr>
              <th scope="col">作品</th>
              <th scope="col">组别</th>
              <th scope="col">已评完</th>
              <th scope="col">评了一部分</th>
              <th scope="col">分配</th>
              <th scope="col">回避</th>
            </tr>
          </thead>
          <tbody>
            {teams.map((t) => (
              <tr key={t.teamId} className={t.short ? 'row-warn' : undefined}>
                <td>
                  {t.code}
                  {t.short ? '（不足）' : ''}
                </td>
                <td>{t.category}</td>
                <td>{t.done}</td>
                <td>{t.partial}</td>
                <td>{t.assigned}</td>
                <td>{t.recused}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-scroll">
        <table className="data-table">
          <caption>各评委</caption>
          <thead>
            <tr>
              <th scope="col">评委</th>
              <th scope="col">已评完 / 分配</th>
            </tr>
          </thead>
          <tbody>
            {judges.map((j) => (
              <tr key={j.name}>
                <td>
                  {j.name}
                  {j.lead ? '（组长）' : ''}
                </td>
                <td>
                  {j.done} / {j.assigned}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  )
}
