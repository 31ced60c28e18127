import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CsrfInput } from '~/components/csrf-input'
import { findManagedUser, reissuePasswordLink, setStaffDisabled } from '~/models/staff/staff.server'
import { OneTimeLink } from '~/routes/admin+/users+/__one-time-link'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { requireValidCsrf } from '~/utils/form-security.server'
import { notFound, orNotFound } from '~/utils/http-errors'
import { publicOrigin } from '~/utils/links.server'
import { requireRole, roleLabel } from '~/utils/permissions.server'
import { Refusal } from '~/utils/refusal'

export const meta: MetaFunction = () => adminMeta('账号')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  requireRole(staff, ['PLATFORM_ADMIN', 'DISTRICT_ADMIN'])
  const user = orNotFound(await findManagedUser(staff, params.userId ?? ''), '找不到这个账号，或不在你的管理范围内。')
  const { passwordHash, ...rest } = user
  return json({ user: { ...rest, hasPassword: passwordHash !== null, roleLabel: roleLabel[user.role] }, isSelf: user.id === staff.id })
}

/** The page's two forms: a new one-time link, or the account switched off or on. */
const userPageSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.enum(['link', 'mail-link']) }),
  z.object({ intent: z.enum(['disable', 'enable']) }),
])

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request)
  requireRole(staff, ['PLATFORM_ADMIN', 'DISTRICT_ADMIN'])
  const formData = await request.formData()
  await requireValidCsrf(request, formData)
  const userId = params.userId ?? ''
  if (!(await findManagedUser(staff, userId))) throw notFound('找不到这个账号，或不在你的管理范围内。')
  const submission = parseWithZod(formData, { schema: userPageSchema })
  if (submission.status !== 'success') return json({ link: null, error: '未知操作', mailed: false }, { status: 400 })
  try {
    switch (submission.value.intent) {
      case 'link': {
        const secret = await reissuePasswordLink(staff, userId)
        return json({ link: `${publicOrigin()}/admin/set-password/${secret}`, error: null, mailed: false })
      }
      case 'mail-link':
        await reissuePasswordLink(staff, userId, undefined, { mailFrom: publicOrigin() })
        return json({ link: null, error: null, mailed: true })
      case 'disable':
      case 'enable':
        await setStaffDisabled(staff, userId, submission.value.intent === 'disable')
        return json({ link: null, error: null, mailed: false })
    }
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    return json({ link: null, error: error.message, mailed: false }, { status: 400 })
  }
}

export default function UserPage() {
  const { user, isSelf } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <article className="admin-page narrow">
      <p className="meta">
        <Link to="/admin/users">← 全部账号</Link>
      </p>
      <h1>{user.name}</h1>
      <dl className="facts">
        <dt>邮箱</dt>
        <dd>{user.email}</dd>
        <dt>角色</dt>
        <dd>{user.roleLabel}</dd>
        <dt>区 / 单位</dt>
        <dd>{user.organisation?.name ?? user.district?.name ?? '全市'}</dd>
        <dt>状态</dt>
        <dd>{user.disabled ? '已停用' : user.hasPassword ? '正常' : '待设置密码'}</dd>
      </dl>
      {actionData?.error ? (
        <p className="notice notice-warn" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {actionData?.link ? <OneTimeLink email={user.email} url={actionData.link} /> : null}
      {actionData?.mailed ? (
        <p className="notice" role="status">
          已把新的设置密码链接发到 {user.email}（3 天内有效，只能使用一次）。
        </p>
      ) : null}
      <div className="button-row">
        <Form method="post">
          <CsrfInput />
          <button type="submit" name="intent" value="link">
            生成设置密码链接（重置密码）
          </button>
          <button type="submit" name="intent" value="mail-link">
            把重置链接发到该邮箱
          </button>
        </Form>
        {isSelf ? null : (
          <Form method="post">
            <CsrfInput />
            <button
              type="submit"
              name="intent"
              value={user.disabled ? 'enable' : 'disable'}
              className={user.disabled ? undefined : 'danger'}
            >
              {user.disabled ? '启用账号' : '停用账号'}
            </button>
          </Form>
        )}
      </div>
    </article>
  )
}
