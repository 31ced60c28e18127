// Results, 公示 and certificates. How a total is made (decision 035), per round, from complete sheets only (a judge's
// sheet for a team counts when every criterion is scored; a partial sheet counts nowhere):
// - raw: the mean over judges of the sum of their criterion scores;
// - weighted: the mean over judges of Σ score / max × weight (weights of a round add up to 100, so 0–100);
// - normalised: each judge's weighted totals rescaled to the pool (all complete sheets of the round): a judge with
//   mean m and standard deviation s gives M + D × (w − m) / s, where M and D are the pool's mean and standard
//   deviation (population); with s = 0, w − m + M. Only a judge with at least `normaliseMinEntries` complete sheets
//   is normalised; the others' totals count as they are. A judge's severity is m − M (below zero: harsher).
// Teams are ranked within their category by the normalised total (equal to the weighted one when no judge is
// normalised), rounded to two decimals; equal totals share a place (1, 2, 2, 4) and are shown as tied.
// Publication waits for the end of 公示 and an answer to every objection; then certificates get random numbers
// (unguessable; the public page finds one by its number only) and every team is told, in one transaction.
import { recordAudit } from '~/models/audit.server'
import { queueMessages } from '~/models/message/message.server'
import { defaultOrigin, storedLanguage } from '~/models/message/notify.server'
import { normaliseCode, readableCode } from '~/utils/codes.server'
import { formatDayTime } from '~/utils/format'
import { forbidden, notFound } from '~/utils/http-errors'
import { prisma } from '~/utils/infra/db.server'
import { Refusal, localized } from '~/utils/refusal'
import { requireManagedCompetition } from './competition.server'
import { publishedParams } from './messages'
import { admittedTo } from './rounds.server'
import type { ObjectionInput } from './schema'
import type { Staff } from '~/utils/auth.server'
import type { Language } from '~/utils/i18n'

export type Criterion = { id: string; weight: number; maxScore: number }
export type ScoreRow = { judgeId: string; teamId: string; criterionId: string; value: number }
export type JudgeFigures = { judgeId: string; sheets: number; mean: number; sd: number; severity: number; normalised: boolean }
export type TeamFigures = {
  teamId: string
  judges: number
  raw: number
  weighted: number
  normalised: number
  perJudge: Array<{ judgeId: string; raw: number; weighted: number; normalised: number }>
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const sd = (xs: number[]) => {
  const m = mean(xs)
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)))
}
export const round2 = (x: number) => Math.round(x * 100) / 100

/** The figures of one round from its scores (pure: the hand-computed example in the tests runs through this). */
export function tabulate(
  criteria: Criterion[],
  scores: ScoreRow[],
  minEntries: number,
): { judges: JudgeFigures[]; teams: TeamFigures[]; poolMean: number; poolSd: number } {
  const sheets = new Map<string, { judgeId: string; teamId: string; values: Map<string, number> }>()
  for (const s of scores) {
    const key = `${s.judgeId}:${s.teamId}`
    const sheet = sheets.get(key) ?? { judgeId: s.judgeId, teamId: s.teamId, values: new Map() }
    sheet.values.set(s.criterionId, s.value)
    sheets.set(key, sheet)
  }
  const complete = [...sheets.values()]
    .filter((sheet) => criteria.length > 0 && criteria.every((c) => sheet.values.has(c.id)))
    .map((sheet) => ({
      judgeId: sheet.judgeId,
      teamId: sheet.teamId,
      raw: criteria.reduce((sum, c) => sum + sheet.values.get(c.id)!, 0),
      weighted: criteria.reduce((sum, c) => sum + (sheet.values.get(c.id)! / c.maxScore) * c.weight, 0),
    }))
  if (!complete.length) return { judges: [], teams: [], poolMean: 0, poolSd: 0 }
  const poolMean = mean(complete.map((s) => s.weighted))
  const poolSd = sd(complete.map((s) => s.weighted))
  const judgeIds = [...new Set(complete.map((s) => s.judgeId))].sort()
  const judges = judgeIds.map((judgeId) => {
    const ws = complete.filter((s) => s.judgeId === judgeId).map((s) => s.weighted)
    const m = mean(ws)
    return { judgeId, sheets: ws.length, mean: m, sd: sd(ws), severity: m - poolMean, normalised: ws.length >= minEntries }
  })
  const byJudge = new Map(judges.map((j) => [j.judgeId, j]))
  const normalise = (judgeId: string, w: number) => {
    const j = byJudge.get(judgeId)!
    if (!j.normalised) return w
    return j.sd > 0 ? poolMean + (poolSd * (w - j.mean)) / j.sd : w - j.mean + poolMean
  }
  const teamIds = [...new Set(complete.map((s) => s.teamId))]
  const teams = teamIds.map((teamId) => {
    const perJudge = complete
      .filter((s) => s.teamId === teamId)
      .map((s) => ({ judgeId: s.judgeId, raw: s.raw, weighted: s.weighted, normalised: normalise(s.judgeId, s.weighted) }))
    return {
      teamId,
      judges: perJudge.length,
      raw: mean(perJudge.map((p) => p.raw)),
      weighted: mean(perJudge.map((p) => p.weighted)),
      normalised: mean(perJudge.map((p) => p.normalised)),
      perJudge,
    }
  })
  return { judges, teams, poolMean, poolSd }
}

export type Award = {
  name: string
  nameEn: string
  categoryId: string | null
  maxRank: number | null
  minScore: number | null
  sort: number
}

/** Places within each category (1, 2, 2, 4 on equal totals to two decimals) and the first award each place earns. */
export function rankAndAward<T extends { teamId: string; categoryId: string; normalised: number }>(
  rows: T[],
  awards: Award[],
  basis: 'RANK' | 'BAND',
): Array<T & { rank: number; tied: boolean; award: Award | null }> {
  const ordered = [...awards].sort((a, b) => a.sort - b.sort)
  const out: Array<T & { rank: number; tied: boolean; award: Award | null }> = []
  for (const categoryId of [...new Set(rows.map((r) => r.categoryId))]) {
    const inCategory = rows.filter((r) => r.categoryId === categoryId).sort((a, b) => b.normalised - a.normalised)
    inCategory.forEach((row) => {
      const total = round2(row.normalised)
      const first = inCategory.findIndex((r) => round2(r.normalised) === total)
      const rank = first + 1
      const tied = inCategory.filter((r) => round2(r.normalised) === total).length > 1
      const award =
        ordered.find(
          (a) =>
            (a.categoryId === null || a.categoryId === categoryId) &&
            (basis === 'RANK' ? a.maxRank !== null && rank <= a.maxRank : a.minScore !== null && total >= a.minScore),
        ) ?? null
      out.push({ ...row, rank, tied, award })
    })
  }
  return out
}

/** The final round: the last by order. Results come from it once it is closed. */
async function finalRound(competitionId: string) {
  return prisma.competitionRound.findFirst({
    where: { competitionId },
    orderBy: { sort: 'desc' },
    select: {
      id: true,
      name: true,
      status: true,
      competitionId: true,
      sort: true,
      criteria: { orderBy: { sort: 'asc' }, select: { id: true, name: true, weight: true, maxScore: true } },
    },
  })
}

/** Every figure of a competition's results, computed from the closed final round. */
async function computeResults(competitionId: string) {
  const competition = await prisma.competition.findUniqueOrThrow({
    where: { id: competitionId },
    select: {
      id: true,
      normaliseMinEntries: true,
      awardBasis: true,
      awards: { select: { name: true, nameEn: true, categoryId: true, maxRank: true, minScore: true, sort: true } },
    },
  })
  const round = await finalRound(competitionId)
  if (!round || round.status !== 'CLOSED') return null
  // Only the teams in the round count (a later round: those advanced into it).
  const scores = await prisma.competitionScore.findMany({
    where: { roundId: round.id, team: await admittedTo(round) },
    select: { judgeId: true, teamId: true, criterionId: true, value: true },
  })
  const figures = tabulate(round.criteria, scores, competition.normaliseMinEntries)
  const teams = await prisma.competitionTeam.findMany({
    where: { id: { in: figures.teams.map((t) => t.teamId) } },
    select: {
      id: true,
      code: true,
      name: true,
      locale: true,
      categoryId: true,
      category: { select: { name: true, nameEn: true, sort: true } },
      registrant: { select: { phone: true } },
      members: { orderBy: { sort: 'asc' }, select: { id: true, name: true, school: true } },
    },
  })
  const teamById = new Map(teams.map((t) => [t.id, t]))
  const ranked = rankAndAward(
    figures.teams.map((f) => ({ ...f, categoryId: teamById.get(f.teamId)!.categoryId })),
    competition.awards,
    competition.awardBasis,
  )
  const rows = ranked
    .map((r) => ({ ...r, team: teamById.get(r.teamId)! }))
    .sort((a, b) => a.team.category.sort - b.team.category.sort || a.rank - b.rank || a.team.code.localeCompare(b.team.code))
  return { round, figures, rows, minEntries: competition.normaliseMinEntries }
}

/** Staff's results page: raw, weighted and normalised totals side by side, each judge's severity. */
export async function staffResults(staff: Staff, competitionId: string) {
  const competition = await requireManagedCompetition(staff, competitionId)
  const results = await computeResults(competitionId)
  const judges = await prisma.competitionJudge.findMany({
    where: { competitionId },
    select: { id: true, user: { select: { name: true } } },
  })
  const objections = await prisma.competitionObjection.findMany({
    where: { competitionId },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      name: true,
      phone: true,
      text: true,
      createdAt: true,
      answer: true,
      answeredAt: true,
      team: { select: { name: true } },
    },
  })
  return { competition, results, judgeNames: Object.fromEntries(judges.map((j) => [j.id, j.user.name])), objections }
}

/** 张三 → 张*, 欧阳娜娜 → 欧**娜: public lists name members without their full names. */
export function maskName(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return name
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/** The public results (公示 or final): place, award, team, category, schools and masked names. Nothing before 公示. */
export async function publicResults(slug: string) {
  const competition = await prisma.competition.findFirst({ where: { slug, status: { in: ['REVIEW', 'PUBLISHED'] } }, select: { id: true } })
  if (!competition) return null
  const results = await computeResults(competition.id)
  if (!results) return null
  return results.rows.map((r) => ({
    teamId: r.teamId,
    rank: r.rank,
    tied: r.tied,
    total: round2(r.normalised),
    award: r.award ? { name: r.award.name, nameEn: r.award.nameEn } : null,
    team: r.team.name,
    category: { name: r.team.category.name, nameEn: r.team.category.nameEn },
    schools: [...new Set(r.team.members.map((m) => m.school))],
    members: r.team.members.map((m) => maskName(m.name)),
  }))
}

/** Starts 公示: the closed final round's results are shown with an objection form until `reviewEndsAt`. Audited. */
export async function startReview(staff: Staff, competitionId: string, reviewEndsAt: Date, now = new Date()): Promise<void> {
  const competition = await requireManagedCompetition(staff, competitionId)
  if (competition.status !== 'OPEN') throw new Refusal('只有进行中的大赛可以开始公示。')
  const round = await finalRound(competitionId)
  if (!round || round.status !== 'CLOSED') throw new Refusal('请先结束最后一轮评审，再开始公示。')
  if (now < competition.entryClosesAt) throw new Refusal('作品提交尚未截止，不能开始公示。')
  if (reviewEndsAt.getTime() < now.getTime() + 86400_000) throw new Refusal('公示期至少一天。', 'reviewEndsAt')
  await prisma.$transaction(async (tx) => {
    await tx.competition.update({ where: { id: competitionId }, data: { status: 'REVIEW', reviewEndsAt } })
    await recordAudit(tx, staff.id, {
      action: 'competition.review',
      entityType: 'Competition',
      entityId: competitionId,
      summary: `「${competition.title}」结果开始公示，至 ${formatDayTime(reviewEndsAt)}`,
      districtId: competition.districtId,
    })
  })
}

/** An objection during 公示, from anyone; refused outside it. */
export async function submitObjection(slug: string, input: ObjectionInput, now = new Date()): Promise<void> {
  const competition = await prisma.competition.findFirst({
    where: { slug, status: { not: 'DRAFT' } },
    select: { id: true, status: true, reviewEndsAt: true },
  })
  if (!competition) throw notFound()
  if (competition.status !== 'REVIEW' || !competition.reviewEndsAt || now >= competition.reviewEndsAt)
    throw new Refusal(localized('competition.refusal.objectionClosed'))
  const team = input.teamId
    ? await prisma.competitionTeam.findFirst({ where: { id: input.teamId, competitionId: competition.id }, select: { id: true } })
    : null
  await prisma.competitionObjection.create({
    data: {
      competitionId: competition.id,
      teamId: team?.id ?? null,
      name: input.name,
      phone: input.phone,
      text: input.text,
      createdAt: now,
    },
  })
}

/** Staff answer an objection (what they checked and decided). Audited. */
export async function answerObjection(staff: Staff, objectionId: string, answer: string, now = new Date()): Promise<void> {
  const objection = await prisma.competitionObjection.findUnique({ where: { id: objectionId }, select: { id: true, competitionId: true } })
  if (!objection) throw notFound('没有找到这条异议。')
  const competition = await requireManagedCompetition(staff, objection.competitionId)
  const text = answer.trim()
  if (text.length < 2 || text.length > 1000) throw new Refusal('请写明核实结果与处理意见（2–1000 字）。', 'answer')
  await prisma.$transaction(async (tx) => {
    await tx.competitionObjection.update({ where: { id: objectionId }, data: { answer: text, answeredAt: now } })
    await recordAudit(tx, staff.id, {
      action: 'competition.answer_objection',
      entityType: 'CompetitionObjection',
      entityId: objectionId,
      summary: `答复「${competition.title}」的异议：${text.slice(0, 60)}`,
      districtId: competition.districtId,
    })
  })
}

/**
 * Publishes the results: after 公示 has ended and every objection is answered. Certificates for every member of an
 * awarded team, each team's registrant told, the competition marked published: one transaction.
 */
export async function publishResults(
  staff: Staff,
  competitionId: string,
  now = new Date(),
  origin = defaultOrigin(),
): Promise<{ certificates: number }> {
  const competition = await requireManagedCompetition(staff, competitionId)
  if (competition.status !== 'REVIEW' || !competition.reviewEndsAt) throw new Refusal('结果须先公示，公示期满后才能发布。')
  if (now < competition.reviewEndsAt) throw new Refusal(`公示期到 ${formatDayTime(competition.reviewEndsAt)} 结束，结束后才能发布。`)
  const open = await prisma.competitionObjection.count({ where: { competitionId, answeredAt: null } })
  if (open) throw new Refusal(`还有 ${open} 条异议未答复，请先逐条核实答复。`)
  const results = await computeResults(competitionId)
  if (!results) throw new Refusal('最后一轮评审尚未结束。')
  return prisma.$transaction(async (tx) => {
    const certificates = results.rows.flatMap((r) =>
      r.award
        ? r.team.members.map((m) => ({
            number: readableCode(12),
            teamId: r.teamId,
            memberId: m.id,
            award: r.award!.name,
            awardEn: r.award!.nameEn,
            issuedAt: now,
          }))
        : [],
    )
    if (certificates.length) await tx.competitionCertificate.createMany({ data: certificates, skipDuplicates: true })
    await tx.competition.update({ where: { id: competitionId }, data: { status: 'PUBLISHED', publishedAt: now } })
    await queueMessages(
      tx,
      results.rows.map((r) => {
        const language: Language = storedLanguage(r.team.locale)
        return {
          to: { phone: r.team.registrant.phone, language },
          message: {
            template: 'competition.published' as const,
            params: publishedParams(competition, r.team, r.award, origin, language),
            subjectType: 'CompetitionTeam' as const,
            subjectId: r.teamId,
            districtId: competition.districtId,
            dedupeKey: `competition-published:${r.teamId}`,
          },
        }
      }),
    )
    await recordAudit(tx, staff.id, {
      action: 'competition.publish',
      entityType: 'Competition',
      entityId: competitionId,
      summary: `发布「${competition.title}」结果，颁发证书 ${certificates.length} 张`,
      districtId: competition.districtId,
    })
    return { certificates: certificates.length }
  })
}

const certificateSelect = {
  number: true,
  award: true,
  awardEn: true,
  issuedAt: true,
  member: { select: { name: true, school: true } },
  team: {
    select: {
      name: true,
      code: true,
      registrantId: true,
      competition: { select: { slug: true, title: true, titleEn: true, edition: true, organiser: true } },
    },
  },
} as const

/** A certificate by its number as typed or scanned; null when there is none (the page never lists certificates). */
export async function verifyCertificate(raw: string) {
  const number = normaliseCode(raw)
  if (number.length !== 12) return null
  return prisma.competitionCertificate.findUnique({ where: { number }, select: certificateSelect })
}

/** A certificate for printing, by the team's registrant only. */
export async function ownCertificate(owner: { id: string }, number: string) {
  const certificate = await prisma.competitionCertificate.findUnique({
    where: { number: normaliseCode(number) },
    select: certificateSelect,
  })
  if (!certificate) throw notFound()
  if (certificate.team.registrantId !== owner.id) throw forbidden()
  return certificate
}
