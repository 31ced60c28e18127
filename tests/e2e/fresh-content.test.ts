// A fresh portal as a district would open it (issue 30, points 1 and 2), in headless Chromium at 390 px against the
// built server on a freshly seeded PostgreSQL database, map tiles blocked as on this network:
// - every section is alive with no staff action: school visits to book, the plans' 科普菜单 programmes, and a
//   科普护照 page that says what it is and lists its stamp points before it asks anyone to sign in;
// - the demonstration content says so on every page in both languages and in its messages, venues show how exact
//   their map point is (and search 高德 by address when it is a guess), and `npm run examples:remove` takes the
//   demonstration out in one go while what staff made stays.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { seriousAxeViolations } from '../helpers/browser'
import { childEnv } from '../helpers/env'
import { query as queryAt, seededPostgres, portalFixture } from '../helpers/portal'

describe('a fresh portal: every section alive, demonstration content marked and removable', () => {
  let databaseUrl = ''
  const portal = portalFixture({
    database: seededPostgres(async (_sql, url) => {
      databaseUrl = url
    }),
    pages: { viewport: { width: 390, height: 844 } },
  })
  const newPage = (english = false) => portal.newPage({ english })
  const query = <T>(sql: string, params: unknown[] = []) => queryAt<T>(databaseUrl, sql, params)

  it('has school visits, 菜单 programmes and passport stamp points on a fresh start, with no staff action', async () => {
    const page = await newPage()
    await page.goto(`${portal.url}/school-visits`)
    const heading = await page.getByRole('heading', { name: /接待学校团体的场馆（\d+）/ }).textContent()
    expect(Number(heading?.match(/（(\d+)）/)?.[1])).toBeGreaterThanOrEqual(20)
    expect(await page.locator('.badge-example').count()).toBeGreaterThan(0) // slots and sizes are examples and say so
    expect(await page.getByRole('link', { name: '松江区科技馆（松江科技馆）' }).getAttribute('href')).toBe(
      '/venues/songjiang-science-museum/school-visit',
    )
    await page.goto(`${portal.url}/venues/songjiang-science-museum/school-visit`)
    const offer = await page.locator('main').innerText()
    for (const course of ['胖博士科普秀', '研学课程：脑科学与人工智能', '大师课堂']) expect(offer).toContain(course)
    expect(offer).toMatch(/演示数据/)
    expect(offer).toContain('每个时段最多 60 名学生')
    expect(await seriousAxeViolations(page)).toEqual([])

    await page.goto(`${portal.url}/menu`)
    const menu = await page.locator('main').innerText()
    expect(menu).not.toContain('0 个项目')
    for (const brand of ['科学有点意思', '惠民科普直通车', '曙光溢彩', '健康科普', '胖博士科普秀', '科普挂画', '智慧盒子', '科普直通车'])
      expect(menu).toContain(brand)
    expect(await seriousAxeViolations(page)).toEqual([])

    // Signed out: what the passport is and where it is stamped, then the way in; not a bare login form.
    await page.goto(`${portal.url}/passport`)
    expect(new URL(page.url()).pathname).toBe('/passport')
    await page.getByRole('heading', { name: '科普护照是什么' }).waitFor()
    const points = await page.getByRole('heading', { name: /盖章点（\d+ 个场馆）/ }).textContent()
    expect(Number(points?.match(/（(\d+) 个场馆）/)?.[1])).toBeGreaterThanOrEqual(5)
    expect(await page.locator('main').innerText()).toContain('上海地铁博物馆')
    expect(await page.getByRole('link', { name: '注册科普护照' }).getAttribute('href')).toBe('/account/signup')
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.context().close()
  }, 120_000)

  it('says on every page, in both languages, that it is a demonstration, and marks the messages of its examples', async () => {
    const page = await newPage()
    for (const path of [
      '/',
      '/venues',
      '/venues/songjiang-science-museum',
      '/school-visits',
      '/menu',
      '/passport',
      '/r/find',
      '/admin/login',
      '/no-such-page',
    ]) {
      await page.goto(portal.url + path)
      expect(await page.locator('.demo-banner').innerText(), path).toContain('这是演示站点')
    }
    const english = await newPage(true)
    for (const path of ['/', '/menu']) {
      await english.goto(portal.url + path)
      expect(await english.locator('.demo-banner').innerText(), path).toContain('This is a demonstration site.')
    }
    expect(await seriousAxeViolations(english)).toEqual([])
    await english.context().close()

    // A registration for an example activity: its confirmation SMS says 【演示】 before the title.
    const [session] = await query<{ id: string; title: string }>(
      `SELECT s.id, e.title FROM "EventSession" s JOIN "Event" e ON e.id = s."eventId"
       WHERE e."isExample" AND e."registersOnline" AND NOT e."requiresSmsCode" AND e.questions = '[]'::jsonb
         AND s."registrationOpensAt" <= now() AND s."startsAt" > now() + interval '1 day' AND s.capacity - s."seatsTaken" >= 2
       ORDER BY s."startsAt" LIMIT 1`,
    )
    await page.goto(`${portal.url}/sessions/${session.id}/register`)
    await page.getByLabel('联系人姓名').fill('周女士')
    await page.getByRole('textbox', { name: /手机号/ }).fill('13811119001')
    await page.getByLabel(/我同意主办方/).check()
    await page.getByRole('button', { name: /提交报名|加入候补/ }).click()
    await page.waitForURL(/\/r\/[A-Za-z0-9_-]+\?new=1$/)
    const [message] = await query<{ title: string }>(
      `SELECT params->>'title' AS title FROM "Message" WHERE template = 'registration.confirmed' AND recipient = '13811119001'`,
    )
    expect(message.title).toBe(`【演示】${session.title}`)
    await page.context().close()
  }, 120_000)

  it('shows how exact each venue point is, and searches 高德 by the address when the point is a guess', async () => {
    const page = await newPage()
    // A guessed point with a street address (and the phone and hours its source publishes).
    await page.goto(`${portal.url}/venues/shanghai-earthquake-museum`)
    let facts = await page.locator('.facts').innerText()
    expect(facts).toContain('地图位置只是估计')
    expect(facts).toContain('佘山镇')
    expect(facts).toContain('021-57652473')
    expect(facts).toContain('9:00–16:00')
    let amap = new URL((await page.getByRole('link', { name: /高德地图/ }).getAttribute('href'))!)
    expect(amap.origin + amap.pathname).toBe('https://uri.amap.com/search')
    expect(amap.searchParams.get('keyword')).toBe('松江区外青松公路9142号')
    // A guess with no street address: the search is by name, and no town: the district is said.
    await page.goto(`${portal.url}/venues/shanghai-aerospace-education-base`)
    facts = await page.locator('.facts').innerText()
    expect(facts).toMatch(/标在闵行区内/)
    amap = new URL((await page.getByRole('link', { name: /高德地图/ }).getAttribute('href'))!)
    expect(amap.searchParams.get('keyword')).toBe('上海航天科普（教育）基地')
    // A point a source gives: the marker link, and the precision says where it comes from.
    await page.goto(`${portal.url}/venues/chenshan-botanical-garden`)
    expect(await page.locator('.facts').innerText()).toContain('来自公开资料的坐标')
    expect(await page.getByRole('link', { name: /高德地图/ }).getAttribute('href')).toMatch(/^https:\/\/uri\.amap\.com\/marker\?/)
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.context().close()
  }, 120_000)

  it('takes the demonstration out with one command and leaves what staff made', async () => {
    // Staff made an activity of their own and adopted one example school offer by saving it.
    const columns = (await query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'Event'`))
      .map((c) => `"${c.column_name}"`)
      .filter((c) => c !== '"id"' && c !== '"slug"')
    await query(
      `INSERT INTO "Event" (id, slug, ${columns.join(', ')}) SELECT 'staff-own-event', 'staff-own-event', ${columns.join(', ')} FROM "Event" WHERE slug = 'sj-dr-pang-science-show'`,
    )
    await query(`UPDATE "Event" SET "isExample" = false WHERE slug = 'staff-own-event'`)
    await query(
      `UPDATE "SchoolOffer" SET "isExample" = false WHERE "venueId" = (SELECT id FROM "Venue" WHERE slug = 'shanghai-metro-museum')`,
    )
    const before = await query<{ events: number; offers: number; menu: number }>(
      `SELECT (SELECT count(*)::int FROM "Event") AS events, (SELECT count(*)::int FROM "SchoolOffer") AS offers, (SELECT count(*)::int FROM "MenuItem") AS menu`,
    )

    const { stdout } = await promisify(execFile)('node_modules/.bin/tsx', ['scripts/examples-remove.ts'], {
      env: childEnv({ DATABASE_URL: databaseUrl }),
      timeout: 120_000,
    })
    expect(stdout).toMatch(/Removed the demonstration content: \d+ example activities/)

    const after = await query<{ slug: string; isExample: boolean }>(`SELECT slug, "isExample" FROM "Event"`)
    expect(after).toEqual([{ slug: 'staff-own-event', isExample: false }])
    const offers = await query<{ slug: string }>(`SELECT v.slug FROM "SchoolOffer" o JOIN "Venue" v ON v.id = o."venueId"`)
    expect(offers).toEqual([{ slug: 'shanghai-metro-museum' }])
    const [{ menu }] = await query<{ menu: number }>(`SELECT count(*)::int AS menu FROM "MenuItem"`)
    expect(menu).toBe(before[0].menu)
    expect(before[0].events).toBeGreaterThan(1)

    // No banner once nothing is left (the shared page cache is dropped by the change), and the school page gives
    // the other venues' contact: a phone where one is published, else 高德.
    const page = await newPage()
    const bannersOnHome = async () => {
      await page.goto(`${portal.url}/`)
      return page.locator('.demo-banner').count()
    }
    await expect.poll(bannersOnHome, { timeout: 10_000 }).toBe(0)
    await page.goto(`${portal.url}/school-visits`)
    expect(await page.getByRole('heading', { name: '接待学校团体的场馆（1）' }).count()).toBe(1)
    const contact = page.locator('section[aria-labelledby="school-contact"]')
    expect(await contact.getByRole('link', { name: '电话 021-57652473' }).getAttribute('href')).toBe('tel:021-57652473')
    expect(await contact.getByRole('link', { name: /高德地图搜索/ }).count()).toBeGreaterThan(10)
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.context().close()
  }, 180_000)
})
