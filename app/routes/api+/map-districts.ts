// The districts' outlines, the base layer of the public maps that never depends on a tile server. A resource of its
// own (not in the page's data or its JavaScript) so a browser fetches it once and keeps it for a day.
import { json } from '@remix-run/node'
import { mapDistricts } from '~/utils/geo.server'
import { prisma } from '~/utils/infra/db.server'

export async function loader() {
  const names = await prisma.district.findMany({ select: { code: true, name: true, nameEn: true } })
  return json(mapDistricts(names), { headers: { 'Cache-Control': 'public, max-age=86400' } })
}
