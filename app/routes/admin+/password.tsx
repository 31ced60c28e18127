import { getFormProps, getInputProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLocation } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { Field, FormErrors } from '~/components/form-field'
import { changePasswordSchema } from '~/models/staff/schema'
import { changePassword } from '~/models/staff/staff.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'

export const meta: MetaFunction = () => adminMeta('修改密码')

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  return json({})
}

const hideFields = ['currentPassword', 'password', 'confirmPassword']

export async function action({ request }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => changePasswordSchema,
    access: { staff: requireStaff },
    hideFields,
    async submit(value, { actor: staff, done }) {
      await changePassword(staff, value.currentPassword, value.password)
      return done('密码已修改。其他设备上的登录已退出。')
    },
  })
}

export default function ChangePasswordPage() {
  const { result } = useFormReply()
  // Changed: the page comes back (a new location) with empty fields.
  const { key } = useLocation()
  const [form, fields] = useZodForm(changePasswordSchema, {
    id: 'change-password',
    lastResult: result,
  })
  return (
    <article className="detail narrow">
      <h1>修改密码</h1>
      <Form key={key} method="post" {...getFormProps(form)} className="stack-form">
        <CsrfInput />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label="当前密码" meta={fields.currentPassword}>
          <input {...getInputProps(fields.currentPassword, { type: 'password' })} autoComplete="current-password" />
        </Field>
        <Field label="新密码" hint="至少 10 个字符" meta={fields.password}>
          <input {...getInputProps(fields.password, { type: 'password' })} autoComplete="new-password" />
        </Field>
        <Field label="再次填写新密码" meta={fields.confirmPassword}>
          <input {...getInputProps(fields.confirmPassword, { type: 'password' })} autoComplete="new-password" />
        </Field>
        <button type="submit" className="primary">
          修改密码
        </button>
      </Form>
    </article>
  )
}
