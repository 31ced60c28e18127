// Monthly bars with recharts (browser only); the table beside it carries the same numbers for everyone, so the
// chart is hidden from screen readers and kept out of the tab order (no recharts keyboard layer).
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts'

export type MonthlyChartRow = { month: number; sessions: number; registered: number; attended: number }

export default function MonthlyChart({ rows }: { rows: MonthlyChartRow[] }) {
  const data = rows.map((r) => ({ ...r, label: `${r.month}月` }))
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
        <YAxis yAxisId="people" allowDecimals={false} />
        <YAxis yAxisId="sessions" orientation="right" allowDecimals={false} />
        <Tooltip />
        <Legend />
        <Bar yAxisId="people" dataKey="registered" name="报名人数" fill="#0b5cad" />
        <Bar yAxisId="people" dataKey="attended" name="签到人数" fill="#15803d" />
        <Bar yAxisId="sessions" dataKey="sessions" name="场次" fill="#c2410c" />
      </BarChart>
    </div>
  )
}
