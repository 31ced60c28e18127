// The home page's list and map for a first-time resident on a phone (issue 18), in headless Chromium against the
// built server on a fresh seeded PostgreSQL database, with every map tile blocked as on this network: the list comes
// in pages that work without JavaScript, the map draws the districts with their names and says the street map is
// missing, and "用我的位置" shows the whole reach circle.
import { describe, expect, it } from 'vitest'
import { HOME_PAGE_SIZE } from '~/models/event/search.server'
import { seriousAxeViolations } from '../helpers/browser'
import { seededPostgres, portalFixture } from '../helpers/portal'
import type { Page } from 'playwright-core'

describe('the home page for a first-time resident on a phone, with no map tiles', () => {
  let upcoming = 0
  const portal = portalFixture({
    database: seededPostgres(async (sql) => {
      const [{ count }] = await sql<{ count: number }>(`SELECT count(*)::int AS count FROM "EventSession" s
        JOIN "Event" e ON e.id = s."eventId" JOIN "District" d ON d.id = e."districtId"
        WHERE s.status = 'SCHEDULED' AND e.status = 'PUBLISHED' AND d.active AND s."startsAt" > now()`)
      upcoming = count
    }),
  })
  const phonePage = portal.newPage

  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

  it('lists the sessions ten at a time, with page numbers that keep the filters, without JavaScript', async () => {
    expect(upcoming).toBeGreaterThan(2 * HOME_PAGE_SIZE) // the seed has three pages and more
    const pages = Math.ceil(upcoming / HOME_PAGE_SIZE)
    const page = await phonePage({ javaScriptEnabled: false })
    await page.goto(portal.url)
    const cards = page.locator('.session-list > li')
    expect(await cards.count()).toBe(HOME_PAGE_SIZE)
    const firstPage = await cards.allTextContents()
    const pager = page.getByRole('navigation', { name: '分页' })
    expect(await pager.getByRole('link', { name: '上一页' }).count()).toBe(0)
    expect(await pager.locator('[aria-current="page"] [aria-hidden="true"]').innerText()).toBe('1')
    expect(await pager.getByRole('link', { name: `第 ${pages} 页` }).count()).toBe(1)

    await pager.getByRole('link', { name: '第 2 页' }).click()
    await page.waitForURL(/[?&]page=2\b/)
    expect(await cards.count()).toBe(HOME_PAGE_SIZE)
    const secondPage = await cards.allTextContents()
    expect(secondPage.filter((card) => firstPage.includes(card))).toEqual([])
    expect(await page.getByRole('navigation', { name: '分页' }).locator('[aria-current="page"] [aria-hidden="true"]').innerText()).toBe('2')
    await page.getByRole('navigation', { name: '分页' }).getByRole('link', { name: '上一页' }).click()
    await page.waitForURL((url) => !url.searchParams.has('page'))
    expect(await cards.allTextContents()).toEqual(firstPage)

    // The last page holds the rest, and has no next link.
    await page.goto(`${portal.url}/?page=${pages}`)
    expect(await cards.count()).toBe(upcoming - (pages - 1) * HOME_PAGE_SIZE)
    expect(await page.getByRole('navigation', { name: '分页' }).getByRole('link', { name: '下一页' }).count()).toBe(0)

    // A filter stays in the page links (seatsLeft=1: sessions with seats left).
    await page.goto(`${portal.url}/?seatsLeft=1`)
    await page.getByRole('navigation', { name: '分页' }).getByRole('link', { name: '下一页' }).click()
    await page.waitForURL(/[?&]page=2\b/)
    expect(new URL(page.url()).searchParams.get('seatsLeft')).toBe('1')
    await page.context().close()

    const withScript = await phonePage()
    await withScript.goto(`${portal.url}/?page=2`)
    expect(await noSidewaysScroll(withScript)).toBe(true)
    expect(await seriousAxeViolations(withScript)).toEqual([])
    await withScript.context().close()
  })

  it("draws the districts' outlines and names when no tile loads, and says the street map is not available", async () => {
    const page = await phonePage()
    await page.goto(portal.url)
    expect(await page.locator('.leaflet-tile-loaded').count()).toBe(0)
    // Sixteen districts; one outline may be several paths.
    await expect.poll(() => page.locator('.places-map path.district-outline').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(16)
    await expect.poll(() => page.locator('.places-map .district-label').count()).toBe(16)
    // A large district's name shows at city zoom; a name wider than its district on screen is hidden.
    const visibility = (name: string) =>
      page.locator('.places-map .district-label', { hasText: name }).evaluate((el) => getComputedStyle(el).visibility)
    expect(await visibility('松江区')).toBe('visible')
    // Zoomed out (one step each try, after the last step's animation), the small central district's name hides.
    await expect
      .poll(
        async () => {
          if ((await visibility('黄浦区')) === 'visible') await page.getByRole('button', { name: 'Zoom out' }).click()
          return visibility('黄浦区')
        },
        { timeout: 10_000, interval: 600 },
      )
      .toBe('hidden')
    expect(await visibility('浦东新区')).toBe('visible')
    await expect.poll(() => page.locator('.places-map .map-note').textContent()).toContain('街道地图暂时无法显示')
    // The outlines come once, from a cached resource, not in the page's JavaScript.
    const response = await page.request.get(`${portal.url}/api/map-districts`)
    expect(response.headers()['cache-control']).toContain('max-age=86400')
    expect((await response.body()).length).toBeLessThan(25_000)
    expect(await noSidewaysScroll(page)).toBe(true)
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.context().close()
  })

  it('shows English district names on the English page', async () => {
    const page = await phonePage()
    // The language cookie as Remix writes it (base64 of the JSON string).
    await page.context().addCookies([{ name: 'kepu_lang', value: encodeURIComponent(btoa('"en"')), url: portal.url }])
    await page.goto(portal.url)
    await expect.poll(() => page.locator('.places-map .district-label', { hasText: 'Songjiang' }).count(), { timeout: 15_000 }).toBe(1)
    expect(await page.locator('.places-map .map-note').textContent()).toContain('street map is not available')
    await page.context().close()
  })

  it('after "用我的位置", zooms to the person and shows the whole reach circle', async () => {
    // Beside 松江区's 中山街道, where the seed has activities.
    const page = await phonePage({ geolocation: { latitude: 31.005, longitude: 121.225 }, permissions: ['geolocation'] })
    await page.goto(portal.url)
    const circle = page.locator('.places-map path.reach-circle')
    await page.getByRole('button', { name: /用我的位置/ }).click()
    await page.waitForURL(/[?&]near=/)
    await expect.poll(() => circle.count(), { timeout: 15_000 }).toBe(1)
    const box = async () => {
      const [c, m] = await Promise.all([circle.boundingBox(), page.locator('.places-map').boundingBox()])
      return { c: c!, m: m! }
    }
    // Wide enough to see (it was 8 px under the dot at city zoom), and all of it inside the map. The nearest
    // activities here are about 2 km away, and the view shows them too (issue 30), so the circle is not the whole map.
    await expect.poll(async () => (await box()).c.width).toBeGreaterThan(80)
    const { c, m } = await box()
    expect(c.x).toBeGreaterThanOrEqual(m.x)
    expect(c.y).toBeGreaterThanOrEqual(m.y)
    expect(c.x + c.width).toBeLessThanOrEqual(m.x + m.width)
    expect(c.y + c.height).toBeLessThanOrEqual(m.y + m.height)
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.context().close()
  })
})
