// A competition as staff, the seed and the tests describe it, written with its categories, rounds, criteria and
// awards. No app-wide database client here: the seed runs it inside its own transaction.
import { Refusal } from '~/utils/refusal'
import type { Prisma, PrismaClient } from '@prisma/client'

type Db = Prisma.TransactionClient | PrismaClient

export type CompetitionSpec = {
  slug: string
  title: string
  titleEn?: string
  edition: number
  summary: string
  summaryEn?: string
  organiser: string
  districtId: string | null
  status?: 'DRAFT' | 'OPEN'
  signUpOpensAt: Date
  signUpClosesAt: Date
  entryClosesAt: Date
  minTeamSize: number
  maxTeamSize: number
  oneDistrict: boolean
  normaliseMinEntries?: number
  awardBasis?: 'RANK' | 'BAND'
  categories: Array<{ name: string; nameEn: string; minGrade: number; maxGrade: number }>
  rounds: Array<{
    name: string
    nameEn: string
    minJudgesPerEntry?: number
    criteria: Array<{ name: string; nameEn: string; weight: number; maxScore?: number }>
  }>
  awards: Array<{ name: string; nameEn: string; maxRank?: number | null; minScore?: number | null; category?: string }>
}

/** Writes a competition with its categories, rounds, criteria and awards (seed, tests, staff). Weights must add up to 100. */
export async function createCompetition(db: Db, spec: CompetitionSpec): Promise<string> {
  if (!(spec.signUpOpensAt < spec.signUpClosesAt && spec.signUpClosesAt <= spec.entryClosesAt))
    throw new Refusal('报名开始、报名截止、作品截止须依次排列。')
  if (spec.minTeamSize < 1 || spec.maxTeamSize < spec.minTeamSize) throw new Refusal('队伍人数的上下限不对。')
  for (const r of spec.rounds)
    if (r.criteria.reduce((s, c) => s + c.weight, 0) !== 100) throw new Refusal(`「${r.name}」的评分权重合计须为 100。`)
  const competition = await db.competition.create({
    data: {
      slug: spec.slug,
      title: spec.title,
      titleEn: spec.titleEn ?? '',
      edition: spec.edition,
      summary: spec.summary,
      summaryEn: spec.summaryEn ?? '',
      organiser: spec.organiser,
      districtId: spec.districtId,
      status: spec.status ?? 'OPEN',
      signUpOpensAt: spec.signUpOpensAt,
      signUpClosesAt: spec.signUpClosesAt,
      entryClosesAt: spec.entryClosesAt,
      minTeamSize: spec.minTeamSize,
      maxTeamSize: spec.maxTeamSize,
      oneDistrict: spec.oneDistrict,
      normaliseMinEntries: spec.normaliseMinEntries ?? 5,
      awardBasis: spec.awardBasis ?? 'RANK',
      categories: { create: spec.categories.map((c, sort) => ({ ...c, sort })) },
    },
    select: { id: true, categories: { select: { id: true, name: true } } },
  })
  for (const [sort, r] of spec.rounds.entries())
    await db.competitionRound.create({
      data: {
        competitionId: competition.id,
        name: r.name,
        nameEn: r.nameEn,
        sort,
        minJudgesPerEntry: r.minJudgesPerEntry ?? 2,
        criteria: {
          create: r.criteria.map((c, i) => ({ name: c.name, nameEn: c.nameEn, weight: c.weight, maxScore: c.maxScore ?? 10, sort: i })),
        },
      },
    })
  const categoryId = new Map(competition.categories.map((c) => [c.name, c.id]))
  await db.competitionAward.createMany({
    data: spec.awards.map((a, sort) => ({
      competitionId: competition.id,
      categoryId: a.category ? (categoryId.get(a.category) ?? null) : null,
      name: a.name,
      nameEn: a.nameEn,
      maxRank: a.maxRank ?? null,
      minScore: a.minScore ?? null,
      sort,
    })),
  })
  return competition.id
}
