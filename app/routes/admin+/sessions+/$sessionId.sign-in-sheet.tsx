// The session's printable sign-in sheet (签到表): confirmed and checked-in parties with a column to sign, for a door
// without a phone or network. Phones masked as in the list; printing hides the site's frame (print CSS).
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useHydrated } from 'remix-utils/use-hydrated'
import { listRegistrations, requireSessionForStaff } from '~/models/registration/admin.server'
import { adminMeta } from '~/utils/admin-meta'
import { formatSessionTime } from '~/utils/format'
import { registrationStatusLabel } from '~/utils/labels'

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(`签到表：${data?.session.event.title ?? ''}`)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await requireSessionForStaff(request, params.sessionId)
  const registrations = await listRegistrations(session.id)
  const rows = registrations
    .filter((r) => r.status === 'CONFIRMED' || r.status === 'ATTENDED')
    .map(({ id, code, name, phoneMasked, adults, children, partySize, status }) => ({
      id,
      code,
      name,
      phoneMasked,
      adults,
      children,
      partySize,
      status,
    }))
  const waitlisted = registrations
    .filter((r) => r.status === 'WAITLISTED')
    .map(({ id, name, phoneMasked, partySize }) => ({ id, name, phoneMasked, partySize }))
  return json({ session, rows, waitlisted }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export default function SignInSheet() {
  const { session, rows, waitlisted } = useLoaderData<typeof loader>()
  const people = rows.reduce((sum, r) => sum + r.partySize, 0)
  const place = session.event.venue?.name ?? session.event.placeName
  const hydrated = useHydrated()
  return (
    <article className="admin-page sign-in-sheet">
      <p className="meta no-print">
        <Link to={`/admin/sessions/${session.id}`}>← 报名名单</Link>
      </p>
      <h1>签到表</h1>
      <p className="lead">
        {session.event.title} · <time dateTime={session.startsAt}>{formatSessionTime(session.startsAt, session.endsAt)}</time>
        {place ? ` · ${place}` : ''}
      </p>
      <p>
        共 {rows.length} 份报名，{people} 人。手机号隐去中间四位。
      </p>
      <div className="button-row no-print">
        {hydrated ? (
          <button type="button" className="primary" onClick={() => window.print()}>
            打印
          </button>
        ) : null}
        <p className="hint">也可用浏览器的“打印”（Ctrl+P）；打印时不显示网站导航。</p>
      </div>
      <table className="data-table sheet-table">
        <thead>
          <tr>
            <th scope="col">序号</th>
            <th scope="col">报名码</th>
            <th scope="col">姓名</th>
            <th scope="col">手机号</th>
            <th scope="col">人数</th>
            <th scope="col">签名 / 实到</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, index) => (
            <tr key={r.id}>
              <td>{index + 1}</td>
              <td>
                <code>{r.code}</code>
              </td>
              <td>{r.name}</td>
              <td>{r.phoneMasked}</td>
              <td>
                {r.adults} 成人 {r.children} 儿童
              </td>
              <td className="sign-cell">{r.status === 'ATTENDED' ? registrationStatusLabel.ATTENDED : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {waitlisted.length ? (
        <>
          <h2>候补（现场有空位时按顺序递补）</h2>
          <ol>
            {waitlisted.map((r) => (
              <li key={r.id}>
                {r.name}（{r.phoneMasked}），{r.partySize} 人
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </article>
  )
}
