// Monthly bars with recharts (browser only); the table beside it carries the same numbers for everyone, so the
// chart is hidden from screen readers and kept out of the tab order (no recharts keyboard layer). By default the
// activity bars (报名人数, 签到人数 and 场次); `series` draws other figures of the same rows (e.g. the volunteers'),
// each on the left axis or, for a figure of another size, the right one.
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts'

export type MonthlyChartRow = { month: number; [figure: string]: number }
export type MonthlySeries = { key: string; name: string; fill: string; axis?: 'left' | 'right'; decimals?: boolean }

const ACTIVITY_SERIES: MonthlySeries[] = [
  { key: 'registered', name: '报名人数', fill: '#0b5cad' },
  { key: 'attended', name: '签到人数', fill: '#15803d' },
  { key: 'sessions', name: '场次', fill: '#c2410c', axis: 'right' },
]

export default function MonthlyChart({ rows, series = ACTIVITY_SERIES }: { rows: MonthlyChartRow[]; series?: MonthlySeries[] }) {
  const data = rows.map((r) => ({ ...r, label: `${r.month}月` }))
  const right = series.filter((s) => s.axis === 'right')
  return (
    <div className="chart" aria-hidden="true">
      <BarChart
        accessibilityLayer={false}
        width={720}
        height={280}
        data={data}
        margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
        style={{ maxWidth: '100%' }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" />
        <YAxis yAxisId="left" allowDecimals={series.some((s) => s.axis !== 'right' && s.decimals)} />
        {right.length ? <YAxis yAxisId="right" orientation="right" allowDecimals={right.some((s) => s.decimals)} /> : null}
        <Tooltip />
        <Legend />
        {series.map((s) => (
          <Bar key={s.key} yAxisId={s.axis ?? 'left'} dataKey={s.key} name={s.name} fill={s.fill} />
        ))}
      </BarChart>
    </div>
  )
}
