// What a competition's messages say (templates `competition.*` in app/models/message-templates.ts), filled the same
// way by the models and by the SMS length test: the title in the reader's language, a staff member's words cut to
// a clause, and the team's short link (`/c/<team number>`, which leads to the team page after signing in).
import { clause } from '~/models/message/notify.server'
import { formatDayTime } from '~/utils/format'
import type { Language } from '~/utils/i18n'

export type CompetitionForMessage = { title: string; titleEn: string }

export const titleIn = (c: CompetitionForMessage, language: Language) => (language === 'en' && c.titleEn ? c.titleEn : c.title)
export const teamLink = (origin: string, code: string) => `${origin}/c/${code}`

export function registeredParams(
  c: CompetitionForMessage,
  team: { name: string; code: string },
  entryClosesAt: Date,
  origin: string,
  language: Language,
) {
  return { title: titleIn(c, language), team: team.name, time: formatDayTime(entryClosesAt, language), link: teamLink(origin, team.code) }
}

export function entryReceivedParams(c: CompetitionForMessage, team: { name: string }, version: number, at: Date, language: Language) {
  return { title: titleIn(c, language), team: team.name, version: String(version), time: formatDayTime(at, language) }
}

export function extendedParams(c: CompetitionForMessage, team: { name: string }, until: Date, reason: string, language: Language) {
  return { title: titleIn(c, language), team: team.name, time: formatDayTime(until, language), message: clause(reason, language) }
}

export function publishedParams(
  c: CompetitionForMessage,
  team: { name: string; code: string },
  award: { name: string; nameEn: string } | null,
  origin: string,
  language: Language,
) {
  const awardText = award ? (language === 'en' ? award.nameEn || award.name : award.name) : language === 'en' ? 'no award' : '未获奖'
  return { title: titleIn(c, language), team: team.name, award: awardText, link: teamLink(origin, team.code) }
}

/** Whether a team goes on to the next round (`competition.advanced` / `competition.not-advanced`). */
export function advanceParams(
  c: CompetitionForMessage,
  team: { name: string; code: string },
  round: { name: string; nameEn: string },
  origin: string,
  language: Language,
) {
  return {
    title: titleIn(c, language),
    team: team.name,
    round: language === 'en' && round.nameEn ? round.nameEn : round.name,
    link: teamLink(origin, team.code),
  }
}

/** The steps whose time staff may move on a published competition, as the message names them. */
export const MOVABLE_STEPS = ['signUpOpens', 'signUpCloses', 'entryCloses'] as const
export type MovableStep = (typeof MOVABLE_STEPS)[number]
const stepWords: Record<MovableStep, Record<Language, string>> = {
  signUpOpens: { 'zh-CN': '报名开始', en: 'sign-up opening' },
  signUpCloses: { 'zh-CN': '报名截止', en: 'the sign-up deadline' },
  entryCloses: { 'zh-CN': '作品提交截止', en: 'the entry deadline' },
}

/** A deadline staff moved on a published competition (`competition.deadline-moved`), to every team. */
export function deadlineMovedParams(c: CompetitionForMessage, step: MovableStep, after: Date, reason: string, language: Language) {
  return {
    title: titleIn(c, language),
    step: stepWords[step][language],
    time: formatDayTime(after, language),
    message: clause(reason, language),
  }
}
