// 基地级别 (platform admin): the list of levels a venue can be recognised at. A level no longer given is stopped,
// never deleted: the designations that name it keep their name.
import { getFormProps, getInputProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { Field, FormErrors } from '~/components/form-field'
import { levelSchema } from '~/models/bases/admin-schema'
import { listLevels, requirePlatformAdmin } from '~/models/bases/designation.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'
import { levelsAction } from './__designation-actions.server'

export const meta: MetaFunction = () => adminMeta('基地级别')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  requirePlatformAdmin(staff)
  const levels = await listLevels({ includeInactive: true })
  return json(
    { levels: levels.map(({ key, name, nameEn, active }) => ({ key, name, nameEn, active })) },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

export const action = ({ request }: ActionFunctionArgs) => levelsAction(request)

export default function AdminBaseLevelsPage() {
  const { levels } = useLoaderData<typeof loader>()
  const { result } = useFormReply('level-add')
  const [form, fields] = useZodForm(levelSchema, { id: 'level', lastResult: result })
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/bases">← 科普基地</Link>
      </p>
      <h1>基地级别</h1>
      <ul>
        {levels.map((l) => (
          <li key={l.key}>
            {l.name}（{l.nameEn}）{l.active ? '' : ' · 已停用'}{' '}
            <Form method="post" className="inline-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="level-toggle" />
              <input type="hidden" name="key" value={l.key} />
              <input type="hidden" name="active" value={l.active ? 'off' : 'on'} />
              <button type="submit" className="link-button">
                {l.active ? '停用' : '恢复'}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <section className="admin-section" aria-labelledby="add-level">
        <h2 id="add-level">添加级别</h2>
        <Form method="post" {...getFormProps(form)} className="stack-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="level-add" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field label="级别名称" meta={fields.name}>
            <input {...getInputProps(fields.name, { type: 'text' })} />
          </Field>
          <Field label="英文名称" hint="英文页面显示" meta={fields.nameEn}>
            <input {...getInputProps(fields.nameEn, { type: 'text' })} />
          </Field>
          <button type="submit">添加级别</button>
        </Form>
      </section>
    </article>
  )
}
