// The competition the plans name for a district, seeded so a district can run it on the portal: Songjiang's
// 青少年科学表演大赛 (plan 001, Songjiang 2026 work plan, section 五 (十五): "完善青少年科学表演大赛等主题活动内容设计与
// 组织形式"). The plans give no dates, team sizes, criteria or awards: those are the seed's working values, which the
// summary says; staff change them before opening. Written once (by slug) and then left to staff.
import { createCompetition, type CompetitionSpec } from '../app/models/competitions/spec'
import type { Prisma } from '@prisma/client'

const DAY = 86400_000

export function competitionSeeds(songjiangId: string, monday: Date): CompetitionSpec[] {
  // Sign-up from the seeding week's Monday 09:00 Shanghai for four weeks, entries two weeks after that.
  const opens = new Date(monday.getTime() + 9 * 3600_000)
  return [
    {
      slug: 'songjiang-youth-science-show',
      title: '松江区青少年科学表演大赛',
      titleEn: 'Songjiang Youth Science Show Competition',
      edition: new Date(opens.getTime() + 8 * 3600_000).getUTCFullYear(),
      summary:
        '用表演讲科学：学生组队编排科学表演（实验秀、科学剧、科普脱口秀），拍成视频提交，专家评委按科学性、创新性与表演表达评审，结果公示后颁发证书。日期、人数与评分标准为平台预设，以主办方通知为准。',
      summaryEn:
        'Science told on stage: pupils form teams and stage a science show (experiment show, science drama, science talk), submit it as a video, and expert judges score it for science, originality and performance; results go on public review, then certificates are issued. Dates, team sizes and criteria are the platform’s working values until the organiser announces them.',
      organiser: '松江区科学技术委员会（区科协）',
      districtId: songjiangId,
      signUpOpensAt: opens,
      signUpClosesAt: new Date(opens.getTime() + 28 * DAY),
      entryClosesAt: new Date(opens.getTime() + 42 * DAY),
      minTeamSize: 1,
      maxTeamSize: 5,
      oneDistrict: true,
      normaliseMinEntries: 5,
      awardBasis: 'RANK',
      categories: [
        { name: '小学组', nameEn: 'Primary school', minGrade: 1, maxGrade: 5 },
        { name: '初中组', nameEn: 'Middle school', minGrade: 6, maxGrade: 9 },
        { name: '高中组', nameEn: 'High school', minGrade: 10, maxGrade: 12 },
      ],
      rounds: [
        {
          name: '初赛（视频评审）',
          nameEn: 'First round (video)',
          minJudgesPerEntry: 3,
          criteria: [
            { name: '科学性', nameEn: 'Sound science', weight: 35 },
            { name: '创新性', nameEn: 'Originality', weight: 25 },
            { name: '表演与表达', nameEn: 'Performance and delivery', weight: 25 },
            { name: '规范与安全', nameEn: 'Rules and safety', weight: 15 },
          ],
        },
      ],
      awards: [
        { name: '一等奖', nameEn: 'First prize', maxRank: 3 },
        { name: '二等奖', nameEn: 'Second prize', maxRank: 8 },
        { name: '三等奖', nameEn: 'Third prize', maxRank: 15 },
      ],
    },
  ]
}

/** Writes the seed's competitions that are not in the database yet; returns how many it wrote. */
export async function seedCompetitions(tx: Prisma.TransactionClient, districtIds: Map<string, string>, monday: Date): Promise<number> {
  const songjiang = districtIds.get('松江区')
  if (!songjiang) return 0
  let written = 0
  for (const spec of competitionSeeds(songjiang, monday)) {
    if (await tx.competition.findUnique({ where: { slug: spec.slug }, select: { id: true } })) continue
    await createCompetition(tx, spec)
    written++
  }
  return written
}
