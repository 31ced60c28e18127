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

/**
 * The districts in the staff member's scope (a district admin's own, every active one for anyone else), by code;
 * `activeOnly`: a district admin's own only while it is active (where a choice starts new work, as a scoring sheet).
 */
export function districtChoices(staff: Staff, { activeOnly = false } = {}) {
  return prisma.district.findMany({
    where: { ...districtScope(staff), ...(activeOnly ? { active: true } : {}) },
    orderBy: { code: 'asc' },
    select: { id: true, name: true },
  })
}

/** A district's name, or null for no district (a city-wide record) or an unknown id. */
export async function districtNameOf(districtId: string | null): Promise<string | null> {
  if (!districtId) return null
  return (await prisma.district.findUnique({ where: { id: districtId }, select: { name: true } }))?.name ?? null
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
