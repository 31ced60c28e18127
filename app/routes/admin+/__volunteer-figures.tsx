// The dashboard's 科普志愿者 figures (issue 26 part 3): per month of the year, volunteers registered, active,
// hours credited, roles filled / posted and no-shows. The plans set no volunteer target yet, so none is shown.
import { DataTable } from '~/components/data-table'
import { hoursOf } from '~/models/volunteers/schema'
import type { VolunteerMonthRow } from '~/models/volunteers/figures.server'

type Figures = {
  months: VolunteerMonthRow[]
  totals: { registered: number; activeThisYear: number; creditedMinutes: number; rolesPosted: number; rolesFilled: number; noShows: number }
}

export function VolunteerFigures({ figures }: { figures: Figures }) {
  const { totals } = figures
  return (
    <section aria-labelledby="volunteer-figures-heading" className="admin-section">
      <h2 id="volunteer-figures-heading">科普志愿者</h2>
      <p>
        全年：新登记志愿者 {totals.registered} 人，有记录时长的志愿者 {totals.activeThisYear} 人，记录时长 {hoursOf(totals.creditedMinutes)}{' '}
        小时，岗位满员 {totals.rolesFilled} / 发布 {totals.rolesPosted} 个，爽约 {totals.noShows} 人次。
      </p>
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
