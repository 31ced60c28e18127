// Who may see the dashboard and for which district and year: the dashboard page and its .xlsx export
// (`dashboard_.volunteers[.xlsx].ts`) share it, so both answer the same people with the same district scope.
// Platform and district admins only; a district admin sees their own district, a platform admin any or all.
import { districtChoices } from '~/models/choices.server'
import { dashboardYears } from '~/models/dashboard.server'
import { requireStaff } from '~/utils/auth.server'
import { forbidden } from '~/utils/http-errors'
import { canSeeDistrict, requireRole } from '~/utils/permissions.server'

/** The district picker's value for every district (platform admins). */
export const ALL_DISTRICTS = 'all'

export async function dashboardScope(request: Request) {
  const staff = await requireStaff(request)
  requireRole(staff, ['PLATFORM_ADMIN', 'DISTRICT_ADMIN'])
  const params = new URL(request.url).searchParams
  const districts = await districtChoices(staff)
  // A platform admin opens on every district (ALL_DISTRICTS), a district admin on their own.
  const asked = params.get('district') ?? (staff.role === 'PLATFORM_ADMIN' ? ALL_DISTRICTS : districts[0]?.id)
  const districtId = asked === ALL_DISTRICTS && staff.role === 'PLATFORM_ADMIN' ? null : asked
  if (districtId === undefined || (districtId !== null && !canSeeDistrict(staff, districtId))) throw forbidden('你只能查看本区的数据。')
  const years = await dashboardYears()
  const year = Number(params.get('year')) || years.find((y) => y === new Date().getUTCFullYear()) || years[0]
  const includeExamples = params.get('examples') === '1'
  return { staff, params, districts, districtId, years, year, includeExamples }
}

/** The Shanghai calendar year as instants, as the lecturer figures take it. */
export const shanghaiYear = (year: number) => ({
  from: new Date(Date.UTC(year, 0, 1) - 8 * 3600_000),
  to: new Date(Date.UTC(year + 1, 0, 1) - 8 * 3600_000),
})
