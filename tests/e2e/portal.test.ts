// The portal as `npm start` runs it: setup (migrate, seed, build) on a fresh PGlite folder, then the
// server, checked over HTTP and in headless Chromium with axe-core.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { PGlite } from '@electric-sql/pglite'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { childEnv } from '../helpers/env'
import { startServer, type RunningServer } from '../helpers/server'

const run = promisify(execFile)
const require = createRequire(import.meta.url)

describe('the portal on a fresh embedded database', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kepu-e2e-'))
  let server: RunningServer
  let browser: Browser
  /** What `npm start` does before serving: generate, migrate, seed when empty, build. */
  const runSetup = () => run('npm', ['run', 'setup'], { env: childEnv({ PGLITE_DIR: dataDir }), timeout: 240_000 })

  beforeAll(async () => {
    await runSetup()
    server = await startServer({ PGLITE_DIR: dataDir })
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('answers /healthz with 200 when the database is reachable', async () => {
    const response = await fetch(`${server.url}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  it('lists the three districts\' venues and upcoming activities, server-rendered', async () => {
    const response = await fetch(server.url)
    const html = await response.text()
    expect(response.status, server.output()).toBe(200)
    for (const text of ['松江区', '青浦区', '闵行区', '松江区科技馆（松江科技馆）', '东方绿舟（上海市青少年素质教育基地）', '上海闵行体育公园', '胖博士科普秀：会跳舞的静电', 'AI编程入门：让小车自己找路', '微童话：科学家讲给孩子的故事']) {
      expect(html).toContain(text)
    }
    expect(html).toContain('lang="zh-CN"')
    expect(html).toContain('地址待核实')
  })

  it('has no serious or critical accessibility issue on the home page (axe-core)', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } })
    await page.goto(server.url)
    await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') })
    const violations = await page.evaluate(async () => {
      // @ts-expect-error axe is injected above
      const result = await window.axe.run(document)
      return result.violations.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical').map((v: { id: string }) => v.id)
    })
    expect(violations).toEqual([])
    await page.close()
  })

  it('keeps what was added across a restart, and starting again does not reseed over it', async () => {
    await server.stop()
    const db = new PGlite(dataDir)
    await db.query(`UPDATE "Venue" SET "openingHours" = '周二至周日 9:00–16:30' WHERE slug = 'songjiang-science-museum'`)
    await db.query(`INSERT INTO "Venue" (id, slug, name, type, "districtId", lat, lng, source, "updatedAt")
      SELECT 'added-venue', 'added-venue', '测试新增社区书院', 'COMMUNITY_ACADEMY', id, 31.03, 121.22, 'test', now() FROM "District" WHERE code = 310117`)
    await db.close()
    await runSetup()
    server = await startServer({ PGLITE_DIR: dataDir })
    const html = await (await fetch(server.url)).text()
    expect(html).toContain('测试新增社区书院')
    await server.stop() // one process at a time on a PGlite folder
    const check = new PGlite(dataDir)
    const { rows } = await check.query<{ openingHours: string; venues: number }>(
      `SELECT "openingHours", (SELECT count(*)::int FROM "Venue") AS venues FROM "Venue" WHERE slug = 'songjiang-science-museum'`)
    expect(rows[0]).toEqual({ openingHours: '周二至周日 9:00–16:30', venues: 56 })
    await check.close()
    server = await startServer({ PGLITE_DIR: dataDir })
  })

  it('answers /healthz with 503 when the database is unreachable', async () => {
    const broken = await startServer({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/none' })
    try {
      const response = await fetch(`${broken.url}/healthz`)
      expect(response.status).toBe(503)
      const page = await fetch(broken.url)
      expect(page.status).toBe(500)
      const body = await page.text()
      expect(body).toContain('出了点问题')
      expect(body).not.toMatch(/at .*\.js:\d+/) // no stack trace
    } finally {
      await broken.stop()
    }
  })
})
