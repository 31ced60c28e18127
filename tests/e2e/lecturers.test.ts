// 讲师团 end to end (issue 26 part 2, decision 034), in headless Chromium against the built server on a fresh
// PostgreSQL database with the staff world: district staff add a lecturer with a photo and name the 菜单 item they
// give; a 社区书院 orders that item; staff 派单 it to the lecturer, who joins their resident account to the page with the
// one-time link and 接单; staff record the delivery; the site rates it (评单) once; the public roster shows the lecturer
// with the talk given and the rating, never a phone, on a phone's screen without sideways scrolling.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { hash } from '@node-rs/argon2'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { seriousAxeViolations } from '../helpers/browser'
import { DESKTOP, PHONE, signInStaff, STAFF_PASSWORD, staffWorldPortal } from '../helpers/portal'
import type { Page } from 'playwright-core'

const LECTURER_PHONE = '13800136001'
const SITE_PHONE = '13698760001'
const DAY = 86400_000
const HOUR = 3600_000

let itemId = ''
// The stored photos go to a folder of this file's own, not the clone's data/files.
const files = mkdtempSync(path.join(tmpdir(), 'kepu-lecturers-'))

/** The resident's own password (staff sign in with STAFF_PASSWORD). */
const RESIDENT_PASSWORD = 'resident password'

const portal = staffWorldPortal({
  consoleErrors: true,
  prepare: async (db, world) => {
    // The lecturer's own resident account (科普护照, its number proven at sign-up), not yet joined to any page.
    await db.prisma.resident.create({
      data: { phone: LECTURER_PHONE, passwordHash: await hash(RESIDENT_PASSWORD), passportCode: 'PASSLEC1' },
    })
    // A 菜单 item of the district's science museum, delivered in 松江区, three days' notice.
    const item = await db.prisma.menuItem.create({
      data: {
        organisationId: world.orgA.id,
        title: '火箭是怎样飞上天的',
        kind: 'LECTURE',
        topics: ['航天'],
        audience: '社区居民',
        durationMinutes: 60,
        minGroup: 10,
        maxGroup: 100,
        leadDays: 3,
        deliversTo: [world.sj.id],
        description: '讲师上门讲解火箭原理，现场演示水火箭。',
      },
    })
    itemId = item.id
  },
  serverEnv: { FILE_STORAGE: 'local', FILE_STORAGE_DIR: files },
  timeoutMs: 300_000,
})

afterAll(() => rmSync(files, { recursive: true, force: true }))

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

const toast = (page: Page) => page.locator('.toast-region').innerText()

/** A Shanghai wall-clock time `days` from now at 14:00, as a datetime-local input takes it. */
function shanghaiInput(days: number): string {
  const local = new Date(Date.now() + days * DAY + 8 * HOUR)
  return `${local.toISOString().slice(0, 10)}T14:00`
}

describe('讲师团', () => {
  it('staff add a lecturer with a photo and an item; a site orders; staff 派单; the lecturer links their account and 接单; delivery, 评单, and the public roster', async () => {
    // ——— District staff add a lecturer (a refused save first: the message beside the field, the input kept).
    const staff = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, staff, portal.world.users.districtAdmin.email, STAFF_PASSWORD)
    await staff.goto(`${portal.url}/admin/lecturers`)
    await expect.poll(() => staff.locator('h1').textContent()).toBe('讲师团')
    expect(await seriousAxeViolations(staff)).toEqual([])
    await staff.getByRole('link', { name: '添加讲师' }).click()
    await staff.waitForURL(/\/admin\/lecturers\/new$/)
    await staff.getByLabel('姓名').fill('张航天')
    await staff.getByLabel('单位').fill('上海航天技术研究院')
    await staff.getByLabel('职称').fill('高级工程师')
    await staff.getByLabel('中小学生').check()
    await staff.getByLabel('亲子家庭').check()
    await staff.getByLabel('青浦区').check()
    await staff.getByLabel('每月可讲场数').fill('2')
    await staff.getByLabel('简介').fill('从事运载火箭总体设计二十年，常年为社区和学校讲航天科普。')
    await staff.getByLabel('公开（出现在讲师团页面）').check()
    await staff.getByRole('button', { name: '保存', exact: true }).click()
    await expect.poll(() => staff.locator('.field-error').first().textContent()).toContain('请至少选择一个主题')
    expect(await staff.getByLabel('姓名').inputValue()).toBe('张航天')
    expect(await staff.getByLabel('亲子家庭').isChecked()).toBe(true)
    expect(await seriousAxeViolations(staff)).toEqual([])
    expect(await portal.db.prisma.lecturer.count()).toBe(0)
    await staff.getByLabel('航天与天文').check()
    await staff.getByRole('button', { name: '保存', exact: true }).click()
    await staff.waitForURL(/\/admin\/lecturers\/(?!new)[^/]+$/)
    const lecturer = await portal.db.prisma.lecturer.findFirstOrThrow({ where: { name: '张航天' } })
    expect(lecturer).toMatchObject({
      districtId: portal.world.sj.id,
      topics: ['space'],
      audiences: ['pupils', 'families'],
      travelsTo: [portal.world.qp.id],
      monthlyCapacity: 2,
      published: true,
      residentId: null,
    })
    expect(await seriousAxeViolations(staff)).toEqual([])

    // The photo: a PDF named .jpg is refused beside the field and nothing is stored; a real photo (with a GPS
    // position in its EXIF) is stored re-encoded, smaller, without its metadata.
    await staff.getByRole('link', { name: '上传照片' }).click()
    await staff.waitForURL(new RegExp(`/admin/lecturers/${lecturer.id}/photo$`))
    expect(await seriousAxeViolations(staff)).toEqual([])
    await staff
      .getByLabel('照片')
      .setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n') })
    await staff.getByRole('button', { name: '上传照片' }).click()
    await expect.poll(() => staff.locator('.field-error').textContent()).toContain('这不是照片')
    expect(await staff.getByLabel('照片').getAttribute('aria-invalid')).toBe('true')
    expect(await portal.db.prisma.storedFile.count()).toBe(0)
    expect(await seriousAxeViolations(staff)).toEqual([])
    const photo = await sharp({ create: { width: 1200, height: 1200, channels: 3, background: { r: 40, g: 90, b: 160 } } })
      .jpeg()
      .withExif({ IFD0: { Artist: 'Kepu test', Copyright: 'GPS 31.03 121.22' } })
      .toBuffer()
    await staff.getByLabel('照片').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: photo })
    await staff.getByRole('button', { name: '上传照片' }).click()
    await expect.poll(() => staff.locator('.notice[role=status]').first().textContent()).toContain('照片已更新')
    const stored = await portal.db.prisma.storedFile.findFirstOrThrow({ where: { purpose: 'lecturer-photo' } })
    expect(stored).toMatchObject({ contentType: 'image/jpeg', width: 800, height: 800 })
    const served = await staff.request.get(`${portal.url}/files/${stored.id}`)
    expect(served.status()).toBe(200)
    const metadata = await sharp(await served.body()).metadata()
    expect(metadata).toMatchObject({ format: 'jpeg', width: 800, height: 800 })
    expect(metadata.exif).toBeUndefined()

    // The 菜单 item the lecturer gives.
    await staff.getByRole('link', { name: '← 张航天' }).click()
    await staff.waitForURL(new RegExp(`/admin/lecturers/${lecturer.id}$`))
    await staff.getByLabel(/火箭是怎样飞上天的/).check()
    await staff.getByRole('button', { name: '保存讲授的项目' }).click()
    await expect.poll(() => staff.locator('.notice[role=status]').first().textContent()).toContain('已保存讲授的项目')
    expect(await portal.db.prisma.menuItemLecturer.count({ where: { lecturerId: lecturer.id, menuItemId: itemId } })).toBe(1)

    // ——— A 社区书院 orders the item from the 菜单, on a phone.
    const site = await portal.newPage({ viewport: PHONE })
    await site.goto(`${portal.url}/menu/${itemId}`)
    await expect.poll(() => site.locator('h1').textContent()).toBe('火箭是怎样飞上天的')
    const field = (name: string) => site.locator(`[name="${name}"]`)
    await field('siteName').fill('方松社区书院')
    await field('siteKind').selectOption({ label: '社区书院' })
    await site.getByLabel('所在街镇（选填）').selectOption({ label: '方松街道' })
    await field('siteAddress').fill('松江区某路 8 号')
    await field('contactName').fill('钱老师')
    await field('phone').fill(SITE_PHONE)
    await field('preferredDates').fill('下月中旬周六下午')
    await field('expectedAudience').fill('60')
    await field('consent').check()
    await site.getByRole('button', { name: '提交点单' }).click()
    await site.waitForURL(/\/menu\/orders\/[^/?]+$/)
    await site.locator('.toast').waitFor()
    const orderUrl = site.url()
    const order = await portal.db.prisma.menuOrder.findFirstOrThrow({ where: { siteName: '方松社区书院' } })
    expect(order).toMatchObject({ status: 'REQUESTED', lecturerId: null, menuItemId: itemId })

    // ——— Staff cannot dispatch to a lecturer without an account yet: the option is there, disabled.
    await staff.goto(`${portal.url}/admin/lecturers/dispatch`)
    const choice = staff.getByLabel('讲师', { exact: true })
    await expect.poll(() => choice.locator('option', { hasText: '张航天' }).textContent()).toContain('未关联账号')
    expect(await choice.locator('option', { hasText: '张航天' }).isDisabled()).toBe(true)
    expect(await staff.locator('main').innerText()).toContain('方松社区书院')
    expect(await seriousAxeViolations(staff)).toEqual([])

    // The one-time account link, shown once.
    await staff.goto(`${portal.url}/admin/lecturers/${lecturer.id}`)
    await staff.getByRole('button', { name: '生成账号关联链接' }).click()
    const linkField = staff.getByLabel('讲师账号关联链接')
    await expect.poll(() => linkField.inputValue()).toMatch(/\/lecturer\/link\/[A-Za-z0-9_-]{20,64}$/)
    const linkPath = new URL(await linkField.inputValue()).pathname
    expect(await seriousAxeViolations(staff)).toEqual([])

    // ——— The lecturer opens the link on their phone, signs in to their account and joins it to the page.
    const own = await portal.newPage({ viewport: PHONE })
    await own.goto(`${portal.url}${linkPath}`)
    await expect.poll(() => own.locator('main').innerText()).toContain('张航天')
    expect(await seriousAxeViolations(own)).toEqual([])
    expect(await noSidewaysScroll(own)).toBe(true)
    await own.getByRole('link', { name: '登录', exact: true }).click()
    await own.waitForURL(/\/account\/login\?/)
    await own.getByRole('textbox', { name: /手机号/ }).fill(LECTURER_PHONE)
    await own.getByLabel('密码').fill(RESIDENT_PASSWORD)
    await own.getByRole('button', { name: '登录' }).click()
    await own.waitForURL(new RegExp(`${linkPath}$`))
    await own.getByRole('button', { name: '关联到我的账号' }).click()
    await own.waitForURL(/\/lecturer$/)
    await expect.poll(() => own.locator('main').innerText()).toContain('你正在以讲师“张航天”的身份管理主页')
    expect(await own.locator('main').innerText()).toContain('目前没有派给你的订单')
    expect(await seriousAxeViolations(own)).toEqual([])
    expect(await noSidewaysScroll(own)).toBe(true)
    // The link is used up.
    const again = await portal.newPage({ viewport: PHONE })
    await again.goto(`${portal.url}${linkPath}`)
    await expect.poll(() => again.locator('main').innerText()).toContain('链接已失效或已使用')

    // ——— 派单: staff see the lecturer's load this month against their capacity and the 街镇 with nothing yet.
    await staff.goto(`${portal.url}/admin/lecturers/dispatch`)
    await expect.poll(() => choice.locator('option', { hasText: '张航天' }).textContent()).toBe('张航天（本月 0/2）')
    expect(await staff.locator('main').innerText()).toContain('今年尚未配送过')
    expect(await staff.locator('section[aria-labelledby=dispatch-unserved]').innerText()).toContain('方松街道')
    await choice.selectOption({ label: '张航天（本月 0/2）' })
    await staff.getByRole('button', { name: '派单', exact: true }).click()
    await expect.poll(() => toast(staff)).toContain('已派单，等待讲师接单')
    expect(await staff.locator('main').innerText()).toContain('张航天（等待接单）')
    expect(await seriousAxeViolations(staff)).toEqual([])
    // The lecturer is told by SMS, once, with a link to their page.
    const told = await portal.db.prisma.message.findMany({ where: { template: 'lecturer.dispatched', subjectId: order.id } })
    expect(told.map((m) => m.recipient)).toEqual([LECTURER_PHONE])
    const link = new URL((told[0].params as Record<string, string>).link)
    expect(link.pathname).toBe('/lecturer')

    // ——— 接单: from the message's link, the lecturer sees the order (never the site's phone) and accepts with a
    // date; a date inside the item's notice is refused first.
    await own.goto(`${portal.url}${link.pathname}`)
    const card = own.locator('.lecturer-order', { hasText: '火箭是怎样飞上天的' })
    await expect.poll(() => card.innerText()).toContain('方松社区书院')
    expect(await own.locator('main').innerText()).not.toContain(SITE_PHONE)
    expect(await seriousAxeViolations(own)).toEqual([])
    await card.getByLabel('日期和时间').fill(shanghaiInput(1))
    await card.getByRole('button', { name: '接单' }).click()
    await expect.poll(() => own.locator('main').innerText()).toContain('这个项目需要提前 3 天安排')
    expect((await portal.db.prisma.menuOrder.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('DISPATCHED')
    await card.getByLabel('日期和时间').fill(shanghaiInput(10))
    await card.getByRole('button', { name: '接单' }).click()
    await expect.poll(() => own.locator('main').innerText()).toContain('已接单，活动已生成')
    const accepted = await portal.db.prisma.menuOrder.findUniqueOrThrow({
      where: { id: order.id },
      include: { event: { include: { sessions: true } } },
    })
    expect(accepted).toMatchObject({ status: 'ACCEPTED', lecturerId: lecturer.id })
    expect(accepted.event?.status).toBe('PUBLISHED')
    expect(await noSidewaysScroll(own)).toBe(true)

    // The public page lists the talk as upcoming.
    const reader = await portal.newPage({ viewport: PHONE })
    await reader.goto(`${portal.url}/lecturers/${lecturer.id}`)
    await expect.poll(() => reader.locator('main').innerText()).toContain(accepted.event!.title)
    expect(await reader.locator('main').innerText()).toContain('已授课 0 场')

    // ——— The talk takes place (it began an hour ago); staff record the delivery.
    const startedAt = new Date(Date.now() - HOUR)
    await portal.db.prisma.eventSession.updateMany({
      where: { eventId: accepted.eventId! },
      data: { startsAt: startedAt, endsAt: new Date(startedAt.getTime() + HOUR) },
    })
    await staff.goto(`${portal.url}/admin/lecturers/dispatch`)
    await staff.getByLabel('实到人数').fill('58')
    await staff.getByRole('button', { name: '登记配送完成' }).click()
    await expect.poll(() => toast(staff)).toContain('已登记配送完成')
    expect(await portal.db.prisma.menuOrder.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: 'DELIVERED',
      attendance: 58,
    })
    expect(await seriousAxeViolations(staff)).toEqual([])

    // ——— 评单: the site rates the delivered order once, from its private order page.
    await site.goto(orderUrl)
    await expect.poll(() => site.locator('#rate-heading').textContent()).toBe('评价这次配送')
    expect(await seriousAxeViolations(site)).toEqual([])
    await site.getByLabel('5 分').check()
    await site.getByLabel('留言（可选）').fill('讲得生动，孩子们很喜欢水火箭。')
    await site.getByRole('button', { name: '提交评价' }).click()
    // The thanks comes with the answer to the post; the page's own data (the rating given) a moment later.
    await expect.poll(() => site.locator('main').innerText()).toContain('你的评价：5 分')
    expect(await site.locator('main').innerText()).toContain('谢谢你的评价')
    expect(await site.getByRole('button', { name: '提交评价' }).count()).toBe(0)
    expect(await noSidewaysScroll(site)).toBe(true)
    expect(await portal.db.prisma.menuOrder.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      rating: 5,
      ratingComment: '讲得生动，孩子们很喜欢水火箭。',
    })

    // The lecturer reads the rating on their page.
    await own.goto(`${portal.url}/lecturer`)
    await expect
      .poll(() => own.locator('section[aria-labelledby=own-ratings]').innerText())
      .toContain('火箭是怎样飞上天的 · 方松社区书院 · 5 分：讲得生动，孩子们很喜欢水火箭。')

    // ——— The public roster, on a phone: the lecturer with the talk given and the rating, the photo, never a phone.
    await reader.goto(`${portal.url}/lecturers`)
    const entry = reader.locator('.lecturer-card', { hasText: '张航天' })
    await expect.poll(() => entry.innerText()).toContain('已授课 1 场')
    expect(await entry.innerText()).toContain('高级工程师 · 上海航天技术研究院 · 松江区')
    await expect
      .poll(() => entry.locator('img.lecturer-photo').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(800)
    expect(await seriousAxeViolations(reader)).toEqual([])
    expect(await noSidewaysScroll(reader)).toBe(true)
    await entry.getByRole('link', { name: '张航天' }).click()
    await reader.waitForURL(new RegExp(`/lecturers/${lecturer.id}$`))
    await expect.poll(() => reader.locator('main').innerText()).toContain('已授课 1 场 · 平均评分 5（1 次评价）')
    const profile = await reader.locator('main').innerText()
    expect(profile).toContain('航天与天文')
    expect(profile).toContain('青浦区')
    expect(profile).toContain('火箭是怎样飞上天的')
    expect(await seriousAxeViolations(reader)).toEqual([])
    expect(await noSidewaysScroll(reader)).toBe(true)
    expect(profile).not.toMatch(/@/)
    for (const page of ['/lecturers', `/lecturers/${lecturer.id}`]) {
      const html = await (await fetch(`${portal.url}${page}`)).text()
      for (const phone of [LECTURER_PHONE, SITE_PHONE])
        for (const shown of [phone, `${phone.slice(0, 3)}****${phone.slice(-4)}`]) expect(html).not.toContain(shown)
    }
  })
})
