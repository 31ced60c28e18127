// The district and organisation lists staff forms choose from, shared by several features (菜单, 讲师团, online
// resources, accounts, the dashboard). Each list is in code or name order; the scoped ones hold only what the staff
// member may choose, so scope is part of the query as in every model.
import { prisma } from '~/utils/infra/db.server'
import { districtScope, organisationScope } from '~/utils/permissions.server'
import type { Staff } from '~/utils/auth.server'

/** Every active district, by code: where a form lets anyone choose any district. */
export function activeDistrictChoices() {
  return prisma.district.findMany({ where: { active: true }, orderBy: { code: 'asc' }, select: { id: true, name: true } })
}

/** The districts in the staff member's scope (a district admin's own, every active one for anyone else), by code. */
export function districtChoices(staff: Staff) {
  return prisma.district.findMany({ where: districtScope(staff), orderBy: { code: 'asc' }, select: { id: true, name: true } })
}

/** The ids of the districts in the staff member's scope. */
export async function ownDistrictIds(staff: Staff): Promise<string[]> {
  const districts = await prisma.district.findMany({ where: districtScope(staff), select: { id: true } })
  return districts.map((d) => d.id)
}

/** The organisations in the staff member's scope, by name. */
export function organisationChoices(staff: Staff) {
  return prisma.organisation.findMany({ where: organisationScope(staff), orderBy: { name: 'asc' }, select: { id: true, name: true } })
}
