// One lecturer of the district's roster (decision 034): their page (what the public sees, published or hidden),
// the 菜单 items they give, and a one-time link that joins their resident account to the page. `new` adds one.
// District admins keep their district's roster only; platform admins every one.
import { getFormProps, getInputProps, getTextareaProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CsrfInput } from '~/components/csrf-input'
import { CheckField, Field, FormErrors, SelectField } from '~/components/form-field'
import zhCN from '~/locales/zh-CN'
import { activeDistrictChoices, ownDistrictIds } from '~/models/choices.server'
import {
  findLecturerForStaff,
  issueLecturerLink,
  menuItemsForRoster,
  requireRosterStaff,
  saveLecturer,
  setLecturerItems,
} from '~/models/lecturers/roster.server'
import { LECTURER_AUDIENCES, LECTURER_TOPICS, lecturerStaffSchema } from '~/models/lecturers/schema'
import { CheckGroup, EditorBackLinks, ticked } from '~/routes/admin+/__record-editor'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { notFound } from '~/utils/http-errors'
import { tFor } from '~/utils/i18n'
import { publicOrigin } from '~/utils/links.server'
import { useFormReply } from '~/utils/use-form-reply'
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
  const [districts, items] = await Promise.all([activeDistrictChoices(), menuItemsForRoster(staff)])
  const ownDistricts = await ownDistrictIds(staff)
  return json({ lecturer, districts, items, choosesDistrict: staff.role === 'PLATFORM_ADMIN', ownDistricts })
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => pageSchema,
    access: { staff: (r: Request) => load(r, params.lecturerId) },
    async submit(value, { actor: { staff, lecturer }, done }) {
      if (value.intent === 'save') {
        const { intent: _intent, ...input } = value
        const saved = await saveLecturer(staff, lecturer?.id ?? null, input)
        return done(lecturer ? '已保存。' : '已添加讲师。', `/admin/lecturers/${saved.id}`)
      }
      if (!lecturer) throw notFound()
      if (value.intent === 'items') {
        await setLecturerItems(staff, lecturer.id, value.menuItemIds)
        return done('已保存讲授的项目。')
      }
      // The one-time link is shown once, on this answer only: never cached, never sent on as a referrer.
      const secret = await issueLecturerLink(staff, lecturer.id)
      return {
        data: { link: `${publicOrigin()}/lecturer/link/${secret}` },
        headers: { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' },
      }
    },
  })
}

export default function LecturerAdminPage() {
  const { lecturer, districts, items, choosesDistrict } = useLoaderData<typeof loader>()
  const saveReply = useFormReply('save')
  const { data } = useFormReply<typeof action>('link')
  const [form, fields] = useZodForm(profileSchema, {
    id: 'lecturer',
    lastResult: saveReply.result,
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
  const travels = ticked(fields.travelsTo.initialValue, lecturer?.travelsTo ?? [])
  const topics = ticked(fields.topics.initialValue, lecturer?.topics ?? [])
  const audiences = ticked(fields.audiences.initialValue, lecturer?.audiences ?? [])
  return (
    <article className="admin-page">
      <EditorBackLinks
        list={{ to: '/admin/lecturers', label: '讲师团' }}
        publicPage={lecturer?.published ? `/lecturers/${lecturer.id}` : null}
      />
      <h1>{lecturer ? lecturer.name : '添加讲师'}</h1>
      {data?.link ? (
        <div className="notice" role="status">
          <p>已为讲师生成账号关联链接（仅显示这一次，3 天内有效，只能使用一次）。请发给讲师本人：打开后登录或注册科普护照账号即可关联。</p>
          <p>
            <input
              className="copy-field"
              readOnly
              value={data.link}
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
        <CheckGroup
          legend="主题"
          meta={fields.topics}
          options={LECTURER_TOPICS.map((key) => ({ value: key, label: zhCN.lecturer.topic[key] }))}
          chosen={topics}
        />
        <CheckGroup
          legend="适合人群"
          meta={fields.audiences}
          options={LECTURER_AUDIENCES.map((key) => ({ value: key, label: zhCN.lecturer.audience[key] }))}
          chosen={audiences}
        />
        <CheckGroup
          legend="还可前往的区"
          meta={fields.travelsTo}
          options={districts.map((d) => ({ value: d.id, label: d.name }))}
          chosen={travels}
        />
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
