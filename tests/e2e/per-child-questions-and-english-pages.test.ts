// The last first-use items of issue 18 (decision 020), in headless Chromium against the built server on a fresh
// seeded PostgreSQL database, with every map tile blocked as on this network: a question asked once per child (with
// and without JavaScript, and in the staff list and export), English 街镇 names and map attribution with no Chinese
// interface text left on the main English pages, and a registration form whose messages never move the submit
// button between the press and the release of a click. axe on every page.
import { hash } from '@node-rs/argon2'
import { describe, expect, it } from 'vitest'
import { seriousAxeViolations } from '../helpers/browser'
import { query, seededPostgres, portalFixture } from '../helpers/portal'
import type { Page } from 'playwright-core'

const HAN = /\p{Script=Han}/u
const PASSWORD = 'leftovers password'
// A seeded activity whose 孩子年龄 is asked per child; its venue is in 中山街道 (松江区).
const EVENT = 'sj-dr-pang-science-show'
const VENUE = 'songjiang-science-museum'

describe('per-child questions, English 街镇 and map text, steady form messages', () => {
  let databaseUrl = ''
  let registerPath = ''
  let sessionId = ''
  let sheshanTown = ''
  /** Every string people wrote into the data (titles, venue names, addresses, questions …), longest first. */
  let userData: string[] = []
  let chineseTownNames: string[] = []

  const portal = portalFixture({
    database: seededPostgres(async (sql, url) => {
      databaseUrl = url
      const [session] = await sql<{ id: string }>(
        `SELECT s.id FROM "EventSession" s JOIN "Event" e ON e.id = s."eventId"
         WHERE e.slug = $1 AND s."startsAt" > now() AND s.capacity - s."seatsTaken" >= 10 ORDER BY s."startsAt" LIMIT 1`,
        [EVENT],
      )
      sessionId = session.id
      registerPath = `/sessions/${session.id}/register`
      sheshanTown = (await sql<{ id: string }>(`SELECT id FROM "Town" WHERE name = '佘山镇'`))[0].id
      chineseTownNames = (await sql<{ name: string }>(`SELECT name FROM "Town"`)).map((t) => t.name)
      // User data may stay Chinese on English pages, except a 街镇's name (it has an English one), even where a venue's
      // address is only that name (addresses are skipped as a whole below).
      const strings = new Set<string>()
      const collect = (value: unknown): void => {
        if (typeof value === 'string') strings.add(value)
        else if (Array.isArray(value)) value.forEach(collect)
        else if (value && typeof value === 'object') Object.values(value).forEach(collect)
      }
      for (const table of [
        'Event',
        'Venue',
        'Organisation',
        'ProgrammeBrand',
        'MenuItem',
        'SchoolOffer',
        'StudyCourse',
        'PassportProgramme',
      ])
        collect((await sql<{ row: unknown }>(`SELECT row_to_json(t) AS row FROM "${table}" t`)).map((r) => r.row))
      userData = [...strings].filter((s) => HAN.test(s) && !chineseTownNames.includes(s)).sort((a, b) => b.length - a.length)
      await sql(
        `INSERT INTO "User" (id, email, name, "passwordHash", role, "updatedAt") VALUES ('leftovers-admin', 'admin@kepu.test', '管理员', $1, 'PLATFORM_ADMIN', now())`,
        [await hash(PASSWORD)],
      )
    }),
    pages: { viewport: { width: 390, height: 844 } },
  })
  const newPage = portal.newPage

  const submit = (page: Page) => page.getByRole('button', { name: /提交报名|加入候补|^Register$|Join the waiting list/ })
  const childInputs = (page: Page) => page.getByLabel(/第 \d 个孩子：孩子年龄/)

  describe('a question asked once per child', () => {
    it('is asked for each child the form counts, not at all with no child, and works without JavaScript', async () => {
      const page = await newPage({ javaScriptEnabled: false })
      await page.goto(portal.url + registerPath)
      expect(await page.getByLabel(/孩子年龄/).count()).toBe(0) // children = 0: not asked, though required
      await page.getByLabel('联系人姓名').fill('周女士')
      await page.getByRole('textbox', { name: /手机号/ }).fill('13811110001')
      await page.getByLabel('儿童人数').fill('2')
      await page.getByLabel(/我同意主办方/).check()
      // Without JavaScript the server draws an input per child with the answer, each with its message.
      await submit(page).click()
      await expect.poll(() => childInputs(page).count()).toBe(2)
      expect(await page.locator('.field-error').allTextContents()).toEqual(['请填写“孩子年龄”', '请填写“孩子年龄”'])
      expect(await page.getByLabel('联系人姓名').inputValue()).toBe('周女士')
      await page.getByLabel('第 1 个孩子：孩子年龄').fill('5')
      await page.getByLabel('第 2 个孩子：孩子年龄').fill('9')
      await submit(page).click()
      await page.waitForURL(/\/r\/[A-Za-z0-9_-]+\?new=1$/)
      expect(await page.locator('.facts').innerText()).toMatch(/孩子年龄\s+5、9/)
      await page.context().close()

      // With JavaScript the inputs follow the count as it is typed; none with no child, and no answer needed then.
      const withScript = await newPage()
      await withScript.goto(portal.url + registerPath)
      await withScript.getByLabel('联系人姓名').fill('吴先生')
      await withScript.getByRole('textbox', { name: /手机号/ }).fill('13811110002')
      await withScript.getByLabel('儿童人数').fill('3')
      await expect.poll(() => childInputs(withScript).count()).toBe(3)
      // Sent empty: each child's message comes with the others at once, not after they are put right.
      await submit(withScript).click()
      await expect
        .poll(() => withScript.locator('.field-error').allTextContents())
        .toEqual(['请填写“孩子年龄”', '请填写“孩子年龄”', '请填写“孩子年龄”', '请阅读并同意个人信息的使用说明'])
      expect(await seriousAxeViolations(withScript)).toEqual([])
      await withScript.getByLabel('儿童人数').fill('0')
      await expect.poll(() => childInputs(withScript).count()).toBe(0)
      await withScript.getByLabel(/我同意主办方/).check()
      await submit(withScript).click()
      await withScript.waitForURL(/\/r\/[A-Za-z0-9_-]+\?new=1$/)
      expect(await withScript.locator('.facts').innerText()).not.toContain('孩子年龄')
      expect(await seriousAxeViolations(withScript)).toEqual([])
      await withScript.context().close()

      const stored = await query(databaseUrl, `SELECT phone, answers FROM "Registration" WHERE phone LIKE '1381111000%' ORDER BY phone`)
      expect(stored).toEqual([
        { phone: '13811110001', answers: { childAge: [5, 9] } },
        { phone: '13811110002', answers: {} },
      ])
    })

    it("shows staff each child's answer in the registration list and the export, and lets them mark a question per child", async () => {
      const page = await newPage({ viewport: { width: 1280, height: 900 } })
      await page.goto(`${portal.url}/admin/login`)
      await page.getByLabel('邮箱').fill('admin@kepu.test')
      await page.getByLabel('密码').fill(PASSWORD)
      await page.getByRole('button', { name: '登录' }).click()
      await page.waitForURL(/\/admin$/)
      await page.goto(`${portal.url}/admin/sessions/${sessionId}`)
      const row = page.locator('tr', { hasText: '周女士' })
      expect(await row.locator('td').nth(4).innerText()).toBe('孩子年龄：5、9')
      expect(await seriousAxeViolations(page)).toEqual([])
      const csv = await (await page.request.get(`${portal.url}/admin/sessions/${sessionId}/export.csv`)).text()
      const [header, ...lines] = csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/)
      const column = header.split(',').indexOf('孩子年龄')
      expect(column).toBeGreaterThan(0)
      expect(lines.find((line) => line.includes('周女士'))?.split(',')[column]).toBe('5、9')

      const eventId = (await query<{ id: string }>(databaseUrl, `SELECT id FROM "Event" WHERE slug = $1`, [EVENT]))[0].id
      await page.goto(`${portal.url}/admin/events/${eventId}`)
      expect(await page.getByLabel(/每个孩子分别回答/).isChecked()).toBe(true)
      await page.context().close()
    })
  })

  describe('English pages', () => {
    /** Han characters outside what people wrote into the data and outside elements marked as Chinese (the switch). */
    async function chineseInterfaceText(page: Page): Promise<string[]> {
      const texts = await page.evaluate(() => {
        const out: string[] = [document.title]
        const skip = (el: Element | null) => Boolean(el?.closest('script, style, [lang^="zh"], .address'))
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!skip(node.parentElement)) out.push(node.textContent ?? '')
        for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]'))
          if (!skip(el)) for (const name of ['aria-label', 'title', 'placeholder', 'alt']) out.push(el.getAttribute(name) ?? '')
        return out
      })
      return texts
        .filter((text) => HAN.test(text))
        .map((text) => userData.reduce((rest, data) => (rest.includes(data) ? rest.replaceAll(data, ' ') : rest), text).trim())
        .filter((text) => HAN.test(text))
    }

    const optionTexts = (page: Page, selector: string) =>
      page.locator(selector).evaluateAll((options) => options.map((o) => (o.textContent ?? '').trim()))

    it('name every 街镇 in English, attribute the map in English, and show no Chinese interface text', async () => {
      const page = await newPage({ english: true })
      const visit = async (path: string, ready: () => Promise<unknown>) => {
        await page.goto(portal.url + path)
        await ready()
        expect(await page.evaluate(() => document.documentElement.lang), path).toBe('en')
        expect(await chineseInterfaceText(page), path).toEqual([])
        expect(await seriousAxeViolations(page), path).toEqual([])
      }
      const attribution = () => page.locator('.leaflet-control-attribution').first()
      const mapReady = () => expect.poll(() => attribution().count(), { timeout: 15_000 }).toBe(1)

      await visit('/', mapReady)
      expect(await attribution().innerText()).toContain('OpenStreetMap contributors')
      // The 街镇 filter: every option in English (镇 Town, 街道 Subdistrict), grouped under English district names.
      const towns = await optionTexts(page, 'select[name="town"] option:not([value=""])')
      expect(towns.length).toBeGreaterThanOrEqual(42)
      expect(towns.filter((town) => HAN.test(town))).toEqual([])
      expect(towns).toEqual(expect.arrayContaining(['Sheshan Town', 'Yueyang Subdistrict', 'Jiangchuan Road Subdistrict']))
      expect(
        await page.locator('select[name="town"] optgroup').evaluateAll((groups) => groups.map((g) => g.getAttribute('label'))),
      ).toEqual(expect.arrayContaining(['Songjiang', 'Qingpu', 'Minhang']))

      await visit(`/?nearTown=${sheshanTown}`, mapReady)
      expect(await page.title()).toContain('Sheshan Town, Songjiang')

      await visit('/venues', mapReady)
      expect(await attribution().innerText()).toContain('OpenStreetMap contributors')
      expect(await page.locator('.meta', { hasText: 'Zhongshan Subdistrict' }).count()).toBeGreaterThan(0)

      await visit(`/events/${EVENT}`, mapReady)
      expect(await page.locator('p.meta').first().innerText()).toContain('Zhongshan Subdistrict')
      expect(await page.getByRole('link', { name: /Open in AMap/ }).count()).toBe(1)

      await visit(`/venues/${VENUE}`, mapReady)
      expect(await page.getByRole('link', { name: 'Other activities within 15 minutes walking of Zhongshan Subdistrict' }).count()).toBe(1)
      expect(await page.locator('meta[name="description"]').getAttribute('content')).toContain('Zhongshan Subdistrict, Songjiang')

      await visit('/menu', () => page.locator('h1').waitFor())
      const districts = await optionTexts(page, '#menu-district option')
      expect(districts.filter((d) => HAN.test(d))).toEqual([])
      expect(districts).toEqual(expect.arrayContaining(['Songjiang', 'Qingpu', 'Minhang']))

      await visit('/school-visits', mapReady)
      await visit(registerPath, () => page.locator('h1').waitFor())
      await page.getByRole('spinbutton', { name: 'Children' }).fill('1')
      await expect.poll(() => page.getByLabel('Child 1: 孩子年龄').count()).toBe(1)
      expect(await chineseInterfaceText(page)).toEqual([])
      await visit('/r/find', () => page.locator('h1').waitFor())
      await page.context().close()
    })

    it('find an activity by the English name of its 街镇', async () => {
      const page = await newPage({ english: true })
      await page.goto(`${portal.url}/?q=${encodeURIComponent('Zhongshan Subdistrict')}`)
      await expect.poll(() => page.locator('.session-list .card-title').allTextContents()).toContain('胖博士科普秀：会跳舞的静电')
      await page.context().close()
    })
  })

  describe('the registration form', () => {
    /** Presses the mouse on the submit button, then releases it where the button is then; true if it stayed put. */
    async function clickSubmit(page: Page): Promise<boolean> {
      const button = submit(page)
      await button.scrollIntoViewIfNeeded()
      const before = (await button.boundingBox())!
      await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2)
      await page.mouse.down() // this blurs the field being typed in
      await page.waitForTimeout(200) // a person's press lasts about this long
      const after = (await button.boundingBox())!
      await page.mouse.up()
      return after.y === before.y && after.x === before.x
    }

    it('keeps the submit button under the pointer when a field is left for it, and the click submits', async () => {
      const page = await newPage()
      await page.goto(portal.url + registerPath)
      await page.getByLabel('联系人姓名').fill('郑先生')
      await page.getByRole('textbox', { name: /手机号/ }).fill('1381111') // too short, and the box not ticked
      expect(await clickSubmit(page)).toBe(true)
      // The click was a submit: every message at once, next to its field.
      await expect
        .poll(() => page.locator('.field-error').allTextContents())
        .toEqual(['请填写 11 位中国大陆手机号，例如 13812345678', '请阅读并同意个人信息的使用说明'])
      expect(await seriousAxeViolations(page)).toEqual([])

      // The messages go as the fields are put right, while typing, not when the field is left for the button.
      await page.getByRole('textbox', { name: /手机号/ }).pressSequentially('0003')
      await expect.poll(() => page.locator('.field-error').allTextContents()).toEqual(['请阅读并同意个人信息的使用说明'])
      await page.getByLabel(/我同意主办方/).check()
      await expect.poll(() => page.locator('.field-error').count()).toBe(0)
      await page.getByLabel('儿童人数').fill('1')
      await page.getByLabel('第 1 个孩子：孩子年龄').fill('7')
      expect(await clickSubmit(page)).toBe(true)
      await page.waitForURL(/\/r\/[A-Za-z0-9_-]+\?new=1$/)
      await page.context().close()
    })
  })
})
