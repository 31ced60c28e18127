// Competitions (大赛, issue 29, decision 035): one edition of a competition with its categories, rounds, criteria and
// deadlines. The rule this file keeps: a deadline never moves silently. The entry deadline is the competition's,
// and one team's can be later only by `extendEntryDeadline`, a staff action written to the audit log and told to
// the team in the same transaction (an SMS, and the team page shows it).
import { recordAudit } from '~/models/audit.server'
import { queueMessage } from '~/models/message/message.server'
import { storedLanguage } from '~/models/message/notify.server'
import { formatDayTime } from '~/utils/format'
import { forbidden, notFound } from '~/utils/http-errors'
import { prisma } from '~/utils/infra/db.server'
import { Refusal } from '~/utils/refusal'
import { extendedParams } from './messages'
import type { Prisma, PrismaClient } from '@prisma/client'
import type { Staff } from '~/utils/auth.server'

export type Db = Prisma.TransactionClient | PrismaClient

/** Competitions a staff member runs: platform admins all, district admins their district's; nobody else. */
export function competitionScope(staff: Staff): Prisma.CompetitionWhereInput {
  if (staff.role === 'PLATFORM_ADMIN') return {}
  if (staff.role === 'DISTRICT_ADMIN') return { districtId: staff.districtId ?? '-' }
  return { id: '-' }
}

/** The competition if the staff member runs it; 404 otherwise (out of scope looks like missing). */
export async function requireManagedCompetition(staff: Staff, competitionId: string, db: Db = prisma) {
  if (staff.role === 'ORG_STAFF') throw forbidden()
  const competition = await db.competition.findFirst({ where: { id: competitionId, ...competitionScope(staff) } })
  if (!competition) throw notFound('没有找到这项大赛，或它不在你的管理范围内。')
  return competition
}

/** The entry deadline that holds for one team: the competition's, or a later one staff granted it. */
export function teamDeadline(competition: { entryClosesAt: Date }, team: { entryExtendedUntil: Date | null }): Date {
  return team.entryExtendedUntil && team.entryExtendedUntil > competition.entryClosesAt
    ? team.entryExtendedUntil
    : competition.entryClosesAt
}

/**
 * The scalar fields every reader of a competition's rules needs (a sign-up, the public page, the staff form): its
 * names, status, deadlines and team rules. Spread into each select; the readers add what is their own.
 */
export const competitionRuleFields = {
  id: true,
  slug: true,
  title: true,
  titleEn: true,
  status: true,
  signUpOpensAt: true,
  signUpClosesAt: true,
  entryClosesAt: true,
  minTeamSize: true,
  maxTeamSize: true,
  oneDistrict: true,
} as const satisfies Prisma.CompetitionSelect

/** The rule fields and what the public page and the staff form both show: edition, summary, organiser, award basis. */
export const competitionFields = {
  ...competitionRuleFields,
  edition: true,
  summary: true,
  summaryEn: true,
  organiser: true,
  awardBasis: true,
} as const satisfies Prisma.CompetitionSelect

/** A category's fields as the readers of its grades need them. */
export const categoryFields = { id: true, name: true, nameEn: true, minGrade: true, maxGrade: true } as const

/** A round's fields as the public page and the staff form both read them. */
export const roundFields = { id: true, name: true, nameEn: true, status: true } as const

/** A criterion's fields as the public page and the staff form show them, in their order. */
export const criteriaInOrder = {
  orderBy: { sort: 'asc' },
  select: { id: true, name: true, nameEn: true, weight: true, maxScore: true },
} as const

const publicSelect = {
  ...competitionFields,
  reviewEndsAt: true,
  publishedAt: true,
  district: { select: { id: true, name: true, nameEn: true } },
  deadlineChanges: {
    orderBy: { createdAt: 'asc' },
    select: { id: true, step: true, before: true, after: true, reason: true, createdAt: true },
  },
  categories: { orderBy: { sort: 'asc' }, select: categoryFields },
  awards: { orderBy: { sort: 'asc' }, select: { id: true, name: true, nameEn: true, categoryId: true, maxRank: true, minScore: true } },
  rounds: {
    orderBy: { sort: 'asc' },
    select: { ...roundFields, criteria: criteriaInOrder },
  },
} satisfies Prisma.CompetitionSelect

export type PublicCompetition = Prisma.CompetitionGetPayload<{ select: typeof publicSelect }>

/** Competitions shown to the public (everything but drafts), newest edition first. */
export function listCompetitions() {
  return prisma.competition.findMany({
    where: { status: { not: 'DRAFT' } },
    orderBy: [{ edition: 'desc' }, { signUpOpensAt: 'desc' }],
    select: {
      slug: true,
      title: true,
      titleEn: true,
      edition: true,
      summary: true,
      summaryEn: true,
      status: true,
      signUpClosesAt: true,
      entryClosesAt: true,
      district: { select: { name: true, nameEn: true } },
    },
  })
}

export async function getPublicCompetition(slug: string): Promise<PublicCompetition> {
  const competition = await prisma.competition.findFirst({ where: { slug, status: { not: 'DRAFT' } }, select: publicSelect })
  if (!competition) throw notFound()
  return competition
}

type DeadlineChange = PublicCompetition['deadlineChanges'][number]

export type TimelineStep = {
  key: 'signUpOpens' | 'signUpCloses' | 'entryCloses' | 'review' | 'reviewEnds' | 'published'
  at: Date | null
  done: boolean
  /** Each time staff moved this step after publishing it (a deadline never moves silently, decision 035). */
  moved: DeadlineChange[]
}

/** The public timeline: each step with its time (null while not yet set), whether it has passed, and its moves. */
export function timeline(
  c: Pick<PublicCompetition, 'signUpOpensAt' | 'signUpClosesAt' | 'entryClosesAt' | 'reviewEndsAt' | 'publishedAt' | 'status'> & {
    deadlineChanges?: DeadlineChange[]
  },
  now: Date,
): TimelineStep[] {
  const moved = (key: TimelineStep['key']) => (c.deadlineChanges ?? []).filter((m) => m.step === key)
  const steps: TimelineStep[] = [
    { key: 'signUpOpens', at: c.signUpOpensAt, done: now >= c.signUpOpensAt, moved: moved('signUpOpens') },
    { key: 'signUpCloses', at: c.signUpClosesAt, done: now >= c.signUpClosesAt, moved: moved('signUpCloses') },
    { key: 'entryCloses', at: c.entryClosesAt, done: now >= c.entryClosesAt, moved: moved('entryCloses') },
    { key: 'review', at: null, done: c.status === 'REVIEW' || c.status === 'PUBLISHED', moved: [] },
    { key: 'reviewEnds', at: c.reviewEndsAt, done: !!c.reviewEndsAt && now >= c.reviewEndsAt, moved: [] },
    { key: 'published', at: c.publishedAt, done: c.status === 'PUBLISHED', moved: [] },
  ]
  return steps
}

/**
 * Gives one team a later entry deadline. Staff only, with a reason; written to the audit log and sent to the team
 * (SMS) in one transaction; the team page shows the new deadline and the reason. The roster stays frozen.
 */
export async function extendEntryDeadline(
  staff: Staff,
  teamId: string,
  input: { until: Date; reason: string },
  now = new Date(),
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const team = await tx.competitionTeam.findUnique({
      where: { id: teamId },
      select: {
        id: true,
        name: true,
        locale: true,
        competitionId: true,
        entryExtendedUntil: true,
        registrant: { select: { phone: true } },
      },
    })
    if (!team) throw notFound('没有找到这支队伍。')
    const competition = await requireManagedCompetition(staff, team.competitionId, tx)
    if (competition.status !== 'OPEN') throw new Refusal('评审结果已进入公示或已发布，不能再延长提交时间。')
    if (input.until <= competition.entryClosesAt) throw new Refusal('延长后的时间须晚于大赛的提交截止时间。', 'until')
    if (input.until <= now) throw new Refusal('延长后的时间须晚于现在。', 'until')
    const reason = input.reason.trim()
    if (reason.length < 2) throw new Refusal('请写明延长的原因（队伍会看到）。', 'reason')
    await tx.competitionTeam.update({ where: { id: teamId }, data: { entryExtendedUntil: input.until, extensionReason: reason } })
    await recordAudit(tx, staff.id, {
      action: 'competition.extend_entry',
      entityType: 'CompetitionTeam',
      entityId: teamId,
      summary: `延长「${team.name}」的作品提交时间至 ${formatDayTime(input.until)}：${reason}`,
      details: { before: team.entryExtendedUntil?.toISOString() ?? null, until: input.until.toISOString(), reason },
      districtId: competition.districtId,
    })
    const language = storedLanguage(team.locale)
    await queueMessage(
      tx,
      { phone: team.registrant.phone, language },
      {
        template: 'competition.extended',
        params: extendedParams(competition, team, input.until, reason, language),
        subjectType: 'CompetitionTeam',
        subjectId: teamId,
        districtId: competition.districtId,
      },
    )
  })
}

export { createCompetition, type CompetitionSpec } from './spec'

/** Competitions on a staff member's list: those they run, and those they judge. */
export async function staffCompetitionList(staff: Staff) {
  const [managed, judging] = await Promise.all([
    prisma.competition.findMany({
      where: competitionScope(staff),
      orderBy: [{ edition: 'desc' }, { title: 'asc' }],
      select: { id: true, title: true, edition: true, status: true, _count: { select: { teams: true } } },
    }),
    prisma.competitionJudge.findMany({
      where: { userId: staff.id, competition: { status: { not: 'DRAFT' } } },
      select: {
        lead: true,
        competition: {
          select: {
            id: true,
            title: true,
            edition: true,
            rounds: { orderBy: { sort: 'asc' }, select: { id: true, name: true, status: true } },
          },
        },
      },
    }),
  ])
  return { managed, judging }
}

/** Everything the page that runs a competition shows: teams (phones masked), judges, rounds with their state. */
export async function staffCompetition(staff: Staff, competitionId: string) {
  const competition = await requireManagedCompetition(staff, competitionId)
  const [categories, rounds, judges, teams, awards] = await Promise.all([
    prisma.competitionCategory.findMany({ where: { competitionId }, orderBy: { sort: 'asc' }, select: { id: true, name: true } }),
    prisma.competitionRound.findMany({
      where: { competitionId },
      orderBy: { sort: 'asc' },
      select: {
        id: true,
        name: true,
        status: true,
        closedAt: true,
        advancedAt: true,
        advanceRule: true,
        _count: { select: { assignments: true, advancedFrom: true } },
      },
    }),
    prisma.competitionJudge.findMany({
      where: { competitionId },
      orderBy: { user: { name: 'asc' } },
      select: { id: true, lead: true, categoryIds: true, conflictSchools: true, user: { select: { name: true, email: true } } },
    }),
    prisma.competitionTeam.findMany({
      where: { competitionId },
      orderBy: { createdAt: 'asc' },
      select: {
        id: true,
        code: true,
        name: true,
        advisorName: true,
        advisorSchool: true,
        entryExtendedUntil: true,
        extensionReason: true,
        category: { select: { name: true } },
        registrant: { select: { phone: true } },
        _count: { select: { members: true } },
        entries: { orderBy: { version: 'desc' }, take: 1, select: { id: true, kind: true, version: true, submittedAt: true } },
      },
    }),
    prisma.competitionAward.findMany({
      where: { competitionId },
      orderBy: { sort: 'asc' },
      select: { id: true, name: true, maxRank: true, minScore: true, category: { select: { name: true } } },
    }),
  ])
  const mask = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`
  return {
    competition,
    categories,
    rounds,
    judges,
    awards,
    teams: teams.map(({ registrant, ...t }) => ({ ...t, phone: mask(registrant.phone), deadline: teamDeadline(competition, t) })),
  }
}
