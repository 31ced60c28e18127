// 线上科普 end to end (issue 28, decision 037), in headless Chromium against the built server on a fresh PostgreSQL
// database with the staff world: a resident opens a resource from a venue's page and its reach moves by one; a
// reload (and a second visit the same day) does not move it; the link out is the resource's https: link; the
// district admin's dashboard shows the reach with its counting rule, and its volunteer figures as a chart and an
// xlsx download.
import { describe, expect, it } from 'vitest'
import { seriousAxeViolations } from '../helpers/browser'
import { signInStaff, STAFF_PASSWORD, staffWorldPortal } from '../helpers/portal'
import type { Page } from 'playwright-core'

let resourceId = ''

const portal = staffWorldPortal({
  prepare: async (db, world) => {
    const resource = await db.prisma.onlineResource.create({
      data: {
        slug: 'sheshan-video',
        districtId: world.sj.id,
        kind: 'VIDEO',
        title: '走进佘山天文台',
        summary: '一段介绍佘山天文台百年历史和望远镜的科普视频。',
        url: 'https://example.org/video/sheshan',
        topics: ['space'],
        audiences: ['pupils'],
        source: '松江区科协',
        licence: '仅限浏览',
        published: true,
        searchText: '走进佘山天文台 视频 松江区科协',
        venues: { create: { venueId: world.venue.id } },
      },
    })
    resourceId = resource.id
  },
})

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
const pageViews = async () =>
  (await portal.db.prisma.onlineReach.aggregate({ where: { resourceId, source: 'PAGE_VIEW' }, _sum: { count: true } }))._sum.count ?? 0

describe('线上科普', () => {
  it('a resident opens a resource from a venue page and the count moves once; the dashboard shows the reach and its rule', async () => {
    const page = await portal.newPage()
    await page.goto(`${portal.url}/venues/${portal.world.venue.slug}`)
    await expect.poll(() => page.locator('main').innerText()).toContain('线上资源')
    expect(await pageViews()).toBe(0)
    await page.getByRole('link', { name: '走进佘山天文台' }).click()
    await page.waitForURL(/\/online\/sheshan-video$/)
    await expect.poll(() => page.locator('h1').innerText()).toBe('走进佘山天文台')
    expect(await page.getByTestId('resource-link').getAttribute('href')).toBe('https://example.org/video/sheshan')
    expect(await page.locator('main').innerText()).toContain('仅限浏览')
    await expect.poll(pageViews).toBe(1)
    expect(await seriousAxeViolations(page)).toEqual([])
    expect(await noSidewaysScroll(page)).toBe(true)

    // A reload, and the same visitor coming back from the library the same day: still one.
    await page.reload()
    await expect.poll(() => page.locator('h1').innerText()).toBe('走进佘山天文台')
    await page.goto(`${portal.url}/online?q=${encodeURIComponent('天文')}`)
    await page.getByRole('link', { name: '走进佘山天文台' }).click()
    await page.waitForURL(/\/online\/sheshan-video$/)
    expect(await pageViews()).toBe(1)
    const rows = await portal.db.prisma.onlineReach.findMany({ where: { resourceId } })
    expect(rows).toHaveLength(1)
    expect(rows[0].visitor).toMatch(/^[0-9a-f]{32}$/)
    // No cookie was needed to count it.
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('kepu_reach')

    // The district admin's dashboard: the year's 线上 reach with the counting rule beside it.
    const staffPage = await portal.newPage()
    await signInStaff(portal, staffPage, portal.world.users.districtAdmin.email, STAFF_PASSWORD)
    await staffPage.goto(`${portal.url}/admin/dashboard?year=${new Date().getUTCFullYear()}`)
    await expect.poll(() => staffPage.getByTestId('online-reach-total').innerText()).toBe('1')
    expect(await staffPage.getByTestId('online-reach-rule').innerText()).toContain('同一访客同一天同一资源只计 1 次')

    // The same dashboard's 科普志愿者 section (issue 26 part 3): a chart of the months drawn in the browser above
    // the table, and the link that downloads the volunteer and lecturer figures as xlsx for this district and year.
    const volunteers = staffPage.locator('section[aria-labelledby="volunteer-figures-heading"]')
    await expect.poll(() => volunteers.locator('.chart svg').count()).toBeGreaterThan(0)
    const href = await volunteers.getByRole('link', { name: '下载科普志愿者与讲师团数据（xlsx）' }).getAttribute('href')
    expect(href).toBe(`/admin/dashboard/volunteers.xlsx?district=${portal.world.sj.id}&year=${new Date().getUTCFullYear()}`)
    const download = await staffPage.request.get(`${portal.url}${href}`)
    expect(download.status()).toBe(200)
    expect(download.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  })

  it('serves the resource page from the shared cache; only the open page counts, by its beacon, which another site cannot post', async () => {
    const before = await pageViews()
    // Read without scripts (a crawler, a prefetch, a preview): the page, cached the second time, counts nothing.
    const read = () =>
      fetch(`${portal.url}/online/sheshan-video`, { headers: { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' } })
    expect((await read()).status).toBe(200)
    const again = await read()
    expect(again.headers.get('x-kepu-cache')).toBe('hit')
    expect(await again.text()).toContain('走进佘山天文台')
    // Another site posting to the beacon in its visitors' browsers is refused and counts nothing.
    const forged = await fetch(`${portal.url}/online/sheshan-video/views`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Sec-Fetch-Site': 'cross-site',
        'User-Agent': 'Mozilla/5.0 (Windows NT 10.0) Chrome/150.0',
      },
    })
    expect(forged.status).toBe(403)
    expect(await pageViews()).toBe(before)
    // A new visitor (another browser: the visitor is the address and the user agent) opening the page: counted once,
    // by the page itself.
    const page = await portal.newPage({ userAgent: 'Mozilla/5.0 (Linux; Android 14) Chrome/150.0 Mobile' })
    await page.goto(`${portal.url}/online/sheshan-video`)
    await expect.poll(pageViews).toBe(before + 1)
  })
})
