// Competitions (大赛) end to end (issue 29, decision 035), in headless Chromium against the built server on a fresh
// PostgreSQL database with the staff world and the seed's 松江区青少年科学表演大赛: staff find it and appoint two
// judges; a teacher signed in with a proven phone registers teams (a rule break refused next to its field), submits
// an entry as a link and one as a file (a wrong type refused next to the field), and a post after the deadline is
// refused; the judges score blind, one declaring a conflict;
// staff close the round, put the results on 公示 (an objection answered), publish them; the teacher prints a
// certificate and the public verification page confirms it, on a phone without sideways scrolling. Then staff advance
// teams from a closed first round to the final; and the public, sign-up and team pages read in English in large text.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { hash } from '@node-rs/argon2'
import { afterAll, describe, expect, it } from 'vitest'
import { createCompetition } from '../../app/models/competitions/spec'
import { competitionSeeds } from '../../seeds/competitions'
import { seriousAxeViolations, switchToLargeText } from '../helpers/browser'
import { DESKTOP, PHONE, signInStaff, STAFF_PASSWORD, staffWorldPortal } from '../helpers/portal'
import type { Page } from 'playwright-core'

const TEACHER_PHONE = '13800137001'
const DAY = 86400_000
const HOUR = 3600_000
const SLUG = 'songjiang-youth-science-show'

let competitionId = ''
// Entry files go to a folder of this file's own, not the clone's data/files.
const files = mkdtempSync(path.join(tmpdir(), 'kepu-competitions-'))

/** The resident's own password (staff sign in with STAFF_PASSWORD). */
const RESIDENT_PASSWORD = 'resident password'

const portal = staffWorldPortal({
  consoleErrors: true,
  prepare: async (db, world) => {
    // The teacher's resident account: its number was proven by an SMS code at sign-up.
    await db.prisma.resident.create({
      data: { phone: TEACHER_PHONE, passwordHash: await hash(RESIDENT_PASSWORD), passportCode: 'PASSCMP1' },
    })
    // The competition exactly as the seed writes it for 松江区, its sign-up opened two days ago.
    competitionId = await createCompetition(db.prisma, competitionSeeds(world.sj.id, new Date(Date.now() - 2 * DAY))[0])
  },
  timeoutMs: 300_000,
  serverEnv: { FILE_STORAGE: 'local', FILE_STORAGE_DIR: files },
})
afterAll(() => rmSync(files, { recursive: true, force: true }))

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

/** The elements that reach past the screen's right edge (empty when nothing scrolls sideways), to name what to fix. */
const widerThanScreen = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}: ${(el.textContent ?? '').trim().slice(0, 40)}`,
      )
      .slice(0, 10),
  )

const toast = (page: Page) => page.locator('.toast-region').innerText()

/** A Shanghai wall-clock time `ms` from now, as a datetime-local input takes it. */
function shanghaiInput(ms: number): string {
  return new Date(Date.now() + ms + 8 * HOUR).toISOString().slice(0, 16)
}

type Member = { name: string; grade: string; school: string; district: string }

async function fillTeam(page: Page, team: { name: string; advisor: string; school: string; member: Member }) {
  await page.getByLabel('队名').fill(team.name)
  await page.getByLabel('组别').selectOption({ label: '小学组' })
  await page.getByLabel(/^指导教师( \*)?$/).fill(team.advisor)
  await page.getByLabel('指导教师所在学校').fill(team.school)
  await page.getByLabel('指导教师申明').fill('提供实验器材，指导安全规范与排练。')
  await page.locator('[name="members[0].name"]').fill(team.member.name)
  await page.locator('[name="members[0].grade"]').selectOption({ label: team.member.grade })
  await page.locator('[name="members[0].school"]').fill(team.member.school)
  await page.locator('[name="members[0].districtId"]').selectOption({ label: team.member.district })
  await page.locator('[name="members[0].share"]').fill('100')
}

describe('大赛', () => {
  it('a team signs up and submits, a late entry is refused, judges score blind with a conflict, 公示, results, and a verified certificate', async () => {
    // ——— Staff of 松江区 find the seeded competition and appoint two judges (the first leads).
    const staff = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, staff, portal.world.users.districtAdmin.email, STAFF_PASSWORD)
    await staff.goto(`${portal.url}/admin/competitions`)
    await expect.poll(() => staff.locator('main').innerText()).toContain('我主办的大赛')
    expect(await seriousAxeViolations(staff)).toEqual([])
    await staff.getByRole('link', { name: /松江区青少年科学表演大赛/ }).click()
    await staff.waitForURL(new RegExp(`/admin/competitions/${competitionId}$`))
    await expect.poll(() => staff.locator('h1').textContent()).toMatch(/^松江区青少年科学表演大赛（\d{4}）$/)
    expect(await staff.locator('main').innerText()).toContain('进行中')
    expect(await seriousAxeViolations(staff)).toEqual([])
    const appoint = async (email: string, lead: boolean) => {
      await staff.getByLabel('评委账号邮箱').fill(email)
      if (lead) await staff.getByLabel(/评审组长（可查看评审进度）/).check()
      const before = await portal.db.prisma.competitionJudge.count({ where: { competitionId } })
      await staff.getByRole('button', { name: '任命' }).click()
      // The first appointment's notice may still show: wait for the row, then the notice.
      await expect.poll(() => portal.db.prisma.competitionJudge.count({ where: { competitionId } })).toBe(before + 1)
      await expect.poll(() => toast(staff)).toContain('已任命评委')
    }
    await appoint(portal.world.users.staff.email, true)
    await appoint(portal.world.users.otherOrgStaff.email, false)
    const judges = await portal.db.prisma.competitionJudge.findMany({ where: { competitionId }, select: { userId: true, lead: true } })
    expect(judges).toHaveLength(2)
    expect(judges.find((j) => j.userId === portal.world.users.staff.id)?.lead).toBe(true)
    expect(judges.find((j) => j.userId === portal.world.users.otherOrgStaff.id)?.lead).toBe(false)

    // ——— A teacher on a phone, signed in with their proven number, opens the competition and signs a team up.
    const teacher = await portal.newPage({ viewport: PHONE })
    await teacher.goto(`${portal.url}/account/login?redirectTo=${encodeURIComponent(`/competitions/${SLUG}`)}`)
    await teacher.getByRole('textbox', { name: /手机号/ }).fill(TEACHER_PHONE)
    await teacher.getByLabel('密码').fill(RESIDENT_PASSWORD)
    await teacher.getByRole('button', { name: '登录' }).click()
    await teacher.waitForURL(new RegExp(`/competitions/${SLUG}$`))
    await expect.poll(() => teacher.locator('h1').textContent()).toBe('松江区青少年科学表演大赛')
    expect(await teacher.locator('main').innerText()).toContain('队员须来自松江区的学校')
    expect(await seriousAxeViolations(teacher)).toEqual([])
    expect(await noSidewaysScroll(teacher)).toBe(true)
    await teacher.getByRole('link', { name: '组队报名' }).click()
    await teacher.waitForURL(new RegExp(`/competitions/${SLUG}/signup$`))
    expect(await seriousAxeViolations(teacher)).toEqual([])
    expect(await noSidewaysScroll(teacher)).toBe(true)

    // A pupil from a school in another district breaks the rule: refused beside that field, naming the rule.
    const first = { name: '静电小分队', advisor: '李老师', school: '松江区实验小学' }
    await fillTeam(teacher, { ...first, member: { name: '王小明', grade: '四年级', school: '青浦区实验小学', district: '青浦区' } })
    await teacher.getByRole('button', { name: '提交报名' }).click()
    const districtField = teacher.locator('[name="members[0].districtId"]')
    await expect.poll(() => districtField.getAttribute('aria-invalid')).toBe('true')
    const describedBy = (await districtField.getAttribute('aria-describedby'))!.split(' ')
    const message = await teacher.locator(describedBy.map((id) => `[id="${id}"]`).join(', ')).allInnerTexts()
    expect(message.join(' ')).toContain('王小明 的学校不在松江区（规则：队员须来自松江区的学校）')
    expect(await teacher.getByLabel('队名').inputValue()).toBe('静电小分队')
    expect(await teacher.locator('[name="members[0].name"]').inputValue()).toBe('王小明')
    expect(await portal.db.prisma.competitionTeam.count()).toBe(0)
    expect(await seriousAxeViolations(teacher)).toEqual([])
    await teacher.locator('[name="members[0].school"]').fill('松江区实验小学')
    await districtField.selectOption({ label: '松江区' })
    await teacher.getByRole('button', { name: '提交报名' }).click()
    await teacher.waitForURL(new RegExp(`/competitions/${SLUG}/teams/T[0-9A-Z]+$`))
    await expect.poll(() => toast(teacher)).toMatch(/报名成功，报名编号 T[0-9A-Z]+/)
    const teamA = await portal.db.prisma.competitionTeam.findFirstOrThrow({ where: { name: '静电小分队' } })
    expect(await portal.db.prisma.message.count({ where: { template: 'competition.registered', recipient: TEACHER_PHONE } })).toBe(1)

    // The entry as a link.
    expect(await teacher.locator('main').innerText()).toContain('还没有提交作品')
    await teacher.getByLabel(/作品链接/).fill('https://pan.example.cn/s/static-show')
    await teacher.getByRole('button', { name: '提交作品' }).click()
    await expect.poll(() => toast(teacher)).toContain('已收到第 1 版作品')
    expect(await teacher.locator('.entry-versions').innerText()).toContain('第 1 版 · https://pan.example.cn/s/static-show')
    expect(await seriousAxeViolations(teacher)).toEqual([])
    expect(await noSidewaysScroll(teacher)).toBe(true)

    // A second team of the same school year, with its own entry.
    await teacher.goto(`${portal.url}/competitions/${SLUG}/signup`)
    await fillTeam(teacher, {
      name: '水火箭队',
      advisor: '周老师',
      school: '松江区第二小学',
      member: { name: '陈小红', grade: '五年级', school: '松江区第二小学', district: '松江区' },
    })
    await teacher.getByRole('button', { name: '提交报名' }).click()
    await teacher.waitForURL(new RegExp(`/competitions/${SLUG}/teams/T[0-9A-Z]+$`))
    const teamB = await portal.db.prisma.competitionTeam.findFirstOrThrow({ where: { name: '水火箭队' } })
    await teacher.getByLabel(/作品链接/).fill('https://pan.example.cn/s/water-rocket')
    await teacher.getByRole('button', { name: '提交作品' }).click()
    await expect.poll(() => toast(teacher)).toContain('已收到第 1 版作品')

    // Its second version as a file (decision 038): a program renamed .pdf is refused next to the file field, in the
    // page's language, nothing stored; a real PDF is stored as version 2, and the team can download it.
    const fileField = teacher.getByLabel('作品文件')
    const program = Buffer.alloc(2048)
    program.write('MZ', 0, 'latin1')
    program.writeUInt32LE(0x80, 0x3c)
    program.write('PE\0\0', 0x80, 'latin1')
    await fileField.setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: program })
    await teacher.getByRole('button', { name: '上传作品文件' }).click()
    await expect.poll(() => teacher.locator('.field-error').first().textContent()).toContain('不接受这种文件')
    expect(await fileField.getAttribute('aria-invalid')).toBe('true')
    expect(await portal.db.prisma.competitionEntry.count({ where: { teamId: teamB.id } })).toBe(1)
    expect(await seriousAxeViolations(teacher)).toEqual([])
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')
    await teacher.getByLabel('作品文件').setInputFiles({ name: '水火箭队-陈小红.pdf', mimeType: 'application/pdf', buffer: pdf })
    await teacher.getByRole('button', { name: '上传作品文件' }).click()
    await expect.poll(() => toast(teacher)).toContain('已收到第 2 版作品')
    const fileEntry = await portal.db.prisma.competitionEntry.findFirstOrThrow({ where: { teamId: teamB.id, version: 2 } })
    expect(fileEntry).toMatchObject({ kind: 'FILE', fileName: '水火箭队-陈小红.pdf' })
    const fileUrl = `${portal.url}/competitions/entries/${fileEntry.id}/file`
    expect(await teacher.locator('.entry-versions').innerText()).toContain('第 2 版 · 下载文件（水火箭队-陈小红.pdf）')
    const own = await teacher.request.get(fileUrl)
    expect(own.status()).toBe(200)
    expect((await own.body()).equals(pdf)).toBe(true)

    // ——— The deadline passes while the page is open: the next version is refused and nothing is stored.
    // (Now: after both entries, which judges will see as the last versions before the deadline.)
    const closed = new Date()
    await portal.db.prisma.competition.update({
      where: { id: competitionId },
      data: { signUpClosesAt: closed, entryClosesAt: closed },
    })
    await teacher.getByLabel(/作品链接/).fill('https://pan.example.cn/s/water-rocket-v2')
    await teacher.getByRole('button', { name: '提交新版本' }).click()
    // The page's data after the post (the form gone, the roster frozen), and the refusal still said.
    await expect.poll(() => teacher.locator('main').innerText()).toContain('作品提交已截止，队伍名单已锁定')
    expect(await teacher.getByRole('button', { name: '提交新版本' }).count()).toBe(0)
    expect(await teacher.locator('section[aria-labelledby=entry-heading]').innerText()).toContain(
      '（规则：作品提交截止时间），这次提交没有保存',
    )
    expect(await portal.db.prisma.competitionEntry.count({ where: { teamId: teamB.id } })).toBe(2)
    expect(await seriousAxeViolations(teacher)).toEqual([])

    // ——— Staff assign the round to the judges.
    await staff.reload()
    await staff.getByRole('button', { name: '把全部队伍分给各组评委' }).click()
    await expect.poll(() => toast(staff)).toContain('已分配 4 份评审')
    const round = await portal.db.prisma.competitionRound.findFirstOrThrow({ where: { competitionId } })
    const criteria = await portal.db.prisma.competitionCriterion.findMany({ where: { roundId: round.id }, orderBy: { sort: 'asc' } })
    expect(criteria.map((c) => c.name)).toEqual(['科学性', '创新性', '表演与表达', '规范与安全'])

    // A judge's sheet: teams by number and category, never the team's name, school or pupils.
    const sheet = (page: Page, code: string) => page.locator('section', { has: page.locator('h2', { hasText: code }) })
    const score = async (page: Page, code: string, values: number[]) => {
      const section = sheet(page, code)
      for (const [i, c] of criteria.entries()) await section.getByLabel(new RegExp(`^${c.name}（`)).fill(String(values[i]))
      await section.getByRole('button', { name: '保存评分' }).click()
      await expect.poll(() => page.locator('body').innerText()).toContain('已保存：这支队伍已评完')
    }

    // The first judge (the lead): scores team A, declares a conflict on team B.
    const judge1 = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, judge1, portal.world.users.staff.email, STAFF_PASSWORD)
    await judge1.goto(`${portal.url}/admin/competitions`)
    await judge1.getByRole('link', { name: '初赛（视频评审）：评分' }).click()
    await judge1.waitForURL(new RegExp(`/admin/competitions/rounds/${round.id}/judge$`))
    await expect.poll(() => judge1.locator('main').innerText()).toContain(`${teamA.code} · 小学组`)
    const blind = await judge1.locator('main').innerText()
    for (const hidden of ['静电小分队', '水火箭队', '王小明', '陈小红', '实验小学', '第二小学', '李老师', '周老师'])
      expect(blind).not.toContain(hidden)
    expect(blind).toContain('https://pan.example.cn/s/static-show')
    expect(await seriousAxeViolations(judge1)).toEqual([])
    await score(judge1, teamA.code, [9, 8, 8, 9])
    const conflict = sheet(judge1, teamB.code)
    await conflict.getByText('申报利益冲突并回避').click()
    await conflict.getByLabel(/原因/).fill('本人女儿的同班同学')
    await conflict.getByRole('button', { name: '回避' }).click()
    await expect.poll(() => toast(judge1)).toContain('已申报回避')
    await expect.poll(() => sheet(judge1, teamB.code).locator('h2').textContent()).toContain('（已回避）')
    expect(await sheet(judge1, teamB.code).getByRole('button', { name: '保存评分' }).count()).toBe(0)

    // The second judge sees none of the first judge's scores: every box of team A is empty.
    const judge2 = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, judge2, portal.world.users.otherOrgStaff.email, STAFF_PASSWORD)
    await judge2.goto(`${portal.url}/admin/competitions/rounds/${round.id}/judge`)
    await expect.poll(() => sheet(judge2, teamA.code).locator('input[type=number]').count()).toBe(4)
    expect(
      await sheet(judge2, teamA.code)
        .locator('input[type=number]')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
    ).toEqual(['', '', '', ''])
    expect(await judge2.getByRole('link', { name: '评审进度' }).count()).toBe(0)
    await score(judge2, teamA.code, [7, 7, 6, 8])
    await score(judge2, teamB.code, [10, 9, 9, 10])
    // The file entry: the judge downloads it by team number and version (never the sent name); the recused judge and
    // a stranger get 404.
    await sheet(judge2, teamB.code).getByRole('link', { name: '下载作品文件' }).waitFor()
    const judged = await judge2.request.get(fileUrl)
    expect(judged.status()).toBe(200)
    expect(judged.headers()['content-type']).toBe('application/pdf')
    expect(judged.headers()['content-disposition']).toContain(`entry-${teamB.code}-v2.pdf`)
    expect(judged.headers()['content-disposition']).not.toContain('%E9%99%88') // 陈
    expect((await judged.body()).equals(pdf)).toBe(true)
    expect((await judge1.request.get(fileUrl)).status()).toBe(404)
    const stranger = await portal.newPage({ viewport: DESKTOP })
    expect((await stranger.request.get(fileUrl)).status()).toBe(404)
    // The lead sees progress as counts only.
    await judge1.goto(`${portal.url}/admin/competitions/rounds/${round.id}/progress`)
    await expect.poll(() => judge1.locator('main').innerText()).toContain(teamA.code)
    expect(await seriousAxeViolations(judge1)).toEqual([])

    // ——— Staff close the round: raw, weighted and normalised totals side by side; then 公示 for two days.
    await staff.reload()
    await staff.getByRole('button', { name: '结束这一轮评审' }).click()
    await expect.poll(() => toast(staff)).toContain('这一轮评审已结束')
    const results = staff.locator('table', { has: staff.locator('caption', { hasText: '各队总分' }) })

    await expect.poll(() => results.locator('tbody tr').count()).toBe(2)
    // Team B: one judge, 10/9/9/10 → raw 38, weighted 35 + 22.5 + 22.5 + 15 = 95.
    expect(await results.locator('tr', { hasText: teamB.code }).innerText()).toMatch(/1\t.*\t1\t38\.00\t95\.00\t95\.00\t一等奖/)
    // Team A: two judges, (34 + 28) / 2 = 31 raw, (85 + 69) / 2 = 77 weighted; too few sheets to normalise.
    expect(await results.locator('tr', { hasText: teamA.code }).innerText()).toMatch(/2\t.*\t2\t31\.00\t77\.00\t77\.00\t一等奖/)
    expect(await seriousAxeViolations(staff)).toEqual([])
    await staff.getByLabel('公示截止').fill(shanghaiInput(2 * DAY))
    await staff.getByRole('button', { name: '开始公示' }).click()
    await expect.poll(() => toast(staff)).toContain('结果已开始公示')

    // The public, on a phone: the provisional results with masked names, and an objection.
    const reader = await portal.newPage({ viewport: PHONE })
    await reader.goto(`${portal.url}/competitions/${SLUG}`)
    await expect.poll(() => reader.locator('main').innerText()).toContain('公示中的结果')
    const shown = await reader.locator('main').innerText()
    expect(shown).toContain('王*明')
    expect(shown).toContain('陈*红')
    expect(shown).not.toContain('王小明')
    expect(shown).not.toContain(TEACHER_PHONE)
    expect(await seriousAxeViolations(reader)).toEqual([])
    expect(await noSidewaysScroll(reader)).toBe(true)
    await reader.getByLabel('您的姓名').fill('赵家长')
    await reader.getByLabel('手机号').fill('13900139001')
    await reader.getByLabel('涉及的队伍（选填）').selectOption({ label: '水火箭队' })
    await reader.getByLabel('异议内容').fill('水火箭队只有一位评委评分，请核实。')
    await reader.getByRole('button', { name: '提交异议' }).click()
    await expect.poll(() => toast(reader)).toContain('异议已收到')
    expect(await portal.db.prisma.competitionObjection.findFirstOrThrow()).toMatchObject({ teamId: teamB.id, phone: '13900139001' })

    // Staff answer it; when 公示 has ended, publication writes the certificates.
    await staff.reload()
    await staff.getByLabel('核实结果与处理意见').fill('另一位评委申报回避，按规则以完成评分的评委计分。')
    await staff.getByRole('button', { name: '答复' }).click()
    await expect.poll(() => toast(staff)).toContain('已答复这条异议')
    await portal.db.prisma.competition.update({ where: { id: competitionId }, data: { reviewEndsAt: new Date(Date.now() - 60_000) } })
    await staff.reload()
    await staff.getByRole('button', { name: '发布结果并颁发证书' }).click()
    await expect.poll(() => toast(staff)).toContain('结果已发布，颁发证书 2 张')
    expect(await portal.db.prisma.message.count({ where: { template: 'competition.published', recipient: TEACHER_PHONE } })).toBe(2)

    // ——— The teacher prints a certificate; its number is confirmed by the public verification page.
    await teacher.goto(`${portal.url}/competitions/${SLUG}/teams/${teamA.code}`)
    await teacher.getByRole('link', { name: '打印证书' }).click()
    await teacher.waitForURL(/\/competitions\/certificates\/[0-9A-Z]{12}\/print$/)
    const number = teacher.url().match(/certificates\/([0-9A-Z]{12})\/print$/)![1]
    await expect
      .poll(() => teacher.locator('.certificate').innerText())
      .toContain('王小明（松江区实验小学）在「松江区青少年科学表演大赛」中获得 一等奖')
    expect(await teacher.locator('.certificate .qr svg').count()).toBe(1)
    expect(await seriousAxeViolations(teacher)).toEqual([])

    await reader.goto(`${portal.url}/competitions/${SLUG}`)
    await expect.poll(() => reader.locator('main').innerText()).toContain('最终结果')
    await reader.getByRole('link', { name: '证书查验' }).click()
    await reader.waitForURL(/\/competitions\/certificates$/)
    await reader.getByLabel('证书编号').fill(number.toLowerCase())
    await reader.getByRole('button', { name: '查验' }).click()
    await expect.poll(() => reader.locator('main').innerText()).toContain('证书有效')
    const verified = await reader.locator('main').innerText()
    expect(verified).toContain('王小明（松江区实验小学）在「松江区青少年科学表演大赛」中获得 一等奖')
    expect(verified).toContain(number)
    expect(verified).not.toContain(TEACHER_PHONE)
    expect(await seriousAxeViolations(reader)).toEqual([])
    expect(await noSidewaysScroll(reader)).toBe(true)
    const near = `${number.slice(0, -1)}${number.endsWith('2') ? '3' : '2'}`
    await reader.goto(`${portal.url}/competitions/certificates?number=${near}`)
    await expect.poll(() => reader.locator('main').innerText()).toContain('没有这个编号的证书')
    expect(await reader.locator('main').innerText()).not.toContain('王小明')
  })

  it('after a closed first round, staff advance the top team of each category: the team page says so, the other team is told it did not go on, and the final judges only the advanced', async () => {
    // A two-round competition of 松江区 with three teams of the teacher, its first round scored and closed.
    const advanceId = await createCompetition(portal.db.prisma, {
      ...competitionSeeds(portal.world.sj.id, new Date(Date.now() - 30 * DAY))[0],
      slug: 'songjiang-two-rounds',
      title: '松江区青少年创新挑战赛',
      titleEn: 'Songjiang Youth Innovation Challenge',
      rounds: [
        { name: '初赛', nameEn: 'First round', criteria: [{ name: '创新性', nameEn: 'Originality', weight: 100 }] },
        { name: '决赛', nameEn: 'Final', criteria: [{ name: '现场表现', nameEn: 'On stage', weight: 100 }] },
      ],
    })
    const c = await portal.db.prisma.competition.findUniqueOrThrow({
      where: { id: advanceId },
      select: { categories: { orderBy: { sort: 'asc' } }, rounds: { orderBy: { sort: 'asc' }, include: { criteria: true } } },
    })
    const [first, final] = c.rounds
    const teacherAccount = await portal.db.prisma.resident.findUniqueOrThrow({ where: { phone: TEACHER_PHONE } })
    const makeTeam = (code: string, name: string, categoryId: string, grade: number) =>
      portal.db.prisma.competitionTeam.create({
        data: {
          competitionId: advanceId,
          categoryId,
          name,
          code,
          registrantId: teacherAccount.id,
          advisorName: '李老师',
          advisorSchool: '松江区实验小学',
          advisorPart: '指导实验设计。',
          members: {
            create: [
              {
                competitionId: advanceId,
                name: `${name}队员`,
                school: '松江区实验小学',
                districtId: portal.world.sj.id,
                grade,
                share: 100,
                pupilKey: code,
              },
            ],
          },
        },
      })
    const strong = await makeTeam('TADVANCE2', '磁悬浮小组', c.categories[0].id, 4)
    const weak = await makeTeam('TADVANCE3', '纸桥小组', c.categories[0].id, 4)
    const middle = await makeTeam('TADVANCE4', '光电小组', c.categories[1].id, 7)
    const judgeRows = await Promise.all(
      [portal.world.users.staff.id, portal.world.users.otherOrgStaff.id].map((userId) =>
        portal.db.prisma.competitionJudge.create({ data: { competitionId: advanceId, userId } }),
      ),
    )
    for (const [team, value] of [
      [strong, 9],
      [weak, 6],
      [middle, 7],
    ] as const)
      for (const judge of judgeRows)
        await portal.db.prisma.competitionScore.create({
          data: { roundId: first.id, judgeId: judge.id, teamId: team.id, criterionId: first.criteria[0].id, value },
        })
    await portal.db.prisma.competitionRound.update({ where: { id: first.id }, data: { status: 'CLOSED', closedAt: new Date() } })

    // ——— Staff see the first round's places per category and advance the top one of each.
    const staff = await portal.newPage({ viewport: DESKTOP })
    await signInStaff(portal, staff, portal.world.users.districtAdmin.email, STAFF_PASSWORD)
    await staff.goto(`${portal.url}/admin/competitions/${advanceId}`)
    const standing = staff.locator('table', { has: staff.locator('caption', { hasText: '初赛各组名次' }) })
    await expect.poll(() => standing.locator('tbody tr').count()).toBe(3)
    expect(await standing.locator('tr', { hasText: 'TADVANCE2' }).innerText()).toMatch(/小学组\t1\t/)
    expect(await standing.locator('tr', { hasText: 'TADVANCE3' }).innerText()).toMatch(/小学组\t2\t/)
    expect(await seriousAxeViolations(staff)).toEqual([])
    // Nothing chosen by hand: refused, nothing written.
    await staff.getByRole('button', { name: '勾选的队伍晋级决赛' }).click()
    await expect.poll(() => staff.locator('main').innerText()).toContain('没有队伍晋级')
    expect(await portal.db.prisma.competitionAdvance.count()).toBe(0)
    await staff.getByLabel('每组晋级名额（按名次）').fill('1')
    await staff.getByRole('button', { name: '每组前几名晋级决赛' }).click()
    await expect.poll(() => toast(staff)).toContain('已确定晋级决赛的队伍 2 支（共 3 支），并已通知各队')
    // Decided once: the page says how, and the forms are gone.
    await expect.poll(() => staff.locator('main').innerText()).toContain('2 支队伍晋级决赛（每组前 1 名）')
    expect(await staff.getByRole('button', { name: '每组前几名晋级决赛' }).count()).toBe(0)
    expect((await portal.db.prisma.competitionAdvance.findMany({ where: { toRoundId: final.id } })).map((a) => a.teamId).sort()).toEqual(
      [strong.id, middle.id].sort(),
    )
    expect(await portal.db.prisma.message.count({ where: { template: 'competition.advanced', recipient: TEACHER_PHONE } })).toBe(2)
    expect(await portal.db.prisma.message.count({ where: { template: 'competition.not-advanced', subjectId: weak.id } })).toBe(1)
    expect(await portal.db.prisma.auditEntry.count({ where: { action: 'competition.advance', entityId: first.id } })).toBe(1)

    // The final is given to the judges for the advanced teams only: 2 teams × 2 judges.
    await staff.getByRole('button', { name: '把晋级队伍分给各组评委' }).click()
    await expect.poll(() => toast(staff)).toContain('已分配 4 份评审')
    expect(await portal.db.prisma.judgeAssignment.count({ where: { roundId: final.id, teamId: weak.id } })).toBe(0)

    // ——— The teacher, on a phone, sees on each team page whether it went on.
    const teacher = await portal.newPage({ viewport: PHONE })
    await teacher.goto(`${portal.url}/account/login?redirectTo=${encodeURIComponent('/competitions/songjiang-two-rounds/teams/TADVANCE2')}`)
    await teacher.getByRole('textbox', { name: /手机号/ }).fill(TEACHER_PHONE)
    await teacher.getByLabel('密码').fill(RESIDENT_PASSWORD)
    await teacher.getByRole('button', { name: '登录' }).click()
    await teacher.waitForURL(/\/teams\/TADVANCE2$/)
    await expect.poll(() => teacher.locator('section[aria-labelledby=advance-heading]').innerText()).toContain('恭喜！本队从初赛晋级决赛。')
    expect(await seriousAxeViolations(teacher)).toEqual([])
    expect(await noSidewaysScroll(teacher)).toBe(true)
    await teacher.goto(`${portal.url}/competitions/songjiang-two-rounds/teams/TADVANCE3`)
    await expect
      .poll(() => teacher.locator('section[aria-labelledby=advance-heading]').innerText())
      .toContain('决赛晋级名单已确定，本队未能从初赛晋级')
  })

  it('the public competition page, the sign-up form and the team page read in English and in large text at 360 px, without sideways scrolling or serious axe findings', async () => {
    const page = await portal.newPage({ viewport: PHONE, english: true })
    // The seed's competition (its results published by the first test), then the second test's two-round competition
    // and team: the file's tests run in order.
    await page.goto(`${portal.url}/competitions/${SLUG}`)
    await expect.poll(() => page.locator('h1').textContent()).toBe('Songjiang Youth Science Show Competition')
    await switchToLargeText(page, 'Large text')
    const main = () => page.locator('main').innerText()
    expect(await main()).toContain('Final results')
    const check = async () => {
      // Nothing left in Chinese but names (of the competition's teams, schools and people) and the data staff wrote.
      expect(await page.locator('html').getAttribute('lang')).toBe('en')
      expect(await page.locator('html').getAttribute('class')).toContain('large')
      // The page's own words (labels, headings, buttons, hints, table heads) are English; names and data may not be.
      const words = await page.locator('main :is(label, h2, h3, legend, button, th, .hint, .notice)').allInnerTexts()
      expect(words.length).toBeGreaterThan(3)
      expect(words.filter((w) => /[\u3400-\u9fff]/.test(w.replace(/磁悬浮小组|纸桥小组|光电小组/g, '')))).toEqual([])
      expect(await widerThanScreen(page)).toEqual([])
      expect(await noSidewaysScroll(page)).toBe(true)
      expect(await seriousAxeViolations(page)).toEqual([])
    }
    await check()

    // Signed in (in English), the sign-up form of the two-round competition, whose sign-up is open.
    await page.goto(`${portal.url}/account/login?redirectTo=${encodeURIComponent('/competitions/songjiang-two-rounds/signup')}`)
    await page.locator('input[name=phone]').fill(TEACHER_PHONE)
    await page.getByLabel('Password').fill(RESIDENT_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(/\/competitions\/songjiang-two-rounds\/signup$/)
    await expect.poll(() => page.getByRole('button', { name: 'Register', exact: true }).count()).toBe(1)
    await check()
    // A refusal in English beside its field, in large text.
    await page.getByRole('button', { name: 'Register', exact: true }).click()
    await expect.poll(() => page.locator('[aria-invalid=true]').count()).toBeGreaterThan(0)
    await check()

    // The team page, with the word on the final.
    await page.goto(`${portal.url}/competitions/songjiang-two-rounds/teams/TADVANCE2`)
    await expect
      .poll(() => page.locator('section[aria-labelledby=advance-heading]').innerText())
      .toContain('Congratulations: your team goes on from the First round to the Final.')
    await check()
  })
})
