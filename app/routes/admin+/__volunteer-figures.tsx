// The dashboard's 科普志愿者 figures (issue 26 part 3): per month of the year, volunteers registered, active,
// hours credited, roles filled / posted and no-shows. The plans set no volunteer target yet, so none is shown.
// A chart of the months (browser only, hidden from screen readers) above the table, which stays the text version;
// the link downloads these figures and the 讲师团 ones as xlsx (dashboard_.volunteers[.xlsx].ts).
import { ClientOnly } from 'remix-utils/client-only'
import { DataTable } from '~/components/data-table'
import { hoursOf } from '~/models/volunteers/schema'
import MonthlyChart, { type MonthlySeries } from '~/routes/admin+/__monthly-chart.client'
import type { VolunteerMonthRow } from '~/models/volunteers/figures.server'

type Figures = {
  months: VolunteerMonthRow[]
  totals: { registered: number; activeThisYear: number; creditedMinutes: number; rolesPosted: number; rolesFilled: number; noShows: number }
}

const CHART_SERIES: MonthlySeries[] = [
  { key: 'active', name: '有记录时长的志愿者', fill: '#0b5cad' },
  { key: 'rolesFilled', name: '岗位满员', fill: '#15803d' },
  { key: 'rolesPosted', name: '岗位发布', fill: '#6d28d9' },
  { key: 'hours', name: '记录时长（小时）', fill: '#c2410c', axis: 'right', decimals: true },
]

export function VolunteerFigures({ figures, exportHref }: { figures: Figures; exportHref: string }) {
  const { totals } = figures
  const chartRows = figures.months.map((m) => ({
    month: m.month,
    active: m.active,
    rolesFilled: m.rolesFilled,
    rolesPosted: m.rolesPosted,
    hours: hoursOf(m.creditedMinutes),
  }))
  return (
    <section aria-labelledby="volunteer-figures-heading" className="admin-section">
      <h2 id="volunteer-figures-heading">科普志愿者</h2>
      <p>
        全年：新登记志愿者 {totals.registered} 人，有记录时长的志愿者 {totals.activeThisYear} 人，记录时长 {hoursOf(totals.creditedMinutes)}{' '}
        小时，岗位满员 {totals.rolesFilled} / 发布 {totals.rolesPosted} 个，爽约 {totals.noShows} 人次。
      </p>
      <p>
        <a className="button" href={exportHref} download>
          下载科普志愿者与讲师团数据（xlsx）
        </a>
      </p>
      <ClientOnly fallback={null}>{() => <MonthlyChart rows={chartRows} series={CHART_SERIES} />}</ClientOnly>
      <DataTable headings={['月份', '新登记志愿者', '有记录时长的志愿者', '记录时长（小时）', '岗位满员 / 发布', '爽约']}>
        {figures.months.map((m) => (
          <tr key={m.month}>
            <th scope="row">{m.month}月</th>
            <td>{m.registered}</td>
            <td>{m.active}</td>
            <td>{hoursOf(m.creditedMinutes)}</td>
            <td>
              {m.rolesFilled} / {m.rolesPosted}
            </td>
            <td>{m.noShows}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  )
}
