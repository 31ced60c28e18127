// 基地级别 (platform admin): the list of levels a venue can be recognised at. A level no longer given is stopped,
// never deleted: the designations that name it keep their name.
import { getFormProps, getInputProps, getTextareaProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { Field, FormErrors } from '~/components/form-field'
import { levelCriteriaSchema, levelSchema } from '~/models/bases/admin-schema'
import { criteriaOf } from '~/models/bases/application.server'
import { listLevels, requirePlatformAdmin } from '~/models/bases/designation.server'
import { criteriaText, MAX_LEVEL_CRITERIA } from '~/models/bases/labels'
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
    {
      levels: levels.map(({ key, name, nameEn, active, criteria }) => ({ key, name, nameEn, active, criteria: criteriaOf(criteria) })),
    },
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
            <CriteriaForm level={l} />
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

/** A level's 申报 criteria: what reviewers score its applications against, one line each. */
function CriteriaForm({ level }: { level: { key: string; name: string; criteria: Array<{ label: string; points: number }> } }) {
  const { result } = useFormReply(`level-criteria:${level.key}`)
  const [form, fields] = useZodForm(levelCriteriaSchema, { id: `criteria-${level.key}`, lastResult: result })
  const total = level.criteria.reduce((sum, c) => sum + c.points, 0)
  return (
    <details open={Boolean(result) || level.criteria.length === 0}>
      <summary>
        申报评分标准：{level.criteria.length ? `${level.criteria.length} 项，共 ${total} 分` : '尚未设定（这一级别的申报还不能评分）'}
      </summary>
      <Form method="post" {...getFormProps(form)} className="stack-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="level-criteria" />
        <input type="hidden" name="key" value={level.key} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={`「${level.name}」的评分标准`}
          hint={`每行一项，写成“名称=分值”，分值 1–100，最多 ${MAX_LEVEL_CRITERIA} 项。已有申报评分、尚未决定时不能修改。`}
          meta={fields.criteria}
        >
          <textarea
            {...getTextareaProps(fields.criteria)}
            rows={6}
            defaultValue={fields.criteria.initialValue ?? criteriaText(level.criteria)}
          />
        </Field>
        <button type="submit">保存评分标准</button>
      </Form>
    </details>
  )
}
