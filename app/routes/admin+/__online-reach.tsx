// 线上 reach on the dashboard (decision 037): the year by month and by source, each district's total for platform
// admins, and the counting rule printed beside the figures.
import { DataTable } from '~/components/data-table'
import type { ReachMonthRow } from '~/models/online/reach.server'

const number = new Intl.NumberFormat('zh-CN')

type Target = {
  key: string
  label: string
  kind: 'TARGET' | 'REPORTED'
  value: number
  atLeast: boolean
  metric: string
  measured: number | null
}

export function OnlineReachFigures({
  months,
  districts,
  rule,
  offline,
  offlineRule,
  targets,
}: {
  months: ReachMonthRow[]
  districts: Array<{ districtId: string; name: string; online: number; offline: number }> | null
  rule: string
  offline: number
  offlineRule: string
  targets: Target[]
}) {
  const total = months.reduce((sum, m) => sum + m.total, 0)
  return (
    <section aria-labelledby="online-reach-heading" className="admin-section">
      <h2 id="online-reach-heading">线上触达</h2>
      <p>
        全年合计：线上 <strong data-testid="online-reach-total">{number.format(total)}</strong> 人次 · 线下{' '}
        <strong data-testid="offline-reach-total">{number.format(offline)}</strong> 人
      </p>
      <p className="hint" data-testid="online-reach-rule">
        计数规则：{rule}
        <br />
        {offlineRule}
      </p>
      {targets.length ? (
        <DataTable caption="对照计划目标" headings={['指标', '计划', '门户记录', '完成']}>
          {targets.map((p) => (
            <tr key={p.key} data-testid="reach-target">
              <td>{p.label}</td>
              <td>
                {p.kind === 'TARGET' ? '目标' : '报告'} {p.atLeast ? '≥ ' : ''}
                {number.format(p.value)}
              </td>
              <td>{p.measured === null ? '—' : number.format(p.measured)}</td>
              <td>
                {p.measured === null || p.kind !== 'TARGET'
                  ? '—'
                  : `${((100 * p.measured) / p.value).toFixed(p.measured < p.value / 100 ? 3 : 1)}%`}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <DataTable caption="按月（人次）" headings={['月份', '资源页浏览', '工作人员录入', '点位上报', '合计']}>
        {months.map((m) => (
          <tr key={m.month}>
            <td>{m.month} 月</td>
            <td>{number.format(m.PAGE_VIEW)}</td>
            <td>{number.format(m.STAFF_ENTRY)}</td>
            <td>{number.format(m.POINT_REPORT)}</td>
            <td>{number.format(m.total)}</td>
          </tr>
        ))}
      </DataTable>
      {districts ? (
        <DataTable caption="各区全年合计" headings={['区', '线上（人次）', '线下（签到人数）']}>
          {districts.map((d) => (
            <tr key={d.districtId}>
              <td>{d.name}</td>
              <td>{number.format(d.online)}</td>
              <td>{number.format(d.offline)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  )
}
