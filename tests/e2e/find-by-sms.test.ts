// 找回我的报名 by SMS code (issue 18), in headless Chromium against the built server on a fresh seeded PGlite folder,
// with the `log` message provider: a resident who lost both the link and the registration code asks for a code to
// their phone, types it, sees their registrations listed and opens one. A wrong code is said next to its field; a
// number with no registration gets the same answer and no text message.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, seriousAxeViolations, takeCspViolations, watchCsp } from '../helpers/browser'
import { childEnv } from '../helpers/env'
import { registerOverHttp } from '../helpers/http-registration'
import { startServer, type RunningServer } from '../helpers/server'
import type { Browser } from 'playwright-core'

const run = promisify(execFile)

describe('找回我的报名 by SMS code', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kepu-find-sms-'))
  const messageLog = path.join(dataDir, 'messages.jsonl')
  const codesSentTo = (phone: string): string[] =>
    existsSync(messageLog)
      ? readFileSync(messageLog, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { channel: string; to: string; template: string; params: Record<string, string> })
          .filter((line) => line.channel === 'SMS' && line.to === phone && line.template === 'phone.code')
          .map((line) => line.params.code)
      : []
  let server: RunningServer
  let browser: Browser
  let sessionId = ''
  const phone = '13900001234'

  beforeAll(async () => {
    const env = childEnv({ PGLITE_DIR: path.join(dataDir, 'pglite') })
    await run('npx', ['prisma', 'migrate', 'deploy'], { env, timeout: 120_000 })
    await run('npx', ['tsx', 'scripts/seed.ts'], { env, timeout: 120_000 })
    const db = new PGlite(path.join(dataDir, 'pglite'))
    const { rows } = await db.query<{ id: string }>(
      `SELECT s.id FROM "EventSession" s JOIN "Event" e ON e.id = s."eventId"
       WHERE e.status = 'PUBLISHED' AND e."registersOnline" AND NOT e."requiresSmsCode" AND e.questions = '[]'::jsonb AND s.status = 'SCHEDULED'
         AND s."startsAt" > now() + interval '1 day' AND (s."registrationOpensAt" IS NULL OR s."registrationOpensAt" < now())
         AND (s."registrationClosesAt" IS NULL OR s."registrationClosesAt" > now())
       ORDER BY s."startsAt" LIMIT 1`,
    )
    await db.close()
    sessionId = rows[0].id
    server = await startServer({
      PGLITE_DIR: path.join(dataDir, 'pglite'),
      MESSAGE_LOG: messageLog,
      MESSAGE_RELAY_INTERVAL_MS: '200',
      MESSAGE_POLL_INTERVAL_MS: '200',
    })
    browser = await launchChromium()
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })
  afterEach(() => expect(takeCspViolations()).toEqual([]))

  it('a code to the phone lists its registrations with their pages; a wrong code is said next to the field', async () => {
    const registered = await registerOverHttp(server.url, sessionId, phone)
    expect(registered).toMatchObject({ kind: 'registered' })
    const privatePath = (registered as { privatePath: string }).privatePath

    const context = await watchCsp(await browser.newContext({ viewport: { width: 360, height: 800 } }))
    const page = await context.newPage()
    await page.goto(`${server.url}/r/find`)
    const smsForm = page.locator('form[aria-labelledby="by-sms"]')
    await smsForm.getByLabel('报名时的手机号').fill(phone)
    await smsForm.getByRole('button', { name: '获取验证码' }).click()
    await expect.poll(() => smsForm.getByRole('status').textContent()).toContain('139****1234')
    await expect.poll(() => codesSentTo(phone).length, { timeout: 30_000 }).toBe(1)
    const [code] = codesSentTo(phone)
    expect(await seriousAxeViolations(page)).toEqual([])

    // A wrong code: said next to the code field, the number kept.
    await smsForm.getByLabel('短信验证码').fill(code === '000000' ? '111111' : '000000')
    await smsForm.getByRole('button', { name: '验证并列出我的报名' }).click()
    await expect.poll(() => smsForm.locator('.field-error').allTextContents()).toEqual([expect.stringContaining('验证码不正确')])
    expect(await smsForm.getByLabel('报名时的手机号').inputValue()).toBe(phone)

    await smsForm.getByLabel('短信验证码').fill(code)
    await smsForm.getByRole('button', { name: '验证并列出我的报名' }).click()
    const found = page.getByRole('region', { name: /这个号码的报名/ })
    await expect.poll(() => found.locator('li').count()).toBe(1)
    expect(await found.textContent()).toContain('报名成功')
    expect(await seriousAxeViolations(page)).toEqual([])
    await found.getByRole('link').click()
    await page.waitForURL((url) => url.pathname === privatePath)
    await context.close()
  })

  it('a number with no registration gets the same answer and no text message', async () => {
    const context = await watchCsp(await browser.newContext())
    const page = await context.newPage()
    await page.goto(`${server.url}/r/find`)
    const smsForm = page.locator('form[aria-labelledby="by-sms"]')
    await smsForm.getByLabel('报名时的手机号').fill('13900009999')
    await smsForm.getByRole('button', { name: '获取验证码' }).click()
    await expect.poll(() => smsForm.getByRole('status').textContent()).toContain('139****9999')
    await new Promise((resolve) => setTimeout(resolve, 1500)) // the worker's polls pass
    expect(codesSentTo('13900009999')).toEqual([])
    await context.close()
  })
})
