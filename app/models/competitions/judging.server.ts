// Judging. The rules this file keeps:
// - a judge is a staff account given the judge role for one competition (optionally some categories only); the
//   judge's identity always comes from the signed-in account, never from the request, so a crafted form or URL
//   naming another judge reaches nothing;
// - a judge scores only teams assigned to them in an open round, each criterion 0..max or left unscored (no row,
//   never 0); a declared conflict recuses them from that team and removes their scores for it; a school they
//   declared a tie to is never assigned to them;
// - nobody reads another judge's scores while the round is open, not even the lead judge or staff: the lead sees
//   counts (progress), and every score becomes readable when the round closes;
// - a score is one row per judge, team and criterion, written by an upsert, so hundreds of judges saving at once
//   lose nothing (tests/models/competitions-rush.postgres.test.ts).
import { recordAudit } from '~/models/audit.server'
import { newRowId } from '~/utils/codes.server'
import { forbidden, notFound } from '~/utils/http-errors'
import { prisma } from '~/utils/infra/db.server'
import { Refusal } from '~/utils/refusal'
import { requireManagedCompetition, teamDeadline } from './competition.server'
import { admittedTo, previousRound } from './rounds.server'
import { judgedEntry } from './teams.server'
import type { Staff } from '~/utils/auth.server'

type Actor = Pick<Staff, 'id'>

/** The signed-in account's judge role in a competition, or 403. */
export async function requireJudge(actor: Actor, competitionId: string) {
  const judge = await prisma.competitionJudge.findUnique({
    where: { competitionId_userId: { competitionId, userId: actor.id } },
    select: { id: true, lead: true, categoryIds: true, conflictSchools: true, competitionId: true },
  })
  if (!judge) throw forbidden('你不是这项大赛的评委。')
  return judge
}

/** Competitions the account judges (for the judge's start page). */
export function listJudging(actor: Actor) {
  return prisma.competitionJudge.findMany({
    where: { userId: actor.id, competition: { status: { not: 'DRAFT' } } },
    select: { lead: true, competition: { select: { id: true, title: true, edition: true, status: true } } },
    orderBy: { competition: { edition: 'desc' } },
  })
}

/** Gives a staff account the judge role in a competition (staff who run it only). Audited. */
export async function appointJudge(
  staff: Staff,
  competitionId: string,
  input: { email: string; lead?: boolean; categoryIds?: string[]; conflictSchools?: string[] },
): Promise<string> {
  const competition = await requireManagedCompetition(staff, competitionId)
  const user = await prisma.user.findFirst({
    where: { email: input.email.trim().toLowerCase(), disabled: false },
    select: { id: true, name: true },
  })
  if (!user) throw new Refusal('没有这个邮箱的工作人员账号。请先在“账号”里为评委建号。', 'email')
  const categories = await prisma.competitionCategory.findMany({
    where: { competitionId, id: { in: input.categoryIds ?? [] } },
    select: { id: true },
  })
  if (categories.length !== (input.categoryIds ?? []).length) throw new Refusal('请选择本大赛的组别。', 'categoryIds')
  return prisma.$transaction(async (tx) => {
    const judge = await tx.competitionJudge.upsert({
      where: { competitionId_userId: { competitionId, userId: user.id } },
      create: {
        competitionId,
        userId: user.id,
        lead: !!input.lead,
        categoryIds: input.categoryIds ?? [],
        conflictSchools: input.conflictSchools ?? [],
      },
      update: { lead: !!input.lead, categoryIds: input.categoryIds ?? [], conflictSchools: input.conflictSchools ?? [] },
      select: { id: true },
    })
    await recordAudit(tx, staff.id, {
      action: 'competition.appoint_judge',
      entityType: 'CompetitionJudge',
      entityId: judge.id,
      summary: `任命${user.name}为「${competition.title}」${input.lead ? '评审组长' : '评委'}`,
      details: { categoryIds: input.categoryIds ?? [], conflictSchools: input.conflictSchools ?? [] },
      districtId: competition.districtId,
    })
    return judge.id
  })
}

/**
 * Assigns every team of the competition to every judge of its category in a round, except teams with a member
 * or advisor at a school the judge declared a tie to (those are recorded as recused). Returns the count assigned.
 */
export async function assignRound(staff: Staff, roundId: string): Promise<{ assigned: number; recused: number }> {
  const round = await prisma.competitionRound.findUnique({
    where: { id: roundId },
    select: { id: true, competitionId: true, status: true, name: true, sort: true },
  })
  if (!round) throw notFound('没有找到这一轮评审。')
  const competition = await requireManagedCompetition(staff, round.competitionId)
  if (round.status !== 'OPEN') throw new Refusal('这一轮评审已结束，不能再分配。')
  // A later round judges only the teams advanced into it: nobody until the round before has decided who goes on.
  const before = await previousRound(round)
  if (before && !before.advancedAt) throw new Refusal(`请先结束「${before.name}」并确定晋级队伍，再分配「${round.name}」的评审。`)
  const [judges, teams] = await Promise.all([
    prisma.competitionJudge.findMany({
      where: { competitionId: competition.id },
      select: { id: true, categoryIds: true, conflictSchools: true },
    }),
    prisma.competitionTeam.findMany({
      where: await admittedTo(round),
      select: { id: true, categoryId: true, advisorSchool: true, members: { select: { school: true } } },
    }),
  ])
  const rows = judges.flatMap((judge) =>
    teams
      .filter((team) => judge.categoryIds.length === 0 || judge.categoryIds.includes(team.categoryId))
      .map((team) => {
        const schools = [team.advisorSchool, ...team.members.map((m) => m.school)]
        const tie = schools.find((s) => judge.conflictSchools.some((c) => c && s.includes(c)))
        return {
          roundId,
          judgeId: judge.id,
          teamId: team.id,
          recusedAt: tie ? new Date() : null,
          conflictReason: tie ? `本校：${tie}` : null,
        }
      }),
  )
  await prisma.$transaction(async (tx) => {
    await tx.judgeAssignment.createMany({ data: rows, skipDuplicates: true })
    await recordAudit(tx, staff.id, {
      action: 'competition.assign',
      entityType: 'CompetitionRound',
      entityId: roundId,
      summary: `分配「${competition.title}」${round.name}的评审：${rows.length} 份`,
      districtId: competition.districtId,
    })
  })
  return { assigned: rows.filter((r) => !r.recusedAt).length, recused: rows.filter((r) => r.recusedAt).length }
}

async function requireAssignment(actor: Actor, roundId: string, teamId: string) {
  const round = await prisma.competitionRound.findUnique({
    where: { id: roundId },
    select: { id: true, competitionId: true, status: true },
  })
  if (!round) throw notFound('没有找到这一轮评审。')
  const judge = await requireJudge(actor, round.competitionId)
  const assignment = await prisma.judgeAssignment.findUnique({
    where: { roundId_judgeId_teamId: { roundId, judgeId: judge.id, teamId } },
    select: { id: true, recusedAt: true },
  })
  if (!assignment) throw forbidden('这份作品没有分配给你评审。')
  return { round, judge, assignment }
}

/**
 * A judge declares a conflict with a team (their school, their pupil): recused from it in this round, their scores
 * for it removed, in one transaction, audited. The lead judge's progress shows the team needs another judge.
 */
export async function declareConflict(actor: Actor, roundId: string, teamId: string, reason: string): Promise<void> {
  const { round, judge, assignment } = await requireAssignment(actor, roundId, teamId)
  const text = reason.trim()
  if (text.length < 2) throw new Refusal('请简单说明回避的原因（例如“本校学生”）。', 'reason')
  if (round.status !== 'OPEN') throw new Refusal('这一轮评审已结束。')
  await prisma.$transaction(async (tx) => {
    await tx.judgeAssignment.update({ where: { id: assignment.id }, data: { recusedAt: new Date(), conflictReason: text.slice(0, 200) } })
    await tx.competitionScore.deleteMany({ where: { roundId, judgeId: judge.id, teamId } })
    await recordAudit(tx, actor.id, {
      action: 'competition.recuse',
      entityType: 'JudgeAssignment',
      entityId: assignment.id,
      summary: `评委申报利益冲突并回避：${text.slice(0, 60)}`,
    })
  })
}

/**
 * Saves one judge's sheet for one team: each criterion's box holds a whole number 0..max, or nothing (unscored:
 * its row is removed, never stored as 0). Refused when the round is closed, the team is not the judge's or the
 * judge is recused. Returns how many criteria are now scored.
 */
export async function saveScores(
  actor: Actor,
  roundId: string,
  teamId: string,
  values: Record<string, number | undefined | null>,
  now = new Date(),
): Promise<{ scored: number; of: number }> {
  const { round, judge, assignment } = await requireAssignment(actor, roundId, teamId)
  if (round.status !== 'OPEN') throw new Refusal('这一轮评审已结束，分数不能再修改。')
  if (assignment.recusedAt) throw new Refusal('你已申报回避这支队伍，不能评分。')
  const criteria = await prisma.competitionCriterion.findMany({ where: { roundId }, select: { id: true, name: true, maxScore: true } })
  const known = new Set(criteria.map((c) => c.id))
  for (const id of Object.keys(values)) if (!known.has(id)) throw new Refusal('评分表已更新，请刷新页面后再评。')
  for (const c of criteria) {
    const v = values[c.id]
    if (v === undefined || v === null) continue
    if (!Number.isInteger(v) || v < 0 || v > c.maxScore)
      throw new Refusal(`「${c.name}」的分数是 0–${c.maxScore} 的整数。`, `score.${c.id}`)
  }
  const given = criteria.filter((c) => c.id in values)
  const set = given.filter((c) => values[c.id] !== undefined && values[c.id] !== null)
  const cleared = given.filter((c) => values[c.id] === undefined || values[c.id] === null).map((c) => c.id)
  // One statement (decision 035): the unscored boxes' rows removed and the scored ones upserted, only while the
  // round is open and the judge is not recused, so hundreds of judges saving at once wait for no transaction and a
  // round closed a moment earlier takes nothing.
  const [written] = await prisma.$queryRaw<[{ open: boolean }]>`
    WITH guard AS (
      SELECT 1 FROM "CompetitionRound" r JOIN "JudgeAssignment" a ON a."roundId" = r.id
      WHERE r.id = ${roundId} AND r.status = 'OPEN' AND a.id = ${assignment.id} AND a."recusedAt" IS NULL
    ), removed AS (
      DELETE FROM "CompetitionScore"
      WHERE "judgeId" = ${judge.id} AND "teamId" = ${teamId} AND "criterionId" = ANY(${cleared}::text[]) AND EXISTS (SELECT 1 FROM guard)
    ), saved AS (
      INSERT INTO "CompetitionScore" (id, "roundId", "judgeId", "teamId", "criterionId", value, "updatedAt")
      SELECT v.id, ${roundId}, ${judge.id}, ${teamId}, v.criterion, v.value, ${now}
      FROM unnest(${set.map(() => newRowId())}::text[], ${set.map((c) => c.id)}::text[], ${set.map((c) => values[c.id] as number)}::int[]) AS v(id, criterion, value)
      WHERE EXISTS (SELECT 1 FROM guard)
      ON CONFLICT ("judgeId", "teamId", "criterionId") DO UPDATE SET value = EXCLUDED.value, "updatedAt" = EXCLUDED."updatedAt"
    )
    SELECT EXISTS (SELECT 1 FROM guard) AS open`
  if (!written.open) throw new Refusal('这一轮评审已结束或你已回避，分数没有保存。')
  const scored = await prisma.competitionScore.count({ where: { judgeId: judge.id, teamId, roundId } })
  return { scored, of: criteria.length }
}

/**
 * What one judge sees of a round: their teams (with the entry judged: the last version before the team's
 * deadline), the criteria, and their own scores only. Never another judge's scores, whatever the round's state.
 */
export async function judgeSheet(actor: Actor, roundId: string) {
  const round = await prisma.competitionRound.findUnique({
    where: { id: roundId },
    select: {
      id: true,
      name: true,
      status: true,
      competitionId: true,
      sort: true,
      competition: { select: { title: true, entryClosesAt: true } },
      criteria: { orderBy: { sort: 'asc' }, select: { id: true, name: true, weight: true, maxScore: true } },
    },
  })
  if (!round) throw notFound('没有找到这一轮评审。')
  const judge = await requireJudge(actor, round.competitionId)
  const assignments = await prisma.judgeAssignment.findMany({
    where: { roundId, judgeId: judge.id, team: await admittedTo(round) },
    orderBy: { team: { code: 'asc' } },
    select: {
      recusedAt: true,
      conflictReason: true,
      team: {
        select: {
          id: true,
          code: true,
          name: true,
          entryExtendedUntil: true,
          category: { select: { name: true } },
          entries: { select: { version: true, kind: true, url: true, fileName: true, note: true, submittedAt: true } },
        },
      },
    },
  })
  const scores = await prisma.competitionScore.findMany({
    where: { roundId, judgeId: judge.id },
    select: { teamId: true, criterionId: true, value: true },
  })
  const mine = new Map(scores.map((s) => [`${s.teamId}:${s.criterionId}`, s.value]))
  return {
    round: { id: round.id, name: round.name, status: round.status, competitionTitle: round.competition.title },
    lead: judge.lead,
    criteria: round.criteria,
    teams: assignments.map((a) => ({
      id: a.team.id,
      // Judges see the team's number and category, not its name, school or members (blind to who made it).
      code: a.team.code,
      category: a.team.category.name,
      recused: !!a.recusedAt,
      conflictReason: a.conflictReason,
      entry: judgedEntry(a.team.entries, teamDeadline(round.competition, a.team)),
      scores: Object.fromEntries(round.criteria.map((c) => [c.id, mine.get(`${a.team.id}:${c.id}`) ?? null])) as Record<
        string,
        number | null
      >,
    })),
  }
}

/**
 * Every judge's scores in a round, for results and for judges after the round closes. Refused while the round is
 * open, to everyone: judges, the lead judge and staff alike.
 */
export async function roundScores(actor: Staff | Actor, roundId: string) {
  const round = await prisma.competitionRound.findUnique({
    where: { id: roundId },
    select: { id: true, competitionId: true, status: true },
  })
  if (!round) throw notFound('没有找到这一轮评审。')
  const isJudge = await prisma.competitionJudge.count({ where: { competitionId: round.competitionId, userId: actor.id } })
  if (!isJudge) {
    if (!('role' in actor)) throw forbidden()
    await requireManagedCompetition(actor, round.competitionId)
  }
  if (round.status !== 'CLOSED') throw forbidden('评审尚未结束：结束前任何人都看不到其他评委的分数。')
  return prisma.competitionScore.findMany({
    where: { roundId },
    select: { judgeId: true, teamId: true, criterionId: true, value: true },
  })
}

/**
 * The lead judge's (and staff's) view of a round while it runs: per team, how many judges finished, how many are
 * partway, how many recused; teams with fewer finished sheets than the round asks for come first. Counts only.
 */
export async function roundProgress(actor: Staff | Actor, roundId: string) {
  const round = await prisma.competitionRound.findUnique({
    where: { id: roundId },
    select: {
      id: true,
      name: true,
      status: true,
      competitionId: true,
      sort: true,
      minJudgesPerEntry: true,
      competition: { select: { title: true } },
      _count: { select: { criteria: true } },
    },
  })
  if (!round) throw notFound('没有找到这一轮评审。')
  const judgeRow = await prisma.competitionJudge.findUnique({
    where: { competitionId_userId: { competitionId: round.competitionId, userId: actor.id } },
    select: { lead: true },
  })
  if (!judgeRow?.lead) {
    if (!('role' in actor)) throw forbidden('只有评审组长和主办方能查看评审进度。')
    await requireManagedCompetition(actor, round.competitionId)
  }
  const [assignments, counts, judges] = await Promise.all([
    prisma.judgeAssignment.findMany({
      where: { roundId, team: await admittedTo(round) },
      select: { judgeId: true, teamId: true, recusedAt: true, team: { select: { code: true, category: { select: { name: true } } } } },
    }),
    prisma.competitionScore.groupBy({ by: ['judgeId', 'teamId'], where: { roundId }, _count: { _all: true } }),
    prisma.competitionJudge.findMany({
      where: { competitionId: round.competitionId },
      select: { id: true, lead: true, user: { select: { name: true } } },
    }),
  ])
  const criteria = round._count.criteria
  const scored = new Map(counts.map((c) => [`${c.judgeId}:${c.teamId}`, c._count._all]))
  const byTeam = new Map<
    string,
    { teamId: string; code: string; category: string; assigned: number; done: number; partial: number; recused: number }
  >()
  const byJudge = new Map<string, { assigned: number; done: number }>()
  for (const a of assignments) {
    const row = byTeam.get(a.teamId) ?? {
      teamId: a.teamId,
      code: a.team.code,
      category: a.team.category.name,
      assigned: 0,
      done: 0,
      partial: 0,
      recused: 0,
    }
    const judge = byJudge.get(a.judgeId) ?? { assigned: 0, done: 0 }
    if (a.recusedAt) row.recused++
    else {
      row.assigned++
      judge.assigned++
      const n = scored.get(`${a.judgeId}:${a.teamId}`) ?? 0
      if (n >= criteria && criteria > 0) {
        row.done++
        judge.done++
      } else if (n > 0) row.partial++
    }
    byTeam.set(a.teamId, row)
    byJudge.set(a.judgeId, judge)
  }
  const teams = [...byTeam.values()]
    .map((t) => ({ ...t, short: t.done < round.minJudgesPerEntry }))
    .sort((a, b) => Number(b.short) - Number(a.short) || a.done - b.done || a.code.localeCompare(b.code))
  return {
    round: {
      id: round.id,
      name: round.name,
      status: round.status,
      minJudgesPerEntry: round.minJudgesPerEntry,
      competitionTitle: round.competition.title,
    },
    teams,
    judges: judges.map((j) => ({ name: j.user.name, lead: j.lead, ...(byJudge.get(j.id) ?? { assigned: 0, done: 0 }) })),
  }
}

/** Closes a round: scores become final and readable. Staff who run the competition only; audited. */
export async function closeRound(staff: Staff, roundId: string, now = new Date()): Promise<void> {
  const round = await prisma.competitionRound.findUnique({
    where: { id: roundId },
    select: { id: true, name: true, status: true, competitionId: true },
  })
  if (!round) throw notFound('没有找到这一轮评审。')
  const competition = await requireManagedCompetition(staff, round.competitionId)
  if (round.status === 'CLOSED') return
  await prisma.$transaction(async (tx) => {
    await tx.competitionRound.update({ where: { id: roundId }, data: { status: 'CLOSED', closedAt: now } })
    await recordAudit(tx, staff.id, {
      action: 'competition.close_round',
      entityType: 'CompetitionRound',
      entityId: roundId,
      summary: `结束「${competition.title}」${round.name}的评审`,
      districtId: competition.districtId,
    })
  })
}
