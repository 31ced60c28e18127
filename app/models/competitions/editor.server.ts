// The staff form's rules (decision 035, "The staff form"): who may create or edit a competition, and which changes
// are refused once teams rely on it. A refusal names the rule next to the field it concerns. Once teams signed up:
// rules only loosen (team size, grades of a category with teams, one district), a category with teams stays, a
// round that judging began keeps its criteria and weights, and a deadline only moves later. Any deadline moved on a
// published competition is a row on its public timeline, an audit entry and a message to each team, in the same
// transaction as the change.
import { randomBytes } from 'node:crypto'
import { recordAudit } from '~/models/audit.server'
import { queueMessages } from '~/models/message/message.server'
import { storedLanguage } from '~/models/message/notify.server'
import { formatDayTime } from '~/utils/format'
import { forbidden, notFound } from '~/utils/http-errors'
import { prisma } from '~/utils/infra/db.server'
import { Refusal } from '~/utils/refusal'
import { awardIssues, SLUG_PATTERN, type CompetitionFormInput } from './admin-schema'
import { categoryFields, competitionFields, competitionScope, criteriaInOrder, roundFields } from './competition.server'
import { deadlineMovedParams, MOVABLE_STEPS, type MovableStep } from './messages'
import { createCompetition } from './spec'
import type { Staff } from '~/utils/auth.server'

const stepLabel: Record<MovableStep, string> = { signUpOpens: '报名开始', signUpCloses: '报名截止', entryCloses: '作品截止' }
const stepField = { signUpOpens: 'signUpOpensAt', signUpCloses: 'signUpClosesAt', entryCloses: 'entryClosesAt' } as const

/** Platform admins and district admins make competitions; organisation staff only judge them (403). */
export function requireCompetitionEditor(staff: Staff) {
  if (staff.role !== 'PLATFORM_ADMIN' && staff.role !== 'DISTRICT_ADMIN') throw forbidden()
}

const editorSelect = {
  ...competitionFields,
  districtId: true,
  normaliseMinEntries: true,
  awards: { orderBy: { sort: 'asc' }, select: { name: true, nameEn: true, categoryId: true, maxRank: true, minScore: true } },
  _count: { select: { teams: true } },
  categories: {
    orderBy: { sort: 'asc' },
    select: { ...categoryFields, _count: { select: { teams: true } } },
  },
  rounds: {
    orderBy: { sort: 'asc' },
    select: {
      ...roundFields,
      minJudgesPerEntry: true,
      _count: { select: { assignments: true, scores: true, admitted: true } },
      criteria: criteriaInOrder,
    },
  },
} as const

/** The competition as the form shows it, if the staff member runs it (404 otherwise). */
export async function competitionForEditor(staff: Staff, competitionId: string) {
  requireCompetitionEditor(staff)
  const competition = await prisma.competition.findFirst({ where: { id: competitionId, ...competitionScope(staff) }, select: editorSelect })
  if (!competition) throw notFound('没有找到这项大赛，或它不在你的管理范围内。')
  return competition
}
export type EditorCompetition = Awaited<ReturnType<typeof competitionForEditor>>

/** A round that judging began in: assigned, scored, closed or entered by advanced teams. Its criteria are fixed. */
function judgingBegan(r: EditorCompetition['rounds'][number]) {
  return r.status === 'CLOSED' || r._count.assignments > 0 || r._count.scores > 0 || r._count.admitted > 0
}

async function chooseDistrict(staff: Staff, typed: string | undefined): Promise<string | null> {
  if (staff.role === 'DISTRICT_ADMIN') {
    if (!staff.districtId) throw forbidden()
    return staff.districtId
  }
  if (!typed) return null
  const district = await prisma.district.findUnique({ where: { id: typed }, select: { id: true } })
  if (!district) throw new Refusal('请从列表中选择区，或选择“全市”。', 'districtId')
  return district.id
}

/** Creates a competition (draft or published) from the staff form; one transaction, audited. */
export async function createCompetitionFromForm(staff: Staff, input: CompetitionFormInput, now = new Date()): Promise<{ id: string }> {
  requireCompetitionEditor(staff)
  const districtId = await chooseDistrict(staff, input.districtId)
  checkAcrossFields(input, districtId)
  if (input.entryClosesAt <= now) throw new Refusal('作品截止须晚于现在。', 'entryClosesAt')
  const slug = input.slug ?? `c${input.edition}-${randomBytes(4).toString('hex')}`
  if (!SLUG_PATTERN.test(slug)) throw new Refusal('网址名用小写字母、数字和连字符，3–60 个字符。', 'slug')
  if (await prisma.competition.findUnique({ where: { slug }, select: { id: true } }))
    throw new Refusal('这个网址名已被另一项大赛使用，请换一个。', 'slug')
  return prisma.$transaction(async (tx) => {
    const id = await createCompetition(tx, {
      ...competitionColumns(input),
      slug,
      districtId,
      status: input.published ? 'OPEN' : 'DRAFT',
      categories: input.categories.map(categoryColumns),
      rounds: input.rounds.map((r) => ({ ...roundColumns(r), criteria: r.criteria.map(criterionColumns) })),
      awards: awardRows(input),
    })
    await recordAudit(tx, staff.id, {
      action: 'competition.create',
      entityType: 'Competition',
      entityId: id,
      summary: `新建大赛「${input.title}」（${input.edition}）${input.published ? '并发布' : '（未发布）'}`,
      districtId,
    })
    return { id }
  })
}

/** The competition's own columns as the form types them (the English ones empty when not typed). */
function competitionColumns(input: CompetitionFormInput) {
  return {
    title: input.title,
    titleEn: input.titleEn ?? '',
    edition: input.edition,
    summary: input.summary,
    summaryEn: input.summaryEn ?? '',
    organiser: input.organiser,
    signUpOpensAt: input.signUpOpensAt,
    signUpClosesAt: input.signUpClosesAt,
    entryClosesAt: input.entryClosesAt,
    minTeamSize: input.minTeamSize,
    maxTeamSize: input.maxTeamSize,
    oneDistrict: input.oneDistrict,
    normaliseMinEntries: input.normaliseMinEntries,
    awardBasis: input.awardBasis,
  }
}

type FormCategory = CompetitionFormInput['categories'][number]
type FormRound = CompetitionFormInput['rounds'][number]
const categoryColumns = (x: FormCategory) => ({ name: x.name, nameEn: x.nameEn ?? '', minGrade: x.minGrade, maxGrade: x.maxGrade })
const roundColumns = (r: FormRound) => ({ name: r.name, nameEn: r.nameEn ?? '', minJudgesPerEntry: r.minJudgesPerEntry })
const criterionColumns = (x: FormRound['criteria'][number]) => ({
  name: x.name,
  nameEn: x.nameEn ?? '',
  weight: x.weight,
  maxScore: x.maxScore,
})

/** The rules the schema holds too: the model does not trust its callers with them. */
function checkAcrossFields(input: CompetitionFormInput, districtId: string | null) {
  if (!(input.signUpOpensAt < input.signUpClosesAt)) throw new Refusal('报名截止须晚于报名开始。', 'signUpClosesAt')
  if (input.entryClosesAt < input.signUpClosesAt) throw new Refusal('作品截止不能早于报名截止。', 'entryClosesAt')
  if (input.maxTeamSize < input.minTeamSize) throw new Refusal('最多人数不能少于最少人数。', 'maxTeamSize')
  if (input.oneDistrict && !districtId) throw new Refusal('全市范围的大赛不能要求“队员须来自本区”：请先选择一个区。', 'oneDistrict')
  input.rounds.forEach((r, i) => {
    if (r.criteria.reduce((s, c) => s + c.weight, 0) !== 100)
      throw new Refusal(`「${r.name}」的权重合计须为 100。`, `rounds[${i}].criteria`)
  })
  const [award] = awardIssues(input.awardBasis, input.awards)
  if (award) {
    const [, i, key] = award.path
    throw new Refusal(`${award.message}。`, `awards[${i}].${key}`)
  }
}

/** The awards as stored: by rank a place (maxRank), by band a total (minScore); for every category. */
function awardRows(input: CompetitionFormInput) {
  const byRank = input.awardBasis === 'RANK'
  return input.awards.map((a) => ({
    name: a.name,
    nameEn: a.nameEn ?? '',
    maxRank: byRank ? a.threshold : null,
    minScore: byRank ? null : a.threshold,
  }))
}

/** Whether the typed awards are the stored ones (same basis, names, order and thresholds; all for every category). */
function sameAwards(c: EditorCompetition, input: CompetitionFormInput) {
  const rows = awardRows(input)
  return (
    c.awardBasis === input.awardBasis &&
    c.awards.length === rows.length &&
    c.awards.every((a, i) => {
      const x = rows[i]
      return a.categoryId === null && a.name === x.name && a.nameEn === x.nameEn && a.maxRank === x.maxRank && a.minScore === x.minScore
    })
  )
}

/**
 * Matches the posted rows of a list (categories, rounds) to the stored ones by the id each carries, in the posted
 * order: a new row (no id) is a change `frozen` may refuse under `field`; an id not stored, or posted twice, means the
 * page was opened before someone else saved, refused as stale; each kept row goes to `kept` with its stored row.
 * Returns the ids kept, in the posted order.
 */
function matchStoredRows<Stored extends { id: string }, Posted extends { id?: string }>(
  stored: Stored[],
  posted: Posted[],
  noun: string,
  field: string,
  frozen: (field: string) => void,
  kept: (row: Posted, stored: Stored, i: number) => void,
): string[] {
  const byId = new Map(stored.map((x) => [x.id, x]))
  const ids: string[] = []
  posted.forEach((row, i) => {
    if (!row.id) return frozen(field)
    const match = byId.get(row.id)
    if (!match || ids.includes(row.id)) throw new Refusal(`${noun}列表已过期，请重新打开这一页再改。`, field)
    ids.push(row.id)
    kept(row, match, i)
  })
  return ids
}

type Move = { step: MovableStep; before: Date; after: Date }

/**
 * Saves the staff form over a stored competition. Refused, naming the reason next to its field, when a change would
 * break what signed-up teams rely on; a deadline moved on a published competition is recorded, audited and told.
 */
export async function updateCompetitionFromForm(
  staff: Staff,
  competitionId: string,
  input: CompetitionFormInput,
  now = new Date(),
): Promise<{ id: string; moved: number; told: number }> {
  requireCompetitionEditor(staff)
  return prisma.$transaction(async (tx) => {
    // The competition's row, locked: a team signing up now waits, so "no teams yet" stays true until this commits.
    await tx.$queryRaw`SELECT id FROM "Competition" WHERE id = ${competitionId} FOR UPDATE`
    const c = await tx.competition.findFirst({ where: { id: competitionId, ...competitionScope(staff) }, select: editorSelect })
    if (!c) throw notFound('没有找到这项大赛，或它不在你的管理范围内。')
    const teams = c._count.teams
    const settled = c.status === 'REVIEW' || c.status === 'PUBLISHED'
    const frozen = (field: string) => {
      if (settled) throw new Refusal('评审结果已进入公示或已发布，只能修改名称、简介和主办单位。', field)
    }
    const hasTeams = `已有 ${teams} 支队伍报名`

    // Scope: a district admin keeps their district; a platform admin may move a competition nobody entered yet.
    const districtId = staff.role === 'PLATFORM_ADMIN' ? await chooseDistrict(staff, input.districtId) : c.districtId
    checkAcrossFields(input, districtId)
    if (districtId !== c.districtId) {
      frozen('districtId')
      if (teams) throw new Refusal(`${hasTeams}，举办范围不能再改。`, 'districtId')
    }
    if (input.edition !== c.edition) {
      frozen('edition')
      if (teams) throw new Refusal(`${hasTeams}，届次不能再改（每名学生每届只能参加一支队伍）。`, 'edition')
    }

    // Publication: a draft is published by ticking the box; a published one goes back to draft only while nobody entered.
    let status = c.status
    if (!settled) {
      if (input.published && c.status === 'DRAFT') {
        if (input.entryClosesAt <= now) throw new Refusal('作品截止已过，不能再发布。', 'entryClosesAt')
        status = 'OPEN'
      }
      if (!input.published && c.status === 'OPEN') {
        if (teams) throw new Refusal(`${hasTeams}，不能撤回为未发布。`, 'published')
        status = 'DRAFT'
      }
    }

    // Rules only loosen once teams signed up: every team already in stays valid.
    if (input.minTeamSize !== c.minTeamSize || input.maxTeamSize !== c.maxTeamSize) {
      frozen('minTeamSize')
      if (teams && input.minTeamSize > c.minTeamSize)
        throw new Refusal(`${hasTeams}，每队最少人数不能再提高（现为 ${c.minTeamSize} 人），只能放宽。`, 'minTeamSize')
      if (teams && input.maxTeamSize < c.maxTeamSize)
        throw new Refusal(`${hasTeams}，每队最多人数不能再降低（现为 ${c.maxTeamSize} 人），只能放宽。`, 'maxTeamSize')
    }
    if (input.oneDistrict !== c.oneDistrict) {
      frozen('oneDistrict')
      if (teams && input.oneDistrict) throw new Refusal(`${hasTeams}，不能再加上“队员须来自本区”的限制。`, 'oneDistrict')
    }
    const scored = c.rounds.some((r) => r._count.scores > 0)
    if (input.normaliseMinEntries !== c.normaliseMinEntries) {
      frozen('normaliseMinEntries')
      if (scored) throw new Refusal('评委已开始评分，标准化所需的最少份数不能再改。', 'normaliseMinEntries')
    }

    // Deadlines: later only, once teams signed up; once entries closed the roster froze and the time stays.
    const moves: Move[] = []
    for (const step of MOVABLE_STEPS) {
      const field = stepField[step]
      const before = c[field]
      const after = input[field]
      if (before.getTime() === after.getTime()) continue
      frozen(field)
      if (teams && step === 'signUpOpens') throw new Refusal(`${hasTeams}，报名开始时间不能再改。`, field)
      if (teams && after < before)
        throw new Refusal(`${hasTeams}，${stepLabel[step]}时间不能提前（原定 ${formatDayTime(before)}），只能推后。`, field)
      if (c.status !== 'DRAFT' && step === 'entryCloses' && before <= now)
        throw new Refusal('作品提交已经截止、队伍名单已冻结，截止时间不能再改；个别队伍请在大赛页面“延长提交时间”。', field)
      if (c.status !== 'DRAFT') moves.push({ step, before, after })
    }
    const reason = input.changeReason?.trim() ?? ''
    if (moves.length && reason.length < 2)
      throw new Refusal('改动已发布大赛的时间，请写明原因（公开时间线和给各队的短信里会显示）。', 'changeReason')

    // Categories, by the id each row carries: one with teams stays, and its grades only widen.
    const keptCategories = matchStoredRows(c.categories, input.categories, '组别', 'categories', frozen, (x, stored, i) => {
      if (stored.minGrade !== x.minGrade || stored.maxGrade !== x.maxGrade) {
        frozen(`categories[${i}].minGrade`)
        if (stored._count.teams && (x.minGrade > stored.minGrade || x.maxGrade < stored.maxGrade))
          throw new Refusal(
            `「${stored.name}」已有 ${stored._count.teams} 支队伍，年级范围只能放宽，不能收窄。`,
            x.minGrade > stored.minGrade ? `categories[${i}].minGrade` : `categories[${i}].maxGrade`,
          )
      }
    })
    const removedCategories = c.categories.filter((x) => !keptCategories.includes(x.id))
    for (const x of removedCategories) {
      frozen('categories')
      if (x._count.teams) throw new Refusal(`「${x.name}」已有 ${x._count.teams} 支队伍报名，不能删除。`, 'categories')
    }

    // Rounds: one that judging began in keeps its criteria and weights (names in English may still be added),
    // is not removed, and the rounds before it keep their order.
    const keptRounds = matchStoredRows(c.rounds, input.rounds, '轮次', 'rounds', frozen, (r, stored, i) => {
      if (!judgingBegan(stored)) return
      if (r.minJudgesPerEntry !== stored.minJudgesPerEntry)
        throw new Refusal(
          `「${stored.name}」已开始评审，每份作品的评委人数不能再改（现为 ${stored.minJudgesPerEntry} 人）。`,
          `rounds[${i}].minJudgesPerEntry`,
        )
      const same =
        r.criteria.length === stored.criteria.length &&
        r.criteria.every((x, j) => {
          const s = stored.criteria[j]
          return x.id === s.id && x.name === s.name && x.weight === s.weight && x.maxScore === s.maxScore
        })
      if (!same)
        throw new Refusal(`「${stored.name}」已开始评审（已分配或已有评分），评分项、权重和满分不能再改。`, `rounds[${i}].criteria`)
    })
    for (const r of c.rounds.filter((x) => !keptRounds.includes(x.id))) {
      frozen('rounds')
      if (judgingBegan(r)) throw new Refusal(`「${r.name}」已开始评审，不能删除。`, 'rounds')
    }
    if (c.rounds.some(judgingBegan)) {
      const storedOrder = c.rounds.map((r) => r.id).filter((id) => keptRounds.includes(id))
      const typedOrder = input.rounds.map((r) => r.id)
      const lastKept = Math.max(...typedOrder.map((id, i) => (id ? i : -1)))
      const newBefore = typedOrder.some((id, i) => !id && i < lastKept)
      if (newBefore || storedOrder.join() !== keptRounds.join())
        throw new Refusal('评审已经开始：已有轮次的顺序不能再改，新的轮次只能加在最后。', 'rounds')
    }
    for (const r of input.rounds)
      for (const x of r.criteria)
        if (x.id && !c.rounds.find((s) => s.id === r.id)?.criteria.some((s) => s.id === x.id))
          throw new Refusal('评分项列表已过期，请重新打开这一页再改。', 'rounds')

    // Awards and their basis: free until 公示 begins (results are computed from them until then), fixed after.
    const awardsChanged = !sameAwards(c, input)
    if (awardsChanged) frozen(c.awardBasis !== input.awardBasis ? 'awardBasis' : 'awards')

    // Write: the competition, then categories and rounds (renamed through a placeholder: names are unique).
    await tx.competition.update({
      where: { id: c.id },
      data: { ...competitionColumns(input), districtId, status },
    })
    if (removedCategories.length) await tx.competitionCategory.deleteMany({ where: { id: { in: removedCategories.map((x) => x.id) } } })
    for (const id of keptCategories) await tx.competitionCategory.update({ where: { id }, data: { name: `~${id}` } })
    for (const [sort, x] of input.categories.entries()) {
      const data = { ...categoryColumns(x), sort }
      if (x.id) await tx.competitionCategory.update({ where: { id: x.id }, data })
      else await tx.competitionCategory.create({ data: { ...data, competitionId: c.id } })
    }
    const removedRounds = c.rounds.filter((r) => !keptRounds.includes(r.id)).map((r) => r.id)
    if (removedRounds.length) await tx.competitionRound.deleteMany({ where: { id: { in: removedRounds } } })
    for (const id of keptRounds) await tx.competitionRound.update({ where: { id }, data: { name: `~${id}` } })
    for (const [sort, r] of input.rounds.entries()) {
      const data = { ...roundColumns(r), sort }
      const roundId = r.id
        ? (await tx.competitionRound.update({ where: { id: r.id }, data, select: { id: true } })).id
        : (await tx.competitionRound.create({ data: { ...data, competitionId: c.id }, select: { id: true } })).id
      const kept = r.criteria.flatMap((x) => (x.id ? [x.id] : []))
      await tx.competitionCriterion.deleteMany({ where: { roundId, id: { notIn: kept } } })
      for (const [i, x] of r.criteria.entries()) {
        const criterion = { ...criterionColumns(x), sort: i }
        if (x.id) await tx.competitionCriterion.update({ where: { id: x.id }, data: criterion })
        else await tx.competitionCriterion.create({ data: { ...criterion, roundId } })
      }
    }

    if (awardsChanged) {
      await tx.competitionAward.deleteMany({ where: { competitionId: c.id } })
      await tx.competitionAward.createMany({ data: awardRows(input).map((a, sort) => ({ ...a, competitionId: c.id, sort })) })
    }

    await recordAudit(tx, staff.id, {
      action: 'competition.update',
      entityType: 'Competition',
      entityId: c.id,
      summary: `修改大赛「${input.title}」${status !== c.status ? (status === 'OPEN' ? '并发布' : '并撤回为未发布') : ''}`,
      details: { status: { before: c.status, after: status }, ...(awardsChanged ? { awards: awardRows(input) } : {}) },
      districtId,
    })
    // Deadlines moved on a published competition: the public timeline, the audit log and each team, at once.
    let told = 0
    if (moves.length) {
      await tx.competitionDeadlineChange.createMany({
        data: moves.map((m) => ({ competitionId: c.id, step: m.step, before: m.before, after: m.after, reason, createdAt: now })),
      })
      for (const m of moves)
        await recordAudit(tx, staff.id, {
          action: 'competition.move_deadline',
          entityType: 'Competition',
          entityId: c.id,
          summary: `「${input.title}」${stepLabel[m.step]}由 ${formatDayTime(m.before)} 改为 ${formatDayTime(m.after)}：${reason}`,
          details: { step: m.step, before: m.before.toISOString(), after: m.after.toISOString(), reason },
          districtId,
        })
      const signedUp = await tx.competitionTeam.findMany({
        where: { competitionId: c.id },
        select: { id: true, locale: true, registrant: { select: { phone: true } } },
      })
      const title = { title: input.title, titleEn: input.titleEn ?? '' }
      told = await queueMessages(
        tx,
        signedUp.flatMap((team) => {
          const language = storedLanguage(team.locale)
          return moves.map((m) => ({
            to: { phone: team.registrant.phone, language },
            message: {
              template: 'competition.deadline-moved' as const,
              params: deadlineMovedParams(title, m.step, m.after, reason, language),
              subjectType: 'CompetitionTeam',
              subjectId: team.id,
              districtId,
              dedupeKey: `competition.deadline-moved:${team.id}:${m.step}:${m.after.toISOString()}`,
            },
          }))
        }),
      )
    }
    return { id: c.id, moved: moves.length, told }
  })
}
