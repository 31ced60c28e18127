import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { HoneypotInputs, HoneypotProvider } from 'remix-utils/honeypot/react'
import { CheckField, Field, FormErrors } from '~/components/form-field'
import { PointFields } from '~/components/place-fields'
import { mapLinks } from '~/components/places-map'
import { getMenuItem, MenuError, placeOrder } from '~/models/menu.server'
import { prisma } from '~/utils/db.server'
import { checkPublicForm, clientAddress, publicFormProtection } from '~/utils/form-security.server'
import { SHANGHAI_CENTER } from '~/utils/map-config'
import { menuKindLabel, menuOrderSchema, SITE_KINDS, siteKindLabel } from '~/utils/menu-schema'
import { consumeRateLimits } from '~/utils/rate-limit.server'

export const links = () => mapLinks

async function loadItem(itemId: string | undefined) {
  const item = await getMenuItem(itemId ?? '')
  if (!item) throw new Response('这个项目已下架', { status: 404 })
  return item
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const item = await loadItem(params.itemId)
  const districts = await prisma.district.findMany({ where: { id: { in: item.deliversTo } }, orderBy: { code: 'asc' }, select: { id: true, name: true, centerLat: true, centerLng: true } })
  const protection = await publicFormProtection(request)
  return json({ item, districts, csrfToken: protection.csrfToken, honeypotInputs: protection.honeypotInputs }, { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } })
}

export async function action({ params, request }: ActionFunctionArgs) {
  const item = await loadItem(params.itemId)
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: menuOrderSchema })
  const refuse = (message: string, status: number) => json({ result: submission.reply({ formErrors: [message] }) }, { status })
  const formProblem = await checkPublicForm(request, formData)
  if (formProblem) return refuse(formProblem, 403)
  const limit = await consumeRateLimits([
    { key: `menu:addr:${clientAddress(request)}`, limit: 20, windowSeconds: 3600 },
    ...(submission.status === 'success' ? [{ key: `menu:phone:${submission.value.phone}`, limit: 10, windowSeconds: 86400 }] : []),
  ])
  if (!limit.allowed) return refuse(`提交太频繁，请 ${Math.ceil(limit.retryAfterSeconds / 60)} 分钟后再试。`, 429)
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
  try {
    const order = await placeOrder(item.id, submission.value)
    return redirect(`/menu/orders/${order.manageToken}?new=1`)
  } catch (error) {
    if (!(error instanceof MenuError)) throw error
    return json({ result: submission.reply(error.field ? { fieldErrors: { [error.field]: [error.message] } } : { formErrors: [error.message] }) }, { status: 409 })
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `点单：${data.item.title} · 科普菜单` : '科普菜单' }]

export default function MenuItemPage() {
  const { item, districts, csrfToken, honeypotInputs } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'menu-order',
    lastResult: actionData?.result,
    constraint: getZodConstraint(menuOrderSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    defaultValue: { districtId: districts.length === 1 ? districts[0].id : undefined },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: menuOrderSchema }),
  })
  const district = districts.find((d) => d.id === fields.districtId.value)
  return (
    <article className="detail">
      <p className="meta"><Link to="/menu">← 科普菜单</Link></p>
      <p className="meta"><span className="badge">{menuKindLabel[item.kind]}</span> {item.organisation.name}</p>
      <h1>{item.title}</h1>
      <p className="prose">{item.description}</p>
      <dl className="facts">
        <dt>适合</dt><dd>{item.audience}</dd>
        <dt>时长</dt><dd>{item.durationMinutes} 分钟</dd>
        <dt>人数</dt><dd>每次 {item.minGroup}–{item.maxGroup} 人</dd>
        <dt>提前</dt><dd>至少 {item.leadDays} 天</dd>
        <dt>配送到</dt><dd>{districts.map((d) => d.name).join('、')}</dd>
        {item.topics.length ? <><dt>主题</dt><dd>{item.topics.join('、')}</dd></> : null}
      </dl>
      <h2>点单</h2>
      <HoneypotProvider {...honeypotInputs}>
        <Form method="post" {...getFormProps(form)} className="stack-form">
          <input type="hidden" name="csrf" value={csrfToken} />
          <HoneypotInputs label="请勿填写此项" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <div className="field-row">
            <Field label="场所名称" meta={fields.siteName}><input {...getInputProps(fields.siteName, { type: 'text' })} /></Field>
            <Field label="场所类型" meta={fields.siteKind}>
              <select {...getSelectProps(fields.siteKind)}>
                <option value="">请选择</option>
                {SITE_KINDS.map((k) => <option key={k} value={k}>{siteKindLabel[k]}</option>)}
              </select>
            </Field>
          </div>
          <div className="field-row">
            <Field label="所在区" meta={fields.districtId}>
              <select {...getSelectProps(fields.districtId)}>
                {districts.length > 1 ? <option value="">请选择</option> : null}
                {districts.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
              </select>
            </Field>
            <Field label="地址" meta={fields.siteAddress}><input {...getInputProps(fields.siteAddress, { type: 'text' })} autoComplete="street-address" /></Field>
          </div>
          <fieldset className="location-fieldset">
            <legend>场所位置</legend>
            <p className="hint">在地图上点击场所的位置，或填写纬度和经度。确定日期后，活动会显示在这里。</p>
            <PointFields lat={fields.lat} lng={fields.lng} fallbackCenter={district ? { lat: district.centerLat, lng: district.centerLng } : SHANGHAI_CENTER} label="地图选点：点击场所的位置" />
          </fieldset>
          <div className="field-row">
            <Field label="联系人" meta={fields.contactName}><input {...getInputProps(fields.contactName, { type: 'text' })} autoComplete="name" /></Field>
            <Field label="联系人手机号" meta={fields.phone}><input {...getInputProps(fields.phone, { type: 'tel' })} inputMode="tel" autoComplete="tel" /></Field>
          </div>
          <div className="field-row">
            <Field label="希望的日期和时间" hint="例如：12月中旬的周六下午" meta={fields.preferredDates}><input {...getInputProps(fields.preferredDates, { type: 'text' })} /></Field>
            <Field label="预计人数" meta={fields.expectedAudience}><input {...getInputProps(fields.expectedAudience, { type: 'number' })} inputMode="numeric" /></Field>
          </div>
          <Field label="补充说明" meta={fields.notes}><textarea {...getTextareaProps(fields.notes)} rows={3} /></Field>
          <CheckField label="我同意提供单位为本次配送的联系与安排使用以上信息，不作他用（依据《个人信息保护法》）。" meta={fields.consent}>
            <input {...getInputProps(fields.consent, { type: 'checkbox' })} />
          </CheckField>
          <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>提交点单</button>
        </Form>
      </HoneypotProvider>
    </article>
  )
}
