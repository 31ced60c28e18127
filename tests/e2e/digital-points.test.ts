// 数字科普点位 and the activities widget end to end (issue 28, decision 037), in headless Chromium against the built
// server on a fresh PostgreSQL database with the staff world:
// - 松江's admin adds a point (the venue form, then the point's page), links a resource and gets its report token;
//   a device's report (plain fetch, no Origin; and from a page of another site, through CORS) counts once, a
//   replay, a wrong token and a bad count are refused with JSON; the dashboard shows the plays against a target with
//   the counting rule; the venue page shows what the point shows, on the map as a point.
// - The widget renders inside a page served on another port; a parameter cannot inject markup; any other page of
//   the portal refuses to be framed there.
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousAxeViolations } from '../helpers/browser'
import { signInStaff, STAFF_PASSWORD, staffWorldPortal } from '../helpers/portal'
import type { Page } from 'playwright-core'

const portal = staffWorldPortal({
  consoleErrors: true,
  prepare: async (db, world) => {
    await db.prisma.onlineResource.create({
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
      },
    })
    // A target for this year, as a plan would set one (the plans' own online targets are for 2025).
    await db.prisma.planFigure.create({
      data: {
        key: 'test-online-target',
        districtId: world.sj.id,
        year: Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)),
        kind: 'TARGET',
        metric: 'reach:online',
        label: '线上传播科普资源（次）',
        value: 1000,
        atLeast: true,
        source: 'test',
      },
    })
  },
})

// A page of "another site": the host on its own port, embedding the widget with the one-line script, or framing a
// page that must refuse it.
let host: Server
let hostUrl = ''
beforeAll(async () => {
  host = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host.test')
    const body =
      url.pathname === '/widget'
        ? `<h1>街道网站</h1><p>本街道的科普活动：</p><script src="${portal.url}/embed.js" data-venue="venue-a" async></script><p>页脚</p>`
        : url.pathname === '/framed'
          ? `<h1>街道网站</h1><iframe id="framed" src="${portal.url}/venues/venue-a" title="科普地图"></iframe>`
          : '<h1>街道网站</h1>'
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>街道网站</title></head><body>${body}</body></html>`)
  })
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve))
  const address = host.address()
  hostUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})
afterAll(() => new Promise<void>((resolve) => host?.close(() => resolve())))

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

let pointId = ''
let token = ''

const postReport = (body: unknown, { auth = token, headers = {} }: { auth?: string; headers?: Record<string, string> } = {}) =>
  fetch(`${portal.url}/api/v1/points/${pointId}/reports`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${auth}`, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
const plays = async () =>
  (await portal.db.prisma.onlineReach.aggregate({ where: { pointId, source: 'POINT_REPORT' }, _sum: { count: true } }))._sum.count ?? 0

describe('数字科普点位', () => {
  it('staff add a point, link what it shows and get its token once', async () => {
    const page = await portal.newPage()
    await signInStaff(portal, page, portal.world.users.districtAdmin.email, STAFF_PASSWORD)
    await page.goto(`${portal.url}/admin/points`)
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.getByRole('link', { name: '添加点位' }).click()
    await page.waitForURL(/\/admin\/venues\/new\?type=DIGITAL_POINT$/)
    expect(await page.getByLabel(/^类型/).inputValue()).toBe('DIGITAL_POINT')
    await page.getByLabel('场馆名称').fill('方松街道智慧科普屏')
    await page.getByLabel('纬度').fill('31.0322')
    await page.getByLabel('经度').fill('121.2274')
    await page.getByRole('button', { name: '保存场馆' }).click()
    await page.waitForURL(/\/admin\/points\/[^/]+$/)
    pointId = new URL(page.url()).pathname.split('/').pop()!
    expect(await portal.db.prisma.venue.findUniqueOrThrow({ where: { id: pointId } })).toMatchObject({
      type: 'DIGITAL_POINT',
      districtId: portal.world.sj.id,
    })

    // No token before the point's facts are saved; a keeper is required.
    expect(await page.getByRole('button', { name: '发放上报密钥' }).isDisabled()).toBe(true)
    await page.getByLabel('点位类型').selectOption({ label: '智慧科普盒子' })
    await page.getByRole('button', { name: '保存点位信息' }).click()
    await expect.poll(() => page.locator('.field-error').first().textContent()).toContain('请填写维护单位')
    await page.getByLabel('维护单位').fill('方松街道社区党群服务中心')
    await page.getByLabel('走进佘山天文台').check()
    await page.getByRole('button', { name: '保存点位信息' }).click()
    // The venue form's notice ("已保存。请填写点位类型…") may still be on the page: wait for the saved row itself.
    await expect
      .poll(async () => (await portal.db.prisma.digitalPoint.findUnique({ where: { venueId: pointId } }))?.keeper)
      .toBe('方松街道社区党群服务中心')
    await expect.poll(() => page.locator('.toast').allInnerTexts()).toContainEqual(expect.stringMatching(/^已保存。$/m))
    expect(
      await portal.db.prisma.digitalPoint.findUniqueOrThrow({ where: { venueId: pointId }, include: { resources: true } }),
    ).toMatchObject({
      kind: 'SMART_BOX',
      keeper: '方松街道社区党群服务中心',
      resources: [expect.objectContaining({ venueId: pointId })],
    })

    await page.getByRole('button', { name: '发放上报密钥' }).click()
    await expect.poll(() => page.getByTestId('point-token').inputValue()).toMatch(/^kpt_/)
    token = await page.getByTestId('point-token').inputValue()
    const stored = await portal.db.prisma.digitalPoint.findUniqueOrThrow({ where: { venueId: pointId } })
    expect(stored.tokenHash).not.toContain(token)
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/)
    expect(await seriousAxeViolations(page)).toEqual([])
    expect(await noSidewaysScroll(page)).toBe(true)
    // Shown once: the page opened again does not show it.
    await page.goto(`${portal.url}/admin/points/${pointId}`)
    expect(await page.getByTestId('point-token').count()).toBe(0)
    expect(await page.locator('main').innerText()).not.toContain(token)
  })

  it('a report counts once; a replay, a wrong token and a bad count are refused with JSON', async () => {
    const ok = await postReport({ reportId: 'box-1', day: today(), plays: 30 })
    expect(ok.status).toBe(201)
    expect(await ok.json()).toEqual({ counted: 30, day: today(), reportId: 'box-1' })
    const replay = await postReport({ reportId: 'box-1', day: today(), plays: 30 })
    expect(replay.status).toBe(409)
    expect(await replay.json()).toMatchObject({ error: 'replayed' })
    const wrong = await postReport({ reportId: 'box-2', day: today(), plays: 30 }, { auth: `${token}x` })
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer')
    for (const body of [
      { reportId: 'box-3', day: today(), plays: -5 },
      { reportId: 'box-3', day: '2999-01-01', plays: 5 },
      '{not json',
    ] as const) {
      const refused = await postReport(body)
      expect(refused.status, JSON.stringify(body)).toBe(400)
      expect(refused.headers.get('content-type')).toContain('application/json')
      expect(((await refused.json()) as { message: string }).message).toMatch(/ \/ /)
    }
    // A form post is not a report; a body over the limit is cut off before it is read.
    const form = await fetch(`${portal.url}/api/v1/points/${pointId}/reports`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'reportId=box-4&day=2026-12-01&plays=5',
    })
    expect(form.status).toBe(400)
    expect((await postReport(JSON.stringify({ reportId: 'box-5', day: today(), plays: 5, pad: 'x'.repeat(5000) }))).status).toBe(413)
    // A device whose player runs in a browser page on another site: Origin and Sec-Fetch-Site do not block it.
    const crossSite = await postReport(
      { reportId: 'box-6', day: today(), plays: 4 },
      { headers: { Origin: 'https://player.example.cn', 'Sec-Fetch-Site': 'cross-site' } },
    )
    expect(crossSite.status).toBe(201)
    expect(await plays()).toBe(34)

    // The same from a real page of another site (a CORS preflight, then the post).
    const page = await portal.newPage()
    await page.goto(hostUrl)
    const status = await page.evaluate(
      async ({ url, auth, day }) =>
        (
          await fetch(url, {
            method: 'POST',
            headers: { Authorization: `Bearer ${auth}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ reportId: 'box-7', day, plays: 6 }),
          })
        ).status,
      { url: `${portal.url}/api/v1/points/${pointId}/reports`, auth: token, day: today() },
    )
    expect(status).toBe(201)
    expect(await plays()).toBe(40)
  })

  it('the dashboard shows the plays against the target with the counting rule; the venue page shows what the point shows', async () => {
    const page = await portal.newPage()
    await signInStaff(portal, page, portal.world.users.districtAdmin.email, STAFF_PASSWORD)
    await page.goto(`${portal.url}/admin/dashboard`)
    await expect.poll(() => page.getByTestId('online-reach-total').innerText()).toBe('40')
    const target = page.getByTestId('reach-target').filter({ hasText: '线上传播科普资源' })
    expect(await target.innerText()).toMatch(/目标\s*≥\s*1,000\s*40\s*4\.0%/)
    expect(await page.getByTestId('online-reach-rule').innerText()).toContain('数字科普点位用各自密钥上报的播放次数')
    expect(await page.getByTestId('plan-rule').first().innerText()).toContain('同一上报编号只计 1 次')
    expect(await page.locator('section[aria-labelledby="online-reach-heading"]').innerText()).toContain('点位上报')

    const venue = await portal.db.prisma.venue.findUniqueOrThrow({ where: { id: pointId } })
    const resident = await portal.newPage()
    await resident.goto(`${portal.url}/venues/${venue.slug}`)
    await expect.poll(() => resident.locator('main').innerText()).toContain('这个点位展示的内容')
    const main = await resident.locator('main').innerText()
    expect(main).toContain('智慧科普盒子')
    expect(main).toContain('方松街道社区党群服务中心')
    expect(await resident.getByRole('link', { name: '走进佘山天文台' }).getAttribute('href')).toBe('/online/sheshan-video')
    await expect.poll(() => resident.locator('.place-marker-digital').count()).toBe(1)
    expect(await seriousAxeViolations(resident)).toEqual([])
    expect(await noSidewaysScroll(resident)).toBe(true)
  })
})

describe('the activities widget', () => {
  it('renders inside a page on another port, links back to registration, small and in either language', async () => {
    const page = await portal.newPage()
    await page.goto(`${hostUrl}/widget`)
    await expect
      .poll(() =>
        page
          .frames()
          .find((f) => f.url().includes('/embed/activities'))
          ?.url(),
      )
      .toContain('venue=venue-a')
    const frame = page.frames().find((f) => f.url().includes('/embed/activities'))!
    await expect.poll(() => frame.locator('main').innerText()).toContain('测试活动')
    expect(await frame.locator('h1').innerText()).toBe('测试科技馆 · 即将举办的科普活动')
    const register = frame.getByRole('link', { name: '报名' })
    // Links go to the portal's own origin (PUBLIC_URL; in tests http://localhost:PORT).
    expect(await register.getAttribute('href')).toBe(
      `${portal.url.replace('127.0.0.1', 'localhost')}/sessions/${portal.world.session.id}/register`,
    )
    expect(await register.getAttribute('target')).toBe('_blank')
    // The host page is untouched around it.
    expect(await page.locator('body').innerText()).toMatch(/本街道的科普活动：[\s\S]*页脚/)

    const answer = await fetch(`${portal.url}/embed/activities?venue=venue-a`)
    const html = await answer.text()
    expect(answer.status).toBe(200)
    expect(Buffer.byteLength(html)).toBeLessThan(30 * 1024)
    expect(html).not.toMatch(/<script/i)
    expect(answer.headers.get('content-security-policy')).toContain('frame-ancestors *')
    const english = await (await fetch(`${portal.url}/embed/activities?venue=venue-a&lang=en&large=1`)).text()
    expect(english).toContain('upcoming science activities')
    expect(english).toContain('<html lang="en">')
    expect(english).toContain('font:20px')
    // The portal's large-text setting, where the browser sends it; `large=0` says otherwise.
    const largeCookie = { Cookie: `kepu_text=${encodeURIComponent(btoa('"large"'))}` }
    expect(await (await fetch(`${portal.url}/embed/activities?venue=venue-a`, { headers: largeCookie })).text()).toContain('font:20px')
    expect(await (await fetch(`${portal.url}/embed/activities?venue=venue-a&large=0`, { headers: largeCookie })).text()).toContain(
      'font:15px',
    )
    expect(html).toContain('font:15px')
  })

  it('the venue page offers the one-line snippet with a copy button', async () => {
    const page = await portal.newPage({ permissions: ['clipboard-read', 'clipboard-write'] })
    await page.goto(`${portal.url}/venues/venue-a`)
    await page.getByText('在你的网站上展示这些活动').click()
    const script = await page.getByLabel('一行脚本（推荐）').inputValue()
    expect(script).toBe(`<script src="${portal.url.replace('127.0.0.1', 'localhost')}/embed.js" data-venue="venue-a" async></script>`)
    expect(await page.getByLabel('或者 iframe 代码').inputValue()).toContain('/embed/activities?venue=venue-a')
    await page.getByRole('button', { name: '复制代码' }).first().click()
    await expect.poll(() => page.locator('#venue-embed [role="status"]').first().innerText()).toBe('已复制')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(script)
    expect(await seriousAxeViolations(page)).toEqual([])
    expect(await noSidewaysScroll(page)).toBe(true)
  })

  it('refuses a parameter that would inject markup, and no other page may be framed', async () => {
    for (const query of [
      `venue=${encodeURIComponent('"><script>alert(1)</script>')}`,
      `district=${encodeURIComponent('<img src=x onerror=alert(1)>')}`,
      'type=NOPE',
      'limit=1000',
    ]) {
      const answer = await fetch(`${portal.url}/embed/activities?${query}`)
      const html = await answer.text()
      expect(answer.status, query).toBe(400)
      expect(html, query).not.toMatch(/<script|<img|alert/)
      expect(html, query).toContain('小部件参数有误')
    }
    const venuePage = await fetch(`${portal.url}/venues/venue-a`)
    expect(venuePage.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")

    // Chromium itself refuses: a context without the fixture's error watch, since the refusal is logged as an error.
    const context = await portal.browser.newContext()
    try {
      const page = await context.newPage()
      const refusals: string[] = []
      page.on('console', (message) => {
        if (/frame-ancestors/.test(message.text())) refusals.push(message.text())
      })
      await page.goto(`${hostUrl}/framed`)
      await expect.poll(() => refusals.length).toBeGreaterThan(0)
      expect(refusals[0]).toContain("frame-ancestors 'none'")
      const framed = page.frames().find((f) => f !== page.mainFrame())!
      expect(await framed.evaluate(() => document.body?.innerText ?? '').catch(() => '')).not.toContain('测试科技馆')
    } finally {
      await context.close()
    }
  })
})
