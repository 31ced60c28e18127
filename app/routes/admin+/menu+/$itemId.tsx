import { getFormProps, getInputProps, getTextareaProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { CheckField, Field, FormErrors, SelectField } from '~/components/form-field'
import { activeDistrictChoices, organisationChoices } from '~/models/choices.server'
import { menuItemSchema } from '~/models/menu/admin-schema'
import { findMenuItemForStaff, saveMenuItem } from '~/models/menu/menu.server'
import { MENU_KINDS, menuKindLabel } from '~/models/menu/schema'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { notFound } from '~/utils/http-errors'
import { redirectWithToast } from '~/utils/toast.server'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(data?.item ? `菜单项目：${data.item.title}` : '新建菜单项目')

// `new` creates an item; any other id edits one of the staff member's organisations' items.
async function load(request: Request, itemId: string | undefined) {
  const staff = await requireStaff(request)
  const item = itemId === 'new' ? null : await findMenuItemForStaff(staff, itemId ?? '')
  if (itemId !== 'new' && !item) throw notFound('找不到这个项目，或不在你的管理范围内。')
  return { staff, item }
}

const schema = menuItemSchema

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, item } = await load(request, params.itemId)
  const [districts, organisations] = await Promise.all([activeDistrictChoices(), organisationChoices(staff)])
  return json({ item, districts, organisations })
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => schema,
    access: { staff: (request) => load(request, params.itemId) },
    async submit(value, { actor: { staff, item } }) {
      const saved = await saveMenuItem(staff, item?.id ?? null, value)
      return redirectWithToast(request, `/admin/menu/${saved.id}`, '已保存。')
    },
  })
}

export default function MenuItemAdminPage() {
  const { item, districts, organisations } = useLoaderData<typeof loader>()
  const { result } = useFormReply()
  const [form, fields] = useZodForm(schema, {
    id: 'menu-item',
    lastResult: result,
    defaultValue: item
      ? {
          ...item,
          topics: item.topics.join('、'),
          durationMinutes: String(item.durationMinutes),
          minGroup: String(item.minGroup),
          maxGroup: String(item.maxGroup),
          leadDays: String(item.leadDays),
          active: item.active ? 'on' : undefined,
        }
      : {
          durationMinutes: '60',
          minGroup: '10',
          maxGroup: '100',
          leadDays: '7',
          active: 'on',
          organisationId: organisations.length === 1 ? organisations[0].id : undefined,
        },
  })
  const delivers = new Set(item?.deliversTo ?? [])
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/menu">← 科普菜单</Link>
        {item?.active ? (
          <>
            {' '}
            · <Link to={`/menu/${item.id}`}>公开页面</Link>
          </>
        ) : null}
      </p>
      <h1>{item ? item.title : '新建菜单项目'}</h1>
      <Form method="post" {...getFormProps(form)} className="stack-form wide-form">
        <CsrfInput />
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field-row">
          <Field label="项目名称" meta={fields.title}>
            <input {...getInputProps(fields.title, { type: 'text' })} />
          </Field>
          <SelectField
            label="形式"
            meta={fields.kind}
            placeholder="请选择"
            options={MENU_KINDS.map((k) => ({ value: k, label: menuKindLabel[k] }))}
          />
        </div>
        {organisations.length > 1 ? (
          <SelectField
            label="提供单位"
            meta={fields.organisationId}
            placeholder="请选择"
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
        ) : (
          <input type="hidden" name="organisationId" value={organisations[0]?.id ?? ''} />
        )}
        <div className="field-row">
          <Field label="适合人群" hint="例如：社区居民、小学生" meta={fields.audience}>
            <input {...getInputProps(fields.audience, { type: 'text' })} />
          </Field>
          <Field label="主题" hint="用顿号分隔" meta={fields.topics}>
            <input {...getInputProps(fields.topics, { type: 'text' })} />
          </Field>
        </div>
        <div className="field-row">
          <Field label="时长（分钟）" meta={fields.durationMinutes}>
            <input {...getInputProps(fields.durationMinutes, { type: 'number' })} inputMode="numeric" />
          </Field>
          <Field label="最少人数" meta={fields.minGroup}>
            <input {...getInputProps(fields.minGroup, { type: 'number' })} inputMode="numeric" />
          </Field>
          <Field label="最多人数" meta={fields.maxGroup}>
            <input {...getInputProps(fields.maxGroup, { type: 'number' })} inputMode="numeric" />
          </Field>
          <Field label="需提前天数" meta={fields.leadDays}>
            <input {...getInputProps(fields.leadDays, { type: 'number' })} inputMode="numeric" />
          </Field>
        </div>
        <fieldset className={fields.deliversTo.errors ? 'grade-checks has-error' : 'grade-checks'}>
          <legend>配送到</legend>
          {districts.map((d) => (
            <label key={d.id} className="check-inline">
              <input type="checkbox" name={fields.deliversTo.name} value={d.id} defaultChecked={delivers.has(d.id)} /> {d.name}
            </label>
          ))}
          {fields.deliversTo.errors ? <p className="field-error">{fields.deliversTo.errors[0]}</p> : null}
        </fieldset>
        <Field label="项目介绍" meta={fields.description}>
          <textarea {...getTextareaProps(fields.description)} rows={5} />
        </Field>
        <CheckField label="上架（在科普菜单中显示）" meta={fields.active}>
          <input {...getInputProps(fields.active, { type: 'checkbox' })} />
        </CheckField>
        <button type="submit" className="primary">
          保存项目
        </button>
      </Form>
    </article>
  )
}
