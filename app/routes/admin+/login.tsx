import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { Field, FormErrors } from '~/components/form-field'
import { loginSchema } from '~/models/staff/schema'
import { signIn } from '~/models/staff/staff.server'
import { adminMeta } from '~/utils/admin-meta'
import { getStaff, safeRedirect, startSession } from '~/utils/auth.server'
import { clientAddress, requireValidCsrf } from '~/utils/form-security.server'
import { knownDevice, rememberDevice } from '~/utils/infra/sign-in-limits.server'
import { useZodForm } from '~/utils/use-zod-form'

export const meta: MetaFunction = () => adminMeta('工作人员登录')

// Public by design: the sign-in page itself. Signed-in staff go straight on.
export async function loader({ request }: LoaderFunctionArgs) {
  if (await getStaff(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo')))
  return json({})
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData()
  await requireValidCsrf(request, formData)
  const submission = parseWithZod(formData, { schema: loginSchema })
  if (submission.status !== 'success') return json({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  const email = submission.value.email.trim().toLowerCase()
  const outcome = await signIn(email, submission.value.password, clientAddress(request), await knownDevice(request, 'staff', email))
  if (!outcome.ok) {
    return json(
      { result: submission.reply({ formErrors: [outcome.message], hideFields: ['password'] }) },
      {
        status: outcome.retryAfterSeconds ? 429 : 401,
        headers: outcome.retryAfterSeconds ? { 'Retry-After': String(outcome.retryAfterSeconds) } : undefined,
      },
    )
  }
  const headers = new Headers([
    ['Set-Cookie', await startSession(request, outcome.userId)],
    ['Set-Cookie', await rememberDevice(request, 'staff', email)],
  ])
  return redirect(safeRedirect(submission.value.redirectTo), { headers })
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [searchParams] = useSearchParams()
  const [form, fields] = useZodForm(loginSchema, {
    id: 'login',
    lastResult: actionData?.result,
  })
  return (
    <article className="detail narrow">
      <h1>工作人员登录</h1>
      <p className="lead">科普场馆、基地与区科委（科协）的工作人员在此发布场馆与活动、签到和查看数据。</p>
      <Form method="post" {...getFormProps(form)} className="stack-form">
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label="邮箱" meta={fields.email}>
          <input {...getInputProps(fields.email, { type: 'email' })} autoComplete="username" />
        </Field>
        <Field label="密码" meta={fields.password}>
          <input {...getInputProps(fields.password, { type: 'password' })} autoComplete="current-password" />
        </Field>
        <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
          登录
        </button>
      </Form>
      <p className="hint">没有账号或忘记密码：请联系本区管理员生成设置密码的链接。</p>
    </article>
  )
}
