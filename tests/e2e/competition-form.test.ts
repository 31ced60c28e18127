// The staff form of a competition (issue 29, decision 035 "The staff form"), in headless Chromium against the built
// server on a fresh PostgreSQL database with the staff world: 松江's admin, on a phone in large text, creates a
// competition — a round whose weights do not add up is refused next to its criteria, a web name already taken is
// refused next to its field by the server, everything typed kept — publishes it, and it shows publicly in English.
// Once a team signed up, tightening a rule is refused next to the field, and a later entry deadline is saved, told
// to the team and shown on the public timeline.
import { hash } from '@node-rs/argon2'
import { describe, expect, it } from 'vitest'
import { createCompetition } from '../../app/models/competitions/spec'
import { competitionSeeds } from '../../seeds/competitions'
import { seriousAxeViolations, switchToLargeText } from '../helpers/browser'
import { PHONE, signInStaff, STAFF_PASSWORD, staffWorldPortal } from '../helpers/portal'
import type { Locator, Page } from 'playwright-core'

const DAY = 86400_000
const HOUR = 3600_000
const SLUG = 'sj-maker-2027'
const TAKEN = 'songjiang-youth-science-show'

const portal = staffWorldPortal({
  consoleErrors: true,
  prepare: async (db, world) => {
    // The seed's competition holds the web name the form will first try.
    await createCompetition(db.prisma, competitionSeeds(world.sj.id, new Date(Date.now() - 2 * DAY))[0])
  },
  timeoutMs: 300_000,
})

const toast = (page: Page) => page.locator('.toast-region').innerText()

/** A Shanghai wall-clock time `ms` from now, as a datetime-local input takes it. */
const shanghaiInput = (ms: number) => new Date(Date.now() + ms + 8 * HOUR).toISOString().slice(0, 16)

/** The elements that reach past the screen's right edge (empty when nothing scrolls sideways). */
const widerThanScreen = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}`)
      .slice(0, 10),
  )

/** The message a field (or a list) names in aria-describedby, or shows under it. */
async function messageOf(page: Page, field: Locator): Promise<string> {
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true')
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean)
  return (await page.locator(ids.map((id) => `[id="${id}"]`).join(', ')).allInnerTexts()).join(' ')
}

const fill = (page: Page, name: string, value: string) => page.locator(`[name="${name}"]`).fill(value)

/** Types `values` into the boxes they name, each name under `row` when given (`rounds[1]` → `rounds[1].name`). */
async function fillFields(page: Page, values: Record<string, string>, row?: string) {
  for (const [name, value] of Object.entries(values)) await fill(page, row ? `${row}.${name}` : name, value)
}

/** The boxes named hold these values (what was typed is kept after a refusal). */
async function expectValues(page: Page, values: Record<string, string>) {
  const held = await Promise.all(Object.keys(values).map(async (name) => [name, await page.locator(`[name="${name}"]`).inputValue()]))
  expect(Object.fromEntries(held)).toEqual(values)
}

/** Every page this file opens: no serious axe finding, nothing reaching past the screen's right edge. */
async function expectAccessibleAndNarrow(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([])
  expect(await widerThanScreen(page)).toEqual([])
}

describe('大赛：工作人员新建与修改', () => {
  it('staff create a competition on a phone in large text (bad values refused next to their fields, input kept), publish it, and it shows publicly in English', async () => {
    const staff = await portal.newPage({ viewport: PHONE })
    await signInStaff(portal, staff, portal.world.users.districtAdmin.email, STAFF_PASSWORD)
    await staff.goto(`${portal.url}/admin/competitions`)
    await staff.getByRole('link', { name: '新建大赛' }).click()
    await staff.waitForURL(/\/admin\/competitions\/new$/)
    await expect.poll(() => staff.locator('h1').textContent()).toBe('新建大赛')
    await switchToLargeText(staff, '大字模式')
    await expectAccessibleAndNarrow(staff)

    await fillFields(staff, {
      title: '松江区青少年创客大赛',
      titleEn: 'Songjiang Youth Maker Contest',
      organiser: '松江区科协',
      slug: TAKEN,
      summary: '面向全区中小学生的创客作品比赛，作品须为原创。',
      summaryEn: 'A maker contest for the district’s pupils; entries must be their own work.',
      signUpOpensAt: shanghaiInput(-HOUR),
      signUpClosesAt: shanghaiInput(10 * DAY),
      entryClosesAt: shanghaiInput(20 * DAY),
      minTeamSize: '1',
      maxTeamSize: '3',
    })
    await staff.locator('[name="oneDistrict"]').check()
    // The three usual categories are there; the first round gets two criteria whose weights add up to 90.
    expect(await staff.locator('[name="categories[2].name"]').inputValue()).toBe('高中组')
    await fillFields(staff, { name: '创新性', nameEn: 'Originality', weight: '60' }, 'rounds[0].criteria[0]')
    await staff.getByRole('button', { name: '为第 1 轮添加评分项' }).click()
    await fillFields(staff, { name: '完成度', nameEn: 'Finish', weight: '30', maxScore: '10' }, 'rounds[0].criteria[1]')
    await staff.getByRole('button', { name: '添加一轮评审' }).click()
    await fillFields(staff, { name: '决赛', nameEn: 'Final' }, 'rounds[1]')
    await fillFields(staff, { name: '现场答辩', nameEn: 'Questions on stage', weight: '100' }, 'rounds[1].criteria[0]')
    // Each entry needs three judges in the first round; the usual three awards by place, with 二等奖 typed above 一等奖,
    // and a fourth award added.
    expect(await staff.locator('[name="awards[0].name"]').inputValue()).toBe('一等奖')
    expect(await staff.locator('[name="awardBasis"]').inputValue()).toBe('RANK')
    await fill(staff, 'rounds[0].minJudgesPerEntry', '3')
    await fill(staff, 'awards[1].threshold', '2')
    await staff.getByRole('button', { name: '添加奖项' }).click()
    await fillFields(staff, { name: '优秀奖', nameEn: 'Merit', threshold: '40' }, 'awards[3]')
    await staff.locator('[name="published"]').check()
    await staff.getByRole('button', { name: '保存', exact: true }).click()
    await expect.poll(() => staff.locator('.field-error').allInnerTexts()).toContain('「初赛」的权重合计须为 100（现在是 90）')
    expect(await messageOf(staff, staff.locator('[name="awards[1].threshold"]'))).toContain('名次须大于上一个奖项的名次（3）')
    expect(await staff.locator('[name="awards[3].name"]').inputValue()).toBe('优秀奖')
    expect(await portal.db.prisma.competition.count()).toBe(1)
    await expectAccessibleAndNarrow(staff)

    // Weights and awards fixed, the web name is the seed's: the server refuses it next to its field, everything else kept.
    await fill(staff, 'rounds[0].criteria[1].weight', '40')
    await fill(staff, 'awards[1].threshold', '8')
    await staff.getByRole('button', { name: '保存', exact: true }).click()
    expect(await messageOf(staff, staff.locator('[name="slug"]'))).toContain('这个网址名已被另一项大赛使用，请换一个。')
    await expectValues(staff, {
      title: '松江区青少年创客大赛',
      'rounds[1].criteria[0].name': '现场答辩',
      'rounds[0].criteria[1].weight': '40',
      'awards[3].threshold': '40',
      'rounds[0].minJudgesPerEntry': '3',
    })
    expect(await staff.locator('[name="published"]').isChecked()).toBe(true)
    expect(await portal.db.prisma.competition.count()).toBe(1)
    await expectAccessibleAndNarrow(staff)

    await fill(staff, 'slug', SLUG)
    await staff.getByRole('button', { name: '保存', exact: true }).click()
    await expect.poll(() => toast(staff)).toContain('已新建并发布大赛。')
    const made = await portal.db.prisma.competition.findUniqueOrThrow({
      where: { slug: SLUG },
      include: {
        rounds: { orderBy: { sort: 'asc' }, include: { criteria: { orderBy: { sort: 'asc' } } } },
        categories: true,
        awards: { orderBy: { sort: 'asc' } },
      },
    })
    expect(made.awardBasis).toBe('RANK')
    expect(made.awards.map((a) => [a.name, a.nameEn, a.maxRank])).toEqual([
      ['一等奖', 'First prize', 3],
      ['二等奖', 'Second prize', 8],
      ['三等奖', 'Third prize', 15],
      ['优秀奖', 'Merit', 40],
    ])
    expect(made.rounds.map((r) => r.minJudgesPerEntry)).toEqual([3, 2])
    expect(made).toMatchObject({ districtId: portal.world.sj.id, status: 'OPEN', oneDistrict: true, minTeamSize: 1, maxTeamSize: 3 })
    expect(made.categories).toHaveLength(3)
    expect(made.rounds.map((r) => [r.name, r.criteria.map((c) => [c.name, c.weight])])).toEqual([
      [
        '初赛',
        [
          ['创新性', 60],
          ['完成度', 40],
        ],
      ],
      ['决赛', [['现场答辩', 100]]],
    ])
    await staff.waitForURL(new RegExp(`/admin/competitions/${made.id}$`))
    // The page that runs it lists the awards.
    await expect.poll(() => staff.locator('main').innerText()).toContain('二等奖：前 8 名')
    expect(await staff.locator('main').innerText()).toContain('优秀奖：前 40 名')

    // The public page, in English and large text on a phone.
    const reader = await portal.newPage({ viewport: PHONE, english: true })
    await reader.goto(`${portal.url}/competitions/${SLUG}`)
    await expect.poll(() => reader.locator('h1').textContent()).toBe('Songjiang Youth Maker Contest')
    await switchToLargeText(reader, 'Large text')
    const main = await reader.locator('main').innerText()
    expect(main).toContain('1–3 pupils per team')
    expect(main).toContain('Originality')
    expect(main).toContain('Final')
    expect(main).toContain('First prize: places 1–3')
    expect(main).toContain('Merit: places 16–40')
    const words = await reader.locator('main :is(label, h2, h3, legend, button, th, .hint, .notice)').allInnerTexts()
    expect(words.filter((w) => /[\u3400-\u9fff]/.test(w))).toEqual([])
    await expectAccessibleAndNarrow(reader)
    await reader.goto(`${portal.url}/competitions`)
    expect(await reader.locator('main').innerText()).toContain('Songjiang Youth Maker Contest')
  })

  it('once a team signed up, a tighter rule is refused next to its field; a later entry deadline is saved, told to the team and shown on the public timeline', async () => {
    const c = await portal.db.prisma.competition.findUniqueOrThrow({
      where: { slug: SLUG },
      include: { categories: { orderBy: { sort: 'asc' } } },
    })
    const resident = await portal.db.prisma.resident.create({
      data: { phone: '13800137011', passwordHash: await hash('not used: the team is written directly'), passportCode: 'PASSFRM1' },
    })
    await portal.db.prisma.competitionTeam.create({
      data: {
        competitionId: c.id,
        categoryId: c.categories[0].id,
        name: '小小创客队',
        code: 'TFORM2345',
        registrantId: resident.id,
        advisorName: '周老师',
        advisorSchool: '松江区实验小学',
        advisorPart: '指导设计与安全。',
        members: {
          create: [
            {
              competitionId: c.id,
              name: '陈小乐',
              school: '松江区实验小学',
              districtId: portal.world.sj.id,
              grade: 4,
              share: 100,
              pupilKey: '松江区实验小学陈小乐',
            },
          ],
        },
      },
    })

    const staff = await portal.newPage({ viewport: PHONE })
    await signInStaff(portal, staff, portal.world.users.districtAdmin.email, STAFF_PASSWORD)
    await staff.goto(`${portal.url}/admin/competitions/${c.id}`)
    await staff.getByRole('link', { name: '修改大赛设置' }).click()
    await staff.waitForURL(new RegExp(`/admin/competitions/${c.id}/edit$`))
    await expect.poll(() => staff.locator('main').innerText()).toContain('已有 1 支队伍报名')
    await expectAccessibleAndNarrow(staff)

    // Two pupils at least, now that a team of one signed up: refused beside the field, nothing saved.
    await fill(staff, 'minTeamSize', '2')
    await fill(staff, 'title', '松江区青少年创客大赛（第二版）')
    await staff.getByRole('button', { name: '保存', exact: true }).click()
    expect(await messageOf(staff, staff.locator('[name="minTeamSize"]'))).toContain(
      '已有 1 支队伍报名，每队最少人数不能再提高（现为 1 人），只能放宽。',
    )
    expect(await staff.locator('[name="title"]').inputValue()).toBe('松江区青少年创客大赛（第二版）')
    expect((await portal.db.prisma.competition.findUniqueOrThrow({ where: { id: c.id } })).title).toBe('松江区青少年创客大赛')

    // Back to one pupil; the entry deadline a week later, with the reason the team and the public read.
    await fill(staff, 'minTeamSize', '1')
    await fill(staff, 'entryClosesAt', shanghaiInput(27 * DAY))
    await fill(staff, 'changeReason', '配合区教育局期末考试安排')
    await staff.getByRole('button', { name: '保存', exact: true }).click()
    await expect.poll(() => toast(staff)).toContain('时间调整已记在公开时间线上，并已通知各队')
    expect(await portal.db.prisma.message.count({ where: { template: 'competition.deadline-moved', recipient: '13800137011' } })).toBe(1)
    expect(await portal.db.prisma.auditEntry.count({ where: { action: 'competition.move_deadline', entityId: c.id } })).toBe(1)

    const reader = await portal.newPage({ viewport: PHONE })
    await reader.goto(`${portal.url}/competitions/${SLUG}`)
    await expect.poll(() => reader.locator('.timeline-moved').innerText()).toContain('原因：配合区教育局期末考试安排')
    expect(await seriousAxeViolations(reader)).toEqual([])
    const english = await portal.newPage({ viewport: PHONE, english: true })
    await english.goto(`${portal.url}/competitions/${SLUG}`)
    await expect.poll(() => english.locator('.timeline-moved').innerText()).toMatch(/^Moved on .+: it was .+\. Reason: /)
    // Staff pages stay Chinese for a reader who chose English (decision 007): the form is the same.
    await signInStaff(portal, english, portal.world.users.platformAdmin.email, STAFF_PASSWORD)
    await english.goto(`${portal.url}/admin/competitions/${c.id}/edit`)
    await expect.poll(() => english.locator('h1').textContent()).toBe('修改大赛：松江区青少年创客大赛（第二版）')
    expect(await english.locator('html').getAttribute('lang')).toBe('zh-CN')
    expect(await english.getByLabel('举办范围').inputValue()).toBe(portal.world.sj.id)
  })
})
