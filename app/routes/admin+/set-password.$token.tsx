import { getFormProps, getInputProps } from '@conform-to/react'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Field, FormErrors } from '~/components/form-field'
import { setPasswordSchema } from '~/models/staff/schema'
import { findPasswordToken, setPasswordWithToken } from '~/models/staff/staff.server'
import { adminMeta } from '~/utils/admin-meta'
import { startSession } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { rememberDevice } from '~/utils/infra/sign-in-limits.server'
import { Refusal } from '~/utils/refusal'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'

export const meta: MetaFunction = () => adminMeta('设置密码')

// Public by design: the one-time link is the credential. The page is never cached and sends no referrer.
const privateHeaders = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' }

export async function loader({ params }: LoaderFunctionArgs) {
  const token = await findPasswordToken(params.token ?? '')
  return json({ account: token ? { email: token.user.email, name: token.user.name } : null }, { headers: privateHeaders })
}

// A public form (the link is the credential): cross-site posts refused by the browser's headers (decision 032).
export async function action({ request, params }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => setPasswordSchema,
    access: { public: true },
    hideFields: ['password', 'confirmPassword'],
    async submit(value) {
      const { userId, email } = await setPasswordWithToken(params.token ?? '', value.password).catch((error: unknown) => {
        // A used or expired link: gone, above the form.
        throw error instanceof Refusal ? new Refusal(error.message, undefined, 410) : error
      })
      // The one-time link proved this device: it may sign in with the password even while new devices are paused.
      const headers = new Headers([
        ['Set-Cookie', await startSession(request, userId)],
        ['Set-Cookie', await rememberDevice(request, 'staff', email)],
      ])
      return redirect('/admin', { headers })
    },
  })
}

export default function SetPasswordPage() {
  const { account } = useLoaderData<typeof loader>()
  const { result } = useFormReply()
  const [form, fields] = useZodForm(setPasswordSchema, {
    id: 'set-password',
    lastResult: result,
  })
  if (!account) {
    return (
      <article className="detail narrow">
        <h1>链接已失效</h1>
        <p>这个设置密码的链接已使用或已过期（有效期 3 天）。请联系管理员重新生成。</p>
        <p>
          <Link to="/admin/login">前往登录</Link>
        </p>
      </article>
    )
  }
  return (
    <article className="detail narrow">
      <h1>设置密码</h1>
      <p className="lead">
        {account.name}（{account.email}），请为账号设置密码。链接只能使用一次。
      </p>
      <Form method="post" {...getFormProps(form)} className="stack-form">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="email" name="username" value={account.email} autoComplete="username" readOnly hidden />
        <Field label="新密码" hint="至少 10 个字符；建议用一句好记的话" meta={fields.password}>
          <input {...getInputProps(fields.password, { type: 'password' })} autoComplete="new-password" />
        </Field>
        <Field label="再次填写新密码" meta={fields.confirmPassword}>
          <input {...getInputProps(fields.confirmPassword, { type: 'password' })} autoComplete="new-password" />
        </Field>
        <button type="submit" className="primary">
          设置密码并登录
        </button>
      </Form>
    </article>
  )
}
