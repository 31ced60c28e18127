// The venue directory: active districts with their venues open to the public.
import { prisma } from '~/utils/db.server'

export async function listActiveDistricts() {
  return prisma.district.findMany({
    where: { active: true },
    orderBy: { code: 'asc' },
    select: { id: true, slug: true, name: true, nameEn: true, _count: { select: { venues: true } } },
  })
}

export async function listVenuesByDistrict(districtIds: string[]) {
  return prisma.venue.findMany({
    where: { districtId: { in: districtIds }, openToPublic: true },
    orderBy: [{ type: 'asc' }, { name: 'asc' }],
    select: {
      id: true,
      slug: true,
      name: true,
      type: true,
      level: true,
      address: true,
      districtId: true,
      locationApproximate: true,
      lat: true,
      lng: true,
      town: { select: { name: true } },
    },
  })
}
