// What trips a first-time resident (issue 18), in headless Chromium against the built server on a fresh seeded
// PostgreSQL database: calendar files strict readers open, a private page that says only what is true for each
// status, no data sources on public pages, and the way back to a lost link by phone and registration code.
import gcoord from 'gcoord'
import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { seriousAxeViolations } from '../helpers/browser'
import { query, seededPostgres, portalFixture } from '../helpers/portal'
import type { Page } from 'playwright-core'

const EVENT = 'sj-dr-pang-science-show'

describe('a first-time resident', () => {
  let databaseUrl = ''
  const portal = portalFixture({
    database: seededPostgres(async (_sql, url) => {
      databaseUrl = url
    }),
  })
  let phoneCounter = 0
  const nextPhone = () => `1390000${String(1000 + ++phoneCounter).slice(-4)}`
  const sql = <Row>(text: string, values: unknown[] = []) => query<Row>(databaseUrl, text, values)
  const phonePage = () => portal.newPage()

  /** Registers one adult and one child for the event's first open session; returns the private URL (with ?new=1). */
  async function registerOnce(page: Page, phone: string): Promise<{ url: string; code: string }> {
    await page.goto(`${portal.url}/events/${EVENT}`)
    await page.locator('.session-row .button').first().click()
    await page.waitForURL(/\/sessions\/.+\/register$/)
    await page.getByLabel('联系人姓名').fill('李阿姨')
    await page.getByRole('textbox', { name: /手机号/ }).fill(phone)
    await page.getByLabel('儿童人数').fill('1')
    await page.getByLabel('孩子年龄').fill('8')
    await page.getByLabel(/我同意主办方/).check()
    await page.getByRole('button', { name: /提交报名|加入候补/ }).click()
    await page.waitForURL(/\/r\/[A-Za-z0-9_-]+\?new=1$/)
    const code = (await page.locator('.code').textContent())!
    return { url: page.url(), code }
  }

  /** The .ics behind the page's calendar link, read by ical.js (which refuses anything RFC 5545 does not allow). */
  async function readIcs(page: Page) {
    const href = await page.getByRole('link', { name: /加入手机日历/ }).getAttribute('href')
    const response = await page.request.get(`${portal.url}${href}`)
    expect(response.headers()['content-type']).toBe('text/calendar; charset=utf-8')
    const calendar = new ICAL.Component(ICAL.parse(await response.text()))
    const events = calendar.getAllSubcomponents('vevent')
    expect(events).toHaveLength(1)
    return { event: new ICAL.Event(events[0]), component: events[0] }
  }

  it('gets a calendar file that opens, whether or not the activity names an organiser', async () => {
    const page = await phonePage()
    const { code } = await registerOnce(page, nextPhone())
    const withOrganiser = await readIcs(page)
    expect(withOrganiser.event.summary).toBe('胖博士科普秀：会跳舞的静电')
    expect(withOrganiser.event.description).toContain(`报名码 ${code}`)
    expect(withOrganiser.event.description).toMatch(/主办：\S+/)
    expect(withOrganiser.component.getFirstProperty('organizer')).toBeNull()

    await sql(`UPDATE "Event" SET "organisationId" = NULL WHERE slug = $1`, [EVENT])
    try {
      const withoutOrganiser = await readIcs(page)
      expect(withoutOrganiser.event.summary).toBe('胖博士科普秀：会跳舞的静电')
      expect(withoutOrganiser.event.description).not.toContain('主办')
    } finally {
      await sql(
        `UPDATE "Event" SET "organisationId" = (SELECT id FROM "Organisation" WHERE slug = 'songjiang-science-museum-org') WHERE slug = $1`,
        [EVENT],
      )
    }
    await page.context().close()
  })

  it('sees on the private page only what is true for the status: a QR code only for a confirmed place', async () => {
    const page = await phonePage()
    const { url, code } = await registerOnce(page, nextPhone())
    const qr = page.locator('.qr svg')
    const pageText = () => page.locator('main').innerText()

    // Confirmed: the pass, the check-in words and the welcome.
    await expect.poll(() => page.locator('.status').textContent()).toBe('报名成功')
    expect(await qr.count()).toBe(1)
    expect(await pageText()).toContain('到场时出示二维码')
    expect(await pageText()).toContain('报名成功！')

    // Checked in, then the bookmarked ?new=1 link opened again: no welcome, no waitlist words, no pass.
    await sql(`UPDATE "Registration" SET status = 'ATTENDED', "attendedAt" = now() WHERE code = $1`, [code])
    await page.goto(url)
    await expect.poll(() => page.locator('.status').textContent()).toBe('已签到')
    expect(await qr.count()).toBe(0)
    let text = await pageText()
    expect(text).not.toContain('已加入候补')
    expect(text).not.toContain('排第')
    expect(text).not.toContain('报名成功！')
    expect(text).not.toContain('到场时出示二维码')
    expect(text).toMatch(/已于 .+ 签到/)
    expect(await page.getByRole('button', { name: '取消报名' }).count()).toBe(0)
    expect(await seriousAxeViolations(page)).toEqual([])

    // Waitlisted: its place in the queue, no pass, no check-in words.
    await sql(`UPDATE "Registration" SET status = 'WAITLISTED', "attendedAt" = NULL, "waitlistSeq" = 1000 WHERE code = $1`, [code])
    await page.goto(url)
    await expect.poll(() => page.locator('.status').textContent()).toMatch(/^候补中（第 \d+ 位）$/)
    text = await pageText()
    expect(text).toMatch(/已加入候补，目前排第 \d+ 位/)
    expect(text).not.toContain('到场时出示二维码')
    expect(text).toContain('现在还不能签到')
    expect(await qr.count()).toBe(0)
    expect(await seriousAxeViolations(page)).toEqual([])

    // Cancelled (by the person, on the page): no pass, no calendar file, no welcome.
    page.once('dialog', (dialog) => dialog.accept())
    await page.getByRole('button', { name: '取消报名' }).click()
    await expect.poll(() => page.locator('.status').textContent()).toBe('已取消')
    await page.goto(url)
    text = await pageText()
    expect(await qr.count()).toBe(0)
    expect(text).not.toContain('到场时出示二维码')
    expect(text).not.toContain('已加入候补')
    expect(text).toContain('不能用于签到')
    expect(await page.getByRole('link', { name: /加入手机日历/ }).count()).toBe(0)
    await page.context().close()
  })

  it('does not see where the data came from on public pages (plan sections stay with staff and open data)', async () => {
    const [{ source }] = await sql<{ source: string }>(`SELECT source FROM "Event" WHERE slug = $1`, [EVENT])
    expect(source).toContain('plan')
    const eventHtml = await (await fetch(`${portal.url}/events/${EVENT}`)).text()
    expect(eventHtml).not.toContain('资料来源')
    expect(eventHtml).not.toContain(source.replace(/"/g, '&quot;'))
    expect(eventHtml).not.toContain('plan 001')
    const venueHtml = await (await fetch(`${portal.url}/venues/songjiang-science-museum`)).text()
    expect(venueHtml).toContain('<h1')
    expect(venueHtml).not.toContain('资料来源')
    expect(venueHtml).not.toContain('venues-researched.json')
  })

  it('reads in words, on the card and the event page, what an example activity is; one staff closed to online registration has no register button', async () => {
    const page = await phonePage()
    await page.goto(portal.url)
    const card = page.locator('.session-list .card', { hasText: '胖博士科普秀：会跳舞的静电' }).first()
    // Visible text, not a tooltip: a phone shows no title attribute.
    await expect.poll(() => card.locator('.example-note').innerText()).toBe('示例活动 日期和名额只是示例，以主办方发布为准')
    expect(await card.locator('[title]').count()).toBe(0)

    await page.goto(`${portal.url}/events/${EVENT}`)
    const note = page.locator('.example-note')
    expect(await note.isVisible()).toBe(true)
    expect(await note.innerText()).toContain('日期和名额只是示例，实际安排以主办方发布为准')

    const closed = 'mh-earthquake-drill'
    await sql(`UPDATE "Event" SET "registersOnline" = false WHERE slug = $1`, [closed])
    try {
      await page.goto(`${portal.url}/events/${closed}`)
      expect(await page.locator('.session-row').count()).toBeGreaterThan(0)
      expect(await page.locator('.session-row a.button').count()).toBe(0)
      expect(await page.locator('.session-row').first().innerText()).toContain('本活动不接受网上报名。')
      const [{ id }] = await sql<{ id: string }>(
        `SELECT s.id FROM "EventSession" s JOIN "Event" e ON e.id = s."eventId" WHERE e.slug = $1 AND s."startsAt" > now() LIMIT 1`,
        [closed],
      )
      await page.goto(`${portal.url}/sessions/${id}/register`)
      expect(await page.getByRole('alert').innerText()).toBe('本活动不接受网上报名。')
      expect(await page.getByLabel('联系人姓名').count()).toBe(0)
      await page.goto(`${portal.url}/?lng=en&district=minhang`) // its district: the home list comes 10 at a time
      const englishCard = page.locator('.session-list .card', { has: page.locator(`a[href="/events/${closed}"]`) }).first()
      await expect.poll(() => englishCard.innerText()).toContain('This activity does not take registrations online.')
      expect(await englishCard.locator('a.button').count()).toBe(0)
      expect(await englishCard.locator('.example-note').innerText()).toContain('Dates and places are only examples')
    } finally {
      await sql(`UPDATE "Event" SET "registersOnline" = true WHERE slug = $1`, [closed])
    }
    await page.context().close()
  })

  it('can share an event or venue: Open Graph card tags, a share button (share sheet, else the clipboard), and directions', async () => {
    const metaOf = (html: string, property: string) =>
      new RegExp(`<meta property="${property}" content="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, '&')
    const linkOrigin = portal.url.replace('127.0.0.1', 'localhost')
    for (const [path, title] of [
      [`/events/${EVENT}`, '胖博士科普秀：会跳舞的静电 · 松江区'],
      ['/venues/songjiang-science-museum', '松江区科技馆（松江科技馆） · 松江区'],
    ]) {
      const html = await (await fetch(`${portal.url}${path}`)).text()
      expect(metaOf(html, 'og:title'), path).toBe(title)
      expect(metaOf(html, 'og:description')?.length, path).toBeGreaterThan(10)
      // Links are on the configured origin: without PUBLIC_URL, localhost on the portal's port (issue 24).
      expect(metaOf(html, 'og:url'), path).toBe(`${linkOrigin}${path}`)
      const image = metaOf(html, 'og:image')!
      expect(image, path).toMatch(/^http:\/\/localhost:\d+\//)
      expect((await fetch(image)).status, image).toBe(200)
    }

    // Where the browser has no share sheet (desktop Chromium): the link is copied, and the page says so.
    const context = await portal.newContext()
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: portal.url })
    await context.addInitScript(() => {
      // @ts-expect-error a browser with no Web Share
      delete Navigator.prototype.share
    })
    const page = await context.newPage()
    await page.goto(`${portal.url}/events/${EVENT}`)
    await page.getByRole('button', { name: '分享' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: '链接' }).textContent()).toBe('链接已复制，可以粘贴到微信发给朋友。')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${portal.url}/events/${EVENT}`)

    // Directions: 高德地图 at the place's point (GCJ-02), as venue pages have.
    const directions = page.getByRole('link', { name: '在高德地图中打开并导航' })
    const href = new URL((await directions.getAttribute('href'))!)
    expect(href.origin + href.pathname).toBe('https://uri.amap.com/marker')
    const [point] = await sql<{ lat: number; lng: number }>(`SELECT lat, lng FROM "Event" WHERE slug = $1`, [EVENT])
    const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.WGS84, gcoord.GCJ02)
    expect(href.searchParams.get('position')).toBe(`${lng.toFixed(6)},${lat.toFixed(6)}`)
    expect(await seriousAxeViolations(page)).toEqual([])
    await context.close()

    // A phone's share sheet, where there is one: the title and the page's link go to it.
    const phone = await portal.newContext()
    await phone.addInitScript(() => {
      const shared: unknown[] = []
      Object.defineProperty(window, '__shared', { value: shared })
      Object.defineProperty(Navigator.prototype, 'share', {
        configurable: true,
        value: (data: unknown) => {
          shared.push(data)
          return Promise.resolve()
        },
      })
    })
    const phonePageOne = await phone.newPage()
    await phonePageOne.goto(`${portal.url}/venues/songjiang-science-museum?lng=en`)
    await phonePageOne.getByRole('button', { name: 'Share' }).click()
    await expect
      .poll(() => phonePageOne.evaluate(() => (window as unknown as { __shared: Array<{ url: string; title: string }> }).__shared))
      .toEqual([{ title: '松江区科技馆（松江科技馆）', url: `${portal.url}/venues/songjiang-science-museum?lng=en` }])
    await phone.close()
  })

  it('with "use my location" sees the nearest activities first, however far, and is told when none is within a 15-minute walk', async () => {
    // 崇明: no seeded activity is within a 15-minute walk; the list must still not be empty.
    const context = await portal.newContext({
      geolocation: { latitude: 31.623, longitude: 121.397 },
      permissions: ['geolocation'],
    })
    const page = await context.newPage()
    await page.goto(portal.url)
    await page.getByRole('button', { name: '用我的位置' }).click()
    await page.waitForURL(/[?&]near=/)
    expect(new URL(page.url()).searchParams.get('reach')).toBeNull()
    await expect.poll(() => page.locator('h2', { hasText: '离你最近的活动' }).count()).toBe(1)
    await expect.poll(() => page.locator('.session-list .card').count()).toBeGreaterThan(0)
    const metres = await page.locator('.session-list .card .distance').allTextContents()
    expect(metres.length).toBe(await page.locator('.session-list .card').count())
    // The reach is offered only when it has results (issue 30): here none is within a walk, and the page says so.
    await expect.poll(() => page.getByText('步行 15 分钟内没有活动，最近的在').count()).toBeGreaterThan(0)
    expect(await page.getByRole('link', { name: '只看步行 15 分钟内' }).count()).toBe(0)
    await context.close()
  })

  it('reads English with plurals, and English district names on /menu', async () => {
    const page = await phonePage()
    const { url, code } = await registerOnce(page, nextPhone())
    await page.goto(`${url}&lng=en`)
    await expect.poll(() => page.locator('.facts').innerText()).toContain('1 adult, 1 child')
    await sql(`UPDATE "Registration" SET adults = 2, children = 3, "partySize" = 5 WHERE code = $1`, [code])
    await page.reload()
    await expect.poll(() => page.locator('.facts').innerText()).toContain('2 adults, 3 children')
    await page.goto(`${portal.url}/menu?lng=en`)
    const options = await page.locator('#menu-district option').allTextContents()
    expect(options).toEqual(expect.arrayContaining(['Songjiang', 'Qingpu', 'Minhang']))
    for (const option of options) expect(option).not.toMatch(/[\u4e00-\u9fff]/)
    await page.context().close()
  })

  it('finds a lost registration by phone and registration code, with the same answer for an unknown phone', async () => {
    const page = await phonePage()
    const phone = nextPhone()
    const { url, code } = await registerOnce(page, phone)
    const privatePath = new URL(url).pathname

    // From any public page's footer.
    await page.goto(portal.url)
    await page.getByRole('link', { name: /找回我的报名/ }).click()
    await page.waitForURL(/\/r\/find$/)
    expect(await seriousAxeViolations(page)).toEqual([])

    // The page's first form (the second finds by an SMS code: tests/e2e/find-by-sms.test.ts).
    const byCode = page.locator('form#find-registration')
    const lookUp = async (withPhone: string, withCode: string) => {
      await byCode.getByLabel('报名时的手机号').fill(withPhone)
      await byCode.getByLabel('报名码').fill(withCode)
      await byCode.getByRole('button', { name: '找回报名' }).click()
    }
    // A wrong code for a known phone, and the right code with a phone that has no registration: one answer.
    await lookUp(phone, 'ZZZZ2222')
    await expect.poll(() => byCode.getByRole('alert').textContent()).toContain('没有找到')
    const wrongCode = await byCode.getByRole('alert').textContent()
    expect(await byCode.getByLabel('报名码').inputValue()).toBe('ZZZZ2222') // kept
    await lookUp('13700000001', code)
    await expect.poll(() => byCode.getByRole('alert').textContent()).toBe(wrongCode)
    // A malformed code is said next to its field.
    await lookUp(phone, '12')
    await expect.poll(() => byCode.locator('.field-error').allTextContents()).toContain('报名码是 8 位字母和数字')

    // Typed as people type it: lower case, with a space, the phone with spaces.
    await lookUp(`${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`, `${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`)
    await page.waitForURL((u) => u.pathname === privatePath)
    await expect.poll(() => page.locator('.code').textContent()).toBe(code)
    await page.context().close()
  })

  it('limits look-ups per address, as /menu/track does', async () => {
    const page = await phonePage()
    await page.goto(`${portal.url}/r/find`)
    const fields = await page.evaluate(() => Object.fromEntries(new FormData(document.querySelector('form.stack-form') as HTMLFormElement)))
    const statuses: number[] = []
    // 20 an hour from one address; earlier tests of this file used a few.
    for (let i = 0; i < 21; i++) {
      const response = await page.request.post(`${portal.url}/r/find`, {
        form: { ...(fields as Record<string, string>), phone: `1370000${String(2000 + i)}`, code: 'ZZZZ2222' },
        maxRedirects: 0,
      })
      statuses.push(response.status())
    }
    expect(statuses[0]).toBe(404)
    expect(statuses.at(-1)).toBe(429)
    await page.context().close()
  })
})
