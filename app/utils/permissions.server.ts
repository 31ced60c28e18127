// Who may do what. Platform admins: everything. District admins: their district's venues, activities,
// organisations and staff. Organisation staff: their organisation's venues and activities. Every admin route
// calls one of these after requireStaff; the tests in tests/admin/access.test.ts hold each route to this.
import { requireStaff, type Staff } from '~/utils/auth.server'
import { forbidden } from '~/utils/http-errors'
import type { Prisma, UserRole } from '@prisma/client'

export function requireRole(staff: Staff, roles: UserRole[]): void {
  if (!roles.includes(staff.role)) throw forbidden()
}

/** A staff guard for a form (`handleForm`'s `access`): signed in, and in one of these roles. */
export function staffWithRole(roles: UserRole[]) {
  return async (request: Request): Promise<Staff> => {
    const staff = await requireStaff(request)
    requireRole(staff, roles)
    return staff
  }
}

export const roleLabel: Record<UserRole, string> = {
  PLATFORM_ADMIN: '平台管理员',
  DISTRICT_ADMIN: '区管理员',
  ORG_STAFF: '单位工作人员',
}

/** Venues the staff member manages. */
export function venueScope(staff: Staff): Prisma.VenueWhereInput {
  if (staff.role === 'PLATFORM_ADMIN') return {}
  if (staff.role === 'DISTRICT_ADMIN') return { districtId: staff.districtId ?? '-' }
  return { organisationId: staff.organisationId ?? '-' }
}

/** Activities the staff member manages. */
export function eventScope(staff: Staff): Prisma.EventWhereInput {
  if (staff.role === 'PLATFORM_ADMIN') return {}
  if (staff.role === 'DISTRICT_ADMIN') return { districtId: staff.districtId ?? '-' }
  return { organisationId: staff.organisationId ?? '-' }
}

/** Districts the staff member may choose in a form: a district admin their own, others every active district. */
export function districtScope(staff: Staff): Prisma.DistrictWhereInput {
  return staff.role === 'DISTRICT_ADMIN' ? { id: staff.districtId ?? '-' } : { active: true }
}

/** Whether a district admin reaches outside their district (platform admins and organisation staff are scoped elsewhere). */
export function outsideOwnDistrict(staff: Staff, districtId: string | null): boolean {
  return staff.role === 'DISTRICT_ADMIN' && districtId !== staff.districtId
}

/** Organisations the staff member may choose as an owner. */
export function organisationScope(staff: Staff): Prisma.OrganisationWhereInput {
  if (staff.role === 'PLATFORM_ADMIN') return {}
  if (staff.role === 'DISTRICT_ADMIN') return { districtId: staff.districtId ?? '-' }
  return { id: staff.organisationId ?? '-' }
}

/** Staff accounts the staff member manages: district admins manage their district's organisation staff. */
export function userScope(staff: Staff): Prisma.UserWhereInput {
  if (staff.role === 'PLATFORM_ADMIN') return {}
  if (staff.role === 'DISTRICT_ADMIN') return { role: 'ORG_STAFF', organisation: { districtId: staff.districtId ?? '-' } }
  return { id: '-' }
}

/** Districts whose figures the staff member sees. */
export function canSeeDistrict(staff: Staff, districtId: string): boolean {
  return staff.role === 'PLATFORM_ADMIN' || (staff.role === 'DISTRICT_ADMIN' && staff.districtId === districtId)
}
