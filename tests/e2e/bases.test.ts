// 科普基地 end to end (issue 27 parts 1-2, decision 036), in headless Chromium against the built server on a fresh
// PostgreSQL database with the staff world: the venue organisation staff member writes a 申报 (a short summary is
// refused next to its field, the input kept) and submits it; 松江's district admin takes it up, a score over the
// criterion's points is refused, scores it, approves it; the designation shows on the public venue page and the
// venue list filters by the level, in Chinese and English, in large text, with no sideways scrolling at 360 px.
// Attachments: a text file named .pdf refused next to the field, a real PDF listed and downloaded by the applicant and
// the reviewer, 404 for 青浦's admin and another organisation, locked once submitted (a crafted removal is 409).
// 回避申请: the applicant asks that a second reviewer of 松江 (who has scored) step aside, a short reason refused next to
// its field with the input kept; the named reviewer cannot decide it; the district admin grants it; the score is set
// aside and the named reviewer's scoring is refused (the page offers no form, a crafted post answers 403 naming the
// rule); the page at 360 px in large text, axe on each.
import { describe, expect, it } from 'vitest'
import { seriousAxeViolations, switchToLargeText } from '../helpers/browser'
import { DESKTOP, PHONE, signInStaff, STAFF_PASSWORD, staffWorldPortal } from '../helpers/portal'
import type { Page } from 'playwright-core'

let secondReviewer: { id: string; email: string }

const portal = staffWorldPortal({
  prepare: async (database, staffWorld) => {
    // A second reviewer of 松江, with the same password (the one the applicant will ask to step aside).
    const { passwordHash } = await database.prisma.user.findUniqueOrThrow({ where: { id: staffWorld.users.districtAdmin.id } })
    secondReviewer = await database.prisma.user.create({
      data: { email: 'sj-admin-2@kepu.test', name: 'sj-admin-2', role: 'DISTRICT_ADMIN', districtId: staffWorld.sj.id, passwordHash },
      select: { id: true, email: true },
    })
  },
})

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

describe('科普基地', () => {
  it('a venue applies for a level, the district reviews, scores and approves it, and the public venue page and the level filter show it', async () => {
    // The venue's organisation staff member writes the application.
    const applicant = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, applicant, portal.world.users.staff.email, STAFF_PASSWORD)
    await applicant.goto(`${portal.url}/admin/bases/applications`)
    await applicant.getByLabel('场馆').selectOption({ label: '测试科技馆' })
    await applicant.getByLabel('申报级别').selectOption({ label: '区级科普基地' })
    await applicant.getByLabel('基本情况').fill('太短')
    await applicant.getByLabel('年开放天数').fill('300')
    await applicant.getByRole('button', { name: '保存草稿' }).click()
    await expect.poll(() => applicant.locator('.field-error').first().textContent()).toContain('基本情况请至少写 20 个字')
    expect(await applicant.getByLabel('年开放天数').inputValue()).toBe('300')
    await applicant.getByLabel('基本情况').fill('本馆面积 3000 平方米，常设展厅四个，全年开放，每月举办科普讲座与亲子实验活动。')
    await applicant.getByRole('button', { name: '保存草稿' }).click()
    await applicant.waitForURL(/\/admin\/bases\/applications\/[a-z0-9]+$/)
    const applicationUrl = applicant.url()
    expect(await seriousAxeViolations(applicant)).toEqual([])

    // Attachments: a text file named .pdf is refused next to the field, nothing stored; a real PDF is listed with its
    // name, size and who sent it.
    const fileField = applicant.getByLabel('上传附件')
    await fileField.setInputFiles({
      name: '平面图.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('just some text, not a PDF at all'),
    })
    await applicant.getByRole('button', { name: '上传', exact: true }).click()
    await expect.poll(() => applicant.locator('.field-error').first().textContent()).toContain('不接受这种文件')
    expect(await applicant.getByLabel('上传附件').getAttribute('aria-invalid')).toBe('true')
    expect(await portal.db.prisma.baseAttachment.count()).toBe(0)
    expect(await seriousAxeViolations(applicant)).toEqual([])
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')
    await applicant.getByLabel('上传附件').setInputFiles({ name: '场馆平面图.pdf', mimeType: 'application/pdf', buffer: pdf })
    await applicant.getByRole('button', { name: '上传', exact: true }).click()
    await expect.poll(() => applicant.getByTestId('attachments').innerText()).toContain('场馆平面图.pdf')
    expect(await applicant.getByTestId('attachments').innerText()).toMatch(/场馆平面图\.pdf\s+1 KB · staff-a · 2\d{3}/)
    const attachment = await portal.db.prisma.baseAttachment.findFirstOrThrow()
    const fileUrl = `${portal.url}/admin/bases/attachments/${attachment.id}`
    const own = await applicant.request.get(fileUrl)
    expect(own.status()).toBe(200)
    expect((await own.body()).equals(pdf)).toBe(true)
    // The application page on a phone in large text: nothing scrolls sideways.
    const phone = await portal.newPage({ viewport: PHONE })
    await signInStaff(portal, phone, portal.world.users.staff.email, STAFF_PASSWORD)
    await phone.goto(applicationUrl)
    await switchToLargeText(phone, '大字模式')
    await expect.poll(() => phone.getByTestId('attachments').innerText()).toContain('场馆平面图.pdf')
    expect(await noSidewaysScroll(phone)).toBe(true)
    expect(await seriousAxeViolations(phone)).toEqual([])

    await applicant.getByRole('button', { name: '提交申报' }).click()
    await expect.poll(() => applicant.getByTestId('application-status').textContent()).toContain('已提交')
    const application = await portal.db.prisma.baseApplication.findFirstOrThrow({ where: { venueId: portal.world.venue.id } })
    expect(application).toMatchObject({ status: 'SUBMITTED', openDaysPerYear: 300 })
    expect(
      await portal.db.prisma.message.count({
        where: { template: 'staff.base-application', recipient: portal.world.users.districtAdmin.email },
      }),
    ).toBe(1)

    // 青浦's admin cannot open it.
    const stranger = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, stranger, portal.world.users.otherDistrictAdmin.email, STAFF_PASSWORD)
    const refused = await stranger.goto(applicationUrl)
    expect(refused?.status()).toBe(404)
    // Nor its attachment, nor can another organisation's staff; and once submitted, the files are locked.
    expect((await stranger.request.get(fileUrl)).status()).toBe(404)
    const otherOrg = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, otherOrg, portal.world.users.otherOrgStaff.email, STAFF_PASSWORD)
    expect((await otherOrg.request.get(fileUrl)).status()).toBe(404)
    expect(await applicant.getByLabel('上传附件').count()).toBe(0)
    expect(await applicant.locator('main').innerText()).toContain('申报提交后附件锁定')
    // A crafted removal after submission is refused with 409 and removes nothing.
    const crafted = await applicant.evaluate(async (id) => {
      const csrf = (document.querySelector('input[name="csrf"]') as HTMLInputElement).value
      const body = new URLSearchParams({ csrf, intent: 'detach', attachmentId: id })
      const answer = await fetch(window.location.pathname, { method: 'POST', body, headers: { Accept: 'application/json' } })
      return answer.status
    }, attachment.id)
    expect(crafted).toBe(409)
    expect(await portal.db.prisma.baseAttachment.count()).toBe(1)

    // 松江's admin reviews: takes it up, scores (a score over the points refused), approves.
    const reviewer = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, reviewer, portal.world.users.districtAdmin.email, STAFF_PASSWORD)
    await reviewer.goto(applicationUrl)
    // The reviewer sees the attachment, with who sent it, and downloads it.
    await expect.poll(() => reviewer.getByTestId('attachments').innerText()).toContain('场馆平面图.pdf')
    const download = reviewer.waitForEvent('download')
    await reviewer.getByRole('link', { name: '场馆平面图.pdf' }).click()
    expect((await download).suggestedFilename()).toBe('场馆平面图.pdf')
    const reviewed = await reviewer.request.get(fileUrl)
    expect(reviewed.status()).toBe(200)
    expect(reviewed.headers()['content-disposition']).toContain('attachment')
    expect((await reviewed.body()).equals(pdf)).toBe(true)
    await reviewer.getByRole('button', { name: '开始评审' }).click()
    await expect.poll(() => reviewer.getByTestId('application-status').textContent()).toContain('评审中')
    await reviewer.getByLabel(/场地与展教设施/).fill('35')
    await reviewer.getByLabel(/科普活动与开放/).fill('36')
    await reviewer.getByLabel(/人员与管理制度/).fill('25')
    await reviewer.getByRole('button', { name: '保存评分' }).click()
    await expect.poll(() => reviewer.locator('.field-error').first().textContent()).toContain('最多 30 分')
    expect((await portal.db.prisma.baseApplication.findUniqueOrThrow({ where: { id: application.id } })).totalScore).toBeNull()
    await reviewer.getByLabel(/场地与展教设施/).fill('28')
    await reviewer.getByRole('button', { name: '保存评分' }).click()
    await expect.poll(() => reviewer.getByTestId('application-status').textContent()).toContain('评分 89 分')
    expect(await seriousAxeViolations(reviewer)).toEqual([])
    await reviewer.getByLabel('批次').fill('2026年第一批')
    await reviewer.getByLabel('有效期起').fill('2026-01-01')
    await reviewer.getByLabel('有效期止').fill('2029-12-31')
    await reviewer.getByRole('button', { name: '通过并认定' }).click()
    await expect.poll(() => reviewer.getByTestId('application-status').textContent()).toContain('已通过')
    const designation = await portal.db.prisma.baseDesignation.findFirstOrThrow({ where: { venueId: portal.world.venue.id } })
    expect(designation).toMatchObject({ levelKey: 'district-base', status: 'ACTIVE', applicationId: application.id, batch: '2026年第一批' })

    // The public venue page shows it, on a phone; the venue list filters by the level.
    const resident = await portal.newPage()
    await resident.goto(`${portal.url}/venues/${portal.world.venue.slug}`)
    await expect.poll(() => resident.getByTestId('designations').innerText()).toContain('区级科普基地（2026年认定，2026年第一批）')
    expect(await seriousAxeViolations(resident)).toEqual([])
    expect(await noSidewaysScroll(resident)).toBe(true)
    await resident.goto(`${portal.url}/venues`)
    await resident.getByLabel('基地级别').selectOption({ label: '区级科普基地' })
    await resident.getByRole('button', { name: '筛选' }).click()
    await resident.waitForURL(/level=district-base/)
    await expect.poll(() => resident.locator('main').innerText()).toContain('区级科普基地：1 处')
    expect(await resident.locator('.venue-list li').count()).toBe(1)
    expect(await noSidewaysScroll(resident)).toBe(true)
    await resident.goto(`${portal.url}/venues?level=youth-station`)
    expect(await resident.locator('.venue-list li').count()).toBe(0)

    // In English and in large text, still within 360 px.
    const english = await portal.newPage({ english: true })
    await english.goto(`${portal.url}/venues/${portal.world.venue.slug}`)
    await expect
      .poll(() => english.getByTestId('designations').innerText())
      .toContain('District science base (recognised 2026, 2026年第一批)')
    await switchToLargeText(english, 'Large text')
    expect(await noSidewaysScroll(english)).toBe(true)
    await english.goto(`${portal.url}/venues?level=district-base`)
    await expect.poll(() => english.locator('main').innerText()).toContain('District science base: 1')
    expect(await noSidewaysScroll(english)).toBe(true)
    expect(await seriousAxeViolations(english)).toEqual([])
  })

  it("the platform admin sets a new level's 申报 criteria on a phone: a wrong line refused beside the box with the text kept, then saved", async () => {
    const admin = await portal.newPage({ viewport: PHONE })
    await signInStaff(portal, admin, portal.world.users.platformAdmin.email, STAFF_PASSWORD)
    await admin.goto(`${portal.url}/admin/bases/levels`)
    await admin.getByLabel('级别名称').fill('青少年科学创新实践工作站（试点）')
    await admin.getByLabel('英文名称').fill('Youth innovation station (pilot)')
    await admin.getByRole('button', { name: '添加级别' }).click()
    await expect.poll(() => admin.locator('.toast').textContent()).toContain('已添加级别')
    // A new level has no criteria yet: its form is open and says so.
    const box = admin.getByLabel('「青少年科学创新实践工作站（试点）」的评分标准')
    await expect.poll(() => box.isVisible()).toBe(true)
    await box.fill('创新课程=40\n导师团队=三十')
    await admin.locator('li', { has: box }).getByRole('button', { name: '保存评分标准' }).click()
    await expect
      .poll(() => admin.locator('li', { has: box }).locator('.field-error').textContent())
      .toBe('第 2 行请写成“名称=分值”，例如：科普活动=40')
    expect(await box.inputValue()).toBe('创新课程=40\n导师团队=三十')
    expect(await seriousAxeViolations(admin)).toEqual([])
    expect(await noSidewaysScroll(admin)).toBe(true)
    await box.fill('创新课程=40\n导师团队=30\n开放共享=30')
    await admin.locator('li', { has: box }).getByRole('button', { name: '保存评分标准' }).click()
    await expect.poll(() => admin.locator('.toast').textContent()).toBe('评分标准已保存，之后的申报按新标准评分。')
    await expect.poll(() => admin.locator('li', { has: box }).locator('summary').textContent()).toBe('申报评分标准：3 项，共 100 分')
    const level = await portal.db.prisma.baseLevel.findUniqueOrThrow({ where: { name: '青少年科学创新实践工作站（试点）' } })
    expect(level.criteria).toMatchObject([
      { label: '创新课程', points: 40 },
      { label: '导师团队', points: 30 },
      { label: '开放共享', points: 30 },
    ])
  })

  it('the applicant asks that a named reviewer step aside; the district admin grants it; that reviewer scores no more', async () => {
    // A submitted 社区书院 application of the venue; the second reviewer takes it up and scores it.
    const application = await portal.db.prisma.baseApplication.create({
      data: {
        venueId: portal.world.venue.id,
        districtId: portal.world.sj.id,
        levelKey: 'community-academy',
        applicantId: portal.world.users.staff.id,
        summary: '社区书院每周开放，举办居民科普讲座与亲子实验，配有专职人员两名。',
        status: 'SUBMITTED',
        submittedAt: new Date(),
      },
    })
    const url = `${portal.url}/admin/bases/applications/${application.id}`
    const named = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, named, secondReviewer.email, STAFF_PASSWORD)
    await named.goto(url)
    await named.getByRole('button', { name: '开始评审' }).click()
    await expect.poll(() => named.getByTestId('application-status').textContent()).toContain('评审中')
    await named.getByLabel(/场地与设施/).fill('25')
    await named.getByLabel(/活动与服务居民/).fill('45')
    await named.getByLabel(/人员与制度/).fill('18')
    await named.getByRole('button', { name: '保存评分' }).click()
    await expect.poll(() => named.getByTestId('application-status').textContent()).toContain('评分 88 分')

    // The applicant names the second reviewer: a short reason is refused next to its field, the input kept.
    const applicant = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, applicant, portal.world.users.staff.email, STAFF_PASSWORD)
    await applicant.goto(url)
    await applicant.getByLabel('要求回避的评审人员').selectOption({ label: 'sj-admin-2' })
    await applicant.getByLabel('回避理由').fill('亲属')
    await applicant.getByRole('button', { name: '提交回避申请' }).click()
    await expect.poll(() => applicant.getByTestId('recusals').locator('.field-error').first().textContent()).toContain('至少 4 个字')
    expect(await applicant.getByLabel('回避理由').inputValue()).toBe('亲属')
    expect(await applicant.getByLabel('要求回避的评审人员').inputValue()).toBe(secondReviewer.id)
    expect(await seriousAxeViolations(applicant)).toEqual([])
    // The server says the same to a post the browser did not check, with 400 and nothing stored.
    const shortPost = await applicant.evaluate(async (reviewerId) => {
      const csrf = (document.querySelector('input[name="csrf"]') as HTMLInputElement).value
      const body = new URLSearchParams({ csrf, intent: 'recuse', reviewerId, reason: '亲属' })
      const answer = await fetch(window.location.pathname, { method: 'POST', body, headers: { Accept: 'application/json' } })
      return answer.status
    }, secondReviewer.id)
    expect(shortPost).toBe(400)
    expect(await portal.db.prisma.baseRecusal.count()).toBe(0)
    await applicant.getByLabel('回避理由').fill('该评审人员曾任本书院顾问，与本单位有利益关系。')
    await applicant.getByRole('button', { name: '提交回避申请' }).click()
    await expect.poll(() => applicant.getByTestId('recusals').innerText()).toContain('请「sj-admin-2」回避 · 待决定')

    // The named reviewer sees the request but cannot decide it.
    await named.reload()
    await expect.poll(() => named.getByTestId('recusals').innerText()).toContain('涉及您本人')
    expect(await named.getByRole('button', { name: '批准回避' }).count()).toBe(0)

    // The district admin grants it, with a note; a note left empty is refused next to its box.
    const admin = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, admin, portal.world.users.districtAdmin.email, STAFF_PASSWORD)
    await admin.goto(url)
    await expect.poll(() => admin.getByTestId('recusals').innerText()).toContain('曾任本书院顾问')
    expect(await seriousAxeViolations(admin)).toEqual([])
    await admin.getByLabel('对请「sj-admin-2」回避的决定说明').fill('情况属实，予以回避')
    await admin.getByRole('button', { name: '批准回避' }).click()
    await expect.poll(() => admin.getByTestId('recusals').innerText()).toContain('已批准回避')
    expect(await admin.getByTestId('application-status').textContent()).not.toContain('评分')
    expect(await portal.db.prisma.baseApplication.findUniqueOrThrow({ where: { id: application.id } })).toMatchObject({ totalScore: null })
    await expect.poll(() => admin.getByTestId('application-history').innerText()).toContain('批准「sj-admin-2」回避，其评分作废')
    // The applicant hears of it like every other step (the review begun, the request, the decision).
    const toldApplicant = await portal.db.prisma.message.findMany({
      where: { template: 'staff.base-application', recipient: portal.world.users.staff.email, subjectId: application.id },
      orderBy: { createdAt: 'asc' },
      select: { params: true },
    })
    expect(toldApplicant.map((m) => (m.params as { state: string }).state)).toEqual([
      '进入评审',
      '申请评审人员「sj-admin-2」回避，等待区里决定',
      '批准「sj-admin-2」回避，其评分作废，须另行评分：情况属实，予以回避',
    ])

    // The named reviewer: a notice, no score, no scoring form; a crafted post is refused naming the rule.
    await named.reload()
    await expect.poll(() => named.getByTestId('recusals').innerText()).toContain('您须回避这份申报')
    expect(await named.getByRole('button', { name: '保存评分' }).count()).toBe(0)
    expect(await named.getByTestId('application-status').textContent()).not.toContain('88')
    expect(await named.getByTestId('application-history').innerText()).not.toContain('88 分')
    const crafted = await named.evaluate(async () => {
      const csrf = (document.querySelector('input[name="csrf"]') as HTMLInputElement).value
      const body = new URLSearchParams({ csrf, intent: 'score', 'scores.venue': '30', 'scores.programme': '50', 'scores.staff': '20' })
      const answer = await fetch(window.location.pathname, { method: 'POST', body, headers: { Accept: 'application/json' } })
      return { status: answer.status, text: await answer.text() }
    })
    expect(crafted.status).toBe(403)
    expect(crafted.text).toContain('按已批准的回避申请')
    expect((await portal.db.prisma.baseApplication.findUniqueOrThrow({ where: { id: application.id } })).totalScore).toBeNull()
    expect(await seriousAxeViolations(named)).toEqual([])

    // The applicant's page with the requests, on a phone in large text: nothing scrolls sideways.
    const phone = await portal.newPage({ viewport: PHONE })
    await signInStaff(portal, phone, portal.world.users.staff.email, STAFF_PASSWORD)
    await phone.goto(url)
    await switchToLargeText(phone, '大字模式')
    await expect.poll(() => phone.getByTestId('recusals').innerText()).toContain('情况属实，予以回避')
    expect(await noSidewaysScroll(phone)).toBe(true)
    expect(await seriousAxeViolations(phone)).toEqual([])
  })
})
