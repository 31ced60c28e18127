// 300 judges scoring at once on PostgreSQL (issue 29): nothing lost, nothing doubled, every value the judge's last.
// Its own file, since the app's Prisma client points at one database per test process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import type { TestDatabase } from '../helpers/db'

const JUDGES = 300
const DAY = 86400_000

describe('judges scoring at once on PostgreSQL', () => {
  let db: TestDatabase
  let judging: typeof import('~/models/competitions/judging.server')
  let competitions: typeof import('~/models/competitions/competition.server')
  const now = new Date('2026-12-07T02:00:00Z')
  beforeAll(async () => {
    db = await useTestDatabaseForApp('postgres')
    judging = await import('~/models/competitions/judging.server')
    competitions = await import('~/models/competitions/competition.server')
  })
  afterAll(async () => {
    await db?.drop()
  })

  it(`${JUDGES} judges save their sheets for the same teams at the same moment, some twice at once: every score kept`, async () => {
    const competitionId = await competitions.createCompetition(db.prisma, {
      slug: 'rush',
      title: '压力测试大赛',
      edition: 2026,
      summary: '测试',
      organiser: '测试',
      districtId: null,
      signUpOpensAt: new Date(now.getTime() - 2 * DAY),
      signUpClosesAt: new Date(now.getTime() - DAY),
      entryClosesAt: new Date(now.getTime() - DAY),
      minTeamSize: 1,
      maxTeamSize: 3,
      oneDistrict: false,
      categories: [{ name: '小学组', nameEn: 'Primary', minGrade: 1, maxGrade: 5 }],
      rounds: [
        {
          name: '初赛',
          nameEn: 'First round',
          criteria: [
            { name: '科学性', nameEn: 'Science', weight: 50 },
            { name: '表现力', nameEn: 'Performance', weight: 50 },
          ],
        },
      ],
      awards: [],
    })
    const c = await db.prisma.competition.findUniqueOrThrow({
      where: { id: competitionId },
      include: { categories: true, rounds: { include: { criteria: true } } },
    })
    const round = c.rounds[0]
    const [a, b] = round.criteria.map((x) => x.id)
    const resident = await db.prisma.resident.create({ data: { phone: '13900000009', passwordHash: 'x', passportCode: 'PRUSH0001' } })
    const teams = await Promise.all(
      ['T1', 'T2'].map((code) =>
        db.prisma.competitionTeam.create({
          data: {
            competitionId,
            categoryId: c.categories[0].id,
            name: code,
            code,
            registrantId: resident.id,
            advisorName: '钱老师',
            advisorSchool: '某校',
            advisorPart: '指导',
          },
        }),
      ),
    )
    const district = await db.prisma.district.create({
      data: { code: 310117, slug: 'songjiang', name: '松江区', nameEn: 'Songjiang', centerLat: 31, centerLng: 121 },
    })
    const organisation = await db.prisma.organisation.create({
      data: { slug: 'org', name: '评审专家库', kind: 'MUSEUM', districtId: district.id },
    })
    await db.prisma.user.createMany({
      data: Array.from({ length: JUDGES }, (_, i) => ({
        email: `judge${i}@kepu.test`,
        name: `评委${i}`,
        role: 'ORG_STAFF' as const,
        organisationId: organisation.id,
      })),
    })
    const users = await db.prisma.user.findMany({ orderBy: { email: 'asc' }, select: { id: true } })
    await db.prisma.competitionJudge.createMany({ data: users.map((u) => ({ competitionId, userId: u.id })) })
    const judges = await db.prisma.competitionJudge.findMany({ select: { id: true, userId: true } })
    await db.prisma.judgeAssignment.createMany({
      data: judges.flatMap((j) => teams.map((t) => ({ roundId: round.id, judgeId: j.id, teamId: t.id }))),
    })

    // Each judge: a sheet for T1 and a sheet for T2 at once; every tenth judge also double-posts T1 (a double click).
    const value = (i: number, team: number, criterion: number) => (i * 7 + team * 3 + criterion) % 11
    const saves = users.flatMap((u, i) => [
      judging.saveScores(u, round.id, teams[0].id, { [a]: value(i, 0, 0), [b]: value(i, 0, 1) }, now),
      judging.saveScores(u, round.id, teams[1].id, { [a]: value(i, 1, 0), [b]: value(i, 1, 1) }, now),
      ...(i % 10 === 0 ? [judging.saveScores(u, round.id, teams[0].id, { [a]: value(i, 0, 0), [b]: value(i, 0, 1) }, now)] : []),
    ])
    const results = await Promise.allSettled(saves)
    const failures = results.filter((r) => r.status === 'rejected')
    expect(failures, String((failures[0] as PromiseRejectedResult | undefined)?.reason)).toHaveLength(0)

    const scores = await db.prisma.competitionScore.findMany({ where: { roundId: round.id } })
    expect(scores).toHaveLength(JUDGES * 2 * 2)
    const judgeIndex = new Map(judges.map((j) => [j.id, users.findIndex((u) => u.id === j.userId)]))
    for (const s of scores) {
      const i = judgeIndex.get(s.judgeId)!
      expect(s.value).toBe(value(i, s.teamId === teams[0].id ? 0 : 1, s.criterionId === a ? 0 : 1))
    }
    const progress = await judging.roundProgress(
      { id: users[0].id, role: 'PLATFORM_ADMIN', name: 'p', email: 'p', districtId: null, organisationId: null, sessionId: 's' },
      round.id,
    )
    expect(progress.teams.map((t) => t.done)).toEqual([JUDGES, JUDGES])
  }, 180_000)
})
