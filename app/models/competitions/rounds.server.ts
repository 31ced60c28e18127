// Which teams a round judges (decision 035): the first round every team of the competition, a later round only
// the teams advanced into it (app/models/competitions/advance.server.ts decides who). Judging, progress and results
// read this one filter.
import { prisma } from '~/utils/infra/db.server'
import type { Db } from './competition.server'
import type { Prisma } from '@prisma/client'

type RoundRef = { id: string; competitionId: string; sort: number }

/** The round before this one (by order), or null for the first round. */
export function previousRound(round: RoundRef, db: Db = prisma) {
  return db.competitionRound.findFirst({
    where: { competitionId: round.competitionId, sort: { lt: round.sort } },
    orderBy: { sort: 'desc' },
    select: { id: true, name: true, status: true, advancedAt: true },
  })
}

/** The round after this one (by order), or null for the last round. */
export function nextRound(round: RoundRef, db: Db = prisma) {
  return db.competitionRound.findFirst({
    where: { competitionId: round.competitionId, sort: { gt: round.sort } },
    orderBy: { sort: 'asc' },
    select: { id: true, name: true, nameEn: true, status: true },
  })
}

/**
 * Which teams a round judges, as a filter on teams: every team of the competition in the first round, only the
 * teams advanced into it in a later one (none while the earlier round's advancement is not decided).
 */
export async function admittedTo(round: RoundRef, db: Db = prisma): Promise<Prisma.CompetitionTeamWhereInput> {
  const before = await previousRound(round, db)
  if (!before) return { competitionId: round.competitionId }
  return { competitionId: round.competitionId, advances: { some: { toRoundId: round.id } } }
}
