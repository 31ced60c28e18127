// The venue directory: active districts with their venues open to the public, optionally those a keyword finds
// (decision 017), the best match first.
import { Prisma } from '@prisma/client'
import { currentDesignationWhere } from '~/models/bases/designation.server'
import { keywordSql } from '~/models/keyword-search.server'
import { prisma } from '~/utils/infra/db.server'
import { keywordTerms } from '~/utils/keyword'

export async function listActiveDistricts() {
  return prisma.district.findMany({
    where: { active: true },
    orderBy: { code: 'asc' },
    select: { id: true, slug: true, name: true, nameEn: true, _count: { select: { venues: true } } },
  })
}

/** Every district's code and names (active or not), for the outlines under the public maps. */
export function mapDistrictNames() {
  return prisma.district.findMany({ select: { code: true, name: true, nameEn: true } })
}

/**
 * The ids of the venues open to the public in `districtIds` whose name, 街镇, district, operator or address holds
 * every word of `q`, best first; undefined when `q` has no words.
 */
export async function venueIdsMatching(districtIds: string[], q: string | undefined): Promise<string[] | undefined> {
  const keyword = keywordSql(keywordTerms(q), {
    title: Prisma.sql`v.name`,
    fields: [
      { text: Prisma.sql`t.name`, weight: 3 },
      { text: Prisma.sql`t."nameEn"`, weight: 3 },
      { text: Prisma.sql`o.name`, weight: 2 },
      { text: Prisma.sql`d.name`, weight: 2 },
      { text: Prisma.sql`d."nameEn"`, weight: 2 },
      { text: Prisma.sql`v.address`, weight: 1 },
    ],
  })
  if (!keyword || districtIds.length === 0) return keyword ? [] : undefined
  const rows = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT v.id FROM "Venue" v
      JOIN "District" d ON d.id = v."districtId"
      LEFT JOIN "Town" t ON t.id = v."townId"
      LEFT JOIN "Organisation" o ON o.id = v."organisationId"
    WHERE v."openToPublic" AND v."districtId" IN (${Prisma.join(districtIds)}) AND ${keyword.where}
    ORDER BY ${keyword.titleHits} DESC, ${keyword.score} DESC, v.name ASC`
  return rows.map((r) => r.id)
}

/** `level`: only venues holding a current designation at that level (decision 036), on the list and its map. */
export async function listVenuesByDistrict(districtIds: string[], { q, level }: { q?: string; level?: string } = {}) {
  const matching = await venueIdsMatching(districtIds, q)
  const venues = await prisma.venue.findMany({
    where: {
      districtId: { in: districtIds },
      openToPublic: true,
      ...(matching ? { id: { in: matching } } : {}),
      ...(level ? { baseDesignations: { some: { levelKey: level, ...currentDesignationWhere(new Date()) } } } : {}),
    },
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
      town: { select: { name: true, nameEn: true } },
    },
  })
  if (!matching) return venues
  const rank = new Map(matching.map((id, i) => [id, i]))
  return venues.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!)
}
