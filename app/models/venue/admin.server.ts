// Staff create and edit venues. Scope: platform admins any, district admins their district, organisation
// staff their organisation's venues. Each save is one transaction with its audit entry.
import { randomBytes } from 'node:crypto'
import { recordAudit } from '~/models/audit.server'
import { districtContains, districtOutlines } from '~/utils/geo.server'
import { prisma } from '~/utils/infra/db.server'
import { districtScope, organisationScope, outsideOwnDistrict, venueScope } from '~/utils/permissions.server'
import { Refusal } from '~/utils/refusal'
import type { VenueInput } from '~/models/venue/schema'
import type { Staff } from '~/utils/auth.server'

/** Short, stable and unguessable enough for a public URL; Chinese names make poor slugs. */
export function newSlug(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`
}

export function listVenuesForStaff(staff: Staff, { query }: { query?: string } = {}) {
  return prisma.venue.findMany({
    where: { AND: [venueScope(staff), query ? { name: { contains: query } } : {}] },
    orderBy: [{ district: { code: 'asc' } }, { name: 'asc' }],
    take: 500,
    select: {
      id: true,
      slug: true,
      name: true,
      type: true,
      level: true,
      openToPublic: true,
      takesSchoolVisits: true,
      stampsPassport: true,
      locationApproximate: true,
      district: { select: { name: true } },
      organisation: { select: { name: true } },
      _count: { select: { events: true } },
    },
  })
}

export function findVenueForStaff(staff: Staff, venueId: string) {
  return prisma.venue.findFirst({ where: { AND: [{ id: venueId }, venueScope(staff)] } })
}

/** The districts (with towns) and owning organisations a staff member may choose, for venues and activities. */
export async function venueFormChoices(staff: Staff) {
  // District admins place things in their district; everyone else in any active district.
  const [districts, organisations] = await Promise.all([
    prisma.district.findMany({
      where: districtScope(staff),
      orderBy: { code: 'asc' },
      select: {
        id: true,
        code: true,
        name: true,
        centerLat: true,
        centerLng: true,
        towns: { orderBy: { name: 'asc' }, select: { id: true, name: true, centerLat: true, centerLng: true } },
      },
    }),
    prisma.organisation.findMany({ where: organisationScope(staff), orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  ])
  // Each district's outline (a few kB), so the map picker can show where the chosen district is without tiles.
  const outlines = districtOutlines()
  return { districts: districts.map((d) => ({ ...d, outline: outlines.get(d.code)?.geometry ?? null })), organisations }
}

/** Checks what the form cannot: scope, the town's district, and that the point is inside the district. */
async function checkVenueInput(staff: Staff, input: VenueInput) {
  const district = await prisma.district.findUnique({ where: { id: input.districtId }, select: { id: true, code: true, name: true } })
  if (!district) throw new Refusal('请选择所在区。', 'districtId')
  if (outsideOwnDistrict(staff, district.id)) throw new Refusal('只能在本区添加场馆。', 'districtId')
  if (input.townId) {
    const town = await prisma.town.findFirst({ where: { id: input.townId, districtId: district.id }, select: { id: true } })
    if (!town) throw new Refusal(`这个街镇不属于${district.name}。`, 'townId')
  }
  let organisationId: string | null = input.organisationId ?? null
  if (staff.role === 'ORG_STAFF') organisationId = staff.organisationId
  else if (organisationId) {
    const organisation = await prisma.organisation.findUnique({ where: { id: organisationId }, select: { districtId: true } })
    if (!organisation) throw new Refusal('请选择运营单位。', 'organisationId')
    if (outsideOwnDistrict(staff, organisation.districtId)) throw new Refusal('只能选择本区的单位。', 'organisationId')
  }
  if (!districtContains(district.code, input.lat, input.lng)) {
    throw new Refusal(`这个位置不在${district.name}内，请在地图上重新选点，或检查所选的区。`, 'lat')
  }
  return { district, organisationId }
}

export function venueData(input: VenueInput, organisationId: string | null, locationApproximate = false) {
  return {
    name: input.name,
    type: input.type,
    level: input.level ?? null,
    districtId: input.districtId,
    townId: input.townId ?? null,
    organisationId,
    address: input.address ?? null,
    lat: input.lat,
    lng: input.lng,
    locationApproximate,
    openingHours: input.openingHours ?? null,
    phone: input.phone ?? null,
    website: input.website ?? null,
    accessibility: input.accessibility ?? null,
    description: input.description ?? null,
    openToPublic: input.openToPublic,
    takesSchoolVisits: input.takesSchoolVisits,
    stampsPassport: input.stampsPassport,
    recognisedYear: input.recognisedYear ?? null,
  }
}

export async function createVenue(staff: Staff, input: VenueInput): Promise<{ id: string; slug: string }> {
  const { district, organisationId } = await checkVenueInput(staff, input)
  return prisma.$transaction(async (tx) => {
    const venue = await tx.venue.create({
      data: { ...venueData(input, organisationId), slug: newSlug('v'), source: `工作人员录入（${staff.name}）` },
      select: { id: true, slug: true },
    })
    await recordAudit(tx, staff.id, {
      action: 'venue.create',
      entityType: 'venue',
      entityId: venue.id,
      districtId: district.id,
      summary: `新建场馆「${input.name}」（${district.name}）`,
    })
    return venue
  })
}

export async function updateVenue(staff: Staff, venueId: string, input: VenueInput): Promise<void> {
  const existing = await findVenueForStaff(staff, venueId)
  if (!existing) throw new Refusal('找不到这个场馆，或不在你的管理范围内。', 'name')
  const { district, organisationId } = await checkVenueInput(staff, input)
  await prisma.$transaction(async (tx) => {
    // A seeded point stays marked approximate until someone actually moves it.
    const moved = existing.lat !== input.lat || existing.lng !== input.lng
    const data = venueData(input, organisationId, existing.locationApproximate && !moved)
    await tx.venue.update({ where: { id: venueId }, data })
    // Activities held at the venue stand where it stands.
    if (
      existing.lat !== input.lat ||
      existing.lng !== input.lng ||
      existing.districtId !== input.districtId ||
      existing.townId !== (input.townId ?? null)
    ) {
      await tx.event.updateMany({
        where: { venueId },
        data: { lat: input.lat, lng: input.lng, districtId: input.districtId, townId: input.townId ?? null },
      })
    }
    const changed = Object.entries(data)
      .filter(([key, value]) => (existing as Record<string, unknown>)[key] !== value)
      .map(([key]) => key)
    await recordAudit(tx, staff.id, {
      action: 'venue.update',
      entityType: 'venue',
      entityId: venueId,
      districtId: district.id,
      summary: `修改场馆「${input.name}」：${changed.join('、') || '无变化'}`,
      details: { changed },
    })
  })
}
