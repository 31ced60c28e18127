// Import from a spreadsheet (issue 19 part 3, decision 019) in headless Chromium against the built server on a fresh
// PostgreSQL database: a district admin downloads the venue template, fills it with exceljs, uploads it, sees the
// preview name a problem by row and column, fixes the file, imports it and finds the venues in the list; the same
// file again changes nothing. Staff pages stay Chinese for a reader who chose English (decision 007), and a sheet
// with English headings and English type names reads the same. axe-core on every page.
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { seriousAxeViolations } from '../helpers/browser'
import { DESKTOP, signInStaff, STAFF_PASSWORD, staffWorldPortal } from '../helpers/portal'
import { SONGJIANG_POINT } from '../helpers/staff-world'
import type { Page } from 'playwright-core'

const portal = staffWorldPortal({
  pages: { viewport: DESKTOP, acceptDownloads: true },
})
const newPage = portal.newPage
const signIn = (page: Page, email: string) => signInStaff(portal, page, email, STAFF_PASSWORD)

async function choose(page: Page, kind: '场馆' | '活动和场次', name: string, buffer: Buffer) {
  await page.goto(`${portal.url}/admin/import`)
  await page.getByLabel(kind, { exact: true }).check()
  await page
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream', buffer })
  await page.getByRole('button', { name: '上传并预览' }).click()
}

/** Uploads and waits for the preview to show (its heading names the file). */
async function upload(page: Page, kind: '场馆' | '活动和场次', name: string, buffer: Buffer) {
  await choose(page, kind, name, buffer)
  await page.waitForURL(/\/admin\/import\/[a-z0-9]+$/)
  await expect.poll(() => page.locator('h1').textContent()).toBe(`导入预览：${name}`)
}

const problems = (page: Page) =>
  page
    .locator('tr.import-problem')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())))

describe('spreadsheet import', () => {
  it('template → filled with exceljs → preview names the problem by row and column → fixed → imported → listed; again: unchanged', async () => {
    const page = await newPage()
    await signIn(page, 'sj-admin@kepu.test')
    await page.goto(`${portal.url}/admin/venues`)
    await page.getByRole('link', { name: '从表格导入' }).click()
    await page.waitForURL(/\/admin\/import$/)
    expect(await seriousAxeViolations(page)).toEqual([])

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '场馆导入模板（.xlsx）' }).click()])
    expect(download.suggestedFilename()).toBe('场馆导入模板.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    const headings = (sheet.getRow(1).values as unknown[]).slice(1).map(String)
    expect(headings.slice(0, 6)).toEqual(['编号', '场馆名称', '类型', '级别', '区', '街镇'])
    // The plans' types are a list to choose from, read from the 选项 sheet.
    const typeColumn = headings.indexOf('类型') + 1
    expect(sheet.getRow(2).getCell(typeColumn).dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringMatching(/^选项!/)] })
    const options = workbook.getWorksheet('选项')!
    expect(options.getColumn(1).values).toEqual(expect.arrayContaining(['类型', '科技馆', '科普教育基地']))
    expect(JSON.stringify(options.getSheetValues())).toContain('方松街道')

    const fill = (rows: Array<Record<string, string | number>>) => {
      rows.forEach((values, i) => {
        const row = sheet.getRow(i + 2)
        for (const [heading, value] of Object.entries(values)) row.getCell(headings.indexOf(heading) + 1).value = value
        row.commit()
      })
    }
    const base = {
      类型: '科普教育基地',
      级别: '区级',
      区: '松江区',
      街镇: '方松街道',
      纬度: SONGJIANG_POINT.lat,
      经度: SONGJIANG_POINT.lng,
    }
    fill([
      { 编号: 'SJ-001', 场馆名称: '松江天文科普基地', ...base },
      { 编号: 'SJ-002', 场馆名称: '松江机器人工作室', ...base, 街镇: '不存在街道' },
    ])
    await upload(page, '场馆', '松江场馆.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()))
    expect(await problems(page)).toEqual([['第 3 行', '街镇', '「不存在街道」不是松江区的街镇（见模板的「选项」表）。']])
    expect(await page.getByRole('button', { name: /导入全部/ }).count()).toBe(0) // nothing until every row is right…
    expect(await page.getByRole('button', { name: '只导入没有问题的 1 行' }).isEnabled()).toBe(true) // …or only the good ones
    expect(await seriousAxeViolations(page)).toEqual([])

    // Fixed in the same workbook and uploaded again.
    fill([
      { 编号: 'SJ-001', 场馆名称: '松江天文科普基地', ...base },
      { 编号: 'SJ-002', 场馆名称: '松江机器人工作室', ...base },
    ])
    const fixed = Buffer.from(await workbook.xlsx.writeBuffer())
    await upload(page, '场馆', '松江场馆.xlsx', fixed)
    expect(await problems(page)).toEqual([])
    expect(await page.locator('article > p').nth(1).textContent()).toContain('可新建 2 行')
    await page.getByRole('button', { name: '导入全部 2 行' }).click()
    // Imported: straight to the venues, with the counts as the notice (never in the URL).
    await page.waitForURL(/\/admin\/venues$/)
    await expect.poll(() => page.locator('.toast').textContent()).toContain('导入完成：新建 2 行，更新 0 行，未变 0 行')
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.locator('.data-table tbody tr', { hasText: '松江机器人工作室' }).waitFor()
    const names = await page.locator('.data-table tbody tr td:first-child').allTextContents()
    expect(names).toEqual(expect.arrayContaining(['松江天文科普基地', '松江机器人工作室']))
    expect(await seriousAxeViolations(page)).toEqual([])

    // The same file again: nothing to change.
    await upload(page, '场馆', '松江场馆.xlsx', fixed)
    expect(await page.locator('article > p').nth(1).textContent()).toContain('可新建 0 行，更新 0 行，未变 2 行')
    expect(await portal.db.prisma.venue.count({ where: { importKey: { in: ['SJ-001', 'SJ-002'] } } })).toBe(2)
  })

  it('stays Chinese for a reader who chose English, and reads a CSV with English headings and type names', async () => {
    const page = await newPage()
    await page.goto(`${portal.url}/?lng=en`)
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await signIn(page, 'staff-a@kepu.test')
    await page.goto(`${portal.url}/admin/import`)
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
    expect(await page.locator('h1').textContent()).toBe('从表格导入')
    const csv = [
      'Key,Name,Type,Level,District,Town,Latitude,Longitude',
      `EN-1,Songjiang Science Corner,Science museum,District,Songjiang,方松街道,${SONGJIANG_POINT.lat},${SONGJIANG_POINT.lng}`,
    ].join('\r\n')
    await upload(page, '场馆', 'venues.csv', Buffer.from(csv))
    expect(await problems(page)).toEqual([])
    expect(await page.locator('article > p').nth(1).textContent()).toContain('可新建 1 行')
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.getByRole('button', { name: '放弃这个文件' }).click()
    await page.waitForURL(/\/admin\/import$/)
    await expect.poll(() => page.locator('.toast').textContent()).toBe('已放弃这个文件，没有导入任何内容。')
    expect(await portal.db.prisma.venue.count({ where: { importKey: 'EN-1' } })).toBe(0)
  })
  it('refuses a file over 5 MB next to the file field, in the browser and (without JavaScript) on the server', async () => {
    const big = Buffer.alloc(6 * 1024 * 1024, 'a')
    for (const javaScriptEnabled of [true, false]) {
      const page = await newPage({ javaScriptEnabled })
      await signIn(page, 'staff-a@kepu.test')
      await choose(page, '场馆', 'big.csv', big)
      await expect.poll(() => page.locator('.field-error').allTextContents()).toEqual(['文件超过 5 MB；请分成几个文件上传。'])
      expect(page.url()).toMatch(/\/admin\/import(\?index)?$/) // still the upload page
      if (javaScriptEnabled) expect(await seriousAxeViolations(page)).toEqual([]) // axe itself needs JavaScript
    }
    expect(await portal.db.prisma.sheetUpload.count({ where: { fileName: 'big.csv' } })).toBe(0)
  })
})
