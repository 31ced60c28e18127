import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ActionNotices } from '~/components/action-notices'
import { CsrfInput } from '~/components/csrf-input'
import { findManagedUser, reissuePasswordLink, setStaffDisabled } from '~/models/staff/staff.server'
import { OneTimeLink } from '~/routes/admin+/users+/__one-time-link'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { orNotFound } from '~/utils/http-errors'
import { publicOrigin } from '~/utils/links.server'
import { requireRole, roleLabel, staffWithRole } from '~/utils/permissions.server'
import { useFormReply } from '~/utils/use-form-reply'

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

/** The guard: a district or platform admin, and an account they manage. */
async function managedUser(request: Request, userId: string | undefined) {
  const staff = await staffWithRole(['PLATFORM_ADMIN', 'DISTRICT_ADMIN'])(request)
  const user = orNotFound(await findManagedUser(staff, userId ?? ''), '找不到这个账号，或不在你的管理范围内。')
  return { staff, userId: user.id, email: user.email }
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => userPageSchema,
    access: { staff: (request) => managedUser(request, params.userId) },
    async submit(value, { actor: { staff, userId, email }, done }) {
      switch (value.intent) {
        case 'link': {
          // The one-time link is shown on this page only, never in a notice or a URL.
          const secret = await reissuePasswordLink(staff, userId)
          return { data: { link: `${publicOrigin()}/admin/set-password/${secret}` } }
        }
        case 'mail-link':
          await reissuePasswordLink(staff, userId, undefined, { mailFrom: publicOrigin() })
          return done(`已把新的设置密码链接发到 ${email}（3 天内有效，只能使用一次）。`)
        case 'disable':
        case 'enable':
          await setStaffDisabled(staff, userId, value.intent === 'disable')
          return done(value.intent === 'disable' ? '账号已停用。' : '账号已启用。')
      }
    },
  })
}

export default function UserPage() {
  const { user, isSelf } = useLoaderData<typeof loader>()
  const { error, data } = useFormReply<typeof action>()
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
      <ActionNotices error={error} />
      {data?.link ? <OneTimeLink email={user.email} url={data.link} /> : null}
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
