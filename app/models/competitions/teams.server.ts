// Teams and entries of a competition. The rules, each refused with a message naming it (zh and en):
// - only a signed-in resident account registers a team: its number was proven by an SMS code (teacher or parent);
// - sign-up between its opening and its deadline; roster changes until the entry deadline, then frozen;
// - team size, each member's grade within the category, schools in the competition's district where it says so,
//   shares of the work adding up to 100, and one team per pupil per edition: a unique key on (competition, school
//   and name normalised), so two teams registering the same pupil at once cannot both succeed;
// - entries (versions) until the team's deadline, checked against the server's clock when the post arrives, so a
//   post replayed after the deadline is refused like any late one. Everything of one post in one transaction.
import { queueMessage } from '~/models/message/message.server'
import { defaultOrigin, storedLanguage } from '~/models/message/notify.server'
import { readableCode } from '~/utils/codes.server'
import { formatDayTime } from '~/utils/format'
import { notFound } from '~/utils/http-errors'
import { defaultLanguage, tFor, type Language } from '~/utils/i18n'
import { isUniqueViolation } from '~/utils/infra/db-errors.server'
import { prisma } from '~/utils/infra/db.server'
import { Refusal, localized } from '~/utils/refusal'
import { categoryFields, competitionRuleFields, teamDeadline, type Db } from './competition.server'
import { entryReceivedParams, registeredParams } from './messages'
import { gradeCode, type EntryLinkInput, type TeamInput } from './schema'

export type TeamOwner = { id: string; phone: string }

/** The key that makes a pupil one person in an edition: school and name, width-folded, without spaces, lower case. */
export function pupilKey(school: string, name: string): string {
  const fold = (s: string) =>
    s
      .normalize('NFKC')
      .replace(/[\s·•.]/g, '')
      .toLowerCase()
  return `${fold(school)}|${fold(name)}`
}

const ruleSelect = {
  ...competitionRuleFields,
  districtId: true,
  district: { select: { name: true, nameEn: true } },
  categories: { select: categoryFields },
} as const

type Rules = NonNullable<Awaited<ReturnType<typeof loadRules>>>

/**
 * The competition's rules, read under a shared lock on its row (always inside a transaction): the staff form's save
 * locks the row for update, so a sign-up, roster change or entry is checked either wholly before an edit of the
 * rules or wholly after it, never against rules an edit is replacing (decision 035, "The staff form").
 */
async function loadRules(db: Db, competitionId: string) {
  await db.$executeRaw`SELECT id FROM "Competition" WHERE id = ${competitionId} FOR SHARE`
  return db.competition.findUnique({ where: { id: competitionId }, select: ruleSelect })
}

const when = (at: Date, language: Language) => formatDayTime(at, language)

/** The roster rules of `rules` applied to `input`; refusals name the rule and go next to the field they concern. */
function checkRoster(rules: Rules, input: TeamInput, language: Language) {
  const t = tFor(language)
  const category = rules.categories.find((c) => c.id === input.categoryId)
  if (!category) throw new Refusal(localized('competition.refusal.category'), 'categoryId')
  const count = input.members.length
  if (count < rules.minTeamSize || count > rules.maxTeamSize)
    throw new Refusal(localized('competition.refusal.teamSize', { min: rules.minTeamSize, max: rules.maxTeamSize, count }), 'members')
  const categoryName = language === 'en' && category.nameEn ? category.nameEn : category.name
  const range = t('competition.gradeRange', {
    first: t(`grade.${gradeCode(category.minGrade)}` as 'grade.G1'),
    last: t(`grade.${gradeCode(category.maxGrade)}` as 'grade.G1'),
  })
  const seen = new Set<string>()
  input.members.forEach((m, i) => {
    if (m.grade < category.minGrade || m.grade > category.maxGrade)
      throw new Refusal(localized('competition.refusal.grade', { name: m.name, category: categoryName, range }), `members[${i}].grade`)
    if (rules.oneDistrict && rules.districtId && m.districtId !== rules.districtId) {
      const district = language === 'en' ? rules.district!.nameEn : rules.district!.name
      throw new Refusal(localized('competition.refusal.district', { name: m.name, district }), `members[${i}].districtId`)
    }
    const key = pupilKey(m.school, m.name)
    if (seen.has(key))
      throw new Refusal(localized('competition.refusal.duplicateMember', { name: m.name, school: m.school }), `members[${i}].name`)
    seen.add(key)
  })
  const total = input.members.reduce((sum, m) => sum + m.share, 0)
  if (total !== 100) throw new Refusal(localized('competition.refusal.shares', { total }), 'members')
}

/** Members' rows, and a refusal naming the first pupil already in another team of the edition. */
async function writeMembers(db: Db, rules: Rules, teamId: string, input: TeamInput) {
  const keys = input.members.map((m) => pupilKey(m.school, m.name))
  const taken = await db.competitionMember.findFirst({
    where: { competitionId: rules.id, pupilKey: { in: keys }, teamId: { not: teamId } },
    select: { pupilKey: true },
  })
  if (taken) {
    const i = keys.indexOf(taken.pupilKey)
    const m = input.members[i]
    throw new Refusal(localized('competition.refusal.pupilTaken', { name: m.name, school: m.school }), `members[${i}].name`)
  }
  const districts = await db.district.findMany({ where: { id: { in: input.members.map((m) => m.districtId) } }, select: { id: true } })
  const known = new Set(districts.map((d) => d.id))
  input.members.forEach((m, i) => {
    if (!known.has(m.districtId)) throw new Refusal(localized('competition.field.district'), `members[${i}].districtId`)
  })
  await db.competitionMember.deleteMany({ where: { teamId } })
  await db.competitionMember.createMany({
    data: input.members.map((m, i) => ({
      teamId,
      competitionId: rules.id,
      name: m.name,
      school: m.school,
      districtId: m.districtId,
      grade: m.grade,
      share: m.share,
      sort: i,
      pupilKey: keys[i],
    })),
  })
}

/** A refusal for a unique key another team took between our check and our write (a race): which rule it was. */
function raceRefusal(error: unknown): Refusal | null {
  if (!isUniqueViolation(error)) return null
  const text = `${(error as Error).message} ${JSON.stringify((error as { meta?: unknown }).meta ?? {})}`
  if (text.includes('pupilKey')) return new Refusal(localized('competition.refusal.pupilRace'), 'members')
  return new Refusal(localized('competition.refusal.teamNameTaken'), 'name')
}

/**
 * Registers a team for a competition, by a signed-in resident (a proven phone). Returns the team's id and code.
 * The registration and its SMS (registered; deadline near, 48 hours before the entry deadline) commit together.
 */
export async function registerTeam(
  owner: TeamOwner,
  competitionId: string,
  input: TeamInput,
  { now = new Date(), language = defaultLanguage, origin = defaultOrigin() }: { now?: Date; language?: Language; origin?: string } = {},
): Promise<{ id: string; code: string }> {
  try {
    return await prisma.$transaction(async (tx) => {
      const rules = await loadRules(tx, competitionId)
      if (!rules || rules.status !== 'OPEN') throw new Refusal(localized('competition.refusal.notOpen'))
      if (now < rules.signUpOpensAt)
        throw new Refusal(localized('competition.refusal.signUpNotOpen', { time: when(rules.signUpOpensAt, language) }))
      if (now >= rules.signUpClosesAt)
        throw new Refusal(localized('competition.refusal.signUpClosed', { time: when(rules.signUpClosesAt, language) }))
      checkRoster(rules, input, language)
      if (await tx.competitionTeam.findFirst({ where: { competitionId, name: input.name }, select: { id: true } }))
        throw new Refusal(localized('competition.refusal.teamNameTaken'), 'name')
      const team = await tx.competitionTeam.create({
        data: {
          competitionId,
          categoryId: input.categoryId,
          name: input.name,
          code: readableCode(10, 'T'),
          registrantId: owner.id,
          locale: language,
          advisorName: input.advisorName,
          advisorSchool: input.advisorSchool,
          advisorPart: input.advisorPart,
          createdAt: now,
        },
        select: { id: true, code: true, name: true },
      })
      await writeMembers(tx, rules, team.id, input)
      const params = registeredParams(rules, team, rules.entryClosesAt, origin, language)
      const subject = { subjectType: 'CompetitionTeam' as const, subjectId: team.id, districtId: rules.districtId }
      await queueMessage(tx, { phone: owner.phone, language }, { template: 'competition.registered', params, ...subject })
      const nearAt = new Date(rules.entryClosesAt.getTime() - 48 * 3600_000)
      if (nearAt > now)
        await queueMessage(
          tx,
          { phone: owner.phone, language },
          {
            template: 'competition.deadline-near',
            params,
            notBefore: nearAt,
            dedupeKey: `competition-deadline:${team.id}`,
            ...subject,
          },
        )
      return { id: team.id, code: team.code }
    })
  } catch (error) {
    throw raceRefusal(error) ?? error
  }
}

const teamSelect = {
  id: true,
  code: true,
  name: true,
  categoryId: true,
  advisorName: true,
  advisorSchool: true,
  advisorPart: true,
  entryExtendedUntil: true,
  extensionReason: true,
  createdAt: true,
  category: { select: { name: true, nameEn: true } },
  members: { orderBy: { sort: 'asc' }, select: { id: true, name: true, school: true, districtId: true, grade: true, share: true } },
  entries: {
    orderBy: { version: 'desc' },
    select: { id: true, version: true, kind: true, url: true, fileName: true, note: true, submittedAt: true },
  },
  certificates: { select: { number: true, award: true, awardEn: true, member: { select: { name: true } } } },
} as const

/** A team as its registrant sees it; 404 for anyone else (another account cannot tell it exists). */
export async function getOwnTeam(owner: TeamOwner, slug: string, code: string) {
  const team = await prisma.competitionTeam.findFirst({
    where: { code, registrantId: owner.id, competition: { slug } },
    select: { ...teamSelect, competition: { select: { ...ruleSelect, publishedAt: true } } },
  })
  if (!team) throw notFound()
  return { ...team, deadline: teamDeadline(team.competition, team) }
}

export function listOwnTeams(owner: TeamOwner, competitionId: string) {
  return prisma.competitionTeam.findMany({
    where: { competitionId, registrantId: owner.id },
    orderBy: { createdAt: 'asc' },
    select: { code: true, name: true },
  })
}

/** Changes a team's roster (members, advisor, category): until the entry deadline, never after (an extension does not unfreeze it). */
export async function updateRoster(
  owner: TeamOwner,
  teamId: string,
  input: TeamInput,
  { now = new Date(), language = defaultLanguage }: { now?: Date; language?: Language } = {},
): Promise<void> {
  try {
    await prisma.$transaction(async (tx) => {
      const team = await tx.competitionTeam.findFirst({
        where: { id: teamId, registrantId: owner.id },
        select: { id: true, competitionId: true, name: true },
      })
      if (!team) throw notFound()
      // One roster change per team at a time.
      await tx.$executeRaw`SELECT id FROM "CompetitionTeam" WHERE id = ${teamId} FOR UPDATE`
      const rules = (await loadRules(tx, team.competitionId))!
      if (rules.status !== 'OPEN' || now >= rules.entryClosesAt)
        throw new Refusal(localized('competition.refusal.rosterFrozen', { time: when(rules.entryClosesAt, language) }))
      checkRoster(rules, input, language)
      if (
        input.name !== team.name &&
        (await tx.competitionTeam.findFirst({ where: { competitionId: rules.id, name: input.name }, select: { id: true } }))
      )
        throw new Refusal(localized('competition.refusal.teamNameTaken'), 'name')
      await tx.competitionTeam.update({
        where: { id: teamId },
        data: {
          name: input.name,
          categoryId: input.categoryId,
          advisorName: input.advisorName,
          advisorSchool: input.advisorSchool,
          advisorPart: input.advisorPart,
        },
      })
      await writeMembers(tx, rules, teamId, input)
    })
  } catch (error) {
    throw raceRefusal(error) ?? error
  }
}

/**
 * A new version of a team's entry, as a link. Refused after the team's deadline by the server's clock; the version
 * number comes from the team's row lock, so two posts at once make versions n and n+1, never two n.
 */
export function submitEntryLink(
  owner: TeamOwner,
  teamId: string,
  input: EntryLinkInput,
  options: { now?: Date; language?: Language } = {},
): Promise<{ version: number }> {
  return submitEntry(owner, teamId, { kind: 'LINK', url: input.url, note: input.note ?? '' }, 'url', options)
}

/** A new version of a team's entry, a link or a stored file (`entry-files.server.ts`); a late one refused next to `field`. */
export async function submitEntry(
  owner: TeamOwner,
  teamId: string,
  entry: { kind: 'LINK' | 'FILE'; url: string; fileName?: string; note: string },
  field: string,
  { now = new Date(), language = defaultLanguage }: { now?: Date; language?: Language } = {},
): Promise<{ version: number }> {
  return prisma.$transaction(async (tx) => {
    const team = await tx.competitionTeam.findFirst({
      where: { id: teamId, registrantId: owner.id },
      select: { id: true, name: true, locale: true, competitionId: true },
    })
    if (!team) throw notFound()
    await tx.$executeRaw`SELECT id FROM "CompetitionTeam" WHERE id = ${teamId} FOR UPDATE`
    const locked = await tx.competitionTeam.findUniqueOrThrow({ where: { id: teamId }, select: { entryExtendedUntil: true } })
    const rules = (await loadRules(tx, team.competitionId))!
    const deadline = teamDeadline(rules, locked)
    if (rules.status !== 'OPEN' || now >= deadline)
      throw new Refusal(localized('competition.refusal.entryClosed', { time: when(deadline, language) }), field)
    const last = await tx.competitionEntry.findFirst({ where: { teamId }, orderBy: { version: 'desc' }, select: { version: true } })
    const version = (last?.version ?? 0) + 1
    await tx.competitionEntry.create({ data: { teamId, version, submittedAt: now, ...entry } })
    const messageLanguage = storedLanguage(team.locale)
    await queueMessage(
      tx,
      { phone: owner.phone, language: messageLanguage },
      {
        template: 'competition.entry-received',
        params: entryReceivedParams(rules, team, version, now, messageLanguage),
        subjectType: 'CompetitionTeam',
        subjectId: teamId,
        districtId: rules.districtId,
      },
    )
    return { version }
  })
}

/** The entry judges see: the last version submitted before the team's deadline. */
export function judgedEntry<E extends { submittedAt: Date; version: number }>(entries: E[], deadline: Date): E | null {
  return entries.filter((e) => e.submittedAt < deadline).sort((a, b) => b.version - a.version)[0] ?? null
}
