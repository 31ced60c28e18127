// Advancing teams between rounds (初赛 → 决赛, issue 29, decision 035). The rules this file keeps:
// - the first round judges every team; a later round judges only the teams advanced into it (its judging, progress
//   and results read `admittedTo`);
// - staff who run the competition decide once, after the round closed: the top N of each category by the round's
//   normalised total (teams tied at the N-th place all go on), or teams picked by hand;
// - the decision is one transaction: the round marked (a guarded update, so a second decision — a double click, a
//   second tab — is refused), one row per advancing team, an audit entry, and a message to every team of the round
//   saying whether it goes on. The team page shows it.
import { recordAudit } from '~/models/audit.server'
import { queueMessages } from '~/models/message/message.server'
import { defaultOrigin, storedLanguage } from '~/models/message/notify.server'
import { notFound } from '~/utils/http-errors'
import { prisma } from '~/utils/infra/db.server'
import { Refusal } from '~/utils/refusal'
import { requireManagedCompetition } from './competition.server'
import { advanceParams } from './messages'
import { rankAndAward, tabulate } from './results.server'
import { admittedTo, nextRound } from './rounds.server'
import type { Staff } from '~/utils/auth.server'

/**
 * A closed round's standing, per category: each admitted team with its place by the normalised total (teams
 * without a complete sheet have no place). For staff choosing who advances; computed as the results are.
 */
export async function roundStanding(roundId: string) {
  const round = await prisma.competitionRound.findUnique({
    where: { id: roundId },
    select: {
      id: true,
      competitionId: true,
      sort: true,
      status: true,
      competition: { select: { normaliseMinEntries: true } },
      criteria: { select: { id: true, weight: true, maxScore: true } },
    },
  })
  if (!round) throw notFound('没有找到这一轮评审。')
  const teams = await prisma.competitionTeam.findMany({
    where: await admittedTo(round),
    orderBy: { code: 'asc' },
    select: { id: true, code: true, name: true, categoryId: true, category: { select: { name: true, sort: true } } },
  })
  if (round.status !== 'CLOSED') return teams.map((team) => ({ team, rank: null, tied: false, normalised: null }))
  const scores = await prisma.competitionScore.findMany({
    where: { roundId, teamId: { in: teams.map((t) => t.id) } },
    select: { judgeId: true, teamId: true, criterionId: true, value: true },
  })
  const figures = tabulate(round.criteria, scores, round.competition.normaliseMinEntries)
  const byTeam = new Map(teams.map((t) => [t.id, t]))
  const ranked = new Map(
    rankAndAward(
      figures.teams.map((f) => ({ teamId: f.teamId, categoryId: byTeam.get(f.teamId)!.categoryId, normalised: f.normalised })),
      [],
      'RANK',
    ).map((r) => [r.teamId, r]),
  )
  return teams
    .map((team) => {
      const r = ranked.get(team.id)
      return { team, rank: r?.rank ?? null, tied: r?.tied ?? false, normalised: r ? r.normalised : null }
    })
    .sort(
      (a, b) =>
        a.team.category.sort - b.team.category.sort ||
        (a.rank ?? Infinity) - (b.rank ?? Infinity) ||
        a.team.code.localeCompare(b.team.code),
    )
}

export type AdvanceInput = { mode: 'top'; perCategory: number } | { mode: 'pick'; teamIds: string[] }

/**
 * Decides which teams of a closed round go on to the next round: the top N per category or the teams picked. One
 * transaction with the audit entry and a message to every team of the round. Refused before the round closes,
 * after the decision was made, for the last round, and with nobody chosen.
 */
export async function advanceTeams(
  staff: Staff,
  roundId: string,
  input: AdvanceInput,
  now = new Date(),
  origin = defaultOrigin(),
): Promise<{ advanced: number; teams: number; next: string }> {
  const round = await prisma.competitionRound.findUnique({
    where: { id: roundId },
    select: { id: true, name: true, competitionId: true, sort: true, status: true, advancedAt: true },
  })
  if (!round) throw notFound('没有找到这一轮评审。')
  const competition = await requireManagedCompetition(staff, round.competitionId)
  if (competition.status !== 'OPEN') throw new Refusal('结果已进入公示或已发布，不能再确定晋级。')
  const next = await nextRound(round)
  if (!next) throw new Refusal(`「${round.name}」是最后一轮，没有下一轮可以晋级；请公示结果。`)
  if (round.status !== 'CLOSED') throw new Refusal(`请先结束「${round.name}」的评审，再确定晋级队伍。`)
  if (round.advancedAt) throw new Refusal(`「${round.name}」的晋级名单已经确定，不能再次确定或修改。`)
  const standing = await roundStanding(roundId)
  let chosen: typeof standing
  let rule: string
  if (input.mode === 'top') {
    const n = input.perCategory
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Refusal('每组晋级名额须为 1 以上的整数。', 'perCategory')
    // Teams tied at the N-th place all go on: a tie decided by the order of a list would not be fair.
    chosen = standing.filter((s) => s.rank !== null && s.rank <= n)
    rule = `top:${n}`
  } else {
    const ids = new Set(input.teamIds)
    chosen = standing.filter((s) => ids.has(s.team.id))
    if (chosen.length !== ids.size) throw new Refusal('所选队伍不在这一轮中，请刷新页面后再选。', 'teamIds')
    rule = 'pick'
  }
  if (!chosen.length) throw new Refusal('没有队伍晋级：请至少选择一支队伍（没有完整评分的队伍不参与按名次晋级）。')
  const chosenIds = new Set(chosen.map((s) => s.team.id))
  const teams = await prisma.competitionTeam.findMany({
    where: { id: { in: standing.map((s) => s.team.id) } },
    select: { id: true, name: true, code: true, locale: true, registrant: { select: { phone: true } } },
  })
  await prisma.$transaction(async (tx) => {
    // The decision happens once: two posts at the same moment both pass the check above, one of them updates.
    const marked = await tx.competitionRound.updateMany({
      where: { id: roundId, status: 'CLOSED', advancedAt: null },
      data: { advancedAt: now, advanceRule: rule },
    })
    if (marked.count !== 1) throw new Refusal(`「${round.name}」的晋级名单已经确定，不能再次确定或修改。`)
    await tx.competitionAdvance.createMany({
      data: chosen.map((s) => ({ fromRoundId: roundId, toRoundId: next.id, teamId: s.team.id, rank: s.rank, createdAt: now })),
    })
    await recordAudit(tx, staff.id, {
      action: 'competition.advance',
      entityType: 'CompetitionRound',
      entityId: roundId,
      summary: `确定「${competition.title}」${round.name}晋级${next.name}的队伍：${chosen.length} 支（${
        input.mode === 'top' ? `每组前 ${input.perCategory} 名` : '人工选定'
      }）`,
      details: { rule, toRoundId: next.id, teams: chosen.map((s) => ({ code: s.team.code, rank: s.rank })) },
      districtId: competition.districtId,
    })
    await queueMessages(
      tx,
      teams.map((team) => {
        const language = storedLanguage(team.locale)
        const advanced = chosenIds.has(team.id)
        return {
          to: { phone: team.registrant.phone, language },
          message: {
            template: advanced ? ('competition.advanced' as const) : ('competition.not-advanced' as const),
            params: advanceParams(competition, team, next, origin, language),
            subjectType: 'CompetitionTeam' as const,
            subjectId: team.id,
            districtId: competition.districtId,
            dedupeKey: `competition-advance:${next.id}:${team.id}`,
          },
        }
      }),
    )
  })
  return { advanced: chosen.length, teams: teams.length, next: next.name }
}

/**
 * What a team page says about rounds after the first: for each one whose entry was decided, whether the team goes
 * on. Rounds not yet decided and rounds the team was not in are left out.
 */
export async function teamAdvancement(teamId: string) {
  const team = await prisma.competitionTeam.findUnique({ where: { id: teamId }, select: { competitionId: true } })
  if (!team) return []
  const rounds = await prisma.competitionRound.findMany({
    where: { competitionId: team.competitionId },
    orderBy: { sort: 'asc' },
    select: {
      id: true,
      name: true,
      nameEn: true,
      advancedAt: true,
      admitted: { where: { teamId }, select: { id: true } },
    },
  })
  const out: Array<{ round: { name: string; nameEn: string }; from: { name: string; nameEn: string }; advanced: boolean }> = []
  let inRound = true
  for (const [i, round] of rounds.entries()) {
    if (i > 0) inRound = round.admitted.length > 0
    const next = rounds[i + 1]
    if (!next || !round.advancedAt || !inRound) continue
    out.push({
      round: { name: next.name, nameEn: next.nameEn },
      from: { name: round.name, nameEn: round.nameEn },
      advanced: next.admitted.length > 0,
    })
    if (!next.admitted.length) break
  }
  return out
}
