import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { ClientOnly } from 'remix-utils/client-only'
import { DataTable } from '~/components/data-table'
import { FigureList } from '~/components/figure-list'
import { districtDashboard, OFFLINE_RULE, reachPerDistrict } from '~/models/dashboard.server'
import { lecturerFigures } from '~/models/lecturers/dispatch.server'
import { REACH_RULE, reachByMonth } from '~/models/online/reach.server'
import { volunteerFigures } from '~/models/volunteers/figures.server'
import { dashboardScope, shanghaiYear } from '~/routes/admin+/__dashboard-scope.server'
import MonthlyChart from '~/routes/admin+/__monthly-chart.client'
import { OnlineReachFigures } from '~/routes/admin+/__online-reach'
import { VolunteerFigures } from '~/routes/admin+/__volunteer-figures'
import { adminMeta } from '~/utils/admin-meta'
import { planSourceInWords } from '~/utils/staff-text'
import { DistrictPicker } from './__district-picker'

export const meta: MetaFunction = () => adminMeta('数据看板')

/** The district picker's value for every district (platform admins); the same as ALL_DISTRICTS in __dashboard-scope.server. */
const ALL_DISTRICTS = 'all'

export async function loader({ request }: LoaderFunctionArgs) {
  const { districts, districtId, years, year, includeExamples } = await dashboardScope(request)
  const [dashboard, volunteers, reachMonths, reachDistricts] = await Promise.all([
    districtDashboard(districtId, year, { includeExamples }),
    volunteerFigures(districtId, year),
    reachByMonth(districtId, year),
    districtId === null ? reachPerDistrict(year, { includeExamples }) : null,
  ])
  // 讲师团 (decision 034): talks delivered per lecturer and their average rating in the year, average rating per
  // item, and the orders waiting for dispatch now with their age.
  const lecturers = await lecturerFigures(districtId ? [districtId] : undefined, shanghaiYear(year))
  const online = {
    months: reachMonths,
    districts: reachDistricts,
    rule: REACH_RULE,
    offline: dashboard.totals.attended,
    offlineRule: OFFLINE_RULE,
    targets: dashboard.plan.filter((p) => p.metric.startsWith('reach:')),
  }
  return json({ districts, years, includeExamples, dashboard, lecturers, volunteers, online })
}

const number = new Intl.NumberFormat('zh-CN')

export default function DashboardPage() {
  const { districts, years, includeExamples, dashboard, lecturers, volunteers, online } = useLoaderData<typeof loader>()
  const { totals } = dashboard
  return (
    <article className="admin-page">
      <h1>
        数据看板：{dashboard.district.name} {dashboard.year} 年
      </h1>
      <Form method="get" className="inline-form filter-bar">
        <DistrictPicker id="dash-district" districts={districts} value={dashboard.district.id ?? ALL_DISTRICTS} allValue={ALL_DISTRICTS} />
        <label htmlFor="dash-year">年份</label>
        <select id="dash-year" name="year" defaultValue={dashboard.year}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        <label className="check-inline">
          <input type="checkbox" name="examples" value="1" defaultChecked={includeExamples} /> 包含示例活动
        </label>
        <button type="submit">查看</button>
      </Form>
      <FigureList
        large
        figures={[
          ['举办活动', `${number.format(totals.activities)} 项`],
          ['举办场次', `${number.format(totals.sessions)} 场`],
          ['提供名额', `${number.format(totals.seats)} 个`],
          ['报名人数', `${number.format(totals.registered)} 人`],
          ['签到人数', `${number.format(totals.attended)} 人`],
          ['向公众开放的场馆', `${number.format(dashboard.openVenues)} 个`],
          ['本年新认定科普基地', `${number.format(dashboard.newBases)} 个`],
          ['有效认定的科普基地', `${number.format(dashboard.bases.active)} 个`],
          [`高质量基地（${dashboard.year - 1} 年考核优秀、优良）`, `${number.format(dashboard.bases.highQuality)} 个`],
          ['本年有场次的场馆', `${number.format(dashboard.bases.venuesOpen)} 个`],
          ['学校团体（已完成）', `${number.format(dashboard.school.visits)} 批`],
          ['学校团体实到学生', `${number.format(dashboard.school.students)} 人`],
        ]}
      />
      <p className="hint">
        只计已开始或已有人签到的场次（已取消的不计）；今年还有 {dashboard.planned} 个已发布场次待举办。
        {includeExamples ? '包含示例活动。' : '不含示例活动。'}
      </p>

      <section aria-labelledby="plan-heading" className="admin-section">
        <h2 id="plan-heading">对照区工作计划</h2>
        {dashboard.plan.length === 0 ? (
          <p>计划中没有 {dashboard.year} 年的数字。</p>
        ) : (
          <DataTable headings={['指标', '计划', '门户记录', '对照', '出处']}>
            {dashboard.plan.map((p) => (
              <tr key={p.key}>
                <td>
                  {p.label}
                  {p.rule ? (
                    <>
                      <br />
                      <small className="hint" data-testid="plan-rule">
                        计数规则：{p.rule}
                      </small>
                    </>
                  ) : null}
                </td>
                <td>
                  {p.kind === 'TARGET' ? '目标' : '报告'} {p.atLeast ? '≥ ' : ''}
                  {number.format(p.value)}
                </td>
                <td>{p.measured === null ? '门户暂无此项记录' : number.format(p.measured)}</td>
                <td>
                  {p.met === null ? (
                    '—'
                  ) : p.met ? (
                    <span className="pill pill-published">{p.kind === 'TARGET' ? '已达成' : '一致'}</span>
                  ) : (
                    <span className="pill pill-draft">
                      {p.kind === 'TARGET' ? `差 ${number.format(Math.max(0, p.value - (p.measured ?? 0)))}` : '不一致'}
                    </span>
                  )}
                </td>
                <td>
                  <small>{planSourceInWords(p.source)}</small>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section aria-labelledby="lecturers-heading" className="admin-section">
        <h2 id="lecturers-heading">讲师团</h2>
        <p>
          等待派单的订单：{lecturers.waiting.count} 份
          {lecturers.waiting.oldestHours !== null
            ? `，最久已等 ${Math.floor(lecturers.waiting.oldestHours / 24)} 天 ${lecturers.waiting.oldestHours % 24} 小时，平均 ${Math.round(lecturers.waiting.averageHours! / 24)} 天`
            : ''}
        </p>
        <DataTable caption="各讲师已授课" headings={['讲师', '已授课（场）', '平均评分']}>
          {lecturers.perLecturer.map((l) => (
            <tr key={l.lecturerId}>
              <th scope="row">{l.name}</th>
              <td>{l.delivered}</td>
              <td>{l.averageRating ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
        <DataTable caption="各菜单项目的评分" headings={['项目', '评价数', '平均评分']}>
          {lecturers.perItem.map((i) => (
            <tr key={i.menuItemId}>
              <th scope="row">{i.title}</th>
              <td>{i.ratings}</td>
              <td>{i.averageRating ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section aria-labelledby="months-heading" className="admin-section">
        <h2 id="months-heading">按月</h2>
        <ClientOnly fallback={null}>{() => <MonthlyChart rows={dashboard.months} />}</ClientOnly>
        <DataTable headings={['月份', '活动', '场次', '名额', '报名人数', '签到人数', '学校团体', '实到学生']}>
          {dashboard.months.map((m) => (
            <tr key={m.month}>
              <th scope="row">{m.month}月</th>
              <td>{m.activities}</td>
              <td>{m.sessions}</td>
              <td>{m.seats}</td>
              <td>{m.registered}</td>
              <td>{m.attended}</td>
              <td>{m.schoolVisits}</td>
              <td>{m.schoolStudents}</td>
            </tr>
          ))}
        </DataTable>
      </section>
      <VolunteerFigures
        figures={volunteers}
        exportHref={`/admin/dashboard/volunteers.xlsx?district=${dashboard.district.id ?? ALL_DISTRICTS}&year=${dashboard.year}`}
      />
      <OnlineReachFigures {...online} />
    </article>
  )
}
