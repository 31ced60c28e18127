// 线上 reach on the dashboard (decision 037): the year by month and by source, each district's total for platform
// admins, and the counting rule printed beside the figures.
import { DataTable } from '~/components/data-table'
import type { ReachMonthRow } from '~/models/online/reach.server'

const number = new Intl.NumberFormat('zh-CN')

export function OnlineReachFigures({
  months,
  districts,
  rule,
}: {
  months: ReachMonthRow[]
  districts: Array<{ districtId: string; name: string; total: number }> | null
  rule: string
}) {
  const total = months.reduce((sum, m) => sum + m.total, 0)
  return (
    <section aria-labelledby="online-reach-heading" className="admin-section">
      <h2 id="online-reach-heading">线上触达</h2>
      <p>
        全年合计 <strong data-testid="online-reach-total">{number.format(total)}</strong> 人次
      </p>
      <p className="hint" data-testid="online-reach-rule">
        计数规则：{rule}
      </p>
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
        <DataTable caption="各区全年合计（人次）" headings={['区', '合计']}>
          {districts.map((d) => (
            <tr key={d.districtId}>
              <td>{d.name}</td>
              <td>{number.format(d.total)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  )
}
