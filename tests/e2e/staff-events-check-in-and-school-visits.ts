// Staff in the browser, end to end: the first admin from `npm run admin:create`, an organisation account,
// a venue placed with the map picker, an activity with two sessions, a resident's registration, and check-in
// by the camera (Chromium's fake camera plays a video of the confirmation's QR code).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, it } from 'vitest'
import { launchChromiumWithCamera, seriousAxeViolations, watchCsp } from '../helpers/browser'
import { writeQrVideo } from '../helpers/qr-video'
import type { Browser, BrowserContext, Page } from 'playwright-core'

type Portal = {
  url: () => string
  browser: () => Browser
  adminLinkPath: () => string
  /** The SMS codes the `log` provider has delivered to a phone so far. */
  codesSentTo: (phone: string) => string[]
}

const shanghaiInput = (offsetMs: number) => new Date(Date.now() + offsetMs + 8 * 3600_000).toISOString().slice(0, 16)

/** The school visit form's date select (with JavaScript): the first date that has a slot with room. */
async function chooseFirstOpenDate(page: Page, label: string) {
  const select = page.getByLabel(label)
  const value = await select.locator('option:not([disabled]):not([value=""])').first().getAttribute('value')
  await select.selectOption(value!)
  await page.locator('.slot').first().waitFor()
}

export function staffFlow(portal: Portal) {
  let staffLinkPath = ''
  let staffContext: BrowserContext
  let eventAdminUrl = ''
  let publicEventUrl = ''
  let venueAdminUrl = ''
  // Uncaught errors in any page (e.g. a server-only import used by a component): each test ends with none.
  const pageErrors: string[] = []
  const watch = (context: BrowserContext) => {
    context.on('weberror', (error) => pageErrors.push(`${error.page()?.url()}: ${error.error().message}`))
    return watchCsp(context) // and CSP violations, checked after each test by the portal suite
  }

  const setPassword = async (page: Page, linkPath: string, password: string) => {
    await page.goto(portal.url() + linkPath)
    await page.locator('input[name="password"]').fill(password)
    await page.locator('input[name="confirmPassword"]').fill(password)
    await page.getByRole('button', { name: '设置密码并登录' }).click()
    await page.waitForURL(/\/admin$/)
  }

  it('a platform admin sets a password from the admin:create link and creates an account for museum staff', async () => {
    const context = await watch(await portal.browser().newContext())
    const page = await context.newPage()
    expect((await page.goto(`${portal.url()}/admin/events`))!.url()).toContain('/admin/login?redirectTo=%2Fadmin%2Fevents')
    await setPassword(page, portal.adminLinkPath(), 'platform admin password')
    // The link works once.
    await page.goto(portal.url() + portal.adminLinkPath())
    await expect.poll(() => page.locator('h1').textContent()).toBe('链接已失效')

    await page.goto(`${portal.url()}/admin/users`)
    await page.getByLabel('姓名').fill('陈老师')
    await page.getByRole('textbox', { name: '邮箱' }).fill('chen@museum.test')
    await page.getByLabel('角色').selectOption('ORG_STAFF')
    await page.getByLabel(/所属单位/).selectOption({ label: '松江区科技馆' })
    await page.getByRole('button', { name: '创建账号' }).click()
    const link = await page.getByLabel('设置密码链接', { exact: true }).inputValue()
    expect(link).toMatch(/\/admin\/set-password\/[A-Za-z0-9_-]{20,}$/)
    staffLinkPath = new URL(link).pathname
    await expect.poll(() => page.locator('table').textContent()).toContain('陈老师chen@museum.test单位工作人员松江区科技馆待设置密码')
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.getByRole('button', { name: '退出' }).click()
    await page.waitForURL(/\/admin\/login$/)
    await context.close()
    expect(pageErrors).toEqual([])
  })

  it('staff place a venue with the map picker, then create an activity with two sessions and publish it', async () => {
    staffContext = await watch(await portal.browser().newContext({ viewport: { width: 1280, height: 1000 } }))
    await staffContext.route(/tile\.openstreetmap\.org/, (route) => route.abort()) // no tiles here, as in production behind the wall
    const page = await staffContext.newPage()
    await setPassword(page, staffLinkPath, 'museum staff password')

    await page.goto(`${portal.url()}/admin/venues/new`)
    await page.getByLabel('场馆名称').fill('松江天文科普小站')
    await page.getByLabel(/^类型/).selectOption({ label: '科普教育基地' })
    expect(await page.getByLabel('所在区').locator('option:checked').textContent()).toBe('松江区')
    // Click the map (it opens on 松江), then drag the pin a little: both fill the fields.
    const map = page.locator('.location-picker.leaflet-container') // the map, not its server-rendered stand-in
    await map.scrollIntoViewIfNeeded()
    const box = (await map.boundingBox())!
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await expect.poll(() => page.locator('.place-marker-pin').count()).toBe(1)
    const clicked = { lat: Number(await page.getByLabel('纬度').inputValue()), lng: Number(await page.getByLabel('经度').inputValue()) }
    expect(clicked.lat).toBeGreaterThan(30.9)
    expect(clicked.lat).toBeLessThan(31.1)
    const pin = (await page.locator('.place-marker-pin').boundingBox())!
    await page.mouse.move(pin.x + pin.width / 2, pin.y + pin.height / 2)
    await page.mouse.down()
    await page.mouse.move(pin.x + pin.width / 2 + 30, pin.y + pin.height / 2 - 20, { steps: 5 })
    await page.mouse.up()
    await expect.poll(async () => Number(await page.getByLabel('纬度').inputValue())).toBeGreaterThan(clicked.lat)
    expect(Number(await page.getByLabel('经度').inputValue())).toBeGreaterThan(clicked.lng)
    expect(await seriousAxeViolations(page)).toEqual([])
    // The point is in 松江; claiming 青浦 is refused by the server next to the field, and the input stays.
    await page.getByLabel('所在区').selectOption({ label: '青浦区' })
    await page.getByRole('button', { name: '保存场馆' }).click()
    await expect.poll(() => page.locator('.field-error').first().textContent()).toContain('这个位置不在青浦区内')
    expect(await page.getByLabel('场馆名称').inputValue()).toBe('松江天文科普小站')
    await page.getByLabel('所在区').selectOption({ label: '松江区' })
    await page.getByRole('button', { name: '保存场馆' }).click()
    await page.waitForURL(/\/admin\/venues\/(?!new$)[^/?]+$/)
    venueAdminUrl = page.url()
    await expect.poll(() => page.locator('.toast').textContent()).toBe('已保存。')

    await page.goto(`${portal.url()}/admin/events/new`)
    await page.getByLabel('活动名称').fill('冬夜观星：认识猎户座')
    await page.getByLabel('一句话简介').fill('带孩子用望远镜看冬季星空')
    await page.getByLabel('活动介绍').fill('天文老师讲解冬季星座，之后用望远镜观测。')
    await page.getByLabel('类别').selectOption({ label: '讲座' })
    await page.getByLabel(/^场馆/).selectOption({ label: '松江天文科普小站（松江区）' })
    await page.getByRole('button', { name: '添加问题' }).click()
    await page.getByLabel(/^问题/).fill('孩子年龄')
    await page.getByLabel('回答方式').selectOption('number')
    await page.getByLabel('必填').check()
    await page.getByRole('button', { name: '保存草稿' }).click()
    await page.waitForURL(/\/admin\/events\/(?!new$)[^/?]+$/)
    eventAdminUrl = page.url()
    // The notice comes with the flash cookie, not the URL, and shows once: gone after a reload.
    await expect.poll(() => page.locator('.toast').textContent()).toBe('草稿已保存。请添加场次，然后发布。')
    await page.reload()
    expect(await page.locator('.toast').count()).toBe(0)

    const addSession = async (startsInMs: number, capacity: number) => {
      const form = page.locator('form#new-session')
      await form.getByLabel('开始时间').fill(shanghaiInput(startsInMs))
      await form.getByLabel('结束时间').fill(shanghaiInput(startsInMs + 2 * 3600_000))
      await form.getByLabel('名额').fill(String(capacity))
      const before = await page.locator('.session-admin').count()
      await form.getByRole('button', { name: '添加场次' }).click()
      await expect.poll(() => page.locator('.session-admin').count()).toBe(before + 1)
      await expect.poll(() => page.locator('.toast').textContent()).toBe('场次已添加。')
    }
    await addSession(3600_000, 2) // in an hour: check-in is already open
    await addSession(26 * 3600_000, 30)
    expect(await page.locator('.session-admin').count()).toBe(2)
    await page.getByRole('button', { name: '发布活动' }).click()
    await expect.poll(() => page.locator('[role="status"]').textContent()).toContain('活动已发布')
    publicEventUrl = (await page.getByRole('link', { name: '查看公开页面' }).getAttribute('href'))!
    expect(await seriousAxeViolations(page)).toEqual([])
    expect(pageErrors).toEqual([])
  })

  it('a resident registers; staff see the phone masked, refuse seats below those taken, and check the person in with the camera', async () => {
    const resident = await watch(await portal.browser().newContext({ viewport: { width: 390, height: 844 } }))
    const residentPage = await resident.newPage()
    await residentPage.goto(portal.url() + publicEventUrl)
    expect(await residentPage.locator('h1').textContent()).toBe('冬夜观星：认识猎户座')
    await residentPage.locator('.session-row .button').first().click()
    await residentPage.getByLabel('联系人姓名').fill('赵女士')
    await residentPage.getByRole('textbox', { name: /手机号/ }).fill('13955556666')
    await residentPage.getByLabel('儿童人数').fill('1')
    await residentPage.getByLabel('孩子年龄').fill('9')
    await residentPage.getByLabel(/我同意主办方/).check()
    await residentPage.getByRole('button', { name: /提交报名/ }).click()
    await residentPage.waitForURL(/\/r\//)
    const code = (await residentPage.locator('.code').textContent())!.trim()
    expect(code).toMatch(/^[2-9A-Z]{8}$/)
    await resident.close()

    const page = await staffContext.newPage()
    await page.goto(eventAdminUrl)
    // Fewer seats than the two taken: refused by the server with the number, nothing saved.
    const firstSession = page.locator('.session-admin').first()
    await firstSession.getByLabel('名额').fill('1')
    await firstSession.getByRole('button', { name: '保存场次' }).click()
    await expect
      .poll(() => page.locator('.session-admin').first().locator('.field-error').textContent())
      .toContain('已有 2 个名额被占用，名额不能少于 2')
    expect(await page.locator('.session-admin').first().textContent()).toContain('名额 2 / 2 已占用')
    await page.locator('.session-admin').first().getByRole('link', { name: '报名名单' }).click()
    await page.waitForURL(/\/admin\/sessions\/[^/]+$/)
    await page.locator('h1', { hasText: '报名名单' }).waitFor() // a client-side navigation: wait for the new page
    const table = await page.locator('table').first().textContent()
    expect(table).toContain('赵女士')
    expect(table).toContain('139****6666')
    expect(table).not.toContain('13955556666')
    expect(await seriousAxeViolations(page)).toEqual([])
    const checkInUrl = page.url() + '/check-in'

    // A second phone at the door watches the figures.
    await page.goto(checkInUrl)
    await expect.poll(() => page.locator('.figures').textContent()).toContain('已签到0 人（0 份）')
    expect(await seriousAxeViolations(page)).toEqual([])

    const video = path.join(mkdtempSync(path.join(tmpdir(), 'kepu-qr-')), 'qr.y4m')
    writeQrVideo(video, code)
    const cameraBrowser = await launchChromiumWithCamera(video)
    try {
      const cameraContext = await watchCsp(await cameraBrowser.newContext())
      await cameraContext.addCookies(await staffContext.cookies())
      const camera = await cameraContext.newPage()
      const cameraLog: string[] = []
      camera.on('console', (message) => cameraLog.push(`${message.type()}: ${message.text()}`))
      camera.on('pageerror', (error) => cameraLog.push(`pageerror: ${error.message}`))
      camera.on('requestfinished', (request) => {
        if (request.method() === 'POST') cameraLog.push(`POST ${new URL(request.url()).pathname}`)
      })
      camera.on('requestfailed', (request) =>
        cameraLog.push(`failed ${request.method()} ${request.url()}: ${request.failure()?.errorText}`),
      )
      // Chromium's fake camera now and then never delivers a decodable frame on a loaded 2-core machine (seen in
      // 2 of about 10 runs, with nothing logged). Staff would reopen the page and the camera; so does the test, up
      // to three times, and if no try succeeds it fails with what each try showed.
      const tries: string[] = []
      for (let attempt = 1; attempt <= 3 && !tries.includes('ok'); attempt++) {
        await camera.goto(checkInUrl)
        await camera.getByRole('button', { name: '打开摄像头扫码' }).click()
        try {
          // A later try may find the person already checked in by an earlier one whose answer came late.
          const expected = attempt === 1 ? /^签到成功：赵女士，2 人$/ : /^签到成功：赵女士，2 人$|不重复记录/
          await expect
            .poll(
              async () =>
                (await camera
                  .locator('.check-in-result')
                  .textContent({ timeout: 1_000 })
                  .catch(() => null)) ?? '',
              { timeout: 20_000 },
            )
            .toMatch(expected)
          tries.push('ok')
        } catch {
          const state = await camera.evaluate(() => {
            const video = document.querySelector('video')
            return `button "${document.querySelector('.qr-scanner button')?.textContent}", video ${video?.readyState}/${video?.videoWidth}x${video?.videoHeight}, result "${document.querySelector('.check-in-result')?.textContent ?? ''}"`
          })
          tries.push(`try ${attempt}: ${state}; log: ${cameraLog.splice(0).join(' | ') || 'empty'}`)
        }
      }
      expect(tries.at(-1), tries.join('\n')).toBe('ok')
    } finally {
      await cameraBrowser.close()
    }
    // The other phone's figures follow within its refresh interval.
    await expect.poll(() => page.locator('.figures').textContent(), { timeout: 15_000 }).toContain('已签到2 人（1 份）')
    // Typing the same code again records nothing new.
    await page.getByLabel('报名码').fill(code.toLowerCase())
    await page.getByRole('button', { name: '签到', exact: true }).click()
    await expect.poll(() => page.locator('.check-in-result').textContent()).toContain('不重复记录')
    await page.close()
    expect(pageErrors).toEqual([])
  })

  it('staff open the venue to schools; a teacher requests a class visit, is told why too few teachers is refused, and gets a confirmation once staff approve', async () => {
    const page = await staffContext.newPage()
    await page.goto(`${venueAdminUrl}/school`)
    await page.getByLabel('每个时段最多学生数').fill('40')
    await page.getByLabel('每位老师最多带学生数').fill('10')
    await page.getByLabel('需提前预约天数').fill('1')
    for (const grade of ['三年级', '四年级', '五年级', '六年级'])
      await page.locator('form#offer').getByLabel(grade, { exact: true }).check()
    await page.getByRole('button', { name: '保存接待设置' }).click()
    await expect.poll(() => page.locator('[role="status"]').textContent()).toBe('已保存。')
    // A slot on the weekday two days from now, and a course for grades 3–6.
    const visitDay = new Date(Date.now() + 2 * 86400_000 + 8 * 3600_000)
    const weekday = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'][visitDay.getUTCDay()]
    await page.locator('form#slot').getByLabel('星期').selectOption({ label: weekday })
    await page.locator('form#slot').getByLabel('开始').fill('09:30')
    await page.locator('form#slot').getByLabel('结束').fill('11:30')
    await page.getByRole('button', { name: '添加时段' }).click()
    await expect.poll(() => page.locator('.plain-list').first().textContent()).toContain(`${weekday} 09:30–11:30`)
    const courseForm = page.locator('form#course')
    await courseForm.getByLabel('课程名称').fill('望远镜里的月亮')
    await courseForm.getByLabel('时长（分钟）').fill('90')
    for (const grade of ['三年级', '四年级', '五年级', '六年级']) await courseForm.getByLabel(grade, { exact: true }).check()
    await courseForm.getByLabel('课程内容').fill('认识月相，用望远镜观察月面。')
    await page.getByRole('button', { name: '添加课程' }).click()
    await expect.poll(() => page.locator('details.session-admin summary').first().textContent()).toContain('望远镜里的月亮')

    const teacher = await watch(await portal.browser().newContext({ viewport: { width: 390, height: 844 } }))
    const t = await teacher.newPage()
    await t.goto(`${portal.url()}/school-visits`)
    await t.getByRole('link', { name: '松江天文科普小站' }).click()
    await t.waitForURL(/\/school-visit$/)
    await t.locator('h1', { hasText: '学校团体预约：' }).waitFor()
    expect(await seriousAxeViolations(t)).toEqual([])
    await t.getByLabel(/^课程/).selectOption({ label: '望远镜里的月亮（三年级至六年级）' })
    await t.getByLabel(/^年级/).selectOption({ label: '四年级' })
    await t.getByLabel(/^学生人数/).fill('30')
    await t.getByLabel(/^带队老师人数/).fill('2')
    // A date first, then its slots (issue 18): the first date with room.
    await chooseFirstOpenDate(t, '参观日期')
    await t.locator('.slot input[type="radio"]:not([disabled])').first().check()
    expect(await t.locator('.slot').first().textContent()).toContain('剩 40 人')
    await t.getByLabel(/^学校名称/).fill('松江区第一实验小学')
    await t.getByLabel(/^带队老师姓名/).fill('周老师')
    await t.getByRole('textbox', { name: /老师手机号/ }).fill('13712345678')
    await t.getByLabel(/我同意场馆/).check()
    await t.getByRole('button', { name: '提交预约申请' }).click()
    await expect.poll(() => t.locator('.field-error').first().textContent()).toContain('30 名学生至少 3 名老师')
    expect(await t.getByLabel(/^学校名称/).inputValue()).toBe('松江区第一实验小学')
    await t.getByLabel(/^带队老师人数/).fill('3')
    await t.getByRole('button', { name: '提交预约申请' }).click()
    await t.waitForURL(/\/school-visits\/r\/[^/?]+$/)
    await expect.poll(() => t.locator('.toast').textContent()).toBe('申请已提交。请收藏本页链接：审核结果、取消和日历文件都在这里。')
    expect(await t.locator('.status').textContent()).toBe('已提交，等待场馆审核')
    const code = (await t.locator('.code').textContent())!.trim()
    expect(await seriousAxeViolations(t)).toEqual([])

    await page.goto(`${portal.url()}/admin/school-bookings`)
    const row = page.locator('tr', { hasText: '松江区第一实验小学' }).first()
    expect(await row.textContent()).toContain('137****5678')
    await row.getByLabel('给老师的留言').fill('请提前 10 分钟到达一楼大厅')
    await row.getByRole('button', { name: '批准' }).click()
    await expect.poll(() => page.locator('[role="status"]').first().textContent()).toContain('已批准')
    expect(await seriousAxeViolations(page)).toEqual([])

    await t.reload()
    expect(await t.locator('.status').textContent()).toBe('预约成功')
    expect(await t.locator('.notice').last().textContent()).toContain('请提前 10 分钟到达一楼大厅')
    const ics = await (
      await t.request.get(portal.url() + (await t.getByRole('link', { name: /加入手机日历/ }).getAttribute('href'))!)
    ).text()
    expect(ics).toContain('BEGIN:VEVENT')
    expect(ics).toContain(code)

    // The teacher's pages in English: the status page by a ?lng=en link (remembered), then the booking form.
    await t.goto(`${t.url().split('?')[0]}?lng=en`)
    expect(await t.locator('.status').textContent()).toBe('Booking confirmed')
    expect(await seriousAxeViolations(t)).toEqual([])
    await t.goto(`${portal.url()}/school-visits`)
    await t.getByRole('link', { name: '松江天文科普小站' }).click()
    await t.waitForURL(/\/school-visit$/)
    await t.locator('h1', { hasText: 'School group booking: ' }).waitFor()
    expect(await t.getByLabel(/^Number of students/).count()).toBe(1)
    await chooseFirstOpenDate(t, 'Date of the visit')
    expect(await t.locator('.slot').first().textContent()).toMatch(/places left|Fully booked/)
    expect(await seriousAxeViolations(t)).toEqual([])
    await teacher.close()
    await page.close()
    expect(pageErrors).toEqual([])
  })

  it('科普菜单: staff publish an item; a community academy orders it; staff accept with a date; the activity is on the public site', async () => {
    const page = await staffContext.newPage()
    await page.goto(`${portal.url()}/admin/menu/new`)
    await page.getByLabel(/^项目名称/).fill('会跳舞的静电')
    await page.getByLabel(/^形式/).selectOption({ label: '科学秀' })
    await page.getByLabel(/^适合人群/).fill('社区亲子家庭')
    await page.getByLabel(/^时长/).fill('60')
    await page.getByLabel(/^最少人数/).fill('10')
    await page.getByLabel(/^最多人数/).fill('100')
    await page.getByLabel(/^需提前天数/).fill('1')
    await page.getByLabel('松江区', { exact: true }).check()
    await page.getByLabel(/^项目介绍/).fill('科学老师带着起电机上门表演静电。')
    await page.getByRole('button', { name: '保存项目' }).click()
    await page.waitForURL(/\/admin\/menu\/(?!new$)[^/?]+$/)
    await expect.poll(() => page.locator('.toast').textContent()).toBe('已保存。')

    const site = await watch(await portal.browser().newContext({ viewport: { width: 390, height: 844 } }))
    await site.route(/tile\.openstreetmap\.org/, (route) => route.abort())
    const s = await site.newPage()
    await s.goto(`${portal.url()}/menu?district=songjiang`)
    expect(await seriousAxeViolations(s)).toEqual([])
    await s.getByRole('link', { name: '会跳舞的静电' }).click()
    await s.getByLabel(/^场所名称/).fill('方松街道社区书院')
    await s.getByLabel(/^场所类型/).selectOption({ label: '社区书院' })
    await s.getByLabel(/^地址/).fill('松江区方松街道某路 8 号')
    const siteMap = s.locator('.location-picker.leaflet-container') // the map, not its server-rendered stand-in
    await siteMap.scrollIntoViewIfNeeded()
    const map = (await siteMap.boundingBox())!
    await s.mouse.click(map.x + map.width / 2, map.y + map.height / 2)
    await expect.poll(async () => s.getByLabel('纬度').inputValue()).not.toBe('')
    await s
      .getByLabel(/^联系人/)
      .first()
      .fill('钱老师')
    await s.getByRole('textbox', { name: /联系人手机号/ }).fill('13698765432')
    await s.getByLabel(/^希望的日期和时间/).fill('下周六下午')
    await s.getByLabel(/^预计人数/).fill('40')
    await s.getByLabel(/我同意提供单位/).check()
    expect(await seriousAxeViolations(s)).toEqual([])
    await s.getByRole('button', { name: '提交点单' }).click()
    await s.waitForURL(/\/menu\/orders\/[^/?]+$/)
    await expect
      .poll(() => s.locator('.toast').textContent())
      .toBe('点单已提交。请收藏本页链接，或记下订单码：提供单位的回复和确定的日期都在这里。')
    expect(await s.locator('.status').textContent()).toBe('待回复')

    // Looked up later by its code and the number's last four digits (the public pipeline: a message beside the field,
    // the input kept; a wrong pair is not found; the right one shows the order with the number masked).
    const orderCode = (await s.locator('body').textContent())!.match(/M[2-9A-Z]{7}/)![0]
    const track = await site.newPage()
    await track.goto(`${portal.url()}/menu/track`)
    await track.getByLabel('订单码').fill(orderCode.toLowerCase())
    await track.getByLabel('联系人手机号后四位').fill('54')
    await track.getByRole('button', { name: '查看' }).click()
    await expect.poll(() => track.locator('.field-error').textContent()).toBe('请填写联系人手机号的后四位数字。')
    expect(await track.getByLabel('订单码').inputValue()).toBe(orderCode.toLowerCase())
    await track.getByLabel('联系人手机号后四位').fill('1111')
    await track.getByRole('button', { name: '查看' }).click()
    await expect.poll(() => track.locator('[role="alert"]').first().textContent()).toContain('没有找到：请核对订单码和手机号后四位。')
    await track.getByLabel('联系人手机号后四位').fill('5432')
    await track.getByRole('button', { name: '查看' }).click()
    await expect.poll(() => track.locator('.status').textContent()).toBe('待回复')
    expect(await track.locator('body').textContent()).toContain('136****5432')
    expect(await seriousAxeViolations(track)).toEqual([])
    await track.close()

    await page.goto(`${portal.url()}/admin/menu-orders`)
    const order = page.locator('section', { hasText: '方松街道社区书院' }).first()
    await order.getByLabel('确定时间').fill(shanghaiInput(3 * 86400_000))
    await order.getByLabel('开放报名人数').fill('40')
    await order.getByRole('button', { name: '接单并发布活动' }).click()
    await expect.poll(() => page.locator('[role="status"]').first().textContent()).toContain('活动已发布到地图')

    await s.reload()
    expect(await s.locator('.status').textContent()).toBe('已确定')
    await s.getByRole('link', { name: '活动页面' }).click()
    await s.waitForURL(/\/events\//)
    await expect.poll(() => s.locator('h1').textContent()).toBe('会跳舞的静电（方松街道社区书院）') // a client-side navigation
    expect(await s.locator('.session-row').count()).toBe(1)
    await site.close()
    await page.close()
    expect(pageErrors).toEqual([])
  })

  it('科普护照: a resident signs up, is stamped at the door of a passport venue, sees it in the passport, and deletes the account', async () => {
    const page = await staffContext.newPage()
    await page.goto(venueAdminUrl)
    await page.getByLabel('科普护照盖章点').check()
    await page.getByRole('button', { name: '保存修改' }).click()
    await expect.poll(() => page.locator('[role="status"]').first().textContent()).toBe('已保存。')

    const resident = await watch(await portal.browser().newContext({ viewport: { width: 390, height: 844 } }))
    await resident.route(/tile\.openstreetmap\.org/, (route) => route.abort())
    const r = await resident.newPage()
    // Signed out, the passport page says what it is and where it is stamped before it asks anyone to sign up.
    await r.goto(`${portal.url()}/passport`)
    await r.getByRole('heading', { name: '科普护照是什么' }).waitFor()
    await r.getByRole('link', { name: '注册科普护照' }).click()
    await r.waitForURL(/\/account\/signup$/)
    await r.waitForLoadState('networkidle') // the page's scripts have loaded and hydrated
    await r.getByRole('textbox', { name: /手机号/ }).fill('135 2222 3333')
    // Sign-up proves the number with the SMS code sent to it (decision 012).
    const codesBefore = portal.codesSentTo('13522223333').length
    await r.getByRole('button', { name: '获取验证码' }).click()
    await expect.poll(() => portal.codesSentTo('13522223333').length, { timeout: 30_000 }).toBe(codesBefore + 1)
    await r.getByLabel('短信验证码').fill(portal.codesSentTo('13522223333')[codesBefore])
    await r.locator('input[name="password"]').fill('stars at night')
    await r.locator('input[name="confirmPassword"]').fill('stars at night')
    await r.getByLabel(/我同意科普地图保存/).check()
    await r.getByRole('button', { name: '注册' }).click()
    await r.waitForURL(/\/passport$/, { timeout: 10_000 }).catch(async (error) => {
      throw new Error(`${error.message}\n${r.url()}\n${(await r.locator('main').textContent())?.slice(0, 500)}`)
    })
    await expect.poll(() => r.locator('.toast').textContent()).toBe('注册成功。登录状态下报名的活动，签到时会自动盖章。')
    const code = (await r.locator('.code').textContent())!.trim()
    expect(code).toMatch(/^P[2-9A-Z]{7}$/)
    expect(await seriousAxeViolations(r)).toEqual([])

    await page.goto(`${portal.url()}/admin/passport`)
    await page.getByLabel('盖章点').selectOption({ label: '松江天文科普小站' })
    await page.getByLabel('护照码').fill(code)
    await page.getByRole('button', { name: '盖章', exact: true }).click()
    await expect.poll(() => page.locator('.check-in-result').textContent()).toBe('已盖章：松江天文科普小站')
    await page.getByLabel('护照码').fill(code)
    await page.getByRole('button', { name: '盖章', exact: true }).click()
    await expect.poll(() => page.locator('.check-in-result').textContent()).toContain('每个场馆每天一次')

    await r.reload()
    expect(await r.locator('h2').first().textContent()).toBe('已盖章（1 个场馆，1 次）')
    expect(await r.locator('.venue-list').first().textContent()).toContain('松江天文科普小站（到馆盖章）')
    await r.getByRole('link', { name: '我的账号与信息' }).click()
    expect(await seriousAxeViolations(r)).toEqual([])
    await r.getByLabel('输入“注销”以确认').fill('注销')
    await r.getByRole('button', { name: '注销账号并删除我的信息' }).click()
    await r.waitForURL(`${portal.url()}/`)
    await expect.poll(() => r.locator('.toast').textContent()).toBe('账号已注销，你的信息已删除。')
    // Signed out again: the passport page explains itself, with no stamps of anyone's.
    await r.goto(`${portal.url()}/passport`)
    await r.getByRole('heading', { name: '科普护照是什么' }).waitFor()
    expect(await r.locator('main').textContent()).not.toContain('已盖章')
    await resident.close()
    await page.close()
    expect(pageErrors).toEqual([])
  })

  it("a district admin sets 松江's fair-booking rule; the event page and the form state it, and a place over it is refused next to the phone with the day it lifts", async () => {
    const admin = await watch(await portal.browser().newContext())
    const page = await admin.newPage()
    await page.goto(`${portal.url()}/admin/login`)
    await page.getByLabel(/^邮箱/).fill('admin@kepu.test')
    await page.getByLabel(/^密码/).fill('platform admin password')
    await page.getByRole('button', { name: '登录' }).click()
    await page.waitForURL(/\/admin$/)
    await page.goto(`${portal.url()}/admin/users`)
    await page.getByLabel('姓名').fill('松江区管理员')
    await page.getByRole('textbox', { name: '邮箱' }).fill('sj-admin@district.test')
    await page.getByLabel('角色').selectOption('DISTRICT_ADMIN')
    await page.getByLabel(/所在区/).selectOption({ label: '松江区' })
    await page.getByRole('button', { name: '创建账号' }).click()
    const link = new URL(await page.getByLabel('设置密码链接', { exact: true }).inputValue()).pathname
    await admin.close()

    const district = await watch(await portal.browser().newContext({ viewport: { width: 1280, height: 1000 } }))
    const d = await district.newPage()
    await setPassword(d, link, 'district admin password')
    await d.getByRole('navigation', { name: '工作人员导航' }).getByRole('link', { name: '公平预约' }).click()
    await d.waitForURL(/\/admin\/fair-booking$/)
    await expect.poll(() => d.locator('h1').textContent()).toBe('公平预约：松江区')
    expect(await d.locator('#fair-district').count()).toBe(0) // a district admin has only their own
    // Half a rule is refused next to the missing number; the input stays.
    await d.getByLabel('最多有效预约数 N').fill('1')
    await d.getByRole('button', { name: '保存规则' }).click()
    await expect
      .poll(() => d.locator('.field-error').allTextContents())
      .toContain('要启用这条规则，请同时填写天数（或清空这一条的全部数字来关闭它）')
    expect(await d.getByLabel('最多有效预约数 N').inputValue()).toBe('1')
    // Each press of 保存规则 posts the form and the page shows the rule now in force, without reloading in between.
    const saveRule = async (summary: string) => {
      const [saved] = await Promise.all([
        d.waitForResponse((response) => response.request().method() === 'POST', { timeout: 5000 }),
        d.getByRole('button', { name: '保存规则' }).click(),
      ])
      // Saved: back to the page (Remix's redirect for a script's post) with the notice.
      expect(saved.status(), await d.locator('main').innerText()).toBe(204)
      expect(saved.headers()['x-remix-redirect']).toMatch(/^\/admin\/fair-booking/)
      await expect.poll(() => d.locator('.notice-ok').textContent()).toContain('规则已保存')
      await expect.poll(() => d.locator('#rule-heading + p').textContent()).toContain(summary)
    }
    await d.getByLabel('天数 D').fill('60')
    await saveRule('现在：每个手机号 60 天内最多 1 个有效预约；不限制爽约。')
    // A change saved in the same visit: D shortened and the no-show part switched on.
    await d.getByLabel('天数 D').fill('30')
    await d.getByLabel('爽约次数 K').fill('3')
    await d.getByLabel('统计天数 M').fill('30')
    await d.getByLabel('限制天数 X').fill('7')
    await saveRule('现在：每个手机号 30 天内最多 1 个有效预约；30 天内爽约 3 次后 7 天内不能报名。')
    expect(await seriousAxeViolations(d)).toEqual([])

    const resident = await watch(await portal.browser().newContext({ viewport: { width: 390, height: 844 } }))
    const r = await resident.newPage()
    await r.goto(portal.url() + publicEventUrl)
    const rule = '本区每个手机号 30 天内最多 1 个有效预约（已确认或候补中）。'
    expect(await r.locator('.fair-booking-note').textContent()).toContain(rule)
    const register = async (row: number) => {
      await r.goto(portal.url() + publicEventUrl)
      await r.locator('.session-row .button').nth(row).click()
      await r.waitForURL(/\/register$/)
      expect(await r.locator('.fair-booking-note').textContent()).toContain(rule) // stated before submitting
      await r.getByLabel('联系人姓名').fill('钱先生')
      await r.getByRole('textbox', { name: /手机号/ }).fill('13812342222')
      await r.getByLabel('孩子年龄').fill('8')
      await r.getByLabel(/我同意主办方/).check()
      await r.getByRole('button', { name: /提交报名|加入候补/ }).click()
    }
    await register(1)
    await r.waitForURL(/\/r\//)
    await register(0)
    await expect
      .poll(() => r.locator('.field-error').allTextContents())
      .toEqual([
        expect.stringMatching(
          /^本区每个手机号 30 天内最多 1 个有效预约（已确认或候补中），这个号码已达到上限。最早 \d{4}-\d{2}-\d{2} 已报名的活动结束后可再预约/,
        ),
      ])
    expect(await r.getByLabel('联系人姓名').inputValue()).toBe('钱先生')
    expect(await r.getByRole('textbox', { name: /手机号/ }).inputValue()).toBe('13812342222')
    expect(await seriousAxeViolations(r)).toEqual([])
    // In English too.
    await r.goto(`${r.url()}?lng=en`)
    expect(await r.locator('.fair-booking-note').textContent()).toContain(
      'Each mobile number may hold at most 1 active places (confirmed or waitlisted) in this district in 30 days.',
    )
    await resident.close()

    // Staff look the number up (shown masked), then switch the rule off again (the tests that follow need it off).
    await d.getByRole('textbox', { name: '手机号', exact: true }).fill('13812342222')
    await d.getByRole('button', { name: '查询爽约记录' }).click()
    await expect.poll(() => d.locator('.notice[role="status"]').textContent()).toContain('138****2222：没有因爽约被限制。')
    // Emptying every number switches the rule off: the page says so, and the public pages no longer state a rule.
    for (const label of ['最多有效预约数 N', '天数 D', '爽约次数 K', '统计天数 M', '限制天数 X']) await d.getByLabel(label).fill('')
    await saveRule('现在：预约数不限；不限制爽约。')
    await d.reload()
    expect(await d.locator('#rule-heading + p').textContent()).toContain('现在：预约数不限；不限制爽约。')
    const after = await watch(await portal.browser().newContext({ viewport: { width: 390, height: 844 } }))
    const a = await after.newPage()
    await a.goto(portal.url() + publicEventUrl)
    await expect.poll(() => a.locator('.session-row').count()).toBeGreaterThan(0)
    expect(await a.locator('.fair-booking-note').count()).toBe(0)
    await a.locator('.session-row .button').nth(0).click()
    await a.waitForURL(/\/register$/)
    await expect.poll(() => a.getByLabel('联系人姓名').count()).toBe(1)
    expect(await a.locator('.fair-booking-note').count()).toBe(0)
    await after.close()
    await district.close()
    expect(pageErrors).toEqual([])
  })

  it('every staff and public page opens without a browser error and without serious accessibility issues', async () => {
    const admin = await watch(await portal.browser().newContext({ viewport: { width: 1280, height: 900 } }))
    await admin.route(/tile\.openstreetmap\.org/, (route) => route.abort())
    const page = await admin.newPage()
    await page.goto(`${portal.url()}/admin/login`)
    await page.getByLabel(/^邮箱/).fill('admin@kepu.test')
    await page.getByLabel(/^密码/).fill('platform admin password')
    await page.getByRole('button', { name: '登录' }).click()
    await page.waitForURL(/\/admin$/)
    const venueId = venueAdminUrl.split('/').pop()!
    const paths = [
      '/admin',
      '/admin/events',
      '/admin/events/new',
      eventAdminUrl.replace(portal.url(), ''),
      '/admin/venues',
      '/admin/venues/new',
      `/admin/venues/${venueId}`,
      `/admin/venues/${venueId}/school`,
      '/admin/school-bookings',
      '/admin/menu',
      '/admin/menu/new',
      '/admin/menu-orders',
      '/admin/passport',
      '/admin/users',
      '/admin/dashboard',
      '/admin/audit',
      '/admin/password',
      '/school-visits',
      '/menu',
      '/menu/track',
      '/account/login',
      '/account/signup',
      '/venues',
    ]
    for (const path of paths) {
      const response = await page.goto(portal.url() + path)
      expect(response?.status(), path).toBe(200)
      await page.waitForLoadState('networkidle')
      expect(await seriousAxeViolations(page), path).toEqual([])
    }
    // An admin page that is not there: the error page says so and keeps the staff navigation.
    const missing = await page.goto(`${portal.url()}/admin/events/no-such-event`)
    expect(missing?.status()).toBe(404)
    expect(await page.locator('.error-page h1').textContent()).toBe('找不到这个页面')
    expect(await page.getByRole('navigation', { name: '工作人员导航' }).count()).toBe(1)
    expect(await seriousAxeViolations(page)).toEqual([])
    await admin.close()
    expect(pageErrors).toEqual([])
  })
}
