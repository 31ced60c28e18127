import gcoord from 'gcoord'
import { getLanguage } from '~/utils/i18n.server'
import { env } from '~/utils/infra/env.server'
import type { Language } from '~/utils/i18n'

/**
 * The one origin of every absolute link Kepu writes (messages, private links, calendar files, feeds, JSON-LD, the
 * open-data API), in a request or outside one: PUBLIC_URL, else this machine on PORT. Never the request's Host or
 * X-Forwarded-Host: a client that forged them would put its own domain into the portal's SMS, e-mails and cached
 * pages (issue 24). Without PUBLIC_URL the server answers only local host names (server/allowed-hosts.ts).
 */
export function publicOrigin(): string {
  return env.PUBLIC_URL ?? `http://localhost:${env.PORT}`
}

/** A link that opens 高德地图 at a WGS-84 point (AMap takes GCJ-02, so the point is converted). */
export function amapMarkerLink(point: { lat: number; lng: number }, name: string): string {
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.WGS84, gcoord.GCJ02)
  const params = new URLSearchParams({
    position: `${lng.toFixed(6)},${lat.toFixed(6)}`,
    name,
    src: 'kepu',
    coordinate: 'gaode',
    callnative: '1',
  })
  return `https://uri.amap.com/marker?${params}`
}

/**
 * A link that searches 高德地图 (AMap's keyword search, Shanghai) for a venue whose map point is only a guess: its
 * street address up to the house number (名 + 号) where the source gives one, else its name. A guessed point would
 * send people to a town centre; the search finds the real place.
 */
export function amapSearchLink(venue: { name: string; address: string | null; districtName: string }): string {
  const street = venue.address?.match(/^[^（(,，]*?\d+号/)?.[0]
  const keyword = street ? (/^(上海|.{1,3}区)/.test(street) ? street : `${venue.districtName}${street}`) : venue.name
  const params = new URLSearchParams({ keyword, city: '310000', src: 'kepu', callnative: '1' })
  return `https://uri.amap.com/search?${params}`
}

/** What a model needs to write messages for a change made in this request: the origin for links and the page's language. */
export async function messageContext(request: Request): Promise<{ origin: string; language: Language }> {
  return { origin: publicOrigin(), language: await getLanguage(request) }
}
