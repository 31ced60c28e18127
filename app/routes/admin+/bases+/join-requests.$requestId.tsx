// 入驻申请 (staff, decision 040): one request. The district's admins (and platform admins) approve it — the
// organisation, its venue (not public until opened in the venue editor) and the contact's staff account are made at
// once, the set-password link is e-mailed to the contact and shown here once — or decline it with a reason the
// contact reads by SMS and e-mail. Another district's request is 404, page and post; a decided one takes no decision.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import zhCN from '~/locales/zh-CN'
import { JOIN_REASON_MAX, joinDecisionSchema } from '~/models/bases/admin-schema'
import { approveJoinRequest, declineJoinRequest, getJoinRequest } from '~/models/bases/join-request.server'
import { joinStatusLabel } from '~/models/bases/labels'
import { RevealPhone } from '~/routes/admin+/__reveal-phone'
import { OneTimeLink } from '~/routes/admin+/users+/__one-time-link'
import { adminMeta } from '~/utils/admin-meta'
import { handleForm } from '~/utils/form.server'
import { publicOrigin } from '~/utils/links.server'
import { shanghaiDateKey } from '~/utils/shanghai-time'
import { useFormReply } from '~/utils/use-form-reply'
import { ButtonForm } from './__button-form'
import { RecordHistory } from './__history'
import { staffWhoMaySee } from './__staff-guard.server'

export const meta: MetaFunction = () => adminMeta('入驻申请')

const guard = (id: string) => staffWhoMaySee((staff) => getJoinRequest(staff, id))

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = params.requestId ?? ''
  const staff = await guard(id)(request)
  const joinRequest = await getJoinRequest(staff, id)
  return json({ joinRequest }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = params.requestId ?? ''
  return handleForm(request, {
    schema: () => joinDecisionSchema,
    access: { staff: guard(id) },
    async submit(value, { actor: staff, done }) {
      if (value.intent === 'decline') {
        await declineJoinRequest(staff, id, value.reason)
        return done('已不予通过，联系人会收到短信和邮件。')
      }
      const origin = publicOrigin()
      const approval = await approveJoinRequest(staff, id, { origin })
      const joined = await getJoinRequest(staff, id)
      // The one-time link is shown on this page only, never in a notice or a URL (as on the accounts page).
      return {
        message: '已通过：单位、场馆和联系人的工作人员账号已建立，设置密码链接已发到联系人邮箱。',
        data: { email: joined.contactEmail, url: `${origin}/admin/set-password/${approval.linkSecret}` },
        headers: { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' },
      }
    },
  })
}

function DeclineForm() {
  const reply = useFormReply('decline')
  const error = reply.result?.error?.reason?.[0] ?? reply.error
  return (
    <Form method="post" className="stack-form">
      <CsrfInput />
      <input type="hidden" name="intent" value="decline" />
      <div className={`field${error ? ' has-error' : ''}`}>
        <label htmlFor="join-reason">不予通过的理由（以短信和邮件告知联系人，{JOIN_REASON_MAX} 字以内）</label>
        <textarea
          id="join-reason"
          name="reason"
          rows={2}
          maxLength={JOIN_REASON_MAX * 2}
          defaultValue={typeof reply.result?.initialValue?.reason === 'string' ? reply.result.initialValue.reason : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'join-reason-error' : undefined}
        />
        {error ? (
          <p id="join-reason-error" className="field-error">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit">不予通过</button>
    </Form>
  )
}

export default function AdminJoinRequestPage() {
  const { joinRequest: r } = useLoaderData<typeof loader>()
  const approved = useFormReply<typeof action>('approve')
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/bases/join-requests">← 入驻申请</Link>
      </p>
      <h1>{r.organisationName} · 入驻申请</h1>
      <p className="meta" data-testid="join-status">
        状态：{joinStatusLabel[r.status]}
        {r.decidedAt ? `（${shanghaiDateKey(new Date(r.decidedAt))}${r.decidedBy ? `，${r.decidedBy.name}` : ''}）` : ''}
        {r.reason ? ` · 理由：${r.reason}` : ''}
      </p>
      {approved.message ? (
        <p className="notice notice-ok" role="status">
          {approved.message}
        </p>
      ) : null}
      {approved.data ? <OneTimeLink {...approved.data} /> : null}
      <dl className="facts">
        <dt>单位类型</dt>
        <dd>{zhCN.organisationKind[r.kind]}</dd>
        <dt>所在区</dt>
        <dd>{r.district.name}</dd>
        <dt>场馆</dt>
        <dd>
          {r.venueName}（{r.venueAddress}）
        </dd>
        <dt>联系人</dt>
        <dd>
          {r.contactName} · {r.contactEmail} · 手机（已短信验证）：
          {r.status === 'PENDING' ? <RevealPhone recordId={r.id} masked={r.phone} purpose="核实入驻申请" kind="join" /> : r.phone}
        </dd>
        <dt>单位简介</dt>
        <dd className="prose">{r.note}</dd>
        <dt>提交日期</dt>
        <dd>{shanghaiDateKey(new Date(r.createdAt))}</dd>
        {r.organisation ? (
          <>
            <dt>已建立</dt>
            <dd>
              单位「{r.organisation.name}」
              {r.organisation.venues.map((v) => (
                <span key={v.id}>
                  ，场馆 <Link to={`/admin/venues/${v.id}`}>{v.name}</Link>（未公开，请补全位置与开放信息后开放）
                </span>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      {r.status === 'PENDING' ? (
        <section className="admin-section" aria-labelledby="decide">
          <h2 id="decide">决定</h2>
          <p className="hint">
            通过后建立单位「{r.organisationName}」、场馆「{r.venueName}」（未公开）和 {r.contactEmail}{' '}
            的单位工作人员账号，设置密码链接发到该邮箱，并以短信告知联系人。请先核实单位情况（如致电联系人）。
          </p>
          <ButtonForm intent="approve" label="通过并开通账号" primary />
          <DeclineForm />
        </section>
      ) : null}
      <RecordHistory id="join-history" entries={r.history} />
    </article>
  )
}
