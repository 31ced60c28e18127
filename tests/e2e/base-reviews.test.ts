// 科普基地 yearly 考核 end to end (issue 27 points 3-5, decision 036), in headless Chromium against the built server on
// a fresh PostgreSQL database with the staff world, a designation of its venue and the records of
// tests/helpers/base-review-records.ts: 松江's admin opens the 2026 reports; the base sees the figures Kepu counted,
// adds its own, self-scores (a score over the points refused next to its box, what was typed kept) and submits; the
// district scores, approves, the report locks (a crafted post answers 409); the dashboard counts the base as
// high-quality; the report page at 360 px in large text, and axe on each page.
import { describe, expect, it } from 'vitest'
import { addReviewRecords, EXPECTED_2026 } from '../helpers/base-review-records'
import { seriousAxeViolations, switchToLargeText } from '../helpers/browser'
import { DESKTOP, PHONE, signInStaff, STAFF_PASSWORD, staffWorldPortal } from '../helpers/portal'
import type { Page } from 'playwright-core'

const portal = staffWorldPortal({
  consoleErrors: true,
  prepare: async (database, staffWorld) => {
    await addReviewRecords(database.prisma, staffWorld)
    await database.prisma.baseDesignation.create({
      data: {
        venueId: staffWorld.venue.id,
        levelKey: 'district-base',
        year: 2025,
        validFrom: new Date('2024-12-31T16:00:00Z'),
        status: 'ACTIVE',
      },
    })
  },
})

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

const SCORES: Array<[RegExp, string]> = [
  [/^开放天数（有场次的日子）（0–20/, '10'],
  [/^参与人数（签到）（0–20/, '15'],
  [/^举办科普活动（0–15/, '10'],
  [/^接待学校团体学生（0–10/, '7'],
  [/^科普护照参与（盖章）（0–10/, '6'],
  [/^志愿服务时长（0–5/, '3'],
  [/^展品更新（0–10/, '10'],
  [/^队伍与管理制度（0–10/, '10'],
]

describe('基地年度考核', () => {
  it('the district opens the reports, the base completes and submits its pre-filled report, the district scores and approves it, and the dashboard counts it', async () => {
    // 松江's admin opens the 2026 reports.
    const district = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, district, portal.world.users.districtAdmin.email, STAFF_PASSWORD)
    await district.goto(`${portal.url}/admin/bases/reviews?year=2026`)
    await district.getByLabel('考核年度').fill('2026')
    await district.getByLabel('截止日期').fill('2027-01-31')
    await district.getByRole('button', { name: '开启报告' }).click()
    await expect.poll(() => district.locator('main').innerText()).toContain('考核报告（1）')
    await expect.poll(() => district.getByTestId('not-submitted').innerText()).toContain('测试科技馆')
    expect(await seriousAxeViolations(district)).toEqual([])
    const report = await portal.db.prisma.baseReview.findFirstOrThrow({ where: { venueId: portal.world.venue.id, year: 2026 } })
    // This year's early warning (the page's current year): 4 open days so far are far from the sheet's bands.
    await district.goto(`${portal.url}/admin/bases/reviews`)
    const thisYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4))
    if (thisYear === 2026)
      await expect.poll(() => district.getByTestId('warning-row').first().innerText()).toMatch(/测试科技馆[\s\S]*可能不合格/)
    // The base has not submitted: the district reminds it by e-mail.
    await district.goto(`${portal.url}/admin/bases/reviews?year=2026`)
    await portal.db.prisma.message.deleteMany()
    await district.getByRole('button', { name: '发邮件提醒尚未提交的基地' }).click()
    await expect.poll(() => district.getByTestId('not-submitted').innerText()).toContain('已提醒')
    expect(await portal.db.prisma.message.findMany({ select: { recipient: true, template: true } })).toEqual([
      { recipient: portal.world.users.staff.email, template: 'staff.base-review' },
    ])

    // The base: its figures counted by Kepu, then its own.
    const base = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, base, portal.world.users.staff.email, STAFF_PASSWORD)
    await base.goto(`${portal.url}/admin/bases/reviews`)
    await base.getByRole('link', { name: '测试科技馆' }).click()
    await base.waitForURL(/\/admin\/bases\/reviews\/[a-z0-9]+$/)
    for (const [key, value] of Object.entries(EXPECTED_2026))
      await expect.poll(() => base.getByTestId(`figure-${key}`).locator('td').first().innerText()).toBe(`${value} ${unitOf(key)}`)
    await base.getByLabel('场地面积（平方米）').fill('3200')
    await base.getByLabel('更新展品（件）').fill('12')
    await base.getByText('更正平台记录').click()
    await base.getByLabel(/^签到人数（人，平台记录 7）/).fill('12000')
    await base.getByRole('button', { name: '保存填报' }).click()
    await expect.poll(() => base.getByTestId('figure-checkedIn').innerText()).toContain('12000 人（基地更正）')
    expect(await base.getByTestId('figure-checkedIn').innerText()).toContain('7 人')
    // The sheet suggests from the base's figures: 12000 visitors reach the 10000 band, 12 exhibits the top one.
    expect(await base.getByTestId('criterion-visitors').innerText()).toContain('15')
    expect(await base.getByLabel(/^展品更新（0–10 分，建议 10）/).inputValue()).toBe('10')
    // Evidence: a photo of the renewed exhibits, listed with its size and sender (re-encoded as a JPEG).
    const sharp = (await import('sharp')).default
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 200, g: 80, b: 40 } } })
      .png()
      .toBuffer()
    await base.getByLabel('上传附件').setInputFiles({ name: '新展品.png', mimeType: 'image/png', buffer: photo })
    await base.getByRole('button', { name: '上传', exact: true }).click()
    await expect.poll(() => base.getByTestId('attachments').innerText()).toMatch(/新展品\.(png|jpg)\s+\d+ KB · staff-a/)

    // A score over the criterion's points is refused next to its box, what was typed kept, nothing saved.
    for (const [label, value] of SCORES) await base.getByLabel(label).fill(value)
    await base.getByLabel(SCORES[0][0]).fill('25')
    await base.getByRole('button', { name: '保存自评' }).click()
    await expect.poll(() => base.locator('#self-openDays-error').textContent()).toContain('最多 20 分')
    expect(await base.getByLabel(SCORES[0][0]).inputValue()).toBe('25')
    expect(await base.getByLabel(SCORES[1][0]).inputValue()).toBe('15')
    expect((await portal.db.prisma.baseReview.findUniqueOrThrow({ where: { id: report.id } })).selfTotal).toBeNull()
    await base.getByLabel(SCORES[0][0]).fill('10')
    await base.getByRole('button', { name: '保存自评' }).click()
    await expect.poll(() => base.getByTestId('review-status').textContent()).toContain('自评 71 分')
    expect(await seriousAxeViolations(base)).toEqual([])
    await base.getByRole('button', { name: '提交报告' }).click()
    await expect.poll(() => base.getByTestId('review-status').textContent()).toContain('已提交')

    // The same report on a phone in large text: nothing scrolls sideways.
    const phone = await portal.newPage({ viewport: PHONE })
    await signInStaff(portal, phone, portal.world.users.staff.email, STAFF_PASSWORD)
    await phone.goto(`${portal.url}/admin/bases/reviews/${report.id}`)
    await switchToLargeText(phone, '大字模式')
    await expect.poll(() => phone.getByTestId('review-status').textContent()).toContain('已提交')
    expect(await noSidewaysScroll(phone)).toBe(true)
    expect(await seriousAxeViolations(phone)).toEqual([])

    // 青浦's admin cannot open it.
    const stranger = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, stranger, portal.world.users.otherDistrictAdmin.email, STAFF_PASSWORD)
    expect((await stranger.goto(`${portal.url}/admin/bases/reviews/${report.id}`))?.status()).toBe(404)

    // The district scores (both figures shown), approves; the report locks.
    await district.goto(`${portal.url}/admin/bases/reviews/${report.id}`)
    // The district sees the evidence and downloads it; 青浦's admin gets 404 for it.
    const evidence = await portal.db.prisma.baseAttachment.findFirstOrThrow({ where: { reviewId: report.id } })
    expect(await district.getByTestId('attachments').innerText()).toContain(evidence.fileName)
    const evidenceUrl = `${portal.url}/admin/bases/attachments/${evidence.id}`
    const fetched = await district.request.get(evidenceUrl)
    expect(fetched.status()).toBe(200)
    expect(fetched.headers()['content-type']).toMatch(/^image\//)
    expect((await stranger.request.get(evidenceUrl)).status()).toBe(404)
    expect(await district.getByTestId('figure-checkedIn').innerText()).toMatch(/7 人[\s\S]*12000 人（基地更正）/)
    for (const [label, value] of SCORES) await district.getByLabel(label).fill(value)
    await district.getByLabel('评语（基地可见）').fill('开放天数偏少，签到数据请核实')
    await district.getByRole('button', { name: '保存区评分' }).click()
    await expect.poll(() => district.getByTestId('review-status').textContent()).toContain('区评 71 分')
    await district.getByRole('button', { name: '审定并锁定' }).click()
    await expect.poll(() => district.getByTestId('review-status').textContent()).toContain('结果 合格')
    expect(await portal.db.prisma.baseReview.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({
      status: 'APPROVED',
      districtTotal: 71,
      result: '合格',
    })
    expect(await district.getByRole('button', { name: '保存区评分' }).count()).toBe(0)
    expect(await seriousAxeViolations(district)).toEqual([])
    // A crafted post to the locked report is refused with 409 and changes nothing.
    const crafted = await district.evaluate(async () => {
      const csrf = (document.querySelector('input[name="csrf"]') as HTMLInputElement).value
      const body = new URLSearchParams({ csrf, intent: 'district-score', 'district.openDays': '20' })
      const answer = await fetch(window.location.pathname, { method: 'POST', body, headers: { Accept: 'application/json' } })
      return answer.status
    })
    expect(crafted).toBe(409)
    expect((await portal.db.prisma.baseReview.findUniqueOrThrow({ where: { id: report.id } })).districtTotal).toBe(71)

    // The dashboard: one base with an active designation; of 2026's reports, 合格 is not high quality.
    await district.goto(`${portal.url}/admin/dashboard?year=2027`)
    await expect.poll(() => district.locator('main').innerText()).toMatch(/有效认定的科普基地\s*1 个/)
    expect(await district.locator('main').innerText()).toMatch(/高质量基地（2026 年考核优秀、优良）\s*0 个/)
    // Reopened with a reason, scored higher and approved again, it counts.
    await district.goto(`${portal.url}/admin/bases/reviews/${report.id}`)
    await district.getByLabel('重新打开的理由（记入历史）').fill('核实签到数据后重评')
    await district.getByRole('button', { name: '重新打开' }).click()
    await expect.poll(() => district.getByTestId('review-status').textContent()).toContain('已提交')
    await district.getByLabel(/^参与人数（签到）（0–20/).fill('20')
    await district.getByLabel(/^开放天数（有场次的日子）（0–20/).fill('15')
    await district.getByRole('button', { name: '保存区评分' }).click()
    await expect.poll(() => district.getByTestId('review-status').textContent()).toContain('区评 81 分')
    await district.getByRole('button', { name: '审定并锁定' }).click()
    await expect.poll(() => district.getByTestId('review-status').textContent()).toContain('结果 优良')
    expect(await district.locator('main').innerText()).toContain('重新打开：核实签到数据后重评')
    await district.goto(`${portal.url}/admin/dashboard?year=2027`)
    await expect.poll(() => district.locator('main').innerText()).toMatch(/高质量基地（2026 年考核优秀、优良）\s*1 个/)
    expect(await seriousAxeViolations(district)).toEqual([])
  })

  it('the district edits a level scoring sheet: a bad value refused next to its box with the input kept, a good one saved; this year scored sheet is refused', async () => {
    const district = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, district, portal.world.users.districtAdmin.email, STAFF_PASSWORD)
    await district.goto(`${portal.url}/admin/bases/sheets?level=community-academy`)
    await expect.poll(() => district.getByTestId('sheet-status').innerText()).toContain('现用级别的默认评分表，共 100 分')
    expect(await seriousAxeViolations(district)).toEqual([])
    // A criterion worth 0 points and bands out of order: each refused next to its box, what was typed kept.
    await district.locator('#c-0-points').fill('0')
    await district.locator('#c-1-bands').fill('1000=10\n30000=20')
    await district.locator('#c-8-label').fill('媒体报道')
    await district.locator('#c-8-points').fill('5')
    await district.getByRole('button', { name: '保存评分表' }).click()
    await expect.poll(() => district.locator('#c-0-points-error').textContent()).toContain('分值须为 1 到 100 的整数')
    expect(await district.locator('#c-1-bands-error').textContent()).toContain('从高到低')
    expect(await district.locator('#c-0-points').inputValue()).toBe('0')
    expect(await district.locator('#c-0-points').getAttribute('aria-invalid')).toBe('true')
    expect(await district.locator('#c-8-label').inputValue()).toBe('媒体报道')
    expect(await portal.db.prisma.baseReviewSheet.count()).toBe(0)
    expect(await seriousAxeViolations(district)).toEqual([])
    // Corrected, it is saved as the district's own sheet.
    await district.locator('#c-0-points').fill('20')
    await district.locator('#c-1-bands').fill('30000=20\n10000=15\n1000=10')
    await district.getByRole('button', { name: '保存评分表' }).click()
    await expect.poll(() => district.getByTestId('sheet-status').innerText()).toContain('本区的评分表，共 105 分')
    const saved = await portal.db.prisma.baseReviewSheet.findFirstOrThrow({
      where: { districtId: portal.world.sj.id, levelKey: 'community-academy' },
    })
    expect((saved.sheet as Array<{ label: string }>).map((c) => c.label)).toContain('媒体报道')
    expect(await district.locator('main').innerText()).toContain('考核评分表：9 项，共 105 分')

    // The district base level: this year's report is scored and approved (first test), so its sheet is held.
    const thisYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4))
    if (thisYear === 2026) {
      await district.goto(`${portal.url}/admin/bases/sheets?level=district-base`)
      await expect.poll(() => district.getByRole('note').innerText()).toContain('2026 年度的评分表已锁定')
      await district.locator('#c-0-points').fill('25')
      await district.getByRole('button', { name: '保存评分表' }).click()
      await expect.poll(() => district.getByRole('alert').first().innerText()).toContain('不能修改：「测试科技馆」的报告现为「已审定」')
      expect(await district.locator('#c-0-points').inputValue()).toBe('25')
      expect(await portal.db.prisma.baseReviewSheet.count({ where: { levelKey: 'district-base' } })).toBe(0)
    }

    // The sheet page on a phone in large text: nothing scrolls sideways.
    const phone = await portal.newPage({ viewport: PHONE })
    await signInStaff(portal, phone, portal.world.users.districtAdmin.email, STAFF_PASSWORD)
    await phone.goto(`${portal.url}/admin/bases/sheets?level=community-academy`)
    await switchToLargeText(phone, '大字模式')
    expect(await noSidewaysScroll(phone)).toBe(true)
    expect(await seriousAxeViolations(phone)).toEqual([])
    // A base's staff and another district's admin cannot edit 松江's sheets.
    const stranger = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, stranger, portal.world.users.staff.email, STAFF_PASSWORD)
    expect((await stranger.goto(`${portal.url}/admin/bases/sheets`))?.status()).toBe(404)
  })
})

function unitOf(key: string): string {
  return {
    openDays: '天',
    activities: '项',
    sessions: '场',
    registered: '人',
    checkedIn: '人',
    schoolVisits: '批',
    schoolPupils: '人',
    menuDeliveries: '次',
    passportStamps: '个',
    volunteerHours: '小时',
  }[key]!
}
