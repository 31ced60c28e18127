import { getFormProps, getInputProps } from '@conform-to/react'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useNavigation, useSearchParams } from '@remix-run/react'
import { Field, FormErrors } from '~/components/form-field'
import { loginSchema } from '~/models/staff/schema'
import { signIn } from '~/models/staff/staff.server'
import { adminMeta } from '~/utils/admin-meta'
import { getStaff, safeRedirect, startSession } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { knownDevice, rememberDevice } from '~/utils/infra/sign-in-limits.server'
import { Refusal } from '~/utils/refusal'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'

export const meta: MetaFunction = () => adminMeta('工作人员登录')

// Public by design: the sign-in page itself. Signed-in staff go straight on.
export async function loader({ request }: LoaderFunctionArgs) {
  if (await getStaff(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo')))
  return json({})
}

// On the form pipeline as a public form: nobody is signed in yet, so a cross-site post is refused by the browser's own
// headers (decision 032), and the sign-in limits are the model's (decision 025).
export async function action({ request }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => loginSchema,
    access: { public: true },
    hideFields: ['password'],
    async submit(value, { address }) {
      const email = value.email.trim().toLowerCase()
      const outcome = await signIn(email, value.password, address, await knownDevice(request, 'staff', email))
      if (!outcome.ok)
        throw new Refusal(outcome.message, undefined, outcome.retryAfterSeconds ? 429 : 401, undefined, outcome.retryAfterSeconds)
      const headers = new Headers([
        ['Set-Cookie', await startSession(request, outcome.userId)],
        ['Set-Cookie', await rememberDevice(request, 'staff', email)],
      ])
      return redirect(safeRedirect(value.redirectTo), { headers })
    },
  })
}

export default function LoginPage() {
  const { result } = useFormReply()
  const navigation = useNavigation()
  const [searchParams] = useSearchParams()
  const [form, fields] = useZodForm(loginSchema, {
    id: 'login',
    lastResult: result,
  })
  return (
    <article className="detail narrow">
      <h1>工作人员登录</h1>
      <p className="lead">科普场馆、基地与区科委（科协）的工作人员在此发布场馆与活动、签到和查看数据。</p>
      <Form method="post" {...getFormProps(form)} className="stack-form">
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
