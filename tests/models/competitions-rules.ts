// Competitions (大赛, issue 29) on PGlite and PostgreSQL: team rules refused with a message naming the rule and
// nothing half-stored, one team per pupil per edition (also when two teams race), the roster frozen at the entry
// deadline, entry versions and late entries (a replayed post too), the audited extension, judges scoped to one
// competition, recusal, unscored kept apart from 0, blind scoring against crafted requests, the lead judge's
// progress, the normalisation figures against a hand-computed example, ties and awards, 公示 and publication, and
// certificates found by their number only.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createStaffWorld, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'
import type { CompetitionFormInput } from '~/models/competitions/admin-schema'
import type { TeamInput } from '~/models/competitions/schema'

const HOUR = 3600_000
const DAY = 24 * HOUR

export function competitionRules(kind: TestDatabaseKind) {
  let db: TestDatabase
  let world: StaffWorld
  let competitions: typeof import('~/models/competitions/competition.server')
  let teams: typeof import('~/models/competitions/teams.server')
  let judging: typeof import('~/models/competitions/judging.server')
  let results: typeof import('~/models/competitions/results.server')
  let advance: typeof import('~/models/competitions/advance.server')
  let schema: typeof import('~/models/competitions/schema')
  let editor: typeof import('~/models/competitions/editor.server')
  let competitionId: string
  let primary: string // 小学组
  let middle: string // 初中组
  let roundId: string
  let criteria: { a: string; b: string }
  let teacher: { id: string; phone: string }
  let parent: { id: string; phone: string }
  // Sign-up opens a day before `now` and closes in 10 days; entries close in 20.
  const now = new Date('2026-12-07T02:00:00Z')
  const staff = (u: {
    id: string
    name: string
    email: string
    role: 'PLATFORM_ADMIN' | 'DISTRICT_ADMIN' | 'ORG_STAFF'
    districtId: string | null
    organisationId: string | null
  }) => ({ ...u, sessionId: 't' })

  beforeAll(async () => {
    db = await useTestDatabaseForApp(kind)
    competitions = await import('~/models/competitions/competition.server')
    teams = await import('~/models/competitions/teams.server')
    judging = await import('~/models/competitions/judging.server')
    results = await import('~/models/competitions/results.server')
    advance = await import('~/models/competitions/advance.server')
    schema = await import('~/models/competitions/schema')
    editor = await import('~/models/competitions/editor.server')
  })
  afterAll(async () => {
    await db?.drop()
  })
  beforeEach(async () => {
    await db.prisma.$executeRawUnsafe(
      'TRUNCATE "Competition", "Message", "ResidentSession", "Resident", "AuditEntry", "Registration", "EventSession", "Event", "Venue", "User", "Organisation", "Town", "District" CASCADE',
    )
    world = await createStaffWorld(db.prisma, now)
    competitionId = await competitions.createCompetition(db.prisma, {
      slug: 'sj-science-show-2026',
      title: '松江区青少年科学表演大赛',
      titleEn: 'Songjiang Youth Science Show Competition',
      edition: 2026,
      summary: '测试',
      organiser: '松江区科委',
      districtId: world.sj.id,
      signUpOpensAt: new Date(now.getTime() - DAY),
      signUpClosesAt: new Date(now.getTime() + 10 * DAY),
      entryClosesAt: new Date(now.getTime() + 20 * DAY),
      minTeamSize: 2,
      maxTeamSize: 3,
      oneDistrict: true,
      normaliseMinEntries: 3,
      categories: [
        { name: '小学组', nameEn: 'Primary', minGrade: 1, maxGrade: 5 },
        { name: '初中组', nameEn: 'Middle school', minGrade: 6, maxGrade: 9 },
      ],
      rounds: [
        {
          name: '初赛',
          nameEn: 'First round',
          minJudgesPerEntry: 2,
          criteria: [
            { name: '科学性', nameEn: 'Science', weight: 60 },
            { name: '表现力', nameEn: 'Performance', weight: 40 },
          ],
        },
      ],
      awards: [
        { name: '一等奖', nameEn: 'First prize', maxRank: 1 },
        { name: '二等奖', nameEn: 'Second prize', maxRank: 2 },
      ],
    })
    const c = await db.prisma.competition.findUniqueOrThrow({
      where: { id: competitionId },
      select: { categories: { orderBy: { sort: 'asc' } }, rounds: { include: { criteria: { orderBy: { sort: 'asc' } } } } },
    })
    ;[primary, middle] = c.categories.map((x) => x.id)
    roundId = c.rounds[0].id
    criteria = { a: c.rounds[0].criteria[0].id, b: c.rounds[0].criteria[1].id }
    teacher = await db.prisma.resident.create({
      data: { phone: '13900000001', passwordHash: 'x', passportCode: 'PTEACHER1' },
      select: { id: true, phone: true },
    })
    parent = await db.prisma.resident.create({
      data: { phone: '13900000002', passwordHash: 'x', passportCode: 'PPARENT01' },
      select: { id: true, phone: true },
    })
  })

  const pupil = (name: string, over: Partial<TeamInput['members'][number]> = {}) => ({
    name,
    school: '松江区实验小学',
    districtId: world.sj.id,
    grade: 4,
    share: 50,
    ...over,
  })
  const team = (over: Partial<TeamInput> = {}): TeamInput => ({
    name: '静电小分队',
    categoryId: primary,
    advisorName: '钱老师',
    advisorSchool: '松江区实验小学',
    advisorPart: '提供起电机，指导实验安全与讲解稿。',
    members: [pupil('李小明'), pupil('王小红')],
    ...over,
  })
  const register = (input: TeamInput, who = teacher, at = now) =>
    teams.registerTeam(who, competitionId, input, { now: at, origin: 'https://kepu.example.cn' })

  it('registers a team for a signed-in (phone-proven) account, with its messages, and refuses each broken rule by name with nothing stored', async () => {
    const { id, code } = await register(team())
    expect(code).toMatch(/^T[2-9A-Z]{9}$/)
    const stored = await db.prisma.competitionTeam.findUniqueOrThrow({ where: { id }, include: { members: { orderBy: { sort: 'asc' } } } })
    expect(stored.members.map((m) => [m.name, m.share])).toEqual([
      ['李小明', 50],
      ['王小红', 50],
    ])
    const messages = await db.prisma.message.findMany({ where: { subjectId: id }, orderBy: { template: 'asc' } })
    expect(messages.map((m) => m.template)).toEqual(['competition.deadline-near', 'competition.registered'])
    expect(messages[0].notBefore).toEqual(new Date(now.getTime() + 18 * DAY))
    expect((messages[1].params as Record<string, string>).link).toBe(`https://kepu.example.cn/c/${code}`)

    const refusals: Array<[TeamInput, string, string]> = [
      [
        team({ name: '一人队', members: [pupil('赵一', { share: 100 })] }),
        'members',
        '本项大赛每队 2–3 人（规则：队伍人数），现在填写了 1 人。',
      ],
      [
        team({ name: '大年级', members: [pupil('赵一'), pupil('钱二', { grade: 7 })] }),
        'members[1].grade',
        '钱二 的年级不在小学组的范围内（规则：小学组限一年级至五年级）。',
      ],
      [
        team({ name: '外区队', members: [pupil('赵一'), pupil('孙三', { districtId: world.qp.id, school: '青浦区实验小学' })] }),
        'members[1].districtId',
        '孙三 的学校不在松江区（规则：队员须来自松江区的学校）。',
      ],
      [
        team({ name: '比例队', members: [pupil('赵一', { share: 60 }), pupil('钱二', { share: 30 })] }),
        'members',
        '队员分工比例合计须为 100%（规则：分工比例），现在是 90%。',
      ],
      [team({ name: '重复队', members: [pupil('赵一'), pupil('赵 一')] }), 'members[1].name', '赵 一（松江区实验小学）在本队填写了两次。'],
      [
        team({ name: '又一队', members: [pupil('赵一'), pupil('李小明')] }),
        'members[1].name',
        '李小明（松江区实验小学）本届已在另一支队伍中（规则：每名学生每届只能参加一支队伍）。',
      ],
      [team({ members: [pupil('赵一'), pupil('钱二')] }), 'name', '本届已有同名队伍，请换一个队名。'],
    ]
    for (const [input, field, message] of refusals) await expect(register(input), message).rejects.toMatchObject({ field, message })
    // English readers get the same rule in English.
    await expect(
      teams.registerTeam(teacher, competitionId, team({ name: 'Solo', members: [pupil('赵一', { share: 100 })] }), { now, language: 'en' }),
    ).rejects.toMatchObject({ localized: { key: 'competition.refusal.teamSize' } })
    expect(await db.prisma.competitionTeam.count()).toBe(1)
    expect(await db.prisma.competitionMember.count()).toBe(2)
    expect(await db.prisma.message.count()).toBe(2)

    // Sign-up closes on time.
    await expect(
      register(team({ name: '晚来队', members: [pupil('周五'), pupil('吴六')] }), parent, new Date(now.getTime() + 10 * DAY)),
    ).rejects.toMatchObject({
      message: expect.stringContaining('（规则：报名截止时间）'),
    })
  })

  it('lets one pupil into one team of an edition even when two teams register them at the same moment', async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        register(team({ name: `抢报${i}队`, members: [pupil('同一人'), pupil(`队员${i}`)] }), i % 2 ? teacher : parent),
      ),
    )
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1)
    for (const a of attempts.filter((a) => a.status === 'rejected'))
      expect((a as PromiseRejectedResult).reason.message).toMatch(/规则：每名学生每届只能参加一支队伍/)
    expect(await db.prisma.competitionMember.count({ where: { name: '同一人' } })).toBe(1)
    expect(await db.prisma.competitionTeam.count()).toBe(1)
    expect(await db.prisma.competitionMember.count()).toBe(2)
  })

  it('changes the roster until the entry deadline, then freezes it (an extension does not unfreeze it)', async () => {
    const { id } = await register(team())
    await teams.updateRoster(
      teacher,
      id,
      team({ members: [pupil('李小明', { share: 40 }), pupil('王小红', { share: 30 }), pupil('陈小刚', { share: 30 })] }),
      {
        now: new Date(now.getTime() + 15 * DAY),
      },
    )
    expect(await db.prisma.competitionMember.count({ where: { teamId: id } })).toBe(3)
    // Another account cannot touch it (it looks missing).
    await expect(teams.updateRoster(parent, id, team(), { now })).rejects.toMatchObject({ status: 404 })
    const after = new Date(now.getTime() + 20 * DAY)
    await expect(teams.updateRoster(teacher, id, team(), { now: after })).rejects.toMatchObject({
      message: expect.stringContaining('（规则：截止后名单锁定）'),
    })
    await competitions.extendEntryDeadline(
      staff(world.users.districtAdmin),
      id,
      { until: new Date(now.getTime() + 22 * DAY), reason: '停电' },
      now,
    )
    await expect(teams.updateRoster(teacher, id, team(), { now: after })).rejects.toMatchObject({
      message: expect.stringContaining('名单已锁定'),
    })
    expect(await db.prisma.competitionMember.count({ where: { teamId: id } })).toBe(3)
  })

  it('keeps entry versions until the deadline, refuses a late (or replayed) post, and lets only an audited staff extension through, which the team is told', async () => {
    const { id } = await register(team())
    const link = { url: 'https://pan.example.cn/s/abc', note: '表演视频' }
    expect(await teams.submitEntryLink(teacher, id, link, { now })).toEqual({ version: 1 })
    expect(
      await teams.submitEntryLink(teacher, id, { url: 'https://pan.example.cn/s/v2' }, { now: new Date(now.getTime() + DAY) }),
    ).toEqual({ version: 2 })
    const [a, b] = await Promise.all([
      teams.submitEntryLink(teacher, id, { url: 'https://pan.example.cn/s/v3' }, { now: new Date(now.getTime() + 2 * DAY) }),
      teams.submitEntryLink(teacher, id, { url: 'https://pan.example.cn/s/v4' }, { now: new Date(now.getTime() + 2 * DAY) }),
    ])
    expect([a.version, b.version].sort()).toEqual([3, 4])
    const late = new Date(now.getTime() + 20 * DAY)
    // The same post again, after the deadline: refused by the server's clock.
    await expect(teams.submitEntryLink(teacher, id, link, { now: late })).rejects.toMatchObject({
      field: 'url',
      message: expect.stringContaining('（规则：作品提交截止时间），这次提交没有保存'),
    })
    expect(await db.prisma.competitionEntry.count({ where: { teamId: id } })).toBe(4)
    await expect(teams.submitEntryLink(parent, id, link, { now })).rejects.toMatchObject({ status: 404 })

    // Link checks: https only, no other schemes, no credentials.
    const entrySchema = schema.entryLinkSchema((await import('~/utils/i18n')).tFor('zh-CN'))
    for (const url of [
      ['java', 'script:alert(1)'].join(''),
      'http://pan.example.cn/s/x',
      'data:text/html,hi',
      'https://user:pw@pan.example.cn/',
      'https://localhost/x',
      '../../etc/passwd',
    ])
      expect(entrySchema.safeParse({ url }).success, url).toBe(false)
    expect(entrySchema.safeParse({ url: 'https://b23.tv/AbC' }).success).toBe(true)

    // Extensions: staff who run the competition only, with a reason, audited, told to the team.
    const until = new Date(now.getTime() + 22 * DAY)
    await expect(competitions.extendEntryDeadline(staff(world.users.staff), id, { until, reason: '停电' }, now)).rejects.toMatchObject({
      status: 403,
    })
    await expect(
      competitions.extendEntryDeadline(staff(world.users.otherDistrictAdmin), id, { until, reason: '停电' }, now),
    ).rejects.toMatchObject({ status: 404 })
    await expect(competitions.extendEntryDeadline(staff(world.users.districtAdmin), id, { until, reason: '' }, now)).rejects.toMatchObject({
      field: 'reason',
    })
    await competitions.extendEntryDeadline(staff(world.users.districtAdmin), id, { until, reason: '学校停电，无法上传' }, now)
    const audit = await db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'competition.extend_entry' } })
    expect(audit).toMatchObject({ actorId: world.users.districtAdmin.id, entityId: id })
    expect(audit.summary).toContain('学校停电，无法上传')
    const told = await db.prisma.message.findFirstOrThrow({ where: { subjectId: id, template: 'competition.extended' } })
    expect((told.params as Record<string, string>).message).toBe('学校停电，无法上传')
    const seen = await teams.getOwnTeam(
      teacher,
      'sj-science-show-2026',
      (await db.prisma.competitionTeam.findUniqueOrThrow({ where: { id } })).code,
    )
    expect(seen.deadline).toEqual(until)
    expect(seen.extensionReason).toBe('学校停电，无法上传')
    expect(await teams.submitEntryLink(teacher, id, link, { now: late })).toEqual({ version: 5 })
    await expect(teams.submitEntryLink(teacher, id, link, { now: until })).rejects.toMatchObject({ field: 'url' })
    // The other team's deadline did not move.
    const other = await register(team({ name: '另一队', members: [pupil('赵一'), pupil('钱二')] }), parent)
    await expect(teams.submitEntryLink(parent, other.id, link, { now: late })).rejects.toMatchObject({ field: 'url' })
    // The judged entry is the last version before the team's deadline.
    const entries = await db.prisma.competitionEntry.findMany({ where: { teamId: id } })
    expect(teams.judgedEntry(entries, until)?.version).toBe(5)
  })

  /** Three teams in 小学组, three judges; judge 3 a school conflict with one more team. */
  async function judgedWorld() {
    const t1 = await register(team({ name: '甲队', members: [pupil('甲一'), pupil('甲二')] }))
    const t2 = await register(team({ name: '乙队', members: [pupil('乙一'), pupil('乙二')] }))
    const t3 = await register(team({ name: '丙队', members: [pupil('丙一'), pupil('丙二')] }))
    const t4 = await register(
      team({
        name: '丁队',
        advisorSchool: '松江二中',
        members: [pupil('丁一', { school: '松江二中初级中学', grade: 7 }), pupil('丁二', { school: '松江二中初级中学', grade: 7 })],
        categoryId: middle,
      }),
      parent,
    )
    const judge = (email: string) =>
      db.prisma.user.create({ data: { email, name: email.split('@')[0], role: 'ORG_STAFF', organisationId: world.orgA.id } })
    const j1 = await judge('judge1@kepu.test')
    const j2 = await judge('judge2@kepu.test')
    const j3 = await judge('judge3@kepu.test')
    const admin = staff(world.users.districtAdmin)
    await judging.appointJudge(admin, competitionId, { email: 'judge1@kepu.test', lead: true })
    await judging.appointJudge(admin, competitionId, { email: 'judge2@kepu.test' })
    await judging.appointJudge(admin, competitionId, { email: 'JUDGE3@kepu.test', conflictSchools: ['松江二中'] })
    expect(await judging.assignRound(admin, roundId)).toEqual({ assigned: 11, recused: 1 })
    return { t1, t2, t3, t4, j1, j2, j3, admin }
  }

  it('scopes judges to their competition, recuses on a declared conflict, keeps "unscored" apart from 0, and refuses out-of-range scores', async () => {
    const { t1, t2, t4, j1, j2, j3, admin } = await judgedWorld()
    // Only staff who run the competition appoint judges; a judge of nothing sees nothing.
    await expect(
      judging.appointJudge(staff(world.users.otherDistrictAdmin), competitionId, { email: 'judge1@kepu.test' }),
    ).rejects.toMatchObject({ status: 404 })
    await expect(judging.judgeSheet(world.users.staff, roundId)).rejects.toMatchObject({ status: 403 })
    // Judge 3's declared school: 丁队 was recused on assignment.
    const sheet3 = await judging.judgeSheet(j3, roundId)
    expect(sheet3.teams.find((t) => t.id === t4.id)).toMatchObject({ recused: true, conflictReason: '本校：松江二中' })
    await expect(judging.saveScores(j3, roundId, t4.id, { [criteria.a]: 5 })).rejects.toMatchObject({
      message: '你已申报回避这支队伍，不能评分。',
    })

    // Unscored is no row; 0 is a score.
    await judging.saveScores(j1, roundId, t1.id, { [criteria.a]: 0 })
    let mine = (await judging.judgeSheet(j1, roundId)).teams.find((t) => t.id === t1.id)!
    expect(mine.scores).toEqual({ [criteria.a]: 0, [criteria.b]: null })
    await judging.saveScores(j1, roundId, t1.id, { [criteria.a]: undefined, [criteria.b]: 7 })
    mine = (await judging.judgeSheet(j1, roundId)).teams.find((t) => t.id === t1.id)!
    expect(mine.scores).toEqual({ [criteria.a]: null, [criteria.b]: 7 })
    await expect(judging.saveScores(j1, roundId, t1.id, { [criteria.a]: 11 })).rejects.toMatchObject({ field: `score.${criteria.a}` })
    await expect(judging.saveScores(j1, roundId, t1.id, { [criteria.a]: -1 })).rejects.toMatchObject({ field: `score.${criteria.a}` })
    await expect(judging.saveScores(j1, roundId, t1.id, { [criteria.a]: 2.5 })).rejects.toMatchObject({ field: `score.${criteria.a}` })
    await expect(judging.saveScores(j1, roundId, t1.id, { 'other-criterion': 3 })).rejects.toMatchObject({
      message: expect.stringContaining('刷新'),
    })
    // A team not assigned to the judge (丁队 is 初中组; judges 1 and 2 cover all, so use a team of another competition's id).
    await expect(judging.saveScores(j1, roundId, 'not-a-team', { [criteria.a]: 3 })).rejects.toMatchObject({ status: 403 })

    // Declaring a conflict recuses and removes the judge's scores for that team.
    await judging.saveScores(j2, roundId, t2.id, { [criteria.a]: 6, [criteria.b]: 6 })
    await judging.declareConflict(j2, roundId, t2.id, '本人是该队学生的家长')
    expect(await db.prisma.competitionScore.count({ where: { judgeId: { not: undefined }, teamId: t2.id } })).toBe(0)
    await expect(judging.saveScores(j2, roundId, t2.id, { [criteria.a]: 6 })).rejects.toMatchObject({
      message: expect.stringContaining('回避'),
    })
    expect(await db.prisma.auditEntry.count({ where: { action: 'competition.recuse' } })).toBe(1)
    void admin
  })

  it('never shows a judge another judge’s scores while the round is open, whatever the request asks; the lead judge sees counts only', async () => {
    const { t1, t2, j1, j2, j3, admin } = await judgedWorld()
    await judging.saveScores(j1, roundId, t1.id, { [criteria.a]: 9, [criteria.b]: 9 })
    await judging.saveScores(j2, roundId, t1.id, { [criteria.a]: 3, [criteria.b]: 3 })
    await judging.saveScores(j2, roundId, t2.id, { [criteria.a]: 4 })
    // Judge 2's own sheet holds judge 2's scores only.
    const sheet2 = await judging.judgeSheet(j2, roundId)
    expect(sheet2.teams.find((t) => t.id === t1.id)!.scores).toEqual({ [criteria.a]: 3, [criteria.b]: 3 })
    expect(JSON.stringify(sheet2)).not.toContain('"9"')
    expect(JSON.stringify(sheet2).match(/:9[,}]/)).toBeNull()
    // A crafted request for every score of the round: refused to a judge, to the lead judge and to staff.
    for (const who of [j2, j1, admin]) await expect(judging.roundScores(who, roundId)).rejects.toMatchObject({ status: 403 })
    // Progress: the lead judge and staff; counts, no values; teams short of finished sheets first.
    await expect(judging.roundProgress(j2, roundId)).rejects.toMatchObject({ status: 403 })
    const progress = await judging.roundProgress(j1, roundId)
    expect(JSON.stringify(progress)).not.toMatch(/"value"/)
    const row1 = progress.teams.find((t) => t.teamId === t1.id)!
    expect(row1).toMatchObject({ done: 2, partial: 0, short: false })
    expect(progress.teams.find((t) => t.teamId === t2.id)).toMatchObject({ done: 0, partial: 1, short: true })
    expect(progress.teams.at(-1)!.teamId).toBe(t1.id)
    expect(progress.judges.find((j) => j.name === 'judge1')).toMatchObject({ assigned: 4, done: 1, lead: true })
    expect((await judging.roundProgress(admin, roundId)).teams).toHaveLength(4)
    // Once the round closes every score is readable and none can change.
    await expect(judging.closeRound(staff(world.users.staff), roundId)).rejects.toMatchObject({ status: 403 })
    await judging.closeRound(admin, roundId)
    expect(await judging.roundScores(j2, roundId)).toHaveLength(5)
    await expect(judging.saveScores(j1, roundId, t1.id, { [criteria.a]: 1 })).rejects.toMatchObject({
      message: expect.stringContaining('已结束'),
    })
    void j3
  })

  it('computes raw, weighted and normalised totals and each judge’s severity exactly as by hand', () => {
    // Criteria A (weight 60) and B (weight 40), both out of 10; a judge is normalised from 3 complete sheets.
    // Weighted sheet = A/10×60 + B/10×40.
    //   J1 (harsh):   T1 5,5 → 50   T2 7,7 → 70    T3 6,6 → 60     mean 60, sd √(200/3) = 8.1650
    //   J2 (lenient): T1 9,9 → 90   T2 8,8 → 80    T3 10,10 → 100  mean 90, sd 8.1650
    //   J3 (1 sheet): T1 6,8 → 68   (not normalised: fewer than 3)
    //   J3 also has a partial sheet for T2 (A only): counted nowhere.
    // Pool of complete sheets: 50 70 60 90 80 100 68 → M = 518/7 = 74; deviations² 576 16 196 256 36 676 36 = 1792,
    //   /7 = 256 → D = 16. Severity: J1 60−74 = −14, J2 90−74 = +16, J3 68−74 = −6.
    // Normalised n = 74 + 16 × (w − m)/s, and 16 × 10/8.1650 = 19.5959:
    //   J1: T1 54.4041, T2 93.5959, T3 74.   J2: T1 74, T2 54.4041, T3 93.5959.   J3: T1 68 (as it is).
    // Team totals (mean over judges):
    //   raw:        T1 (10+18+14)/3 = 14        T2 (14+16)/2 = 15     T3 (12+20)/2 = 16
    //   weighted:   T1 (50+90+68)/3 = 69.3333   T2 75                 T3 80
    //   normalised: T1 (54.4041+74+68)/3 = 65.4680   T2 74   T3 83.7980
    const A = { id: 'A', weight: 60, maxScore: 10 }
    const B = { id: 'B', weight: 40, maxScore: 10 }
    const sheet = (judgeId: string, teamId: string, a: number, b?: number) => [
      { judgeId, teamId, criterionId: 'A', value: a },
      ...(b === undefined ? [] : [{ judgeId, teamId, criterionId: 'B', value: b }]),
    ]
    const scores = [
      ...sheet('J1', 'T1', 5, 5),
      ...sheet('J1', 'T2', 7, 7),
      ...sheet('J1', 'T3', 6, 6),
      ...sheet('J2', 'T1', 9, 9),
      ...sheet('J2', 'T2', 8, 8),
      ...sheet('J2', 'T3', 10, 10),
      ...sheet('J3', 'T1', 6, 8),
      ...sheet('J3', 'T2', 9),
    ]
    const out = results.tabulate([A, B], scores, 3)
    expect(out.poolMean).toBeCloseTo(74, 6)
    expect(out.poolSd).toBeCloseTo(16, 6)
    const j = Object.fromEntries(out.judges.map((x) => [x.judgeId, x]))
    expect(j.J1).toMatchObject({ sheets: 3, normalised: true })
    expect(j.J1.severity).toBeCloseTo(-14, 6)
    expect(j.J2.severity).toBeCloseTo(16, 6)
    expect(j.J3).toMatchObject({ sheets: 1, normalised: false })
    expect(j.J3.severity).toBeCloseTo(-6, 6)
    const t = Object.fromEntries(out.teams.map((x) => [x.teamId, x]))
    expect(t.T1.judges).toBe(3)
    expect(t.T2.judges).toBe(2)
    expect([t.T1.raw, t.T2.raw, t.T3.raw]).toEqual([14, 15, 16])
    expect(t.T1.weighted).toBeCloseTo(69.3333, 4)
    expect(t.T2.weighted).toBeCloseTo(75, 6)
    expect(t.T3.weighted).toBeCloseTo(80, 6)
    expect(t.T1.normalised).toBeCloseTo(65.468, 3)
    expect(t.T2.normalised).toBeCloseTo(74, 6)
    expect(t.T3.normalised).toBeCloseTo(83.798, 3)
    expect(t.T1.perJudge.find((p) => p.judgeId === 'J1')!.normalised).toBeCloseTo(54.4041, 4)
    expect(t.T1.perJudge.find((p) => p.judgeId === 'J3')!.normalised).toBe(68)

    // Ties share a place (1, 2, 2, 4) and are marked; awards by rank and by band.
    const rows = [
      { teamId: 'a', categoryId: 'p', normalised: 90 },
      { teamId: 'b', categoryId: 'p', normalised: 80.001 },
      { teamId: 'c', categoryId: 'p', normalised: 79.999 },
      { teamId: 'd', categoryId: 'p', normalised: 70 },
      { teamId: 'e', categoryId: 'm', normalised: 60 },
    ]
    const awards = [
      { name: '一等奖', nameEn: 'First', categoryId: null, maxRank: 1, minScore: 85, sort: 0 },
      { name: '二等奖', nameEn: 'Second', categoryId: null, maxRank: 3, minScore: 75, sort: 1 },
    ]
    const byRank = Object.fromEntries(
      results.rankAndAward(rows, awards, 'RANK').map((r) => [r.teamId, [r.rank, r.tied, r.award?.name ?? null]]),
    )
    expect(byRank).toEqual({
      a: [1, false, '一等奖'],
      b: [2, true, '二等奖'],
      c: [2, true, '二等奖'],
      d: [4, false, null],
      e: [1, false, '一等奖'],
    })
    const byBand = Object.fromEntries(results.rankAndAward(rows, awards, 'BAND').map((r) => [r.teamId, r.award?.name ?? null]))
    expect(byBand).toEqual({ a: '一等奖', b: '二等奖', c: '二等奖', d: null, e: null })
  })

  it('runs 公示 with objections, publishes only after it and every answer, and issues certificates found by number only', async () => {
    const { t1, t2, t3, t4, j1, j2, j3, admin } = await judgedWorld()
    const both = async (judge: { id: string }, teamId: string, a: number, b: number) =>
      judging.saveScores(judge, roundId, teamId, { [criteria.a]: a, [criteria.b]: b })
    // The hand-computed example above, through the database (丁队 scored by judges 1 and 2 only).
    await both(j1, t1.id, 5, 5)
    await both(j1, t2.id, 7, 7)
    await both(j1, t3.id, 6, 6)
    await both(j2, t1.id, 9, 9)
    await both(j2, t2.id, 8, 8)
    await both(j2, t3.id, 10, 10)
    await both(j3, t1.id, 6, 8)
    await both(j1, t4.id, 8, 8)
    await both(j2, t4.id, 8, 8)
    const after = new Date(now.getTime() + 21 * DAY)
    await expect(results.startReview(admin, competitionId, new Date(after.getTime() + 5 * DAY), after)).rejects.toMatchObject({
      message: expect.stringContaining('结束最后一轮'),
    })
    await judging.closeRound(admin, roundId)
    await expect(
      results.submitObjection('sj-science-show-2026', { name: '张三', phone: '13911112222', text: '甲队作品疑似抄袭' }, after),
    ).rejects.toMatchObject({
      message: '现在不在公示期，不受理异议。',
    })
    await expect(results.startReview(admin, competitionId, new Date(after.getTime() + HOUR), after)).rejects.toMatchObject({
      field: 'reviewEndsAt',
    })
    const reviewEnds = new Date(after.getTime() + 5 * DAY)
    await results.startReview(admin, competitionId, reviewEnds, after)

    const staffView = await results.staffResults(admin, competitionId)
    const row = (teamId: string) => staffView.results!.rows.find((r) => r.teamId === teamId)!
    expect(row(t3.id)).toMatchObject({ rank: 1, award: { name: '一等奖' } })
    expect(row(t2.id)).toMatchObject({ rank: 2, award: { name: '二等奖' } })
    expect(row(t1.id)).toMatchObject({ rank: 3, award: null })
    expect(row(t1.id).raw).toBe(14)
    expect(row(t1.id).weighted).toBeCloseTo(69.3333, 4)
    expect(row(t4.id)).toMatchObject({ rank: 1, award: { name: '一等奖' } })

    const shown = await results.publicResults('sj-science-show-2026')
    expect(shown!.find((r) => r.team === '丙队')).toMatchObject({ rank: 1, members: ['丙*', '丙*'], schools: ['松江区实验小学'] })
    expect(JSON.stringify(shown)).not.toContain('13900000001')

    await results.submitObjection(
      'sj-science-show-2026',
      { name: '张三', phone: '13911112222', teamId: t3.id, text: '丙队作品疑似抄袭' },
      after,
    )
    await expect(results.publishResults(admin, competitionId, reviewEnds)).rejects.toMatchObject({
      message: expect.stringContaining('1 条异议未答复'),
    })
    await expect(results.publishResults(admin, competitionId, new Date(reviewEnds.getTime() - HOUR))).rejects.toMatchObject({
      message: expect.stringContaining('结束后才能发布'),
    })
    const objection = await db.prisma.competitionObjection.findFirstOrThrow()
    await expect(results.answerObjection(staff(world.users.otherDistrictAdmin), objection.id, '已核实')).rejects.toMatchObject({
      status: 404,
    })
    await results.answerObjection(admin, objection.id, '已核实原始视频与创作记录，不构成抄袭，维持结果。', after)
    await expect(
      results.submitObjection('sj-science-show-2026', { name: '李四', phone: '13911113333', text: '晚到的异议' }, reviewEnds),
    ).rejects.toMatchObject({
      message: '现在不在公示期，不受理异议。',
    })
    expect(await results.publishResults(admin, competitionId, reviewEnds, 'https://kepu.example.cn')).toEqual({ certificates: 6 })
    expect(await db.prisma.competition.findUniqueOrThrow({ where: { id: competitionId } })).toMatchObject({
      status: 'PUBLISHED',
      publishedAt: reviewEnds,
    })
    const published = await db.prisma.message.findMany({ where: { template: 'competition.published' } })
    expect(published).toHaveLength(4)
    expect(published.map((m) => (m.params as Record<string, string>).award).sort()).toEqual(['一等奖', '一等奖', '二等奖', '未获奖'])

    const certificates = await db.prisma.competitionCertificate.findMany({ include: { member: true } })
    expect(new Set(certificates.map((c) => c.number)).size).toBe(6)
    for (const c of certificates) expect(c.number).toMatch(/^[2-9A-HJKMNP-Z]{12}$/)
    const one = certificates.find((c) => c.member.name === '丙一')!
    const verified = await results.verifyCertificate(one.number.toLowerCase().replace(/(.{4})/g, '$1 '))
    expect(verified).toMatchObject({ award: '一等奖', member: { name: '丙一', school: '松江区实验小学' }, team: { name: '丙队' } })
    expect(await results.verifyCertificate('ABCDEFGHJKMN')).toBeNull()
    expect(await results.verifyCertificate(one.number.slice(0, 11))).toBeNull()
    expect(await results.ownCertificate(teacher, one.number)).toMatchObject({ award: '一等奖' })
    await expect(results.ownCertificate(parent, one.number)).rejects.toMatchObject({ status: 403 })
    // Published twice: refused, nothing doubled.
    await expect(results.publishResults(admin, competitionId, reviewEnds)).rejects.toBeDefined()
    expect(await db.prisma.competitionCertificate.count()).toBe(6)
  })

  it('advances the top N per category (ties at the N-th place included) or teams picked, once, after the round closes; the next round judges, counts and ranks only them; each team is told', async () => {
    const admin = staff(world.users.districtAdmin)
    const twoRounds = await competitions.createCompetition(db.prisma, {
      slug: 'sj-two-rounds-2026',
      title: '松江区青少年创新大赛',
      edition: 2026,
      summary: '测试',
      organiser: '松江区科委',
      districtId: world.sj.id,
      signUpOpensAt: new Date(now.getTime() - DAY),
      signUpClosesAt: new Date(now.getTime() + 10 * DAY),
      entryClosesAt: new Date(now.getTime() + 20 * DAY),
      minTeamSize: 1,
      maxTeamSize: 3,
      oneDistrict: false,
      normaliseMinEntries: 10,
      categories: [
        { name: '小学组', nameEn: 'Primary', minGrade: 1, maxGrade: 5 },
        { name: '初中组', nameEn: 'Middle school', minGrade: 6, maxGrade: 9 },
      ],
      rounds: [
        { name: '初赛', nameEn: 'First round', criteria: [{ name: '科学性', nameEn: 'Science', weight: 100 }] },
        { name: '决赛', nameEn: 'Final', criteria: [{ name: '现场表现', nameEn: 'On stage', weight: 100 }] },
      ],
      awards: [{ name: '一等奖', nameEn: 'First prize', maxRank: 1 }],
    })
    const c = await db.prisma.competition.findUniqueOrThrow({
      where: { id: twoRounds },
      select: { categories: { orderBy: { sort: 'asc' } }, rounds: { orderBy: { sort: 'asc' }, include: { criteria: true } } },
    })
    const [p, m] = c.categories.map((x) => x.id)
    const [first, final] = c.rounds
    const one = (name: string, categoryId: string, grade: number, who = teacher) =>
      teams.registerTeam(
        who,
        twoRounds,
        { ...team({ name, categoryId, members: [pupil(`${name}一`, { grade, share: 100 })] }) },
        { now, origin: 'https://kepu.example.cn' },
      )
    const [t1, t2, t3, t4] = [await one('一队', p, 4), await one('二队', p, 4), await one('三队', p, 4), await one('四队', p, 4)]
    const t5 = await one('五队', m, 7, parent)
    for (const email of ['a1@kepu.test', 'a2@kepu.test']) {
      await db.prisma.user.create({ data: { email, name: email, role: 'ORG_STAFF', organisationId: world.orgA.id } })
      await judging.appointJudge(admin, twoRounds, { email })
    }
    const [j1, j2] = await db.prisma.user.findMany({
      where: { email: { in: ['a1@kepu.test', 'a2@kepu.test'] } },
      orderBy: { email: 'asc' },
    })
    // The final cannot be assigned before the first round's line-up is decided.
    await expect(judging.assignRound(admin, final.id)).rejects.toMatchObject({ message: expect.stringContaining('确定晋级队伍') })
    expect(await judging.assignRound(admin, first.id)).toEqual({ assigned: 10, recused: 0 })
    const score = (judge: { id: string }, roundId: string, criterionId: string, teamId: string, value: number) =>
      judging.saveScores(judge, roundId, teamId, { [criterionId]: value })
    // 初赛: 一队 9+9, 二队 and 三队 7+7 (tied second), 四队 only one judge's partial... none: no complete sheet; 五队 5+5.
    for (const [t, v] of [
      [t1, 9],
      [t2, 7],
      [t3, 7],
      [t5, 5],
    ] as const) {
      await score(j1, first.id, first.criteria[0].id, t.id, v)
      await score(j2, first.id, first.criteria[0].id, t.id, v)
    }
    // Before the round closes: refused, nothing written.
    await expect(advance.advanceTeams(admin, first.id, { mode: 'top', perCategory: 2 }, now)).rejects.toMatchObject({
      message: '请先结束「初赛」的评审，再确定晋级队伍。',
    })
    await judging.closeRound(admin, first.id)
    // Out of scope; the last round; nobody chosen; a team not in the round.
    await expect(
      advance.advanceTeams(staff(world.users.otherDistrictAdmin), first.id, { mode: 'top', perCategory: 2 }, now),
    ).rejects.toMatchObject({ status: 404 })
    await expect(advance.advanceTeams(admin, final.id, { mode: 'top', perCategory: 2 }, now)).rejects.toMatchObject({
      message: expect.stringContaining('是最后一轮'),
    })
    await expect(advance.advanceTeams(admin, first.id, { mode: 'pick', teamIds: [] }, now)).rejects.toMatchObject({
      message: expect.stringContaining('没有队伍晋级'),
    })
    await expect(advance.advanceTeams(admin, first.id, { mode: 'pick', teamIds: [t1.id, 'not-a-team'] }, now)).rejects.toMatchObject({
      field: 'teamIds',
    })
    await expect(advance.advanceTeams(admin, first.id, { mode: 'top', perCategory: 0 }, now)).rejects.toMatchObject({
      field: 'perCategory',
    })
    expect(await db.prisma.competitionAdvance.count()).toBe(0)
    expect(
      await db.prisma.message.count({
        where: {
          template: { startsWith: 'competition.' },
          NOT: { template: { in: ['competition.registered', 'competition.deadline-near'] } },
        },
      }),
    ).toBe(0)

    // The standing staff choose from: places per category, tied second, 四队 without a complete sheet.
    const standing = await advance.roundStanding(first.id)
    // (二队 and 三队 share second place; between them the order is by team number.)
    expect(standing.map((s) => [s.team.name, s.rank, s.tied])).toEqual([
      ['一队', 1, false],
      ...[
        ['二队', 2, true],
        ['三队', 2, true],
      ].sort((a, b) => (standing.findIndex((s) => s.team.name === a[0]) < standing.findIndex((s) => s.team.name === b[0]) ? -1 : 1)),
      ['四队', null, false],
      ['五队', 1, false],
    ])

    // Two decisions at the same moment (a double click, a second tab): one is made, the other refused.
    const both = await Promise.allSettled([
      advance.advanceTeams(admin, first.id, { mode: 'top', perCategory: 2 }, now, 'https://kepu.example.cn'),
      advance.advanceTeams(admin, first.id, { mode: 'pick', teamIds: [t4.id] }, now, 'https://kepu.example.cn'),
    ])
    const made = both.filter((r) => r.status === 'fulfilled')
    expect(made).toHaveLength(1)
    expect(both.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { message: '「初赛」的晋级名单已经确定，不能再次确定或修改。' },
    })
    const decidedByTop = (made[0] as PromiseFulfilledResult<{ advanced: number }>).value.advanced === 4
    const advancedIds = decidedByTop ? [t1.id, t2.id, t3.id, t5.id] : [t4.id]
    const rows = await db.prisma.competitionAdvance.findMany({ where: { toRoundId: final.id } })
    expect(rows.map((r) => r.teamId).sort()).toEqual([...advancedIds].sort())
    expect(rows.every((r) => r.fromRoundId === first.id)).toBe(true)
    expect(await db.prisma.auditEntry.count({ where: { action: 'competition.advance', entityId: first.id } })).toBe(1)
    // Every team of the round is told, once, whether it goes on.
    const told = await db.prisma.message.findMany({ where: { template: { in: ['competition.advanced', 'competition.not-advanced'] } } })
    expect(told).toHaveLength(5)
    for (const t of [t1, t2, t3, t4, t5]) {
      const mine = told.filter((x) => x.subjectId === t.id)
      expect(mine.map((x) => x.template)).toEqual([advancedIds.includes(t.id) ? 'competition.advanced' : 'competition.not-advanced'])
      expect((mine[0].params as Record<string, string>).round).toBe('决赛')
    }
    // And once more, sequentially: refused.
    await expect(advance.advanceTeams(admin, first.id, { mode: 'top', perCategory: 3 }, now)).rejects.toMatchObject({
      message: expect.stringContaining('已经确定'),
    })
    expect(await db.prisma.competitionAdvance.count()).toBe(advancedIds.length)

    // The team page's word.
    for (const t of [t1, t2, t3, t4, t5])
      expect(await advance.teamAdvancement(t.id)).toEqual([
        { round: { name: '决赛', nameEn: 'Final' }, from: { name: '初赛', nameEn: 'First round' }, advanced: advancedIds.includes(t.id) },
      ])

    // The final: assignment, judge sheets, progress and results hold the advanced teams only.
    expect(await judging.assignRound(admin, final.id)).toEqual({ assigned: advancedIds.length * 2, recused: 0 })
    expect((await judging.judgeSheet(j1, final.id)).teams.map((t) => t.id).sort()).toEqual([...advancedIds].sort())
    expect((await judging.roundProgress(admin, final.id)).teams.map((t) => t.teamId).sort()).toEqual([...advancedIds].sort())
    const outsider = [t1, t2, t3, t4, t5].find((t) => !advancedIds.includes(t.id))!
    await expect(score(j1, final.id, final.criteria[0].id, outsider.id, 10)).rejects.toMatchObject({ status: 403 })
    for (const id of advancedIds) {
      await score(j1, final.id, final.criteria[0].id, id, 8)
      await score(j2, final.id, final.criteria[0].id, id, 8)
    }
    // A score row for a team that did not advance (written around the model) counts nowhere.
    await db.prisma.competitionScore.create({
      data: {
        roundId: final.id,
        judgeId: (await judging.requireJudge(j1, twoRounds)).id,
        teamId: outsider.id,
        criterionId: final.criteria[0].id,
        value: 10,
      },
    })
    await judging.closeRound(admin, final.id)
    const view = await results.staffResults(admin, twoRounds)
    expect(view.results!.rows.map((r) => r.teamId).sort()).toEqual([...advancedIds].sort())
  })

  // Entries as files (decision 038): the store is a folder of this test's own.
  it('keeps file entries as versions until the deadline, stores nothing for a late or oversize one, and lets only the team, its staff and its judges read them', async () => {
    const { mkdtemp, readdir, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const path = await import('node:path')
    const sharp = (await import('sharp')).default
    const { localStore } = await import('~/utils/infra/storage/index.server')
    const files = await import('~/models/competitions/entry-files.server')
    const folder = await mkdtemp(path.join(tmpdir(), 'kepu-entry-files-'))
    const store = localStore(folder)
    const stored = async () => (await readdir(folder, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length
    try {
      const { t1, t4, j1, j3, admin } = await judgedWorld()
      const pdf = new File(
        [Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')],
        '甲队-李小明.pdf',
        {
          type: 'application/pdf',
        },
      )
      expect(await files.submitEntryFile(teacher, t1.id, pdf, { note: '实验报告' }, { now, store })).toEqual({ version: 1 })
      const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 10, g: 120, b: 60 } } })
        .jpeg()
        .toBuffer()
      const image = new File([new Uint8Array(photo)], 'poster.jpg', { type: 'image/jpeg' })
      expect(await files.submitEntryFile(teacher, t1.id, image, {}, { now: new Date(now.getTime() + DAY), store })).toEqual({ version: 2 })
      expect(await stored()).toBe(2)
      const entries = await db.prisma.competitionEntry.findMany({ where: { teamId: t1.id }, orderBy: { version: 'asc' } })
      expect(entries.map((e) => [e.kind, e.fileName, e.note])).toEqual([
        ['FILE', '甲队-李小明.pdf', '实验报告'],
        ['FILE', 'poster.jpg', ''],
      ])
      expect(entries[0].url).toMatch(/^competition-entry\/\d{4}-\d{2}\/[0-9a-f-]{36}\.pdf$/)
      expect(entries[1].url).toMatch(/\.jpg$/)

      // Late (a replayed post after the deadline), oversize, another account's team: refused, nothing stored.
      const late = new Date(now.getTime() + 20 * DAY)
      await expect(files.submitEntryFile(teacher, t1.id, pdf, {}, { now: late, store })).rejects.toMatchObject({
        field: 'file',
        message: expect.stringContaining('（规则：作品提交截止时间），这次提交没有保存'),
      })
      const { ENTRY_DOCUMENT_MAX_BYTES } = await import('~/utils/infra/storage/limits')
      const big = new Uint8Array(ENTRY_DOCUMENT_MAX_BYTES + 1)
      big.set(Buffer.from('%PDF-1.7\n'))
      await expect(
        files.submitEntryFile(teacher, t1.id, new File([big], 'big.pdf', { type: 'application/pdf' }), {}, { now, store }),
      ).rejects.toMatchObject({ field: 'file', status: 413 })
      await expect(files.submitEntryFile(parent, t1.id, pdf, {}, { now, store })).rejects.toMatchObject({ status: 404 })
      expect(await stored()).toBe(2)
      expect(await db.prisma.competitionEntry.count({ where: { teamId: t1.id } })).toBe(2)

      // Who reads the file: the team, staff who run the competition, judges assigned and not recused; nobody else.
      const first = entries[0].id
      const code = (await db.prisma.competitionTeam.findUniqueOrThrow({ where: { id: t1.id } })).code
      const asStaff = (u: Parameters<typeof staff>[0]) => ({ staff: staff(u), residentId: null })
      expect(await files.entryFileFor(first, { staff: null, residentId: teacher.id })).toMatchObject({ key: entries[0].url })
      expect(await files.entryFileFor(first, asStaff(world.users.districtAdmin))).not.toBeNull()
      expect(await files.entryFileFor(first, asStaff(world.users.platformAdmin))).not.toBeNull()
      const judged = await files.entryFileFor(first, { staff: { ...admin, ...j1, role: 'ORG_STAFF', sessionId: 't' }, residentId: null })
      // Judges download it by team number and version, never by the sent name (it may carry the pupils' names).
      expect(judged).toEqual({ key: entries[0].url, downloadName: `entry-${code}-v1.pdf` })
      expect(await files.entryFileFor(first, { staff: null, residentId: parent.id })).toBeNull()
      expect(await files.entryFileFor(first, { staff: null, residentId: null })).toBeNull()
      expect(await files.entryFileFor(first, asStaff(world.users.otherDistrictAdmin))).toBeNull()
      expect(await files.entryFileFor(first, asStaff(world.users.staff))).toBeNull()
      // Judge 3 was recused from 丁队: not that team's file.
      const t4File = await files.submitEntryFile(parent, t4.id, pdf, {}, { now, store })
      const t4Entry = await db.prisma.competitionEntry.findFirstOrThrow({ where: { teamId: t4.id, version: t4File.version } })
      const asJudge3 = { staff: { ...admin, ...j3, role: 'ORG_STAFF' as const, sessionId: 't' }, residentId: null }
      expect(await files.entryFileFor(t4Entry.id, asJudge3)).toBeNull()
      expect(await files.entryFileFor(first, asJudge3)).not.toBeNull()
      // A link entry has no file.
      await teams.submitEntryLink(teacher, t1.id, { url: 'https://pan.example.cn/s/v3' }, { now })
      const link = await db.prisma.competitionEntry.findFirstOrThrow({ where: { teamId: t1.id, kind: 'LINK' } })
      expect(await files.entryFileFor(link.id, { staff: null, residentId: teacher.id })).toBeNull()
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })

  // ——— The staff form (decision 035, "The staff form") ———
  /** The stored competition as the staff form would post it unchanged, with `over` applied. */
  const formOf = async (id: string, over: Partial<CompetitionFormInput> = {}): Promise<CompetitionFormInput> => {
    const c = await editor.competitionForEditor(staff(world.users.platformAdmin), id)
    return {
      title: c.title,
      titleEn: c.titleEn,
      edition: c.edition,
      summary: c.summary,
      summaryEn: c.summaryEn,
      organiser: c.organiser,
      districtId: c.districtId ?? undefined,
      published: c.status !== 'DRAFT',
      signUpOpensAt: c.signUpOpensAt,
      signUpClosesAt: c.signUpClosesAt,
      entryClosesAt: c.entryClosesAt,
      minTeamSize: c.minTeamSize,
      maxTeamSize: c.maxTeamSize,
      oneDistrict: c.oneDistrict,
      normaliseMinEntries: c.normaliseMinEntries,
      categories: c.categories.map((x) => ({ id: x.id, name: x.name, nameEn: x.nameEn, minGrade: x.minGrade, maxGrade: x.maxGrade })),
      rounds: c.rounds.map((r) => ({
        id: r.id,
        name: r.name,
        nameEn: r.nameEn,
        minJudgesPerEntry: r.minJudgesPerEntry,
        criteria: r.criteria.map((x) => ({ id: x.id, name: x.name, nameEn: x.nameEn, weight: x.weight, maxScore: x.maxScore })),
      })),
      awardBasis: c.awardBasis,
      awards: c.awards.map((a) => ({ name: a.name, nameEn: a.nameEn, threshold: (c.awardBasis === 'RANK' ? a.maxRank : a.minScore) ?? 0 })),
      ...over,
    }
  }
  const fresh = (over: Partial<CompetitionFormInput> = {}): CompetitionFormInput => ({
    title: '松江区青少年创新大赛',
    titleEn: 'Songjiang Youth Innovation Contest',
    edition: 2027,
    summary: '面向全区中小学生的创新作品比赛。',
    organiser: '松江区科协',
    published: false,
    signUpOpensAt: new Date(now.getTime() + DAY),
    signUpClosesAt: new Date(now.getTime() + 30 * DAY),
    entryClosesAt: new Date(now.getTime() + 40 * DAY),
    minTeamSize: 1,
    maxTeamSize: 4,
    oneDistrict: true,
    normaliseMinEntries: 5,
    categories: [
      { name: '小学组', nameEn: 'Primary', minGrade: 1, maxGrade: 5 },
      { name: '初中组', nameEn: 'Middle', minGrade: 6, maxGrade: 9 },
    ],
    rounds: [
      {
        name: '初赛',
        minJudgesPerEntry: 2,
        criteria: [
          { name: '创新性', weight: 50, maxScore: 10 },
          { name: '完成度', weight: 50, maxScore: 10 },
        ],
      },
      { name: '决赛', minJudgesPerEntry: 3, criteria: [{ name: '答辩', weight: 100, maxScore: 20 }] },
    ],
    awardBasis: 'RANK',
    awards: [
      { name: '一等奖', nameEn: 'First prize', threshold: 3 },
      { name: '二等奖', nameEn: 'Second prize', threshold: 8 },
    ],
    ...over,
  })

  it('staff form: district admins make their district’s competition, platform admins any or the city’s; a draft is not public; bad input is refused by field with nothing stored', async () => {
    const district = staff(world.users.districtAdmin)
    // A district admin's competition is their district's whatever the post says.
    const { id } = await editor.createCompetitionFromForm(district, fresh({ districtId: world.qp.id }), now)
    const made = await db.prisma.competition.findUniqueOrThrow({
      where: { id },
      include: { categories: { orderBy: { sort: 'asc' } }, rounds: { orderBy: { sort: 'asc' }, include: { criteria: true } } },
    })
    expect(made).toMatchObject({ districtId: world.sj.id, status: 'DRAFT', oneDistrict: true, maxTeamSize: 4 })
    expect(made.slug).toMatch(/^c2027-[0-9a-f]{8}$/)
    expect(made.categories.map((c) => c.name)).toEqual(['小学组', '初中组'])
    expect(made.rounds.map((r) => [r.name, r.criteria.length])).toEqual([
      ['初赛', 2],
      ['决赛', 1],
    ])
    expect((await competitions.listCompetitions()).map((c) => c.slug)).not.toContain(made.slug)
    await expect(competitions.getPublicCompetition(made.slug)).rejects.toMatchObject({ status: 404 })
    expect(await db.prisma.auditEntry.count({ where: { action: 'competition.create', entityId: id } })).toBe(1)

    // Refused by field, nothing stored.
    const before = await db.prisma.competition.count()
    const platform = staff(world.users.platformAdmin)
    await expect(editor.createCompetitionFromForm(platform, fresh({ slug: 'city-2027', oneDistrict: true }), now)).rejects.toMatchObject({
      field: 'oneDistrict',
    })
    await expect(
      editor.createCompetitionFromForm(platform, fresh({ slug: 'sj-science-show-2026', oneDistrict: false }), now),
    ).rejects.toMatchObject({
      field: 'slug',
      message: '这个网址名已被另一项大赛使用，请换一个。',
    })
    await expect(
      editor.createCompetitionFromForm(
        district,
        fresh({
          entryClosesAt: new Date(now.getTime() - DAY),
          signUpClosesAt: new Date(now.getTime() - 2 * DAY),
          signUpOpensAt: new Date(now.getTime() - 3 * DAY),
        }),
        now,
      ),
    ).rejects.toMatchObject({ field: 'entryClosesAt' })
    const badWeights = fresh({ rounds: [{ name: '初赛', minJudgesPerEntry: 2, criteria: [{ name: '创新性', weight: 60, maxScore: 10 }] }] })
    await expect(editor.createCompetitionFromForm(district, badWeights, now)).rejects.toMatchObject({ field: 'rounds[0].criteria' })
    await expect(editor.createCompetitionFromForm(staff(world.users.staff), fresh(), now)).rejects.toMatchObject({ status: 403 })
    expect(await db.prisma.competition.count()).toBe(before)

    // The schema says the same next to each field, in the staff pages' Chinese.
    const { competitionFormSchema } = await import('~/models/competitions/admin-schema')
    const { tFor } = await import('~/utils/i18n')
    const parsed = competitionFormSchema(tFor('zh-CN')).safeParse({
      ...fresh(),
      signUpOpensAt: '2027-03-01T09:00',
      signUpClosesAt: '2027-02-01T09:00',
      entryClosesAt: '2027-04-01T09:00',
      rounds: [{ name: '初赛', minJudgesPerEntry: 2, criteria: [{ name: '创新性', weight: 60, maxScore: 10 }] }],
    })
    expect(parsed.success).toBe(false)
    const issues = parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join('.'), i.message])
    expect(issues).toEqual(
      expect.arrayContaining([
        ['signUpClosesAt', '报名截止须晚于报名开始'],
        ['rounds.0.criteria', '「初赛」的权重合计须为 100（现在是 60）'],
      ]),
    )
    // Each count in the words of what it counts.
    const counts = competitionFormSchema(tFor('zh-CN')).safeParse({
      ...fresh(),
      minTeamSize: 'two',
      maxTeamSize: 2.5,
      normaliseMinEntries: 0,
      rounds: [{ name: '初赛', minJudgesPerEntry: 21, criteria: [{ name: '创新性', weight: 100, maxScore: 101 }] }],
    })
    expect(counts.success ? [] : counts.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual(
      expect.arrayContaining([
        ['minTeamSize', '人数请填写数字'],
        ['maxTeamSize', '人数请填写整数'],
        ['normaliseMinEntries', '份数为 1–100'],
        ['rounds.0.minJudgesPerEntry', '评委人数为 1–20'],
        ['rounds.0.criteria.0.maxScore', '满分为 1–100'],
      ]),
    )

    // A city-wide one by a platform admin, published at once: public, edited and saved as typed.
    const city = await editor.createCompetitionFromForm(
      platform,
      fresh({ slug: 'city-innovation-2027', oneDistrict: false, published: true }),
      now,
    )
    expect(await competitions.getPublicCompetition('city-innovation-2027')).toMatchObject({ district: null, status: 'OPEN' })
    // Another district's admin does not find it to edit (it is the city's), nor 松江's.
    await expect(editor.competitionForEditor(staff(world.users.otherDistrictAdmin), id)).rejects.toMatchObject({ status: 404 })
    await expect(
      editor.updateCompetitionFromForm(staff(world.users.otherDistrictAdmin), city.id, await formOf(city.id), now),
    ).rejects.toMatchObject({
      status: 404,
    })
    // Before anyone signed up, anything may change (a category renamed into another's name too), with no timeline entry.
    const input = await formOf(id)
    const swapped = await formOf(id, {
      published: true,
      minTeamSize: 2,
      entryClosesAt: new Date(now.getTime() + 35 * DAY),
      categories: [
        { ...input.categories[0], name: '初中组', minGrade: 6, maxGrade: 9 },
        { ...input.categories[1], name: '小学组', minGrade: 1, maxGrade: 5 },
      ],
    })
    await editor.updateCompetitionFromForm(district, id, swapped, now)
    const after = await competitions.getPublicCompetition(made.slug)
    expect(after.categories.map((c) => c.name)).toEqual(['初中组', '小学组'])
    expect(after).toMatchObject({ status: 'OPEN', minTeamSize: 2, deadlineChanges: [] })
    // The deadline moved while it was a draft: no timeline entry, but the same-time save afterwards moves nothing.
    expect(await db.prisma.competitionDeadlineChange.count()).toBe(0)
    // A page opened before someone else saved: a row whose id is not stored, or is posted twice, is refused as stale.
    const stored = await formOf(id)
    const stale: Array<[Partial<CompetitionFormInput>, string, string]> = [
      [{ categories: [{ ...stored.categories[0], id: 'gone' }] }, 'categories', '组别列表已过期，请重新打开这一页再改。'],
      [{ rounds: [stored.rounds[0], stored.rounds[0]] }, 'rounds', '轮次列表已过期，请重新打开这一页再改。'],
    ]
    for (const [change, field, message] of stale)
      await expect(editor.updateCompetitionFromForm(district, id, await formOf(id, change), now)).rejects.toMatchObject({ field, message })
  })

  it('staff form: once teams signed up, refuses what would break them by name and field, and a later deadline is recorded, audited and told to each team', async () => {
    const district = staff(world.users.districtAdmin)
    const { id: teamId } = await register(team())
    const title = '松江区青少年科学表演大赛'
    const saved = async () =>
      db.prisma.competition.findUniqueOrThrow({
        where: { id: competitionId },
        select: {
          title: true,
          minTeamSize: true,
          maxTeamSize: true,
          entryClosesAt: true,
          signUpClosesAt: true,
          status: true,
          _count: { select: { categories: true } },
        },
      })
    const before = await saved()
    const base = await formOf(competitionId, { title: '改过的名称' })
    const refusals: Array<[Partial<CompetitionFormInput>, string, string]> = [
      [{ minTeamSize: 3 }, 'minTeamSize', '已有 1 支队伍报名，每队最少人数不能再提高（现为 2 人），只能放宽。'],
      [{ maxTeamSize: 2 }, 'maxTeamSize', '已有 1 支队伍报名，每队最多人数不能再降低（现为 3 人），只能放宽。'],
      [{ categories: base.categories.slice(1) }, 'categories', '「小学组」已有 1 支队伍报名，不能删除。'],
      [
        { categories: [{ ...base.categories[0], maxGrade: 4 }, base.categories[1]] },
        'categories[0].maxGrade',
        '「小学组」已有 1 支队伍，年级范围只能放宽，不能收窄。',
      ],
      [
        { entryClosesAt: new Date(now.getTime() + 15 * DAY) },
        'entryClosesAt',
        expect.stringContaining('已有 1 支队伍报名，作品截止时间不能提前'),
      ],
      [{ signUpOpensAt: new Date(now.getTime() - 2 * DAY) }, 'signUpOpensAt', '已有 1 支队伍报名，报名开始时间不能再改。'],
      [{ published: false }, 'published', '已有 1 支队伍报名，不能撤回为未发布。'],
      [{ edition: 2027 }, 'edition', '已有 1 支队伍报名，届次不能再改（每名学生每届只能参加一支队伍）。'],
      [{ entryClosesAt: new Date(now.getTime() + 25 * DAY) }, 'changeReason', expect.stringContaining('请写明原因')],
    ]
    for (const [over, field, message] of refusals)
      await expect(editor.updateCompetitionFromForm(district, competitionId, { ...base, ...over }, now), field).rejects.toMatchObject({
        field,
        message,
      })
    expect(await saved()).toEqual(before)
    expect(await db.prisma.competitionDeadlineChange.count()).toBe(0)

    // Loosening is allowed: more members, a wider grade range, a new category.
    await editor.updateCompetitionFromForm(
      district,
      competitionId,
      {
        ...base,
        maxTeamSize: 4,
        categories: [
          { ...base.categories[0], minGrade: 1, maxGrade: 6 },
          base.categories[1],
          { name: '高中组', nameEn: 'High', minGrade: 10, maxGrade: 12 },
        ],
      },
      now,
    )
    expect(await saved()).toMatchObject({ title: '改过的名称', maxTeamSize: 4, _count: { categories: 3 } })

    // A deadline moved later with a reason: on the timeline, in the audit log, and an SMS to the team.
    const later = new Date(now.getTime() + 27 * DAY)
    const again = await formOf(competitionId, { entryClosesAt: later, changeReason: '区教育局调整期末考试时间' })
    const { moved, told } = await editor.updateCompetitionFromForm(district, competitionId, again, now)
    expect([moved, told]).toEqual([1, 1])
    const shown = await competitions.getPublicCompetition('sj-science-show-2026')
    const steps = competitions.timeline(shown, now)
    expect(steps.find((s) => s.key === 'entryCloses')).toMatchObject({
      at: later,
      moved: [{ step: 'entryCloses', before: before.entryClosesAt, after: later, reason: '区教育局调整期末考试时间' }],
    })
    expect(await db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'competition.move_deadline' } })).toMatchObject({
      entityId: competitionId,
      summary: expect.stringContaining('区教育局调整期末考试时间'),
    })
    const told1 = await db.prisma.message.findFirstOrThrow({ where: { template: 'competition.deadline-moved', subjectId: teamId } })
    expect(told1.params).toMatchObject({ title: '改过的名称', step: '作品提交截止', message: '区教育局调整期末考试时间' })
    // The team's own deadline follows.
    expect(competitions.teamDeadline({ entryClosesAt: later }, { entryExtendedUntil: null })).toEqual(later)
    void title

    // Judging began in the round: its criteria are fixed; its English names may still be added.
    const judge = await db.prisma.competitionJudge.create({ data: { competitionId, userId: world.users.staff.id } })
    await db.prisma.judgeAssignment.create({ data: { roundId, judgeId: judge.id, teamId } })
    const judged = await formOf(competitionId)
    const reweighted = {
      ...judged,
      rounds: [{ ...judged.rounds[0], criteria: judged.rounds[0].criteria.map((x, i) => ({ ...x, weight: i ? 30 : 70 })) }],
    }
    await expect(editor.updateCompetitionFromForm(district, competitionId, reweighted, now)).rejects.toMatchObject({
      field: 'rounds[0].criteria',
      message: '「初赛」已开始评审（已分配或已有评分），评分项、权重和满分不能再改。',
    })
    await expect(
      editor.updateCompetitionFromForm(
        district,
        competitionId,
        { ...judged, rounds: [{ name: '复赛', minJudgesPerEntry: 2, criteria: [{ name: '答辩', weight: 100, maxScore: 10 }] }] },
        now,
      ),
    ).rejects.toMatchObject({
      field: 'rounds',
    })
    const english = {
      ...judged,
      rounds: [
        { ...judged.rounds[0], nameEn: 'Heats', criteria: judged.rounds[0].criteria.map((x) => ({ ...x, nameEn: `${x.nameEn}!` })) },
      ],
    }
    await editor.updateCompetitionFromForm(district, competitionId, english, now)
    const criteria = await db.prisma.competitionCriterion.findMany({ where: { roundId }, orderBy: { sort: 'asc' } })
    expect(criteria.map((x) => [x.nameEn, x.weight])).toEqual([
      ['Science!', 60],
      ['Performance!', 40],
    ])
    // The entry deadline passed: the roster froze and the time stays.
    await expect(
      editor.updateCompetitionFromForm(
        district,
        competitionId,
        await formOf(competitionId, { entryClosesAt: new Date(later.getTime() + DAY), changeReason: '再延长' }),
        new Date(later.getTime() + HOUR),
      ),
    ).rejects.toMatchObject({ field: 'entryClosesAt', message: expect.stringContaining('队伍名单已冻结') })
  })

  it('staff form: awards (by rank or band) and judges per entry are saved as typed, refused by field when out of order, fixed once judging or 公示 began', async () => {
    const district = staff(world.users.districtAdmin)
    const { id } = await editor.createCompetitionFromForm(district, fresh(), now)
    const made = await db.prisma.competition.findUniqueOrThrow({
      where: { id },
      include: { awards: { orderBy: { sort: 'asc' } }, rounds: { orderBy: { sort: 'asc' } } },
    })
    expect(made.awardBasis).toBe('RANK')
    expect(made.awards.map((a) => [a.name, a.nameEn, a.maxRank, a.minScore, a.categoryId])).toEqual([
      ['一等奖', 'First prize', 3, null, null],
      ['二等奖', 'Second prize', 8, null, null],
    ])
    expect(made.rounds.map((r) => r.minJudgesPerEntry)).toEqual([2, 3])

    // Out of order, out of range or repeated: refused next to the award's field, nothing stored.
    const before = await db.prisma.competition.count()
    const awardsBefore = await db.prisma.competitionAward.count()
    const prize = (name: string, threshold: number) => ({ name, nameEn: '', threshold })
    const refusals: Array<[Partial<CompetitionFormInput>, string, string]> = [
      [{ awards: [prize('一等奖', 8), prize('二等奖', 3)] }, 'awards[1].threshold', '名次须大于上一个奖项的名次（8）。'],
      [{ awards: [prize('一等奖', 2.5)] }, 'awards[0].threshold', expect.stringContaining('按名次评奖：请填写名次')],
      [{ awardBasis: 'BAND', awards: [prize('一等奖', 120)] }, 'awards[0].threshold', '按分数段评奖：分数线为 0–100。'],
      [
        { awardBasis: 'BAND', awards: [prize('一等奖', 70), prize('二等奖', 85)] },
        'awards[1].threshold',
        '分数线须低于上一个奖项的分数线（70）。',
      ],
      [{ awards: [prize('一等奖', 1), prize('一等奖', 2)] }, 'awards[1].name', '奖项名称不能重复。'],
    ]
    for (const [over, field, message] of refusals) {
      await expect(editor.createCompetitionFromForm(district, fresh(over), now), field).rejects.toMatchObject({ field, message })
      await expect(editor.updateCompetitionFromForm(district, id, await formOf(id, over), now), field).rejects.toMatchObject({
        field,
        message,
      })
    }
    expect(await db.prisma.competition.count()).toBe(before)
    expect(await db.prisma.competitionAward.count()).toBe(awardsBefore)
    // The schema says the same beside each field, and wants a judge count per round.
    const { competitionFormSchema } = await import('~/models/competitions/admin-schema')
    const { tFor } = await import('~/utils/i18n')
    const parsed = competitionFormSchema(tFor('zh-CN')).safeParse({
      ...fresh(),
      signUpOpensAt: '2027-03-01T09:00',
      signUpClosesAt: '2027-03-10T09:00',
      entryClosesAt: '2027-04-01T09:00',
      rounds: [{ name: '初赛', minJudgesPerEntry: 0, criteria: [{ name: '创新性', weight: 100, maxScore: 10 }] }],
      awards: [prize('一等奖', 3), prize('二等奖', 'x' as unknown as number)],
    })
    const issues = parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join('.'), i.message])
    expect(issues).toEqual([
      ['rounds.0.minJudgesPerEntry', '评委人数为 1–20'],
      ['awards.1.threshold', '名次或分数线请填写数字'],
    ])

    // With a team signed up, awards may still change (nobody relies on them before results): by band now.
    await register(team())
    const banded = await formOf(competitionId, {
      awardBasis: 'BAND',
      awards: [prize('一等奖', 85), prize('二等奖', 70), { name: '优秀奖', nameEn: 'Merit', threshold: 60.5 }],
      rounds: (await formOf(competitionId)).rounds.map((r) => ({ ...r, minJudgesPerEntry: 3 })),
    })
    await editor.updateCompetitionFromForm(district, competitionId, banded, now)
    const stored = await db.prisma.competition.findUniqueOrThrow({
      where: { id: competitionId },
      include: { awards: { orderBy: { sort: 'asc' } }, rounds: true },
    })
    expect(stored.awardBasis).toBe('BAND')
    expect(stored.awards.map((a) => [a.name, a.maxRank, a.minScore])).toEqual([
      ['一等奖', null, 85],
      ['二等奖', null, 70],
      ['优秀奖', null, 60.5],
    ])
    expect(stored.rounds.map((r) => r.minJudgesPerEntry)).toEqual([3])
    // Results read them: 86 is 一等奖, 65 优秀奖, 50 nothing.
    const ranked = results.rankAndAward(
      [
        { teamId: 'a', categoryId: 'x', normalised: 86 },
        { teamId: 'b', categoryId: 'x', normalised: 65 },
        { teamId: 'c', categoryId: 'x', normalised: 50 },
      ],
      stored.awards,
      stored.awardBasis,
    )
    expect(ranked.map((r) => r.award?.name ?? null)).toEqual(['一等奖', '优秀奖', null])

    // Judging began in the round: its judge count is fixed; the awards are not.
    const judge = await db.prisma.competitionJudge.create({ data: { competitionId, userId: world.users.staff.id } })
    const { id: teamId } = await db.prisma.competitionTeam.findFirstOrThrow({ where: { competitionId } })
    await db.prisma.judgeAssignment.create({ data: { roundId, judgeId: judge.id, teamId } })
    const judged = await formOf(competitionId)
    await expect(
      editor.updateCompetitionFromForm(
        district,
        competitionId,
        { ...judged, rounds: [{ ...judged.rounds[0], minJudgesPerEntry: 2 }] },
        now,
      ),
    ).rejects.toMatchObject({
      field: 'rounds[0].minJudgesPerEntry',
      message: '「初赛」已开始评审，每份作品的评委人数不能再改（现为 3 人）。',
    })
    await editor.updateCompetitionFromForm(district, competitionId, { ...judged, awards: judged.awards.slice(0, 2) }, now)
    expect(await db.prisma.competitionAward.count({ where: { competitionId } })).toBe(2)

    // 公示 began: the awards and their basis are fixed; the same awards saved again pass.
    await db.prisma.competition.update({ where: { id: competitionId }, data: { status: 'REVIEW' } })
    const review = await formOf(competitionId)
    await expect(
      editor.updateCompetitionFromForm(district, competitionId, { ...review, awards: [prize('一等奖', 80)] }, now),
    ).rejects.toMatchObject({ field: 'awards', message: expect.stringContaining('公示') })
    await expect(
      editor.updateCompetitionFromForm(district, competitionId, { ...review, awardBasis: 'RANK', awards: [prize('一等奖', 1)] }, now),
    ).rejects.toMatchObject({ field: 'awardBasis' })
    await editor.updateCompetitionFromForm(district, competitionId, { ...review, title: '改过的名称' }, now)
    expect(
      (await db.prisma.competitionAward.findMany({ where: { competitionId }, orderBy: { sort: 'asc' } })).map((a) => a.minScore),
    ).toEqual([85, 70])
  })

  it('staff form: a sign-up and an edit tightening the rules at the same moment never both succeed', async () => {
    const district = staff(world.users.districtAdmin)
    const tighter = await formOf(competitionId, { minTeamSize: 3 })
    const [signUp, edit] = await Promise.allSettled([
      register(team()),
      editor.updateCompetitionFromForm(district, competitionId, tighter, now),
    ])
    expect([signUp.status, edit.status].sort()).toEqual(['fulfilled', 'rejected'])
    const stored = await db.prisma.competition.findUniqueOrThrow({ where: { id: competitionId }, select: { minTeamSize: true } })
    expect(await db.prisma.competitionTeam.count()).toBe(signUp.status === 'fulfilled' ? 1 : 0)
    expect(stored.minTeamSize).toBe(edit.status === 'fulfilled' ? 3 : 2)
  })
}
