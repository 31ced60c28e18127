// The districts' outlines, the base layer of the public maps that never depends on a tile server. A resource of its
// own (not in the page's data or its JavaScript) so a browser fetches it once and keeps it for a day.
import { json } from '@remix-run/node'
import { mapDistrictNames } from '~/models/venue/listing.server'
import { mapDistricts } from '~/utils/geo.server'

export async function loader() {
  const names = await mapDistrictNames()
  return json(mapDistricts(names), { headers: { 'Cache-Control': 'public, max-age=86400' } })
}
