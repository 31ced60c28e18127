// Keyword search (decision 017) end to end, on the plans' seed data in a fresh PGlite folder: a resident searches
// from the home page in Chromium; the map, the feeds, the JSON API, the venue directory and the 科普菜单 honour
// `q=`; bad input gets a message, never an error.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, seriousAxeViolations, takeCspViolations, watchCsp } from '../helpers/browser'
import { childEnv } from '../helpers/env'
import { startServer, type RunningServer } from '../helpers/server'
import type { Browser } from 'playwright-core'

const run = promisify(execFile)
const OBSERVATORY_NIGHT = '佘山天文夜：百年天文台里看星星'
const OBSERVATORY_MUSEUM = '上海天文博物馆（上海天文台佘山工作站）'

describe('keyword search', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kepu-search-'))
  let server: RunningServer
  let browser: Browser
  const get = (url: string) => fetch(`${server.url}${url}`)

  beforeAll(async () => {
    // What setup does, less the build (the test run built the app once already).
    const env = childEnv({ PGLITE_DIR: dataDir })
    await run('npx', ['prisma', 'migrate', 'deploy'], { env, timeout: 120_000 })
    await run('npx', ['tsx', 'scripts/seed.ts'], { env, timeout: 120_000 })
    // One 科普菜单 item to find (the seed has none: providers publish their own).
    const db = new PGlite(dataDir)
    await db.query(
      `INSERT INTO "MenuItem" (id, "organisationId", title, kind, topics, audience, "durationMinutes", "minGroup", "maxGroup",
         "leadDays", "deliversTo", description, "updatedAt")
       SELECT 'search-menu-item', o.id, '星空投影车', 'SCIENCE_BUS', ARRAY['天文'], '小学生', 60, 10, 60, 7,
         ARRAY(SELECT id FROM "District" WHERE active), '把天文馆的星空搬进社区', now()
       FROM "Organisation" o ORDER BY o.slug LIMIT 1`,
    )
    await db.close()
    server = await startServer({ PGLITE_DIR: dataDir })
    browser = await launchChromium()
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })
  afterEach(() => expect(takeCspViolations()).toEqual([]))

  it('a resident types 天文 on the home page: title matches first, the words marked, the URL and the map follow', async () => {
    const context = await watchCsp(await browser.newContext({ viewport: { width: 360, height: 800 } }))
    const page = await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await page.goto(`${server.url}/?district=songjiang`)
    const box = page.getByLabel('搜索活动（名称、主题、场馆、主办、街镇）')
    await box.fill('天文')
    const mapPoints = page.waitForRequest((request) => request.url().includes('/api/map-points') && request.url().includes('q='))
    await box.press('Enter')
    await page.waitForURL(/q=%E5%A4%A9%E6%96%87/)
    expect(page.url()).toContain('district=songjiang') // kept with the other filters
    await expect.poll(() => page.locator('.session-list .card-title').first().textContent()).toBe(OBSERVATORY_NIGHT)
    expect(await page.locator('.session-list .card-title mark').first().textContent()).toBe('天文')
    await expect.poll(() => page.getByRole('status').filter({ hasText: '与“天文”有关的结果' }).count()).toBe(1)
    await mapPoints
    expect(await page.getByLabel('搜索活动（名称、主题、场馆、主办、街镇）').inputValue()).toBe('天文')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    expect(await seriousAxeViolations(page)).toEqual([])

    // Punctuation only: a message under the box, the page still answers.
    await box.fill('%_%')
    await box.press('Enter')
    await expect.poll(() => page.locator('#q-error').textContent()).toContain('请输入要找的文字或数字')
    expect(await box.getAttribute('aria-invalid')).toBe('true')
    expect(await seriousAxeViolations(page)).toEqual([])
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('the list, the map, the feeds and the API give the same set for q=', async () => {
    const api = (await (await get('/api/v1/activities?q=天文&pageSize=100')).json()) as {
      data: Array<{ event: { title: string } }>
      total: number
    }
    expect(api.data[0].event.title).toBe(OBSERVATORY_NIGHT)
    expect(api.total).toBeGreaterThan(0)
    const all = (await (await get('/api/v1/activities?pageSize=1')).json()) as { total: number }
    expect(api.total).toBeLessThan(all.total)
    const points = (await (await get('/api/map-points?q=天文')).json()) as Array<{ sessions: number }>
    expect(points.reduce((n, p) => n + p.sessions, 0)).toBe(api.total)

    const ics = await (await get('/calendar.ics?q=天文')).text()
    expect(ics).toContain('X-WR-CALNAME:科普地图 · “天文”')
    expect(ics).toContain(OBSERVATORY_NIGHT)
    expect(ics).not.toContain('胖博士科普秀')
    const rss = await (await get('/feed.xml?q=天文')).text()
    expect(rss).toContain(OBSERVATORY_NIGHT)
    expect(rss).not.toContain('胖博士科普秀')

    const venues = (await (await get('/api/v1/venues?q=天文')).json()) as { data: Array<{ name: string }>; total: number }
    expect(venues.data[0].name).toBe(OBSERVATORY_MUSEUM)
  })

  it('bad input gets a clear message or an empty result, never an error', async () => {
    for (const q of ['%', '_', '\\', '%%%', '！？']) {
      const response = await get(`/api/v1/activities?q=${encodeURIComponent(q)}`)
      expect(response.status, q).toBe(400)
      expect(await response.json(), q).toEqual({ errors: { q: 'search.problem.noWords' } })
    }
    for (const q of ['x'.repeat(10_000), '天'.repeat(1_500), '天文 '.repeat(20)]) {
      const long = await get(`/api/v1/activities?q=${encodeURIComponent(q)}`)
      expect(long.status, q.slice(0, 10)).toBe(400)
      expect(await long.json()).toEqual({ errors: { q: 'search.problem.long' } })
    }
    // 10,000 Chinese characters are 90 KB of URL: Node refuses the request line itself (431) before the app.
    expect((await get(`/?q=${encodeURIComponent('天'.repeat(10_000))}`)).status).toBe(431)
    expect((await get(`/api/v1/venues?q=${'x'.repeat(10_000)}`)).status).toBe(400)
    const sql = (await (await get(`/api/v1/activities?q=${encodeURIComponent('\'; DROP TABLE "Event"; --')}`)).json()) as { total: number }
    expect(sql.total).toBe(0)

    const page = await get(`/?q=${'x'.repeat(10_000)}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('搜索词太长')
    const html = await get(`/?q=${encodeURIComponent('<script>alert(1)</script>')}`)
    expect(html.status).toBe(200)
    expect(await html.text()).not.toContain('<script>alert(1)</script>')
    expect((await get('/?q=%25')).status).toBe(200)
    expect((await get('/venues?q=%25')).status).toBe(200)
    expect((await get('/menu?q=_')).status).toBe(200)
  })

  it('the venue directory and the 科普菜单 search with the same box, marking what they found', async () => {
    const context = await watchCsp(await browser.newContext({ viewport: { width: 360, height: 800 } }))
    const page = await context.newPage()
    await page.goto(`${server.url}/venues`)
    await page.getByLabel('搜索场馆（名称、街镇、运营单位）').fill('天文')
    await page.getByRole('button', { name: '搜索', exact: true }).click()
    await page.waitForURL(/\/venues\?q=/)
    await expect.poll(() => page.locator('.venue-list li strong').first().textContent()).toBe(OBSERVATORY_MUSEUM)
    expect(await page.locator('.venue-list li strong mark').first().textContent()).toBe('天文')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    expect(await seriousAxeViolations(page)).toEqual([])

    await page.goto(`${server.url}/menu`)
    await page.getByLabel('搜索菜单（名称、主题、提供单位）').fill('星空')
    await page.getByRole('button', { name: '搜索', exact: true }).click()
    await page.waitForURL(/\/menu\?q=/)
    await expect.poll(() => page.locator('.session-list .card-title').allTextContents()).toEqual(['星空投影车'])
    expect(await page.locator('.session-list .card-title mark').textContent()).toBe('星空')
    expect(await seriousAxeViolations(page)).toEqual([])
    await context.close()
  })
})
