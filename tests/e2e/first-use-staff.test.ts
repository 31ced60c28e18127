// What staff and teachers stumbled on the first time (issue 18, "Teachers" and "Staff"), in headless Chromium against
// the built server on a fresh PostgreSQL database: the check-in answer for an unknown code, the staff home's to-do
// counts, checking a row in from the registration list, the printable sign-in sheet, the 街镇 list narrowed to the
// chosen district (and refused on the server without JavaScript), and the school visit form's grades and slots.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { seriousAxeViolations } from '../helpers/browser'
import { signInStaff, STAFF_PASSWORD, staffWorldPortal } from '../helpers/portal'
import { addSchoolOffer, addStaffHomeTodos } from '../helpers/staff-world'
import type { Page } from 'playwright-core'

let todos: Awaited<ReturnType<typeof addStaffHomeTodos>>

const portal = staffWorldPortal({
  prepare: async (db, world) => {
    await addSchoolOffer(db.prisma, world)
    todos = await addStaffHomeTodos(db.prisma, world)
    // Someone registered for the session starting now, to be checked in from the list.
    await db.prisma.registration.create({
      data: {
        sessionId: todos.today.id,
        name: '李小华',
        phone: '13912345678',
        adults: 1,
        children: 1,
        partySize: 2,
        status: 'CONFIRMED',
        code: 'KEPU2345',
        manageTokenHash: randomBytes(16).toString('hex'),
        consentAt: new Date(),
      },
    })
    await db.prisma.eventSession.update({ where: { id: todos.today.id }, data: { seatsTaken: 2 } })
  },
})

const newPage = ({ javaScriptEnabled = true, width = 1280 }: { javaScriptEnabled?: boolean; width?: number } = {}) =>
  portal.newPage({ javaScriptEnabled, viewport: { width, height: 900 } })
const signIn = (page: Page, email: string) => signInStaff(portal, page, email, STAFF_PASSWORD)

/** The option labels of a select, in order. */
const optionLabels = (page: Page, label: string) =>
  page
    .getByLabel(label)
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o.textContent ?? '').trim()))

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

describe('staff', () => {
  it('the check-in page says a well-formed but unknown code was not found, and a malformed one is the wrong format', async () => {
    const page = await newPage()
    await signIn(page, 'staff-a@kepu.test')
    await page.goto(`${portal.url}/admin/sessions/${todos.today.id}/check-in`)
    const result = page.locator('.check-in-result')
    await page.getByLabel('报名码').fill('ABCD1234')
    await page.getByRole('button', { name: '签到', exact: true }).click()
    await expect.poll(() => result.textContent()).toBe('没有找到这个报名码（ABCD1234），请核对后重新输入。')
    await page.getByLabel('报名码').fill('ABC')
    await page.getByRole('button', { name: '签到', exact: true }).click()
    await expect.poll(() => result.textContent()).toContain('报名码是 8 位字母和数字')
  })

  it("the staff home counts pending school requests, 菜单 orders and today's sessions in the member's scope, each linking to its list", async () => {
    const page = await newPage({ width: 360 })
    await signIn(page, 'staff-a@kepu.test')
    const figure = (label: string) => page.locator('.figures div', { has: page.locator('dt', { hasText: label }) }).locator('dd a')
    expect(await figure('待处理的学校预约').textContent()).toBe('1 份')
    expect(await figure('待接单的科普菜单').textContent()).toBe('1 份')
    expect(await figure('今天开始的场次').textContent()).toBe('1 场')
    expect(await page.locator('#today + table tbody tr').count()).toBe(1)
    expect(await noSidewaysScroll(page)).toBe(true)
    expect(await seriousAxeViolations(page)).toEqual([])

    await figure('待处理的学校预约').click()
    await page.waitForURL(/\/admin\/school-bookings#pending$/)
    await expect.poll(() => page.locator('h2#pending').textContent()).toBe('待处理（1）')
    await page.goto(`${portal.url}/admin`)
    await figure('待接单的科普菜单').click()
    await page.waitForURL(/\/admin\/menu-orders\?status=REQUESTED$/)
    await expect.poll(() => page.locator('section.session-admin').count()).toBe(1)

    // Another organisation's staff see only their own: org B's school request, no 菜单 order, no session.
    const other = await newPage()
    await signIn(other, 'staff-b@kepu.test')
    const otherFigure = (label: string) => other.locator('.figures div', { has: other.locator('dt', { hasText: label }) }).locator('dd')
    expect(await otherFigure('待处理的学校预约').textContent()).toBe('1 份')
    expect(await otherFigure('待接单的科普菜单').textContent()).toBe('0 份')
    expect(await otherFigure('今天开始的场次').textContent()).toBe('0 场')
  })

  it('checks a person in from their row of the registration list, once, with the check-in rules', async () => {
    const page = await newPage()
    await signIn(page, 'staff-a@kepu.test')
    await page.goto(`${portal.url}/admin/sessions/${todos.today.id}`)
    const row = page.locator('tr', { hasText: 'KEPU2345' })
    await row.getByRole('button', { name: '为 李小华 签到' }).click()
    await expect.poll(() => page.locator('.notice[role="status"]').textContent()).toBe('签到成功：李小华，2 人。')
    await expect.poll(() => row.locator('td').nth(4).textContent()).toBe('已签到')
    expect(await row.getByRole('button', { name: '为 李小华 签到' }).count()).toBe(0)
    expect(await portal.db.prisma.registration.findUniqueOrThrow({ where: { code: 'KEPU2345' } })).toMatchObject({ status: 'ATTENDED' })
    expect(await seriousAxeViolations(page)).toEqual([])

    // The world's other session starts in two days: the list and the check-in page say when check-in opens, and
    // offer no check-in until then (issue 30).
    await page.goto(`${portal.url}/admin/sessions/${portal.world.session.id}`)
    await expect.poll(() => page.locator('.check-in-window').textContent()).toContain('活动开始前 3 小时开放，结束后 3 小时关闭')
    expect(await page.locator('.check-in-window').textContent()).toContain('尚未开放')
    expect(await page.getByRole('button', { name: '为 王小明 签到' }).count()).toBe(0)
    await page.goto(`${portal.url}/admin/sessions/${portal.world.session.id}/check-in`)
    await expect.poll(() => page.locator('.check-in-window').textContent()).toContain('尚未开放')
    expect(await page.getByLabel('报名码').count()).toBe(0)
    expect(await page.getByRole('button', { name: '签到', exact: true }).count()).toBe(0)
    expect((await portal.db.prisma.registration.findUniqueOrThrow({ where: { id: portal.world.registration.id } })).status).toBe(
      'CONFIRMED',
    )
  })

  it('prints a sign-in sheet with masked phones and without the site frame', async () => {
    const page = await newPage()
    await signIn(page, 'staff-a@kepu.test')
    await page.goto(`${portal.url}/admin/sessions/${portal.world.session.id}`)
    await page.getByRole('link', { name: '打印签到表' }).click()
    await page.waitForURL(/\/sign-in-sheet$/)
    // The URL changes before the client-side navigation has rendered the sheet (the session page shows the masked
    // phone too): wait for the sheet itself.
    await page.locator('.sheet-table').waitFor()
    const html = await page.content()
    expect(html).toContain('138****5678')
    expect(html).not.toContain('13812345678')
    expect(await page.locator('.sheet-table tbody tr').count()).toBe(1)
    expect(await page.locator('.sheet-table thead').textContent()).toContain('签名')
    await expect.poll(() => page.getByRole('button', { name: '打印' }).count()).toBe(1)
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.admin-nav').isVisible()).toBe(false)
    expect(await page.locator('.site-header').isVisible()).toBe(false)
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false)
    expect(await page.locator('.sheet-table').isVisible()).toBe(true)

    // Another organisation's staff cannot open it.
    const other = await newPage()
    await signIn(other, 'staff-b@kepu.test')
    expect((await other.goto(`${portal.url}/admin/sessions/${portal.world.session.id}/sign-in-sheet`))!.status()).toBe(404)
  })

  it("the 街镇 list shows only the chosen district's towns", async () => {
    const page = await newPage()
    await signIn(page, 'platform@kepu.test')
    await page.goto(`${portal.url}/admin/venues/new`)
    await expect.poll(() => optionLabels(page, '街镇')).toEqual(['请先选择区'])
    await page.getByLabel('所在区').selectOption({ label: '松江区' })
    await expect.poll(() => optionLabels(page, '街镇')).toEqual(['未指定', '方松街道'])
    await page.getByLabel('街镇').selectOption({ label: '方松街道' })
    await page.getByLabel('所在区').selectOption({ label: '青浦区' })
    await expect.poll(() => optionLabels(page, '街镇')).toEqual(['未指定', '夏阳街道'])
    // The town of the district left behind is no longer chosen.
    expect(await page.getByLabel('街镇').inputValue()).toBe('')
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it("the venue map picker draws the chosen district's outline and fits it, and zooms to a chosen 街镇, with no tiles", async () => {
    const page = await newPage()
    await signIn(page, 'platform@kepu.test')
    await page.goto(`${portal.url}/admin/venues/new`)
    const map = page.locator('.location-picker.leaflet-container')
    await expect.poll(() => map.count()).toBe(1)
    // Every district's outline is the base (no tile loads here, issue 30); none is the chosen one yet.
    await expect.poll(() => map.locator('path.district-outline').count()).toBeGreaterThanOrEqual(16)
    expect(await map.locator('path.district-chosen').count()).toBe(0)
    /** The outline is drawn whole inside the map and fills a good part of it (not a corner of central Shanghai). */
    const fitted = async () => {
      const outline = map.locator('path.district-chosen')
      if ((await outline.count()) !== 1) return false
      const m = (await map.boundingBox())!
      const o = (await outline.boundingBox())!
      const inside = o.x >= m.x - 1 && o.y >= m.y - 1 && o.x + o.width <= m.x + m.width + 1 && o.y + o.height <= m.y + m.height + 1
      return inside && (o.width > m.width / 2 || o.height > m.height / 2)
    }
    await page.getByLabel('所在区').selectOption({ label: '青浦区' })
    await expect.poll(fitted).toBe(true)
    const qingpu = await map.locator('path.district-chosen').getAttribute('d')
    await page.getByLabel('所在区').selectOption({ label: '松江区' })
    await expect.poll(() => map.locator('path.district-chosen').getAttribute('d')).not.toBe(qingpu)
    await expect.poll(fitted).toBe(true)
    // The chosen district's 街镇 centres, named, to orient by without tiles; the note says the street map is missing.
    await expect.poll(() => map.locator('.town-label', { hasText: '方松街道' }).count()).toBe(1)
    // The other district's names go too: polled, as Leaflet fades a removed tooltip out for 200 ms before removing it.
    await expect.poll(() => map.locator('.town-label', { hasText: '夏阳街道' }).count()).toBe(0)
    await expect.poll(() => map.locator('.map-note').textContent()).toContain('街镇中心')
    // Choosing a 街镇 zooms to its centre; a click in the middle of the map lands there (方松街道, 31.03 N 121.22 E).
    await page.getByLabel('街镇').selectOption({ label: '方松街道' })
    await expect.poll(fitted).toBe(false)
    await map.scrollIntoViewIfNeeded()
    const box = (await map.boundingBox())!
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await expect.poll(() => page.getByLabel('纬度').inputValue()).not.toBe('')
    expect(Math.abs(Number(await page.getByLabel('纬度').inputValue()) - 31.03)).toBeLessThan(0.01)
    expect(Math.abs(Number(await page.getByLabel('经度').inputValue()) - 121.22)).toBeLessThan(0.01)
  })

  it('without JavaScript the 街镇 list is grouped by district, and a town of another district is refused next to the field', async () => {
    const page = await newPage({ javaScriptEnabled: false })
    await signIn(page, 'platform@kepu.test')
    await page.goto(`${portal.url}/admin/venues/new`)
    expect(await optionLabels(page, '街镇')).toEqual(['未指定', '方松街道', '夏阳街道'])
    await page.getByLabel('场馆名称').fill('松江测试小站')
    await page.getByLabel(/^类型/).selectOption({ label: '科普教育基地' })
    await page.getByLabel('所在区').selectOption({ label: '松江区' })
    await page.getByLabel('街镇').selectOption({ label: '夏阳街道' })
    await page.getByLabel('纬度').fill('31.0322')
    await page.getByLabel('经度').fill('121.2274')
    await page.getByRole('button', { name: '保存场馆' }).click()
    await page.waitForLoadState('domcontentloaded')
    const townField = page.locator('.field', { has: page.getByLabel('街镇') })
    expect(await townField.locator('.field-error').textContent()).toBe('这个街镇不属于松江区。')
    expect(await page.getByLabel('场馆名称').inputValue()).toBe('松江测试小站')
    expect(await portal.db.prisma.venue.count({ where: { name: '松江测试小站' } })).toBe(0)
  })
})

describe('teachers', () => {
  const visitUrl = () => `${portal.url}/venues/venue-a/school-visit`

  it("offers only the grades the chosen course takes, and a date first, then that day's slots", async () => {
    const page = await newPage({ width: 360 })
    await page.goto(visitUrl())
    await page.getByLabel('课程').selectOption({ index: 1 })
    await expect.poll(() => optionLabels(page, '年级')).toEqual(['请选择', '三年级', '四年级', '五年级', '六年级'])
    // No slot until a date is chosen; then only that day's two slots.
    const dateSelect = page.getByLabel('参观日期')
    await expect.poll(() => dateSelect.count()).toBe(1)
    expect(await page.locator('input[name="slot"]').count()).toBe(0)
    await dateSelect.selectOption({ index: 1 })
    const chosenDate = await dateSelect.inputValue()
    await expect.poll(() => page.locator('input[name="slot"]').count()).toBe(2)
    const values = await page.locator('input[name="slot"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))
    expect(values.every((v) => v.startsWith(`${chosenDate}|`))).toBe(true)
    expect(await noSidewaysScroll(page)).toBe(true)
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('without JavaScript the form still offers every grade and every slot', async () => {
    const page = await newPage({ javaScriptEnabled: false })
    await page.goto(visitUrl())
    expect((await optionLabels(page, '年级')).length).toBeGreaterThan(5)
    expect(await page.getByLabel('参观日期').count()).toBe(0)
    expect(await page.locator('input[name="slot"]').count()).toBeGreaterThan(2)
  })
})
