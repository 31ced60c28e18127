import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { accountData, claimRegistration, deleteResident, PassportError } from '~/models/passport.server'
import { registrationStatusLabel } from '~/utils/admin-labels'
import { checkPublicForm, publicFormProtection } from '~/utils/form-security.server'
import { maskMobile } from '~/utils/registration-schema'
import { endResidentSession, requireResident } from '~/utils/resident-auth.server'
import { claimSchema } from '~/utils/resident-schema'

export const meta: MetaFunction = () => [{ title: '我的账号 · 科普护照' }, { name: 'robots', content: 'noindex' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const resident = await requireResident(request)
  const [registrations, protection] = await Promise.all([accountData(resident), publicFormProtection(request)])
  return json(
    { phone: maskMobile(resident.phone), registrations: registrations.map(({ residentId, ...r }) => ({ ...r, claimed: residentId === resident.id })), csrfToken: protection.csrfToken },
    { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } },
  )
}

export async function action({ request }: ActionFunctionArgs) {
  const resident = await requireResident(request)
  const formData = await request.formData()
  const problem = await checkPublicForm(request, formData)
  if (problem) return json({ error: problem, message: null }, { status: 403 })
  if (formData.get('intent') === 'delete') {
    if (formData.get('confirm') !== '注销') return json({ error: '请在框中输入“注销”两个字以确认。', message: null }, { status: 400 })
    await deleteResident(resident)
    return redirect('/?deleted=1', { headers: { 'Set-Cookie': await endResidentSession(request) } })
  }
  const parsed = claimSchema.safeParse({ code: formData.get('code') ?? undefined })
  if (!parsed.success) return json({ error: parsed.error.issues[0].message, message: null }, { status: 400 })
  try {
    const { title } = await claimRegistration(resident, parsed.data.code)
    return json({ error: null, message: `已把“${title}”的报名加入账号。` })
  } catch (error) {
    if (error instanceof PassportError) return json({ error: error.message, message: null }, { status: 404 })
    throw error
  }
}

const day = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' })

export default function AccountPage() {
  const { phone, registrations, csrfToken } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <article className="detail">
      <h1>我的账号</h1>
      <p>手机号：{phone} · <Link to="/passport">我的科普护照</Link></p>
      {actionData?.message ? <p className="notice" role="status">{actionData.message}</p> : null}
      {actionData?.error ? <p className="notice notice-warn" role="alert">{actionData.error}</p> : null}
      <h2>把以前的报名加入账号</h2>
      <p className="hint">用本账号手机号报名的活动，输入报名确认页上的 8 位报名码即可加入，之后签到也会盖章。</p>
      <Form method="post" className="inline-form">
        <input type="hidden" name="csrf" value={csrfToken} />
        <label htmlFor="claim-code">报名码</label>
        <input id="claim-code" name="code" autoCapitalize="characters" required />
        <button type="submit" name="intent" value="claim">加入账号</button>
      </Form>
      <h2>我们保存的关于你的信息</h2>
      <p>手机号、密码（只保存不可逆的摘要）、下面的报名记录，以及科普护照的盖章记录。</p>
      <table className="data-table">
        <caption>用本手机号的报名（{registrations.length}）</caption>
        <thead><tr><th scope="col">活动</th><th scope="col">日期</th><th scope="col">姓名</th><th scope="col">人数</th><th scope="col">状态</th><th scope="col">在账号中</th></tr></thead>
        <tbody>
          {registrations.map((r) => (
            <tr key={r.id}><td>{r.session.event.title}</td><td>{day.format(new Date(r.session.startsAt))}</td><td>{r.name}</td><td>{r.partySize}</td><td>{registrationStatusLabel[r.status]}</td><td>{r.claimed ? '是' : '否'}</td></tr>
          ))}
        </tbody>
      </table>
      <h2>注销账号</h2>
      <p>注销后：未开始的报名会被取消（名额让给候补）；所有报名记录中的姓名和手机号会被删除，只保留人数用于统计；盖章记录只保留次数。此操作不能撤销。</p>
      <Form method="post" className="stack-form">
        <input type="hidden" name="csrf" value={csrfToken} />
        <div className="field">
          <label htmlFor="confirm-delete">输入“注销”以确认</label>
          <input id="confirm-delete" name="confirm" autoComplete="off" />
        </div>
        <button type="submit" name="intent" value="delete" className="danger">注销账号并删除我的信息</button>
      </Form>
      <Form method="post" action="/account/logout">
        <input type="hidden" name="csrf" value={csrfToken} />
        <button type="submit" className="link-button">退出登录</button>
      </Form>
    </article>
  )
}
