// Maps that always show something (issue 30), in headless Chromium against the built server on a fresh seeded
// PostgreSQL database, with every map tile blocked as on this network and many intranets: after "用我的位置" the map
// fits the person and the nearest results, and offers the 15-minute walk only when something is inside it; on a
// phone the results come into view after 筛选 or locating, and a link near the top jumps to them; a marker's popup
// lists its next dates with links, fetched when it opens; the 菜单 site picker draws the districts and 街镇 centres
// with a note, and an order can be placed without a point.
import { describe, expect, it } from 'vitest'
import { districtContains } from '~/utils/geo.server'
import { seriousAxeViolations, switchToLargeText } from '../helpers/browser'
import { query, seededPostgres, portalFixture } from '../helpers/portal'
import type { BrowserContextOptions, Page } from 'playwright-core'

type Point = { lat: number; lng: number }

/** Great-circle distance in metres (as the server's haversine). */
function metresBetween(a: Point, b: Point): number {
  const rad = Math.PI / 180
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2
  return 12_742_000 * Math.asin(Math.sqrt(h))
}

const WALK_15_METRES = 923 // 15 min × 80 m/min ÷ 1.3 (decision 003)
const SONGJIANG = 310117

describe('maps that always show something', () => {
  let databaseUrl = ''
  /** Where upcoming public sessions are held. */
  let places: Point[] = []
  /** In 松江区, 2–6 km from the nearest activity: "near me" there showed an empty circle. */
  let far: Point
  /** 300 m from an activity in 松江区. */
  let close: Point
  let townId: string
  let townCentre: Point

  const portal = portalFixture({
    database: seededPostgres(async (sql, url) => {
      databaseUrl = url
      places = await sql<Point>(`SELECT DISTINCT e.lat, e.lng FROM "EventSession" s JOIN "Event" e ON e.id = s."eventId"
        JOIN "District" d ON d.id = e."districtId"
        WHERE s.status = 'SCHEDULED' AND e.status = 'PUBLISHED' AND d.active AND s."startsAt" > now() + interval '1 hour'`)
      const nearest = (p: Point) => Math.min(...places.map((q) => metresBetween(p, q)))
      const inSongjiang = places.filter((p) => districtContains(SONGJIANG, p.lat, p.lng))
      close = { lat: inSongjiang[0].lat + 0.0027, lng: inSongjiang[0].lng }
      const grid: Point[] = []
      for (let lat = 30.96; lat < 31.12; lat += 0.01)
        for (let lng = 121.05; lng < 121.35; lng += 0.01) grid.push({ lat: Number(lat.toFixed(4)), lng: Number(lng.toFixed(4)) })
      far = grid.find((p) => districtContains(SONGJIANG, p.lat, p.lng) && nearest(p) > 2000 && nearest(p) < 6000)!
      expect(far).toBeDefined()
      expect(nearest(close)).toBeLessThan(WALK_15_METRES)
      // A 菜单 item delivered to 松江区 (as staff publish one), and one of its 街镇.
      const [{ org, district }] = await sql<{ org: string; district: string }>(
        `SELECT (SELECT id FROM "Organisation" ORDER BY slug LIMIT 1) AS org, id AS district FROM "District" WHERE slug = 'songjiang'`,
      )
      await sql(
        `INSERT INTO "MenuItem" (id, "organisationId", title, kind, topics, audience, "durationMinutes", "minGroup", "maxGroup",
          "leadDays", "deliversTo", description, "updatedAt")
        VALUES ('e2e-menu-item', $1, '会跳舞的静电', 'SCIENCE_SHOW', ARRAY['静电'], '社区亲子家庭', 60, 20, 120, 7, ARRAY[$2], '科学秀上门表演。', now())`,
        [org, district],
      )
      const [town] = await sql<{ id: string; centerLat: number; centerLng: number }>(
        `SELECT id, "centerLat", "centerLng" FROM "Town" WHERE name = '方松街道' AND "districtId" = $1`,
        [district],
      )
      townId = town.id
      townCentre = { lat: town.centerLat, lng: town.centerLng }
    }),
    pages: { viewport: { width: 390, height: 844 } },
  })
  const newPage = portal.newPage
  const located = (at: Point): BrowserContextOptions => ({
    geolocation: { latitude: at.lat, longitude: at.lng },
    permissions: ['geolocation'],
  })
  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
  /** Whether the box lies inside the map's box (the part of the map on the page, wherever it is scrolled). */
  const insideMap = async (page: Page, selector: string) => {
    const map = (await page.locator('.places-map').boundingBox())!
    const boxes = await page.locator(`.places-map ${selector}`).evaluateAll((elements) =>
      elements.map((el) => {
        const r = el.getBoundingClientRect()
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 }
      }),
    )
    return boxes.filter((b) => b.x >= map.x && b.x <= map.x + map.width && b.y >= map.y && b.y <= map.y + map.height).length
  }

  it('after "用我的位置" far from any activity, fits the person and the nearest results, and offers no empty walk', async () => {
    const page = await newPage(located(far))
    await page.goto(portal.url)
    await page.getByRole('button', { name: /用我的位置/ }).click()
    await page.waitForURL(/[?&]near=/)
    await expect.poll(() => page.locator('.places-map path.reach-circle').count(), { timeout: 15_000 }).toBe(1)
    // A marker (or a cluster of them) is on the map together with the person: the view was the empty circle.
    await expect.poll(() => insideMap(page, '.place-marker, .marker-cluster'), { timeout: 15_000 }).toBeGreaterThan(0)
    expect(await insideMap(page, 'path.leaflet-interactive:not(.reach-circle):not(.district-outline)')).toBeGreaterThan(0) // the person's dot
    const hint = page.locator('.near-tools .hint')
    await expect.poll(() => hint.textContent()).toMatch(/步行 15 分钟内没有活动，最近的在 [\d.]+ 公里 外/)
    expect(await page.getByRole('link', { name: '只看步行 15 分钟内' }).count()).toBe(0)
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.context().close()
  })

  it('offers the 15-minute walk when something is inside it', async () => {
    const page = await newPage(located(close))
    await page.goto(portal.url)
    await page.getByRole('button', { name: /用我的位置/ }).click()
    await page.waitForURL(/[?&]near=/)
    await page.getByRole('link', { name: '只看步行 15 分钟内' }).click()
    await page.waitForURL(/[?&]reach=walk15/)
    expect(await page.locator('.session-list > li').count()).toBeGreaterThan(0)
    await page.context().close()
  })

  it('on a phone, brings the results into view after 筛选 and after locating, and links to them from the top', async () => {
    const page = await newPage({ ...located(far), reducedMotion: 'reduce' })
    await page.goto(portal.url)
    const inView = async (selector: string) => {
      const box = await page.locator(selector).first().boundingBox()
      return box !== null && box.y > -2 && box.y < 844 // scrolled to the top: a fraction of a pixel above it
    }
    expect(await inView('.session-list > li')).toBe(false) // 1.5 screens down
    // The jump link is on the first screen and brings the first activity into view.
    const skip = page.getByRole('link', { name: /跳到活动列表/ })
    expect(await inView('.skip-to-results a')).toBe(true)
    await skip.click()
    await expect.poll(() => inView('.session-list > li')).toBe(true)

    await page.evaluate(() => window.scrollTo(0, 0))
    await page.getByLabel('区', { exact: true }).selectOption({ label: '松江区' })
    await page.getByRole('button', { name: '筛选', exact: true }).click()
    await page.waitForURL(/[?&]district=songjiang/)
    // Focus moves to the results' heading (for screen readers too), which is on screen.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('sessions-heading')
    await expect.poll(() => inView('#sessions-heading')).toBe(true)

    await page.evaluate(() => window.scrollTo(0, 0))
    await page.getByRole('button', { name: /用我的位置/ }).click()
    await page.waitForURL(/[?&]near=/)
    // After locating: the map with the person, and the start of the list under it.
    await expect.poll(() => inView('#map-panel')).toBe(true)
    await expect.poll(() => inView('#sessions-heading')).toBe(true)
    expect(await noSidewaysScroll(page)).toBe(true)
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.context().close()
  })

  it('keeps 360 px without sideways scrolling in large text, with the jump link on the first screen', async () => {
    const page = await newPage({ viewport: { width: 360, height: 800 } })
    await page.goto(portal.url)
    await switchToLargeText(page, '大字模式')
    await expect.poll(() => page.evaluate(() => document.documentElement.className)).toBe('large-text')
    const skip = (await page.locator('.skip-to-results a').boundingBox())!
    expect(skip.y + skip.height).toBeLessThan(800)
    expect(await noSidewaysScroll(page)).toBe(true)
    await page.goto(`${portal.url}/?near=${far.lat},${far.lng}`)
    expect(await noSidewaysScroll(page)).toBe(true)
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.context().close()
  })

  it("lists a place's next dates with links in its popup, fetched when it opens; the map's answers stay small", async () => {
    const page = await newPage() // a phone: the popup's auto-pan moves the map, and new markers must keep it open
    const placeRequests: string[] = []
    page.on('request', (request) => {
      if (request.url().includes('/api/map-place/')) placeRequests.push(request.url())
    })
    // Opened "near" a point (a shared link, a reload): the map shows that view's markers, not the overview's clusters.
    await page.goto(`${portal.url}/?near=${close.lat},${close.lng}`)
    // A marker on the visible part of the map (Leaflet also keeps those just outside it).
    await expect.poll(() => insideMap(page, '.place-marker'), { timeout: 15_000 }).toBeGreaterThan(0)
    expect(placeRequests).toEqual([]) // nothing before a popup opens
    // The viewport's own markers, once the map has asked for what it shows (they replace the overview's).
    await page.waitForLoadState('networkidle')
    await expect.poll(() => page.locator('.map-panel > p.hint').textContent()).not.toContain('正在更新')
    const map = (await page.locator('.places-map').boundingBox())!
    const centres = await page.locator('.places-map .place-marker').evaluateAll((elements) =>
      elements.map((el) => {
        const r = el.getBoundingClientRect()
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 }
      }),
    )
    const shown = centres.findIndex(
      (c) => c.x > map.x + 10 && c.x < map.x + map.width - 10 && c.y > map.y + 60 && c.y < map.y + map.height - 10,
    )
    await page.locator('.places-map .place-marker').nth(shown).click()
    const dates = page.locator('.leaflet-popup-content ul.popup-sessions li a')
    await expect.poll(() => dates.count(), { timeout: 10_000 }).toBeGreaterThan(0)
    expect(await dates.count()).toBeLessThanOrEqual(3)
    expect(await dates.first().textContent()).toMatch(/\d+月\d+日/)
    expect(await dates.first().getAttribute('href')).toMatch(/^\/events\/[^/]+$/)
    expect(placeRequests).toHaveLength(1)
    // The map moved a little (by keys here; a popup's own auto-pan does the same): the new view's markers keep it open.
    const mapRequests = () =>
      page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/map-points')).length)
    const before = await mapRequests()
    await page.locator('.places-map').focus()
    for (const key of ['ArrowLeft', 'ArrowLeft', 'ArrowUp']) await page.keyboard.press(key)
    await expect.poll(mapRequests).toBeGreaterThan(before)
    await page.waitForLoadState('networkidle')
    await expect.poll(() => dates.count()).toBeGreaterThan(0)
    expect(new URL(placeRequests[0]).searchParams.get('near')).toBeTruthy() // the page's filters go with it
    await dates.first().click()
    await page.waitForURL(/\/events\//)

    // Sizes: the overview stays the roll-up's few cells; one popup's answer is a few hundred bytes.
    const overview = await (await fetch(`${portal.url}/api/map-points?bbox=120.85,30.68,122,31.88&zoom=10`)).text()
    const popup = await (await fetch(placeRequests[0])).text()
    console.log(`map overview ${overview.length} B, one popup ${popup.length} B`)
    expect(overview.length).toBeLessThan(4000)
    expect(popup.length).toBeLessThan(1500)
    await page.context().close()
  })

  it('the 菜单 site picker without tiles draws the districts and 街镇 centres with a note; an order needs no point', async () => {
    const page = await newPage()
    await page.goto(`${portal.url}/menu/e2e-menu-item`)
    const picker = page.locator('.location-picker')
    await expect.poll(() => picker.locator('path.district-outline').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(16)
    await expect.poll(() => picker.locator('.town-label').count()).toBeGreaterThan(5)
    await expect.poll(() => picker.locator('.town-label', { hasText: '方松街道' }).count()).toBe(1)
    await expect.poll(() => picker.locator('.map-note').textContent()).toContain('街镇中心')
    expect(await noSidewaysScroll(page)).toBe(true)
    expect(await seriousAxeViolations(page)).toEqual([])

    // No point: the 街镇's centre stands in, and the order says so.
    const field = (name: string) => page.locator(`[name="${name}"]`)
    await field('siteName').fill('方松社区书院')
    await field('siteKind').selectOption({ label: '社区书院' })
    await page.getByLabel('所在街镇（选填）').selectOption({ label: '方松街道' })
    await field('siteAddress').fill('松江区某路 8 号')
    await field('contactName').fill('钱老师')
    await field('phone').fill('13698765432')
    await field('preferredDates').fill('下月中旬周六下午')
    await field('expectedAudience').fill('60')
    await field('consent').check()
    await page.getByRole('button', { name: '提交点单' }).click()
    await page.waitForURL(/\/menu\/orders\//)
    const [order] = await query<{ townId: string; siteLat: number; siteLng: number; sitePrecision: string }>(
      databaseUrl,
      `SELECT "townId", "siteLat", "siteLng", "sitePrecision" FROM "MenuOrder" WHERE "siteName" = '方松社区书院'`,
    )
    expect(order).toEqual({ townId, siteLat: townCentre.lat, siteLng: townCentre.lng, sitePrecision: 'TOWN_CENTRE' })
    await page.context().close()
  })
})
