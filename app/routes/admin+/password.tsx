import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { Field, FormErrors } from '~/components/form-field'
import { changePasswordSchema } from '~/models/staff/schema'
import { changePassword } from '~/models/staff/staff.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { requireValidCsrf } from '~/utils/form-security.server'
import { Refusal } from '~/utils/refusal'
import { useZodForm } from '~/utils/use-zod-form'

export const meta: MetaFunction = () => adminMeta('修改密码')

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  return json({})
}

const hideFields = ['currentPassword', 'password', 'confirmPassword']

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request)
  const formData = await request.formData()
  await requireValidCsrf(request, formData)
  const submission = parseWithZod(formData, { schema: changePasswordSchema })
  if (submission.status !== 'success') return json({ result: submission.reply({ hideFields }), done: false }, { status: 400 })
  try {
    await changePassword(staff, submission.value.currentPassword, submission.value.password)
    return json({ result: submission.reply({ resetForm: true }), done: true })
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    return json(
      { result: submission.reply({ fieldErrors: { [error.field ?? '']: [error.message] }, hideFields }), done: false },
      { status: 400 },
    )
  }
}

export default function ChangePasswordPage() {
  const actionData = useActionData<typeof action>()
  const [form, fields] = useZodForm(changePasswordSchema, {
    id: 'change-password',
    lastResult: actionData?.result,
  })
  return (
    <article className="detail narrow">
      <h1>修改密码</h1>
      {actionData?.done ? (
        <p className="notice" role="status">
          密码已修改。其他设备上的登录已退出。
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack-form">
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
