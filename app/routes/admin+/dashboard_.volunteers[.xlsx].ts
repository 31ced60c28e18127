// The dashboard's 科普志愿者 and 讲师团 figures as xlsx (issue 26 part 3, decision 033): one sheet per table the
// dashboard shows, for the same district and year (`?district=&year=`), with the dashboard's own guard and scope
// (platform and district admins; a district admin only their own district). The figures come from the same model
// functions the page reads, so the sheet and the page cannot disagree.
import { dashboardDistrict } from '~/models/dashboard.server'
import { lecturerFigures } from '~/models/lecturers/dispatch.server'
import { volunteerFigures } from '~/models/volunteers/figures.server'
import { hoursOf } from '~/models/volunteers/schema'
import { dashboardScope, shanghaiYear } from '~/routes/admin+/__dashboard-scope.server'
import { xlsxDownloadOfSheets } from '~/utils/infra/spreadsheet.server'
import type { LoaderFunctionArgs } from '@remix-run/node'

export async function loader({ request }: LoaderFunctionArgs) {
  const { districtId, year } = await dashboardScope(request)
  const [volunteers, lecturers, district] = await Promise.all([
    volunteerFigures(districtId, year),
    lecturerFigures(districtId ? [districtId] : undefined, shanghaiYear(year)),
    districtId ? dashboardDistrict(districtId) : null,
  ])
  const { totals, months } = volunteers
  const { waiting } = lecturers
  const days = (hours: number | null) => (hours === null ? null : Math.round((hours / 24) * 10) / 10)
  return xlsxDownloadOfSheets(
    [
      {
        name: '科普志愿者（按月）',
        rows: [
          ['月份', '新登记志愿者', '有记录时长的志愿者', '记录时长（小时）', '岗位满员', '岗位发布', '爽约'],
          ...months.map((m) => [
            `${m.month}月`,
            m.registered,
            m.active,
            hoursOf(m.creditedMinutes),
            m.rolesFilled,
            m.rolesPosted,
            m.noShows,
          ]),
          // The year's active volunteers are counted once each, not summed over the months.
          [
            '全年',
            totals.registered,
            totals.activeThisYear,
            hoursOf(totals.creditedMinutes),
            totals.rolesFilled,
            totals.rolesPosted,
            totals.noShows,
          ],
        ],
      },
      {
        name: '各讲师已授课',
        rows: [['讲师', '已授课（场）', '平均评分'], ...lecturers.perLecturer.map((l) => [l.name, l.delivered, l.averageRating])],
      },
      {
        name: '各菜单项目的评分',
        rows: [['项目', '评价数', '平均评分'], ...lecturers.perItem.map((i) => [i.title, i.ratings, i.averageRating])],
      },
      {
        name: '等待派单的订单',
        rows: [
          ['等待派单的订单（份）', '最久已等（天）', '平均已等（天）'],
          [waiting.count, days(waiting.oldestHours), days(waiting.averageHours)],
        ],
      },
    ],
    {
      fallbackName: `volunteer-lecturer-figures-${district?.slug ?? 'all'}-${year}.xlsx`,
      name: `科普志愿者与讲师团-${district?.name ?? '全部区'}-${year}.xlsx`,
    },
  )
}
