// 公平预约: a district's fair-booking rule (decision 013), a phone's no-show standing and lifting its block.
// Platform admins choose the district; district admins work on their own; organisation staff have no access.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { fairBookingPageSchema, fairRuleRowOf } from '~/models/registration/fair-booking-schema'
import {
  describeFairRulesZh,
  fairRulesOf,
  getFairBookingRuleRow,
  liftNoShowBlock,
  listRecentLifts,
  lookUpPhoneStanding,
  requireFairBookingDistrict,
  saveFairBookingRule,
} from '~/models/registration/fair-booking.server'
import { LiftForm, LookupForm, RuleForm } from '~/routes/admin+/fair-booking+/__forms'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { formatDate, formatDayTime } from '~/utils/format'
import { requireRole, staffWithRole } from '~/utils/permissions.server'
import { useFormReply } from '~/utils/use-form-reply'
import { DistrictFilterBar } from '../__district-picker'

export const meta: MetaFunction = () => adminMeta('公平预约')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  requireRole(staff, ['PLATFORM_ADMIN', 'DISTRICT_ADMIN'])
  const { districts, ...district } = await requireFairBookingDistrict(staff, new URL(request.url).searchParams.get('district'))
  const [rule, lifts] = await Promise.all([getFairBookingRuleRow(district.id), listRecentLifts(district.id)])
  return json({ districts, district, rule, summary: describeFairRulesZh(fairRulesOf(rule)), lifts })
}

export async function action({ request }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => fairBookingPageSchema,
    access: { staff: staffWithRole(['PLATFORM_ADMIN', 'DISTRICT_ADMIN']) },
    formOf: (formData) => {
      const intent = formData.get('intent')
      return intent === 'lookup' || intent === 'lift' ? intent : 'rule'
    },
    async submit(value, { actor: staff, done }) {
      switch (value.intent) {
        case 'rule':
          await saveFairBookingRule(staff, value.districtId, fairRuleRowOf(value))
          return done('规则已保存。')
        case 'lookup': {
          // The standing is shown on this page only (a phone's record), never in a notice or a URL.
          const { noShows, ...standing } = await lookUpPhoneStanding(staff, value.districtId, value.phone)
          const times = noShows.map((n) => ({ title: n.title, endsAt: n.endsAt.toISOString() }))
          return { data: { standing: { ...standing, noShows: times }, phone: value.phone } }
        }
        case 'lift':
          await liftNoShowBlock(staff, value.districtId, value.phone, value.reason)
          return done('已解除这个手机号的爽约限制。')
      }
    },
  })
}

const asText = (n: number | null) => (n === null ? '' : String(n))

export default function FairBookingPage() {
  const { districts, district, rule, summary, lifts } = useLoaderData<typeof loader>()
  const { reply, data } = useFormReply<typeof action>()
  const resultFor = (formId: 'rule' | 'lookup' | 'lift') => (reply?.form === formId ? reply.result : undefined)
  const standing = data?.standing
  return (
    <article className="admin-page">
      <h1>公平预约：{district.name}</h1>
      <DistrictFilterBar id="fair-district" districts={districts} value={district.id} />
      <section className="admin-section" aria-labelledby="rule-heading">
        <h2 id="rule-heading">本区规则</h2>
        <p>
          现在：{summary}。{rule.updatedAt ? `（${formatDayTime(rule.updatedAt)} 更新）` : '（默认关闭）'}
        </p>
        <p className="hint">规则写在活动页和报名表上；工作人员手动添加的报名和候补递补不受限制。</p>
        <RuleForm
          key={district.id}
          districtId={district.id}
          lastResult={resultFor('rule')}
          defaultValue={{
            maxActive: asText(rule.maxActive),
            windowDays: asText(rule.windowDays),
            noShowLimit: asText(rule.noShowLimit),
            noShowWindowDays: asText(rule.noShowWindowDays),
            blockDays: asText(rule.blockDays),
          }}
        />
      </section>
      <section className="admin-section" aria-labelledby="lookup-heading">
        <h2 id="lookup-heading">查询与解除爽约限制</h2>
        <LookupForm districtId={district.id} lastResult={resultFor('lookup')} />
        {standing ? (
          <div className="notice" role="status">
            <p>
              {standing.phoneMasked}：
              {standing.blockedUntil ? `因爽约被限制报名，${standing.blockedUntil} 起可再报名。` : '没有因爽约被限制。'}
              {standing.limitUntil ? `有效预约已达上限，最早 ${standing.limitUntil} 可再预约。` : ''}
              目前有 {standing.activePlaces} 个有效预约。
            </p>
            {standing.noShows.length ? (
              <ul>
                {standing.noShows.map((n) => (
                  <li key={`${n.endsAt}-${n.title}`}>
                    爽约：{formatDayTime(n.endsAt)} 结束的“{n.title}”
                  </li>
                ))}
              </ul>
            ) : (
              <p>近期没有爽约记录（解除限制之前的不计）。</p>
            )}
          </div>
        ) : null}
        <LiftForm key={data?.phone ?? 'lift'} districtId={district.id} lastResult={resultFor('lift')} phone={data?.phone} />
      </section>
      <section className="admin-section" aria-labelledby="lifts-heading">
        <h2 id="lifts-heading">最近的解除记录</h2>
        {lifts.length === 0 ? (
          <p>还没有解除记录。</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">手机号</th>
                <th scope="col">操作人</th>
                <th scope="col">原因</th>
              </tr>
            </thead>
            <tbody>
              {lifts.map((l) => (
                <tr key={l.id}>
                  <td>{formatDate(l.liftedAt)}</td>
                  <td>{l.phoneMasked}</td>
                  <td>{l.liftedBy}</td>
                  <td>{l.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  )
}
