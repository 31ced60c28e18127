// One 数字科普点位 (decision 037): its kind, who keeps it and the resources it shows (its name and place are the
// venue's, edited in the venue form), its report token (shown once, stored hashed, replaced by issuing a new one),
// how a device reports plays, and what it reported. District admins keep their district's points only.
import { getFormProps, getInputProps, getSelectProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ActionNotices } from '~/components/action-notices'
import { CsrfInput } from '~/components/csrf-input'
import { Field, FormErrors } from '~/components/form-field'
import zhCN from '~/locales/zh-CN'
import { DIGITAL_POINT_KINDS, digitalPointSchema } from '~/models/online/admin-schema'
import { MAX_PLAYS_PER_REPORT } from '~/models/online/point-report-limits'
import { findPointForStaff, issuePointToken, pointResourceChoices, reachOfPoint, savePoint } from '~/models/online/points.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { formatShortDateTime } from '~/utils/format'
import { notFound } from '~/utils/http-errors'
import { tFor } from '~/utils/i18n'
import { publicOrigin } from '~/utils/links.server'
import { shanghaiDateKey } from '~/utils/shanghai-time'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(`数字科普点位：${data?.point.name ?? ''}`)

const pointSchema = digitalPointSchema(tFor('zh-CN'))
const pageSchema = z.discriminatedUnion('intent', [
  pointSchema.extend({ intent: z.literal('save') }),
  z.object({ intent: z.literal('token') }),
])

/** Signed in, keeps points, and this one in their scope: 302, 403 or 404 before anything is read. */
async function load(request: Request, pointId: string | undefined) {
  const staff = await requireStaff(request)
  const point = await findPointForStaff(staff, pointId ?? '')
  if (!point) throw notFound('找不到这个点位，或不在你的管理范围内。')
  return { staff, point }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { point } = await load(request, params.pointId)
  const [resources, reach] = await Promise.all([pointResourceChoices(point.districtId), reachOfPoint(point.id)])
  // Times as text made here: the browser's date formatting may differ from the server's (a hydration mismatch).
  const issued = point.digitalPoint?.tokenIssuedAt ? formatShortDateTime(point.digitalPoint.tokenIssuedAt) : null
  const lastReport = reach.lastReportAt ? formatShortDateTime(reach.lastReportAt) : null
  return json(
    {
      point,
      resources,
      reach,
      issued,
      lastReport,
      reportUrl: `${publicOrigin()}/api/v1/points/${point.id}/reports`,
      today: shanghaiDateKey(new Date()),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => pageSchema,
    access: { staff: (r: Request) => load(r, params.pointId) },
    async submit(value, { actor: { staff, point }, done }) {
      if (value.intent === 'save') {
        const { intent: _intent, ...input } = value
        await savePoint(staff, point.id, input)
        return done('已保存。')
      }
      const token = await issuePointToken(staff, point.id)
      // Shown once on this answer, never cached, never in a URL or a notice.
      return { data: { token }, message: '已发放新的上报密钥，旧密钥已失效。', headers: { 'Cache-Control': 'private, no-store' } }
    },
  })
}

export default function PointAdminPage() {
  const { point, resources, reach, issued, lastReport, reportUrl, today } = useLoaderData<typeof loader>()
  const saveReply = useFormReply('save')
  const tokenReply = useFormReply<typeof action>('token')
  const [form, fields] = useZodForm(pointSchema, {
    id: 'digital-point',
    lastResult: saveReply.result,
    defaultValue: point.digitalPoint ? { kind: point.digitalPoint.kind, keeper: point.digitalPoint.keeper } : { kind: 'SCREEN' },
  })
  const typed = fields.resourceIds.initialValue
  const chosen = new Set(
    typed === undefined
      ? (point.digitalPoint?.resources.map((r) => r.resourceId) ?? [])
      : ([] as unknown[]).concat(typed).filter((v): v is string => typeof v === 'string'),
  )
  const token = tokenReply.data?.token ?? null
  const example = JSON.stringify({ reportId: `${today}-screen-1`, day: today, plays: 12 })
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/points">← 数字科普点位</Link> · <Link to={`/admin/venues/${point.id}`}>名称和位置</Link> ·{' '}
        <Link to={`/venues/${point.slug}`}>公开页面</Link>
      </p>
      <h1>{point.name}</h1>
      <p>{point.district.name}</p>
      <Form method="post" {...getFormProps(form)} className="stack-form wide-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="save" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label="点位类型" meta={fields.kind}>
          <select {...getSelectProps(fields.kind)}>
            {DIGITAL_POINT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {zhCN.online.point.kind[kind]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="维护单位" hint="负责这个点位的单位，如某居委会、某社区书院（不填个人电话）" meta={fields.keeper}>
          <input {...getInputProps(fields.keeper, { type: 'text' })} />
        </Field>
        <fieldset
          className={fields.resourceIds.errors ? 'grade-checks has-error' : 'grade-checks'}
          aria-describedby={fields.resourceIds.errors ? fields.resourceIds.errorId : undefined}
        >
          <legend>展示的线上资源</legend>
          {resources.length === 0 ? (
            <p className="hint">
              本区还没有线上资源，可先在 <Link to="/admin/online/new">线上科普</Link> 添加。
            </p>
          ) : null}
          {resources.map((r) => (
            <label key={r.id} className="check-inline">
              <input type="checkbox" name={fields.resourceIds.name} value={r.id} defaultChecked={chosen.has(r.id)} /> {r.title}
              {r.published ? '' : '（未公开）'}
            </label>
          ))}
          {fields.resourceIds.errors ? (
            <p id={fields.resourceIds.errorId} className="field-error">
              {fields.resourceIds.errors[0]}
            </p>
          ) : null}
        </fieldset>
        <button type="submit" className="primary">
          保存点位信息
        </button>
      </Form>

      <section aria-labelledby="point-token" className="admin-section">
        <h2 id="point-token">上报密钥</h2>
        <p>
          {issued ? `已于 ${issued} 发放。密钥只在发放时显示一次；遗失或泄露时请发放新的密钥，旧密钥随即失效。` : '还没有发放上报密钥。'}
        </p>
        <ActionNotices error={tokenReply.error} message={tokenReply.message} />
        {token ? (
          <div className="notice" role="status">
            <p>新的上报密钥（仅显示这一次，请配置到点位设备上）：</p>
            <p>
              <input
                className="copy-field"
                readOnly
                value={token}
                aria-label="上报密钥"
                data-testid="point-token"
                onFocus={(e) => e.currentTarget.select()}
              />
            </p>
          </div>
        ) : null}
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="token" />
          <button type="submit" disabled={!point.digitalPoint}>
            {point.digitalPoint?.tokenIssuedAt ? '更换上报密钥' : '发放上报密钥'}
          </button>
        </Form>
        {!point.digitalPoint ? <p className="hint">请先保存点位信息，再发放密钥。</p> : null}
        <h3>设备如何上报</h3>
        <p>每天（或每次汇总）向下面的地址发送一次 POST，JSON 内容为上报编号（每次不同）、日期和播放次数：</p>
        <pre className="code-snippet">
          {`POST ${reportUrl}\nAuthorization: Bearer <上报密钥>\nContent-Type: application/json\n\n${example}`}
        </pre>
        <p className="hint">
          同一上报编号只计一次（重发会得到 409，不会重复计数）；播放次数为 1–{MAX_PLAYS_PER_REPORT} 的整数，日期不晚于今天；密钥错误得到
          401，请求过于频繁得到 429。
        </p>
      </section>

      <section aria-labelledby="point-reach" className="admin-section">
        <h2 id="point-reach">已上报</h2>
        <p data-testid="point-plays">
          累计播放 {reach.plays} 次（{reach.reports} 次上报）· 最近 30 天 {reach.last30Days} 次
          {lastReport ? ` · 最近一次上报 ${lastReport}` : ''}
        </p>
      </section>
    </article>
  )
}
