import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { CheckField, Field, FormErrors } from '~/components/form-field'
import { checkPublicForm, clientAddress, publicFormProtection } from '~/utils/form-security.server'
import { getResident, ResidentError, signUpResident, startResidentSession } from '~/utils/resident-auth.server'
import { residentSignUpSchema } from '~/utils/resident-schema'

export const meta: MetaFunction = () => [{ title: '注册科普护照账号 · 科普地图' }]

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getResident(request)) throw redirect('/passport')
  const protection = await publicFormProtection(request)
  return json({ csrfToken: protection.csrfToken }, { headers: protection.headers })
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: residentSignUpSchema })
  const hideFields = ['password', 'confirmPassword']
  const formProblem = await checkPublicForm(request, formData)
  if (formProblem) return json({ result: submission.reply({ formErrors: [formProblem], hideFields }) }, { status: 403 })
  if (submission.status !== 'success') return json({ result: submission.reply({ hideFields }) }, { status: 400 })
  try {
    const residentId = await signUpResident(submission.value.phone, submission.value.password, clientAddress(request))
    return redirect('/passport?welcome=1', { headers: { 'Set-Cookie': await startResidentSession(request, residentId) } })
  } catch (error) {
    if (!(error instanceof ResidentError)) throw error
    return json({ result: submission.reply({ ...(error.field ? { fieldErrors: { [error.field]: [error.message] } } : { formErrors: [error.message] }), hideFields }) }, { status: 409 })
  }
}

export default function SignUpPage() {
  const { csrfToken } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'signup', lastResult: actionData?.result, constraint: getZodConstraint(residentSignUpSchema), shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: residentSignUpSchema }),
  })
  return (
    <article className="detail narrow">
      <h1>注册科普护照账号</h1>
      <p className="lead">用手机号和密码注册后，在科普护照盖章点签到即可自动盖章。不注册也可以照常报名活动。</p>
      <Form method="post" {...getFormProps(form)} className="stack-form">
        <input type="hidden" name="csrf" value={csrfToken} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label="手机号" meta={fields.phone}><input {...getInputProps(fields.phone, { type: 'tel' })} inputMode="tel" autoComplete="tel" /></Field>
        <Field label="密码" hint="至少 8 个字符" meta={fields.password}><input {...getInputProps(fields.password, { type: 'password' })} autoComplete="new-password" /></Field>
        <Field label="再次填写密码" meta={fields.confirmPassword}><input {...getInputProps(fields.confirmPassword, { type: 'password' })} autoComplete="new-password" /></Field>
        <CheckField label="我同意科普地图保存我的手机号、报名记录和盖章记录，用于科普护照；我可以随时在“我的账号”中查看并删除。" meta={fields.consent}>
          <input {...getInputProps(fields.consent, { type: 'checkbox' })} />
        </CheckField>
        <button type="submit" className="primary">注册</button>
      </Form>
      <p>已有账号？<Link to="/account/login">登录</Link></p>
    </article>
  )
}
