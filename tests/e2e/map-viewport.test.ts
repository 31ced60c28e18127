// The home map asks for what its viewport shows (issue 17), in headless Chromium against the built server on a fresh
// seeded PostgreSQL database, with no map tiles: the first answer is an overview of Shanghai whose nearby places
// come as clusters; the map fits itself to them and then asks for its own box and zoom; a cluster zooms in when
// pressed (keyboard too), and the places it stood for appear; the counts always add up to the full list's.
import { describe, expect, it } from 'vitest'
import { seriousAxeViolations } from '../helpers/browser'
import { DESKTOP, seededPostgres, portalFixture } from '../helpers/portal'
import type { Request } from 'playwright-core'

type MapItem = { kind: 'venue' | 'place' | 'cluster'; sessions: number; places?: number }

describe('the home map loads its viewport, clustered on the server', () => {
  const portal = portalFixture({ database: seededPostgres(), pages: { viewport: DESKTOP } })

  const json = async (path: string) => (await (await fetch(`${portal.url}${path}`)).json()) as MapItem[]
  const sessionsOf = (items: MapItem[]) => items.reduce((n, item) => n + item.sessions, 0)
  const placesOf = (items: MapItem[]) => items.reduce((n, item) => n + (item.kind === 'cluster' ? item.places! : 1), 0)

  it('answers a viewport with clusters that add up to every place, and ignores a box that is not one', async () => {
    const all = await json('/api/map-points')
    const overview = await json('/api/map-points?bbox=120.85,30.68,122,31.88&zoom=9')
    expect(overview.some((item) => item.kind === 'cluster')).toBe(true)
    expect(overview.length).toBeLessThan(all.length)
    expect(sessionsOf(overview)).toBe(sessionsOf(all))
    expect(placesOf(overview)).toBe(all.length)
    // Not a box (west after east, a word, a zoom Leaflet has not): every place, as without one, never an error.
    for (const bad of ['bbox=122,30,121,31&zoom=9', 'bbox=a,b,c,d&zoom=9', 'bbox=121,31,122,32&zoom=99', "bbox=121,31,122,32'&zoom=9"])
      expect(await json(`/api/map-points?${bad}`), bad).toHaveLength(all.length)
  })

  it('the map fits the overview, then asks for its box; pressing a cluster zooms in and shows its places', async () => {
    const all = await json('/api/map-points')
    const page = await portal.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    const mapRequests: string[] = []
    page.on('request', (request: Request) => {
      if (request.url().includes('/api/map-points')) mapRequests.push(request.url())
    })
    const zoomOf = (url: string) => Number(new URL(url).searchParams.get('zoom'))
    await page.goto(`${portal.url}/`)
    // The overview first, then the box the map fitted itself to.
    await expect.poll(() => mapRequests.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2)
    expect(new URL(mapRequests[0]).searchParams.get('bbox')).toBe('120.85,30.68,122,31.88')
    expect(new URL(mapRequests.at(-1)!).searchParams.get('bbox')).not.toBe('120.85,30.68,122,31.88')
    await expect.poll(() => page.getByText(`地图上 ${all.length} 个地点`).count(), { timeout: 15_000 }).toBe(1)
    expect(await page.locator('.marker-cluster').count()).toBeGreaterThan(0)
    expect(await seriousAxeViolations(page)).toEqual([])

    // A cluster, pressed with the keyboard: the map zooms in and asks for the closer view.
    const before = mapRequests.length
    const zoomBefore = zoomOf(mapRequests.at(-1)!)
    const cluster = page.locator('.marker-cluster').first()
    const title = (await cluster.getAttribute('title'))!
    expect(title).toMatch(/^\d+ 个地点（点击放大）$/)
    await cluster.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => mapRequests.length, { timeout: 15_000 }).toBeGreaterThan(before)
    expect(zoomOf(mapRequests.at(-1)!)).toBe(zoomBefore + 2)
    await expect.poll(() => page.locator('.place-marker').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    expect(pageErrors).toEqual([])
    await page.context().close()
  })
})
