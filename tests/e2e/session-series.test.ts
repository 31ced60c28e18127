// Series of sessions (issue 19, part 2) in headless Chromium against the built server on a fresh PostgreSQL
// database: staff make a weekly series from an activity's page — preview, untick one Saturday, create; a capacity
// below the seats taken is refused naming the session; a capacity for all the sessions to come is saved; the series
// is cancelled (the registration kept, marked, and its person told). axe-core on every page. The preview and the
// creation also work without JavaScript (axe needs it, so that walk only checks what the pages do).
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { seriousAxeViolations } from '../helpers/browser'
import { DESKTOP, signInStaff, STAFF_PASSWORD, staffWorldPortal } from '../helpers/portal'
import type { Page } from 'playwright-core'

const DAY = 86400_000

const portal = staffWorldPortal({
  pages: { viewport: DESKTOP },
})
const newPage = portal.newPage
const signIn = (page: Page) => signInStaff(portal, page, 'staff-a@kepu.test', STAFF_PASSWORD)

/** A Shanghai calendar date `days` from now. */
const shanghaiDate = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10)

describe('a weekly series', () => {
  let seriesUrl = ''

  const seriesId = () => seriesUrl.split('/').pop()!

  it('is previewed from the activity page, a date unticked and the rest created', async () => {
    const page = await newPage()
    await signIn(page)
    await page.goto(`${portal.url}/admin/events/${portal.world.event.id}`)
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.getByRole('link', { name: '按规律添加多个场次' }).click()
    await page.waitForURL(/\/series\/new$/)
    expect(await seriousAxeViolations(page)).toEqual([])

    // 35 days from tomorrow hold exactly five Saturdays.
    await page.getByLabel('周六', { exact: true }).check()
    await page.getByLabel('开始日期').fill(shanghaiDate(1))
    await page.getByLabel('结束日期（含当天）').fill(shanghaiDate(35))
    await page.getByLabel('开始时间').fill('14:00')
    await page.getByLabel('结束时间').fill('15:30')
    await page.getByLabel('每场名额').fill('5')
    await page.getByRole('button', { name: '预览' }).click()
    const dates = page.locator('.series-dates input[type="checkbox"]')
    await expect.poll(() => dates.count()).toBe(5)
    expect(await page.locator('.series-preview').textContent()).toContain('勾选的 5 个将创建为场次')
    // The form kept what was typed.
    expect(await page.getByLabel('周六', { exact: true }).isChecked()).toBe(true)
    expect(await page.getByLabel('每场名额').inputValue()).toBe('5')
    expect(await seriousAxeViolations(page)).toEqual([])

    const skipped = await dates.nth(1).getAttribute('value')
    await dates.nth(1).uncheck()
    await page.getByRole('button', { name: '创建勾选的场次' }).click()
    await page.waitForURL(/\/series\/(?!new$)[^/?]+$/)
    seriesUrl = page.url().replace(/\?.*$/, '')
    // The URL can change a moment before the new page is on screen: wait for its notice (the flash notice, not in the URL).
    const created = page.locator('.toast', { hasText: '已创建' })
    await created.waitFor()
    expect(await created.textContent()).toBe('已创建 4 个场次。')
    expect(await page.locator('table.data-table tbody tr').count()).toBe(4)
    expect(await seriousAxeViolations(page)).toEqual([])

    const series = await portal.db.prisma.sessionSeries.findUniqueOrThrow({
      where: { id: seriesId() },
      include: { sessions: { orderBy: { startsAt: 'asc' } } },
    })
    expect(series.skippedDates).toEqual([skipped])
    expect(series.sessions.map((s) => [s.capacity, new Date(s.startsAt.getTime() + 8 * 3600_000).getUTCDay()])).toEqual(
      Array(4).fill([5, 6]),
    )
    expect(series.sessions.every((s) => s.startsAt.toISOString().endsWith('T06:00:00.000Z'))).toBe(true) // 14:00 Shanghai
  })

  it('is previewed and created without JavaScript too', async () => {
    const page = await newPage({ javaScriptEnabled: false })
    await signIn(page)
    await page.goto(`${portal.url}/admin/events/${portal.world.event.id}/series/new`)
    await page.getByLabel('周日', { exact: true }).check()
    await page.getByLabel('周三', { exact: true }).check()
    await page.getByLabel('开始日期').fill(shanghaiDate(1))
    await page.getByLabel('结束日期（含当天）').fill(shanghaiDate(14))
    await page.getByLabel('开始时间').fill('09:30')
    await page.getByLabel('结束时间').fill('09:00')
    await page.getByLabel('每场名额').fill('12')
    await page.getByRole('button', { name: '预览' }).click()
    // The server's own check, next to its field, with what was typed kept.
    await expect.poll(() => page.locator('.field.has-error .field-error').textContent()).toContain('结束时间要晚于开始时间')
    expect(await page.getByLabel('周三', { exact: true }).isChecked()).toBe(true)
    await page.getByLabel('结束时间').fill('11:00')
    await page.getByRole('button', { name: '预览' }).click()
    const dates = page.locator('.series-dates input[type="checkbox"]')
    await expect.poll(() => dates.count()).toBe(4) // two weeks: two Sundays, two Wednesdays
    // Every day unticked: refused beside the list, which stays.
    for (let i = 0; i < 4; i++) await dates.nth(i).uncheck()
    await page.getByRole('button', { name: '创建勾选的场次' }).click()
    await expect.poll(() => page.locator('.series-dates .field-error').textContent()).toBe('请至少保留一个日期。')
    expect(await dates.count()).toBe(4)
    expect(await page.locator('.series-dates input:checked').count()).toBe(0) // the ticks as they were sent
    for (let i = 0; i < 4; i++) await dates.nth(i).check()
    await page.getByRole('button', { name: '创建勾选的场次' }).click()
    await page.waitForURL(/\/series\/(?!new$)[^/?]+$/)
    expect(await page.locator('.toast').textContent()).toBe('已创建 4 个场次。')
    expect(await page.locator('table.data-table tbody tr').count()).toBe(4)
  })

  it('refuses a capacity below the seats taken naming the session, then changes all sessions to come, then cancels them', async () => {
    const series = await portal.db.prisma.sessionSeries.findUniqueOrThrow({
      where: { id: seriesId() },
      include: { sessions: { orderBy: { startsAt: 'asc' } } },
    })
    const booked = series.sessions[2]
    const registration = await portal.db.prisma.registration.create({
      data: {
        sessionId: booked.id,
        name: '周小青',
        phone: '13912340000',
        adults: 1,
        children: 2,
        partySize: 3,
        status: 'CONFIRMED',
        code: 'SERIES23',
        manageTokenHash: randomBytes(16).toString('hex'),
        consentAt: new Date(),
      },
    })
    await portal.db.prisma.eventSession.update({ where: { id: booked.id }, data: { seatsTaken: 3 } })

    const page = await newPage()
    await signIn(page)
    await page.goto(seriesUrl)
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.getByLabel('每场名额').fill('2')
    await page.getByRole('button', { name: '修改 4 个场次' }).click()
    const capacityError = page.locator('.field.has-error .field-error')
    await expect.poll(() => capacityError.textContent()).toContain('（已占 3 个）')
    expect(await capacityError.textContent()).toContain('请先联系报名人取消，或把名额设为至少 3 个')
    expect(await seriousAxeViolations(page)).toEqual([])
    expect((await portal.db.prisma.eventSession.findMany({ where: { seriesId: series.id } })).every((s) => s.capacity === 5)).toBe(true)

    await page.getByLabel('每场名额').fill('8')
    await page.getByRole('button', { name: '修改 4 个场次' }).click()
    await expect.poll(() => page.locator('.notice[role="status"]').textContent()).toContain('已修改 4 个未开始的场次')
    expect((await portal.db.prisma.eventSession.findMany({ where: { seriesId: series.id } })).map((s) => s.capacity)).toEqual([8, 8, 8, 8])
    await expect.poll(() => page.locator('table.data-table tbody tr').nth(2).locator('td').nth(2).textContent()).toBe('3 / 8')

    page.once('dialog', (dialog) => dialog.accept())
    await page.getByRole('button', { name: '取消 4 个场次' }).click()
    await expect
      .poll(() => page.locator('.notice[role="status"]').textContent())
      .toBe('已取消 4 个未开始的场次。1 份报名已标记为“场次取消”，并已通知报名人。')
    await expect.poll(() => page.locator('h1 .pill').textContent()).toBe('已取消')
    expect(await page.getByRole('button', { name: /取消 \d+ 个场次/ }).count()).toBe(0)
    expect(await seriousAxeViolations(page)).toEqual([])
    expect(await portal.db.prisma.registration.findUniqueOrThrow({ where: { id: registration.id } })).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'SESSION_CANCELLED',
    })
    expect(
      await portal.db.prisma.message.count({ where: { subjectId: registration.id, template: 'registration.session-cancelled' } }),
    ).toBe(1)

    // The activity's page lists the series as cancelled.
    await page.goto(`${portal.url}/admin/events/${portal.world.event.id}`)
    expect(await page.locator('li', { hasText: '每周六 14:00–15:30' }).textContent()).toContain('（已取消）')
    expect(await page.locator('li', { hasText: '每周三、周日 09:30–11:00' }).textContent()).toContain('4 个未开始的场次')
    expect(await seriousAxeViolations(page)).toEqual([])
  })
})
