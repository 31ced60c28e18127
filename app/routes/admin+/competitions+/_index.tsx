import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { staffCompetitionList } from '~/models/competitions/competition.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'

export const meta: MetaFunction = () => adminMeta('大赛')

const statusLabel = { DRAFT: '未发布', OPEN: '进行中', REVIEW: '公示中', PUBLISHED: '已发布' } as const

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  return json({ ...(await staffCompetitionList(staff)), makes: staff.role === 'PLATFORM_ADMIN' || staff.role === 'DISTRICT_ADMIN' })
}

export default function AdminCompetitionsPage() {
  const { managed, judging, makes } = useLoaderData<typeof loader>()
  return (
    <article className="admin-page">
      <h1>大赛</h1>
      {judging.length ? (
        <section className="admin-section" aria-labelledby="judging-heading">
          <h2 id="judging-heading">我评审的大赛</h2>
          <ul>
            {judging.map((j) => (
              <li key={j.competition.id}>
                {j.competition.title}（{j.competition.edition}）{j.lead ? ' · 评审组长' : ''}
                <ul>
                  {j.competition.rounds.map((r) => (
                    <li key={r.id}>
                      <Link to={`/admin/competitions/rounds/${r.id}/judge`}>{r.name}：评分</Link>
                      {j.lead ? (
                        <>
                          {' · '}
                          <Link to={`/admin/competitions/rounds/${r.id}/progress`}>评审进度</Link>
                        </>
                      ) : null}
                      {r.status === 'CLOSED' ? '（已结束）' : ''}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="admin-section" aria-labelledby="managed-heading">
        <h2 id="managed-heading">我主办的大赛</h2>
        {makes ? (
          <p>
            <Link className="button" to="/admin/competitions/new">
              新建大赛
            </Link>
          </p>
        ) : null}
        {managed.length === 0 ? <p>没有由你管理的大赛。区管理员管理本区的大赛；评委从上面的列表进入评分。</p> : null}
        <ul>
          {managed.map((c) => (
            <li key={c.id}>
              <Link to={`/admin/competitions/${c.id}`}>
                {c.title}（{c.edition}）
              </Link>{' '}
              · {statusLabel[c.status]} · {c._count.teams} 支队伍
            </li>
          ))}
        </ul>
      </section>
    </article>
  )
}
