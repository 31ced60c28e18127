import { getFormProps, getInputProps, getSelectProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { DataTable } from '~/components/data-table'
import { CheckField, Field, FormErrors, SelectField } from '~/components/form-field'
import { activeDistrictChoices, organisationChoices } from '~/models/choices.server'
import { newStaffSchema } from '~/models/staff/schema'
import { createStaff, listManagedUsers } from '~/models/staff/staff.server'
import { OneTimeLink } from '~/routes/admin+/users+/__one-time-link'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { publicOrigin } from '~/utils/links.server'
import { requireRole, roleLabel, staffWithRole } from '~/utils/permissions.server'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'

export const meta: MetaFunction = () => adminMeta('账号')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  requireRole(staff, ['PLATFORM_ADMIN', 'DISTRICT_ADMIN'])
  const [users, districts, organisations] = await Promise.all([
    listManagedUsers(staff),
    staff.role === 'PLATFORM_ADMIN' ? activeDistrictChoices() : Promise.resolve([] as Array<{ id: string; name: string }>),
    organisationChoices(staff),
  ])
  return json({
    users: users.map(({ passwordHash, ...user }) => ({ ...user, hasPassword: passwordHash !== null, roleLabel: roleLabel[user.role] })),
    districts,
    organisations,
    canCreateAdmins: staff.role === 'PLATFORM_ADMIN',
  })
}

export async function action({ request }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => newStaffSchema,
    access: { staff: staffWithRole(['PLATFORM_ADMIN', 'DISTRICT_ADMIN']) },
    async submit(value, { actor: staff, done }) {
      const origin = publicOrigin()
      const { linkSecret } = await createStaff(staff, value, undefined, value.sendLink ? { mailFrom: origin } : null)
      if (!linkSecret) return done(`已把设置密码链接发到 ${value.email}（3 天内有效，只能使用一次）。`)
      // The one-time link is shown on this page only, never in a notice or a URL.
      return { data: { email: value.email, url: `${origin}/admin/set-password/${linkSecret}` }, resetForm: true }
    },
  })
}

export default function UsersPage() {
  const { users, districts, organisations, canCreateAdmins } = useLoaderData<typeof loader>()
  const { result, data: link } = useFormReply<typeof action>()
  // Created: the page comes back (a new location) with an empty form.
  const { key } = useLocation()
  const [form, fields] = useZodForm(newStaffSchema, {
    id: 'new-staff',
    lastResult: result,
    defaultValue: { role: 'ORG_STAFF' },
  })
  return (
    <article className="admin-page">
      <h1>账号</h1>
      {link ? <OneTimeLink {...link} /> : null}
      <DataTable caption={<>你管理的账号（{users.length}）</>} headings={['姓名', '邮箱', '角色', '区 / 单位', '状态']}>
        {users.map((u) => (
          <tr key={u.id}>
            <td>
              <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
            </td>
            <td>{u.email}</td>
            <td>{u.roleLabel}</td>
            <td>{u.organisation?.name ?? u.district?.name ?? '全市'}</td>
            <td>{u.disabled ? '已停用' : u.hasPassword ? '正常' : '待设置密码'}</td>
          </tr>
        ))}
      </DataTable>

      <h2>新建账号</h2>
      <p className="hint">
        新账号没有密码。勾选下面一项，设置密码链接（3 天内有效）会发到该邮箱；不勾选，创建后页面显示一次链接，请通过电话或工作群转交本人。
      </p>
      <Form key={key} method="post" {...getFormProps(form)} className="stack-form">
        <CsrfInput />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label="姓名" meta={fields.name}>
          <input {...getInputProps(fields.name, { type: 'text' })} />
        </Field>
        <Field label="邮箱" meta={fields.email}>
          <input {...getInputProps(fields.email, { type: 'email' })} />
        </Field>
        <Field label="角色" meta={fields.role}>
          <select {...getSelectProps(fields.role)}>
            <option value="ORG_STAFF">单位工作人员</option>
            {canCreateAdmins ? <option value="DISTRICT_ADMIN">区管理员</option> : null}
            {canCreateAdmins ? <option value="PLATFORM_ADMIN">平台管理员</option> : null}
          </select>
        </Field>
        {canCreateAdmins ? (
          <SelectField
            label="所在区（区管理员）"
            meta={fields.districtId}
            placeholder="—"
            options={districts.map((d) => ({ value: d.id, label: d.name }))}
          />
        ) : null}
        <SelectField
          label="所属单位（单位工作人员）"
          meta={fields.organisationId}
          placeholder="—"
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <CheckField label="把设置密码链接发到该邮箱" meta={fields.sendLink}>
          <input {...getInputProps(fields.sendLink, { type: 'checkbox' })} />
        </CheckField>
        <button type="submit" className="primary">
          创建账号
        </button>
      </Form>
    </article>
  )
}
