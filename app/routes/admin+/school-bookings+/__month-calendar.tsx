// The school bookings month calendar (six weeks from a Monday, each booking linking to its row); apart so the route stays thin.
import { minuteLabel } from '~/models/school-visit/schema'
import { addDays, shanghaiDateKey } from '~/utils/shanghai-time'
import type { BookingRowData } from '~/routes/admin+/school-bookings+/__booking-table'

const clock = (d: string) => minuteLabel(Math.round((new Date(d).getTime() / 60000 + 480) % 1440))

export function MonthCalendar({ month, from, bookings }: { month: string; from: string; bookings: BookingRowData[] }) {
  // Calendar: weeks from the Monday on or before the 1st.
  const first = new Date(from)
  const firstWeekday = (new Date(first.getTime() + 8 * 3600_000).getUTCDay() + 6) % 7
  const start = addDays(first, -firstWeekday)
  const days = Array.from({ length: 42 }, (_, i) => addDays(start, i))
  const byDate = new Map<string, BookingRowData[]>()
  for (const b of bookings) byDate.set(b.visitDate, [...(byDate.get(b.visitDate) ?? []), b])
  return (
    <table className="month-calendar">
      <caption className="visually-hidden">{month} 的学校预约日历</caption>
      <thead>
        <tr>
          {['一', '二', '三', '四', '五', '六', '日'].map((d) => (
            <th key={d} scope="col">
              周{d}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: 6 }, (_, w) => (
          <tr key={w}>
            {days.slice(w * 7, w * 7 + 7).map((d) => {
              const key = shanghaiDateKey(d)
              const inMonth = key.startsWith(month)
              return (
                <td key={key} className={inMonth ? undefined : 'other-month'}>
                  <span className="day-number">{Number(key.slice(8))}</span>
                  {(byDate.get(key) ?? []).map((b) => (
                    <a key={b.id} href={`#booking-${b.id}`} className={`cal-item cal-${b.status.toLowerCase()}`}>
                      {clock(b.startsAt)} {b.schoolName}（{b.students}）
                    </a>
                  ))}
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
