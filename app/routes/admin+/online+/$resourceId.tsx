// One resource of the district's library (decision 037): what the public sees (published or hidden), the venues and
// activities it is linked from, its cover, its reach by source, and a figure entered from a platform (a live
// stream's viewers) with where it came from. `new` adds one. District admins keep their district's only.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CsrfInput } from '~/components/csrf-input'
import { CheckField, Field, FormErrors, SelectField } from '~/components/form-field'
import zhCN from '~/locales/zh-CN'
import { districtChoices } from '~/models/choices.server'
import {
  ONLINE_AUDIENCES,
  ONLINE_RESOURCE_KINDS,
  ONLINE_TOPICS,
  onlineResourceSchema,
  reachEntrySchema,
} from '~/models/online/admin-schema'
import { addStaffReach, reachOfResource } from '~/models/online/reach.server'
import { findResourceForStaff, linkChoices, requireOnlineStaff, saveResource } from '~/models/online/resources.server'
import { CheckGroup, EditorBackLinks, ticked } from '~/routes/admin+/__record-editor'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { notFound } from '~/utils/http-errors'
import { tFor } from '~/utils/i18n'
import { shanghaiDateKey } from '~/utils/shanghai-time'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  adminMeta(data?.resource ? `线上资源：${data.resource.title}` : '添加线上资源')

const zh = tFor('zh-CN')
const resourceSchema = onlineResourceSchema(zh)
const entrySchema = reachEntrySchema(zh)
const pageSchema = z.discriminatedUnion('intent', [
  resourceSchema.extend({ intent: z.literal('save') }),
  entrySchema.extend({ intent: z.literal('reach') }),
])

/** Signed in, keeps a library, and the resource (unless `new`) in their scope: 302, 403 or 404 before anything is read. */
async function load(request: Request, resourceId: string | undefined) {
  const staff = await requireStaff(request)
  requireOnlineStaff(staff)
  const resource = resourceId === 'new' ? null : await findResourceForStaff(staff, resourceId ?? '')
  if (resourceId !== 'new' && !resource) throw notFound('找不到这个资源，或不在你的管理范围内。')
  return { staff, resource }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, resource } = await load(request, params.resourceId)
  const [districts, choices, reach] = await Promise.all([
    districtChoices(staff),
    linkChoices(staff, resource?.districtId ?? (staff.role === 'DISTRICT_ADMIN' ? staff.districtId : null)),
    resource ? reachOfResource(resource.id) : null,
  ])
  return json(
    { resource, districts, ...choices, reach, choosesDistrict: staff.role === 'PLATFORM_ADMIN', today: shanghaiDateKey(new Date()) },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => pageSchema,
    access: { staff: (r: Request) => load(r, params.resourceId) },
    async submit(value, { actor: { staff, resource }, done }) {
      if (value.intent === 'save') {
        const { intent: _intent, ...input } = value
        const saved = await saveResource(staff, resource?.id ?? null, input)
        return done(resource ? '已保存。' : '已添加资源。', `/admin/online/${saved.id}`)
      }
      if (!resource) throw notFound()
      const { intent: _intent, ...entry } = value
      await addStaffReach(staff, resource.id, entry)
      return done(`已录入 ${entry.count} 人次（来源：工作人员录入）。`)
    },
  })
}

export default function OnlineResourceAdminPage() {
  const { resource, districts, venues, events, reach, choosesDistrict, today } = useLoaderData<typeof loader>()
  const saveReply = useFormReply('save')
  const reachReply = useFormReply('reach')
  const [form, fields] = useZodForm(resourceSchema, {
    id: 'online-resource',
    lastResult: saveReply.result,
    defaultValue: resource
      ? {
          kind: resource.kind,
          title: resource.title,
          summary: resource.summary,
          url: resource.url,
          source: resource.source,
          licence: resource.licence,
          published: resource.published ? 'on' : undefined,
        }
      : { kind: 'VIDEO' },
  })
  const [entryForm, entryFields] = useZodForm(entrySchema, {
    id: 'online-reach',
    lastResult: reachReply.result,
    defaultValue: { day: today },
  })
  const topics = ticked(fields.topics.initialValue, resource?.topics ?? [])
  const audiences = ticked(fields.audiences.initialValue, resource?.audiences ?? [])
  const linkedVenues = ticked(fields.venueIds.initialValue, resource?.venues.map((v) => v.venueId) ?? [])
  const linkedEvents = ticked(fields.eventIds.initialValue, resource?.events.map((e) => e.eventId) ?? [])
  return (
    <article className="admin-page">
      <EditorBackLinks
        list={{ to: '/admin/online', label: '线上科普' }}
        publicPage={resource?.published ? `/online/${resource.slug}` : null}
      />
      <h1>{resource ? resource.title : '添加线上资源'}</h1>
      {resource ? (
        <section aria-labelledby="resource-cover">
          <h2 id="resource-cover">封面</h2>
          {resource.coverFileId ? (
            <img className="resource-cover" src={`/files/${resource.coverFileId}`} alt={`${resource.title}的封面`} width={240} />
          ) : (
            <p>还没有封面。</p>
          )}
          <p>
            <Link className="button" to={`/admin/online/${resource.id}/cover`}>
              {resource.coverFileId ? '更换封面' : '上传封面'}
            </Link>
          </p>
        </section>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack-form wide-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="save" />
        <FormErrors id={form.errorId} errors={form.errors} />
        {choosesDistrict && !resource ? (
          <SelectField
            label="所属区"
            meta={fields.districtId}
            placeholder="请选择"
            options={districts.map((d) => ({ value: d.id, label: d.name }))}
          />
        ) : null}
        <Field label="类型" meta={fields.kind}>
          <select {...getSelectProps(fields.kind)}>
            {ONLINE_RESOURCE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {zhCN.online.kind[kind]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="标题" meta={fields.title}>
          <input {...getInputProps(fields.title, { type: 'text' })} />
        </Field>
        <Field label="简介" meta={fields.summary}>
          <textarea {...getTextareaProps(fields.summary)} rows={4} />
        </Field>
        <Field label="链接" hint="只接受 https:// 开头的链接（视频、文章、VR 全景、直播间或挂画下载地址）" meta={fields.url}>
          <input {...getInputProps(fields.url, { type: 'url' })} inputMode="url" />
        </Field>
        <div className="field-row">
          <Field label="来源" hint="制作或发布单位" meta={fields.source}>
            <input {...getInputProps(fields.source, { type: 'text' })} />
          </Field>
          <Field label="授权方式" hint="如 CC BY 4.0、仅限浏览" meta={fields.licence}>
            <input {...getInputProps(fields.licence, { type: 'text' })} />
          </Field>
        </div>
        <CheckGroup
          legend="主题"
          meta={fields.topics}
          options={ONLINE_TOPICS.map((key) => ({ value: key, label: zhCN.lecturer.topic[key] }))}
          chosen={topics}
          empty="没有可选的项目。"
        />
        <CheckGroup
          legend="适合人群"
          meta={fields.audiences}
          options={ONLINE_AUDIENCES.map((key) => ({ value: key, label: zhCN.lecturer.audience[key] }))}
          chosen={audiences}
          empty="没有可选的项目。"
        />
        <CheckGroup
          legend="在这些场馆页上展示"
          meta={fields.venueIds}
          options={venues.map((v) => ({ value: v.id, label: v.name }))}
          chosen={linkedVenues}
          empty="没有可选的项目。"
        />
        <CheckGroup
          legend="在这些活动页上展示"
          meta={fields.eventIds}
          options={events.map((e) => ({ value: e.id, label: e.title }))}
          chosen={linkedEvents}
          empty="没有可选的项目。"
        />
        <CheckField label="公开（出现在线上科普页面）" meta={fields.published}>
          <input {...getInputProps(fields.published, { type: 'checkbox' })} />
        </CheckField>
        <button type="submit" className="primary">
          保存
        </button>
      </Form>
      {resource && reach ? (
        <section aria-labelledby="resource-reach" className="admin-section">
          <h2 id="resource-reach">线上触达</h2>
          <p>
            页面浏览 {reach.PAGE_VIEW} · 工作人员录入 {reach.STAFF_ENTRY} · 点位上报 {reach.POINT_REPORT}
          </p>
          <p className="hint">页面浏览：同一访客同一天只计 1 次，不设 Cookie、不存地址。直播等平台的观看人数可在下面录入，须写明出处。</p>
          <Form method="post" {...getFormProps(entryForm)} className="stack-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="reach" />
            <FormErrors id={entryForm.errorId} errors={entryForm.errors} />
            <div className="field-row">
              <Field label="人次" meta={entryFields.count}>
                <input {...getInputProps(entryFields.count, { type: 'text' })} inputMode="numeric" />
              </Field>
              <Field label="日期" meta={entryFields.day}>
                <input {...getInputProps(entryFields.day, { type: 'date' })} />
              </Field>
            </div>
            <Field label="出处" hint="如：直播平台后台显示的观看人数" meta={entryFields.note}>
              <input {...getInputProps(entryFields.note, { type: 'text' })} />
            </Field>
            <button type="submit">录入</button>
          </Form>
        </section>
      ) : null}
    </article>
  )
}
