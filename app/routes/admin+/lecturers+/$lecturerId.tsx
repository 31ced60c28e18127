// One lecturer of the district's roster (decision 034): their page (what the public sees, published or hidden),
// the 菜单 items they give, and a one-time link that joins their resident account to the page. `new` adds one.
// District admins keep their district's roster only; platform admins every one.
import { getFormProps, getInputProps, getTextareaProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CsrfInput } from '~/components/csrf-input'
import { CheckField, Field, FormErrors, SelectField } from '~/components/form-field'
import zhCN from '~/locales/zh-CN'
import {
  findLecturerForStaff,
  issueLecturerLink,
  menuItemsForRoster,
  requireRosterStaff,
  saveLecturer,
  setLecturerItems,
} from '~/models/lecturers/roster.server'
import { LECTURER_AUDIENCES, LECTURER_TOPICS, lecturerStaffSchema } from '~/models/lecturers/schema'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { requireValidCsrf } from '~/utils/form-security.server'
import { notFound } from '~/utils/http-errors'
import { tFor } from '~/utils/i18n'
import { prisma } from '~/utils/infra/db.server'
import { publicOrigin } from '~/utils/links.server'
import { districtScope } from '~/utils/permissions.server'
import { Refusal } from '~/utils/refusal'
import { useZodForm } from '~/utils/use-zod-form'

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(data?.lecturer ? `讲师：${data.lecturer.name}` : '添加讲师')

const zh = tFor('zh-CN')
const profileSchema = lecturerStaffSchema(zh).extend({ districtId: z.string().max(40).optional() })
const pageSchema = z.discriminatedUnion('intent', [
  profileSchema.extend({ intent: z.literal('save') }),
  z.object({
    intent: z.literal('items'),
    menuItemIds: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(40)).max(200)),
  }),
  z.object({ intent: z.literal('link') }),
])

async function load(request: Request, lecturerId: string | undefined) {
  const staff = await requireStaff(request)
  requireRosterStaff(staff)
  const lecturer = lecturerId === 'new' ? null : await findLecturerForStaff(staff, lecturerId ?? '')
  if (lecturerId !== 'new' && !lecturer) throw notFound('找不到这位讲师，或不在你的管理范围内。')
  return { staff, lecturer }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, lecturer } = await load(request, params.lecturerId)
  const [districts, items] = await Promise.all([
    prisma.district.findMany({ where: { active: true }, orderBy: { code: 'asc' }, select: { id: true, name: true } }),
    menuItemsForRoster(staff),
  ])
  const ownDistricts = await prisma.district.findMany({ where: districtScope(staff), select: { id: true } })
  return json({ lecturer, districts, items, choosesDistrict: staff.role === 'PLATFORM_ADMIN', ownDistricts: ownDistricts.map((d) => d.id) })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, lecturer } = await load(request, params.lecturerId)
  const formData = await request.formData()
  await requireValidCsrf(request, formData)
  const submission = parseWithZod(formData, { schema: pageSchema })
  if (submission.status !== 'success') return json({ result: submission.reply(), link: null, message: null }, { status: 400 })
  const value = submission.value
  try {
    switch (value.intent) {
      case 'save': {
        const { intent: _intent, ...input } = value
        const saved = await saveLecturer(staff, lecturer?.id ?? null, input)
        if (!lecturer) return redirect(`/admin/lecturers/${saved.id}`)
        return json({ result: submission.reply(), link: null, message: '已保存。' })
      }
      case 'items':
        if (!lecturer) throw notFound()
        await setLecturerItems(staff, lecturer.id, value.menuItemIds)
        return json({ result: null, link: null, message: '已保存讲授的项目。' })
      case 'link': {
        if (!lecturer) throw notFound()
        const secret = await issueLecturerLink(staff, lecturer.id)
        return json({ result: null, link: `${publicOrigin()}/lecturer/link/${secret}`, message: null })
      }
    }
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    return json({ result: submission.reply(error.replyErrors()), link: null, message: null }, { status: error.status === 404 ? 404 : 400 })
  }
}

export default function LecturerAdminPage() {
  const { lecturer, districts, items, choosesDistrict } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useZodForm(profileSchema, {
    id: 'lecturer',
    lastResult: actionData?.result,
    defaultValue: lecturer
      ? {
          name: lecturer.name,
          organisation: lecturer.organisation,
          title: lecturer.title,
          bio: lecturer.bio,
          monthlyCapacity: String(lecturer.monthlyCapacity),
          published: lecturer.published ? 'on' : undefined,
        }
      : { monthlyCapacity: '2' },
  })
  const gives = new Set(lecturer?.menuItems.map((m) => m.menuItem.id) ?? [])
  // After a refused save the boxes show what was ticked, not what is stored.
  const ticked = (typed: unknown, saved: string[]) =>
    new Set(typed === undefined ? saved : ([] as unknown[]).concat(typed).filter((v): v is string => typeof v === 'string'))
  const travels = ticked(fields.travelsTo.initialValue, lecturer?.travelsTo ?? [])
  const topics = ticked(fields.topics.initialValue, lecturer?.topics ?? [])
  const audiences = ticked(fields.audiences.initialValue, lecturer?.audiences ?? [])
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/lecturers">← 讲师团</Link>
        {lecturer?.published ? (
          <>
            {' '}
            · <Link to={`/lecturers/${lecturer.id}`}>公开页面</Link>
          </>
        ) : null}
      </p>
      <h1>{lecturer ? lecturer.name : '添加讲师'}</h1>
      {actionData?.message ? (
        <p className="notice" role="status">
          {actionData.message}
        </p>
      ) : null}
      {actionData?.link ? (
        <div className="notice" role="status">
          <p>已为讲师生成账号关联链接（仅显示这一次，3 天内有效，只能使用一次）。请发给讲师本人：打开后登录或注册科普护照账号即可关联。</p>
          <p>
            <input
              className="copy-field"
              readOnly
              value={actionData.link}
              aria-label="讲师账号关联链接"
              onFocus={(e) => e.currentTarget.select()}
            />
          </p>
        </div>
      ) : null}
      {lecturer ? (
        <section aria-labelledby="lecturer-account">
          <h2 id="lecturer-account">讲师账号与照片</h2>
          <p>{lecturer.residentId ? '讲师已关联账号，可以自己维护主页、接单。' : '讲师还没有关联账号：关联后才能接单。'}</p>
          <div className="button-row">
            <Form method="post">
              <CsrfInput />
              <button type="submit" name="intent" value="link">
                {lecturer.residentId ? '重新生成关联链接（将替换已关联的账号）' : '生成账号关联链接'}
              </button>
            </Form>
            <Link className="button" to={`/admin/lecturers/${lecturer.id}/photo`}>
              {lecturer.photoFileId ? '更换照片' : '上传照片'}
            </Link>
          </div>
        </section>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack-form wide-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="save" />
        <FormErrors id={form.errorId} errors={form.errors} />
        {choosesDistrict && !lecturer ? (
          <SelectField
            label="所属区"
            meta={fields.districtId}
            placeholder="请选择"
            options={districts.map((d) => ({ value: d.id, label: d.name }))}
          />
        ) : null}
        <div className="field-row">
          <Field label="姓名" meta={fields.name}>
            <input {...getInputProps(fields.name, { type: 'text' })} />
          </Field>
          <Field label="单位" meta={fields.organisation}>
            <input {...getInputProps(fields.organisation, { type: 'text' })} />
          </Field>
          <Field label="职称" meta={fields.title}>
            <input {...getInputProps(fields.title, { type: 'text' })} />
          </Field>
        </div>
        <fieldset
          className={fields.topics.errors ? 'grade-checks has-error' : 'grade-checks'}
          aria-describedby={fields.topics.errors ? fields.topics.errorId : undefined}
        >
          <legend>主题</legend>
          {LECTURER_TOPICS.map((key) => (
            <label key={key} className="check-inline">
              <input type="checkbox" name={fields.topics.name} value={key} defaultChecked={topics.has(key)} /> {zhCN.lecturer.topic[key]}
            </label>
          ))}
          {fields.topics.errors ? (
            <p id={fields.topics.errorId} className="field-error">
              {fields.topics.errors[0]}
            </p>
          ) : null}
        </fieldset>
        <fieldset
          className={fields.audiences.errors ? 'grade-checks has-error' : 'grade-checks'}
          aria-describedby={fields.audiences.errors ? fields.audiences.errorId : undefined}
        >
          <legend>适合人群</legend>
          {LECTURER_AUDIENCES.map((key) => (
            <label key={key} className="check-inline">
              <input type="checkbox" name={fields.audiences.name} value={key} defaultChecked={audiences.has(key)} />{' '}
              {zhCN.lecturer.audience[key]}
            </label>
          ))}
          {fields.audiences.errors ? (
            <p id={fields.audiences.errorId} className="field-error">
              {fields.audiences.errors[0]}
            </p>
          ) : null}
        </fieldset>
        <fieldset className="grade-checks">
          <legend>还可前往的区</legend>
          {districts.map((d) => (
            <label key={d.id} className="check-inline">
              <input type="checkbox" name={fields.travelsTo.name} value={d.id} defaultChecked={travels.has(d.id)} /> {d.name}
            </label>
          ))}
        </fieldset>
        <Field label="每月可讲场数" hint="大约每月能讲几场，派单时参考（0–30）" meta={fields.monthlyCapacity}>
          <input {...getInputProps(fields.monthlyCapacity, { type: 'number' })} inputMode="numeric" />
        </Field>
        <Field label="简介" meta={fields.bio}>
          <textarea {...getTextareaProps(fields.bio)} rows={6} />
        </Field>
        <CheckField label="公开（出现在讲师团页面）" meta={fields.published}>
          <input {...getInputProps(fields.published, { type: 'checkbox' })} />
        </CheckField>
        <button type="submit" className="primary">
          保存
        </button>
      </Form>
      {lecturer ? (
        <section aria-labelledby="lecturer-items">
          <h2 id="lecturer-items">讲授的菜单项目</h2>
          {items.length === 0 ? <p>本区还没有上架的菜单项目。</p> : null}
          <Form method="post" className="stack-form">
            <CsrfInput />
            <fieldset className="grade-checks">
              <legend>派单时优先派给列出的讲师；列出讲师的项目只派给这些讲师。</legend>
              {items.map((item) => (
                <label key={item.id} className="check-inline">
                  <input type="checkbox" name="menuItemIds" value={item.id} defaultChecked={gives.has(item.id)} /> {item.title}（
                  {item.organisation.name}）
                </label>
              ))}
            </fieldset>
            <button type="submit" name="intent" value="items">
              保存讲授的项目
            </button>
          </Form>
        </section>
      ) : null}
    </article>
  )
}
