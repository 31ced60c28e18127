// 申请入驻 end to end (issue 27, decision 040), in headless Chromium against the built server on a fresh PostgreSQL
// database with the staff world and the `log` message provider: from the public venue list a new organisation opens
// the join form on a phone (360 px), asks for an SMS code (read from the message log), a name too short is refused
// next to its field with everything typed kept, corrected, sent; 青浦's admin gets 404 for the request (page and
// post); 松江's admin sees it with the phone masked and approves it; the set-password link e-mailed to the contact
// works; the new staff member signs in and opens the existing 申报 form for the new venue, and saves a draft. The
// same form in English. axe on every page.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { seriousAxeViolations } from '../helpers/browser'
import { DESKTOP, PHONE, signInStaff, STAFF_PASSWORD, staffWorldPortal } from '../helpers/portal'
import type { Page } from 'playwright-core'

const messageLog = path.join(mkdtempSync(path.join(tmpdir(), 'kepu-e2e-join-')), 'messages.jsonl')
type LogLine = { channel: string; to: string; template: string; params: Record<string, string> }
const logged = (): LogLine[] =>
  existsSync(messageLog)
    ? readFileSync(messageLog, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as LogLine)
    : []

const portal = staffWorldPortal({
  prepare: async () => {},
  serverEnv: { MESSAGE_LOG: messageLog, MESSAGE_RELAY_INTERVAL_MS: '200', MESSAGE_POLL_INTERVAL_MS: '200' },
})

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
const phone = '13911112222'

describe('申请入驻', () => {
  it('a new organisation asks to join with a proven phone; the district approves; its contact sets a password and opens the 申报 form', async () => {
    // From the public venue list (where the base levels are filtered), on a phone.
    const visitor = await portal.newPage({ viewport: PHONE })
    await visitor.goto(`${portal.url}/venues`)
    await visitor.getByRole('link', { name: '还不是平台单位？申请入驻' }).click()
    await visitor.waitForURL(/\/bases\/join$/)
    expect(await seriousAxeViolations(visitor)).toEqual([])
    expect(await noSidewaysScroll(visitor)).toBe(true)

    await visitor.getByLabel('单位名称').fill('星空')
    await visitor.getByLabel('单位类型').selectOption({ label: '科技馆 / 博物馆' })
    await visitor.getByLabel('所在区', { exact: true }).selectOption({ label: '松江区' })
    await visitor.getByLabel('场馆名称').fill('星空天文馆')
    await visitor.getByLabel('场馆地址').fill('松江区广富林路 100 号')
    await visitor.getByLabel('联系人姓名').fill('陈老师')
    await visitor.getByLabel('联系人电子邮箱').fill('chen@xingkong.test')
    await visitor.getByLabel('联系人手机号').fill(phone)
    await visitor.getByLabel('单位简介').fill('我们面向中小学生开展天文观测与科普讲座，每月举办两次公众观星活动。')
    await visitor.getByLabel(/我同意所在区的管理员/).check()
    await visitor.getByRole('button', { name: '获取验证码' }).click()
    await expect.poll(() => visitor.getByRole('status').filter({ hasText: '139****2222' }).count()).toBe(1)
    await expect
      .poll(() => logged().filter((l) => l.channel === 'SMS' && l.to === phone && l.template === 'phone.code').length, { timeout: 30_000 })
      .toBe(1)
    const code = logged().find((l) => l.to === phone && l.template === 'phone.code')!.params.code
    // Everything typed came back with the page.
    expect(await visitor.getByLabel('场馆名称').inputValue()).toBe('星空天文馆')
    await visitor.getByLabel('验证码').fill(code)
    await visitor.getByRole('button', { name: '提交入驻申请' }).click()
    // The name is too short: said next to it; nothing else lost; nothing stored.
    await expect.poll(() => visitor.locator('.field-error').first().textContent()).toContain('单位名称请至少写 4 个字')
    expect(await visitor.getByLabel('单位名称').getAttribute('aria-invalid')).toBe('true')
    expect(await visitor.getByLabel('场馆地址').inputValue()).toBe('松江区广富林路 100 号')
    expect(await visitor.getByLabel('单位简介').inputValue()).toContain('公众观星活动')
    expect(await visitor.getByLabel('验证码').inputValue()).toBe(code)
    expect(await portal.db.prisma.organisationJoinRequest.count()).toBe(0)
    expect(await seriousAxeViolations(visitor)).toEqual([])
    expect(await noSidewaysScroll(visitor)).toBe(true)
    // The server says the same to a post the browser did not check (400, nothing stored).
    const shortPost = await visitor.evaluate(async () => {
      const form = document.querySelector('form#join') as HTMLFormElement
      const body = new URLSearchParams(new FormData(form) as unknown as Record<string, string>)
      body.set('intent', 'join')
      const answer = await fetch(window.location.pathname, { method: 'POST', body, headers: { Accept: 'application/json' } })
      return answer.status
    })
    expect(shortPost).toBe(400)
    expect(await portal.db.prisma.organisationJoinRequest.count()).toBe(0)

    await visitor.getByLabel('单位名称').fill('松江星空科普中心')
    await visitor.getByRole('button', { name: '提交入驻申请' }).click()
    await visitor.waitForURL(/\/venues$/)
    await expect.poll(() => visitor.getByRole('status').filter({ hasText: '入驻申请已提交' }).count()).toBe(1)
    expect(await seriousAxeViolations(visitor)).toEqual([])
    const joinRequest = await portal.db.prisma.organisationJoinRequest.findFirstOrThrow()
    expect(joinRequest).toMatchObject({
      organisationName: '松江星空科普中心',
      kind: 'MUSEUM',
      phone,
      status: 'PENDING',
      districtId: portal.world.sj.id,
    })
    const requestUrl = `${portal.url}/admin/bases/join-requests/${joinRequest.id}`

    // 青浦's admin: 404 for the page and for a post.
    const stranger = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, stranger, portal.world.users.otherDistrictAdmin.email, STAFF_PASSWORD)
    expect((await stranger.goto(requestUrl))?.status()).toBe(404)
    await stranger.goto(`${portal.url}/admin/bases/join-requests`)
    expect(await stranger.locator('main').innerText()).not.toContain('松江星空科普中心')
    const strangerPost = await stranger.evaluate(async (url) => {
      const csrf = (document.querySelector('input[name="csrf"]') as HTMLInputElement | null)?.value ?? ''
      const answer = await fetch(url, {
        method: 'POST',
        body: new URLSearchParams({ csrf, intent: 'approve' }),
        headers: { Accept: 'application/json' },
      })
      return answer.status
    }, requestUrl)
    expect(strangerPost).toBe(404)
    expect(await portal.db.prisma.organisationJoinRequest.findUniqueOrThrow({ where: { id: joinRequest.id } })).toMatchObject({
      status: 'PENDING',
    })

    // 松江's admin: from 科普基地 to the list (phone masked), opens the request and approves it.
    const admin = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, admin, portal.world.users.districtAdmin.email, STAFF_PASSWORD)
    await admin.goto(`${portal.url}/admin/bases`)
    await admin.getByRole('link', { name: '入驻申请' }).click()
    await admin.waitForURL(/\/admin\/bases\/join-requests$/)
    await expect.poll(() => admin.locator('h1').textContent()).toBe('入驻申请')
    const list = await admin.locator('table').innerText()
    expect(list).toContain('松江星空科普中心')
    expect(list).toContain('139****2222')
    expect(list).not.toContain(phone)
    expect(await seriousAxeViolations(admin)).toEqual([])
    await admin.getByRole('link', { name: '松江星空科普中心' }).click()
    await admin.waitForURL(requestUrl)
    await expect.poll(() => admin.getByTestId('join-status').textContent()).toContain('待审核')
    expect(await admin.locator('main').innerText()).not.toContain(phone)
    expect(await seriousAxeViolations(admin)).toEqual([])
    // The full number, to call the contact before deciding, on purpose and logged.
    await admin.getByRole('button', { name: '显示完整号码（139****2222）' }).click()
    await expect.poll(() => admin.getByRole('link', { name: phone }).count()).toBe(1)
    expect(await portal.db.prisma.auditEntry.count({ where: { action: 'org_join.reveal_phone', entityId: joinRequest.id } })).toBe(1)
    // A decline without a reason is refused next to its box.
    await admin.getByRole('button', { name: '不予通过' }).click()
    await expect.poll(() => admin.locator('.field-error').first().textContent()).toContain('请写明不予通过的理由')
    await admin.getByRole('button', { name: '通过并开通账号' }).click()
    await expect.poll(() => admin.getByTestId('join-status').textContent()).toContain('已通过')
    const shownLink = await admin.getByLabel('设置密码链接', { exact: true }).inputValue()
    expect(shownLink).toMatch(/\/admin\/set-password\/[A-Za-z0-9_-]{20,}$/)
    expect(await admin.getByTestId('join-history').innerText()).toContain('通过「松江星空科普中心」的入驻申请')
    expect(await seriousAxeViolations(admin)).toEqual([])
    // Pressing again (a stale page, a crafted post) is refused and makes nothing.
    const again = await admin.evaluate(async () => {
      const csrf = (document.querySelector('input[name="csrf"]') as HTMLInputElement).value
      const answer = await fetch(window.location.pathname, {
        method: 'POST',
        body: new URLSearchParams({ csrf, intent: 'approve' }),
        headers: { Accept: 'application/json' },
      })
      return answer.status
    })
    expect(again).toBe(409)
    expect(await portal.db.prisma.organisation.count({ where: { name: '松江星空科普中心' } })).toBe(1)

    // The contact is told by SMS, and the set-password link comes by e-mail.
    await expect
      .poll(
        () =>
          logged().filter(
            (l) =>
              (l.to === phone && l.template === 'org-join.approved') ||
              (l.to === 'chen@xingkong.test' && l.template === 'staff.set-password'),
          ).length,
        {
          timeout: 30_000,
        },
      )
      .toBe(2)
    const mailedLink = logged().find((l) => l.template === 'staff.set-password' && l.to === 'chen@xingkong.test')!.params.link
    expect(new URL(mailedLink).pathname).toBe(new URL(shownLink).pathname)

    // The new staff member sets a password with the link, signs in and opens the 申报 form for the new venue.
    const member = await portal.newPage({ viewport: PHONE })
    await member.goto(`${portal.url}${new URL(mailedLink).pathname}`)
    await expect.poll(() => member.locator('h1').textContent()).toBe('设置密码')
    expect(await seriousAxeViolations(member)).toEqual([])
    await member.locator('input[name="password"]').fill('star gazing every night')
    await member.locator('input[name="confirmPassword"]').fill('star gazing every night')
    await member.getByRole('button', { name: '设置密码并登录' }).click()
    await member.waitForURL(/\/admin$/)
    // And signs in with it on another device.
    const signedIn = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, signedIn, 'chen@xingkong.test', 'star gazing every night')
    expect(await seriousAxeViolations(signedIn)).toEqual([])
    await member.goto(`${portal.url}/admin/bases/applications`)
    expect(await seriousAxeViolations(member)).toEqual([])
    await member.getByLabel('场馆').selectOption({ label: '星空天文馆' })
    await member.getByLabel('申报级别').selectOption({ label: '区级科普基地' })
    await member.getByLabel('基本情况').fill('本馆面积 800 平方米，设天文展厅与观测台，每月举办两次公众观星和中小学天文课。')
    await member.getByRole('button', { name: '保存草稿' }).click()
    await member.waitForURL(/\/admin\/bases\/applications\/[a-z0-9]+$/)
    await expect.poll(() => member.getByTestId('application-status').textContent()).toContain('草稿')
    expect(await seriousAxeViolations(member)).toEqual([])
    expect(await noSidewaysScroll(member)).toBe(true)
    const venue = await portal.db.prisma.venue.findFirstOrThrow({ where: { name: '星空天文馆' } })
    expect(venue).toMatchObject({ openToPublic: false })
    expect(await portal.db.prisma.baseApplication.count({ where: { venueId: venue.id, status: 'DRAFT' } })).toBe(1)
    // Not on the public list until it is opened.
    await visitor.goto(`${portal.url}/venues?q=${encodeURIComponent('星空天文馆')}`)
    expect(await visitor.locator('.venue-list li').count()).toBe(0)
  })

  it('the form in English, on a phone, with its refusals in English', async () => {
    const english = await portal.newPage({ english: true })
    await english.goto(`${portal.url}/bases/join`)
    await expect.poll(() => english.locator('h1').textContent()).toBe('Ask to join as an organisation')
    await english.getByLabel('Organisation name').fill('Ab')
    await english.getByLabel('Contact e-mail').fill('not an e-mail')
    await english.getByRole('button', { name: 'Send the request' }).click()
    await expect.poll(() => english.locator('main').innerText()).toContain('The organisation name needs at least 4 characters')
    expect(await english.locator('main').innerText()).toContain('Enter a valid e-mail address')
    expect(await english.getByLabel('Contact e-mail').inputValue()).toBe('not an e-mail')
    expect(await noSidewaysScroll(english)).toBe(true)
    expect(await seriousAxeViolations(english)).toEqual([])
  })
})
