// The staff form of a competition (decision 035, "The staff form"): the edition, its scope, rules, deadlines,
// categories and rounds with their criteria. Staff pages are Chinese only (decision 007): the messages are Chinese,
// the English names are fields like the others. The same schema in the browser and on the server; the rules that
// need what is stored (teams signed up, scores given, a deadline already passed) are the model's (editor.server.ts).
import { z } from 'zod'
import { plainDecimal, wholeNumber } from '~/utils/number-field'
import { parseShanghaiDateTime } from '~/utils/shanghai-time'
import { textField } from '~/utils/text-field'
import { MAX_MEMBERS } from './schema'
import type { TFunction } from 'i18next'

export const MAX_CATEGORIES = 6
export const MAX_ROUNDS = 4
export const MAX_CRITERIA = 10
export const MAX_AWARDS = 8
export const MAX_JUDGES_PER_ENTRY = 20
/** The lowest place an award by rank may reach (一等奖: places 1 to maxRank). */
export const MAX_AWARD_RANK = 999
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{2,59}$/

const dateTime = (label: string) =>
  z.string({ required_error: `请填写${label}` }).transform((value, ctx) => {
    const parsed = parseShanghaiDateTime(value)
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: `${label}格式不对，例如 2027-03-01 09:00` })
      return z.NEVER
    }
    return parsed
  })

const grade = (label: string) =>
  wholeNumber({
    required: `请选择${label}`,
    notNumber: `请选择${label}`,
    notWhole: `请选择${label}`,
    min: [1, '年级为 1–12'],
    max: [12, '年级为 1–12'],
  })

/**
 * A count typed by staff, from 1 to `max`: asked for by `required`, refused in the words of its `noun` (权重请填写数字,
 * 权重请填写整数, 权重为 1–100); `range` names the limits where the noun alone would not (每队人数为 1–8).
 */
const count = (required: string, noun: string, max: number, range = noun) =>
  wholeNumber({
    required,
    notNumber: `${noun}请填写数字`,
    notWhole: `${noun}请填写整数`,
    min: [1, `${range}为 1–${max}`],
    max: [max, `${range}为 1–${max}`],
  })

/** The least or most members of a team. */
const teamSize = (required: string) => count(required, '人数', MAX_MEMBERS, '每队人数')

/** An id of a stored category, round or criterion, carried in a hidden input; absent for a new one. */
const storedId = z.string().max(40).optional()

export function competitionFormSchema(t: TFunction) {
  const english = (max: number) => textField(t, { max: [max, `英文名称最多 ${max} 个字符`] }).optional()
  const category = z
    .object({
      id: storedId,
      name: textField(t, { required: '请填写组别名称', max: [20, '组别名称最多 20 个字'] }),
      nameEn: english(40),
      minGrade: grade('最低年级'),
      maxGrade: grade('最高年级'),
    })
    .superRefine((c, ctx) => {
      if (c.maxGrade < c.minGrade) ctx.addIssue({ code: 'custom', path: ['maxGrade'], message: '最高年级不能低于最低年级' })
    })
  const criterion = z.object({
    id: storedId,
    name: textField(t, { required: '请填写评分项', max: [20, '评分项最多 20 个字'] }),
    nameEn: english(40),
    weight: count('请填写权重', '权重', 100),
    maxScore: count('请填写满分', '满分', 100),
  })
  // An award by rank (places 1 to the number) or by band (a total of at least the number, out of 100): one box,
  // read by the competition's award basis. Awards are rewritten whole on each save: nothing refers to their rows.
  const award = z.object({
    name: textField(t, { required: '请填写奖项名称', max: [20, '奖项名称最多 20 个字'] }),
    nameEn: english(40),
    threshold: plainDecimal(
      z
        .number({ required_error: '请填写名次或分数线', invalid_type_error: '名次或分数线请填写数字' })
        .min(0, '名次或分数线不能为负数')
        .max(MAX_AWARD_RANK, `名次最多到第 ${MAX_AWARD_RANK} 名，分数线为 0–100`),
    ),
  })
  const round = z.object({
    id: storedId,
    name: textField(t, { required: '请填写轮次名称', max: [20, '轮次名称最多 20 个字'] }),
    nameEn: english(40),
    minJudgesPerEntry: count('请填写每份作品的评委人数', '评委人数', MAX_JUDGES_PER_ENTRY),
    criteria: z
      .array(criterion, { required_error: '每一轮至少一个评分项' })
      .min(1, '每一轮至少一个评分项')
      .max(MAX_CRITERIA, `每一轮最多 ${MAX_CRITERIA} 个评分项`),
  })
  return z
    .object({
      title: textField(t, { required: '请填写大赛名称', min: [2, '大赛名称 2–60 个字'], max: [60, '大赛名称 2–60 个字'] }),
      titleEn: english(120),
      edition: wholeNumber({
        required: '请填写届次（年份）',
        notNumber: '届次请填写年份，例如 2027',
        notWhole: '届次请填写年份，例如 2027',
        min: [2000, '届次请填写年份，例如 2027'],
        max: [2100, '届次请填写年份，例如 2027'],
      }),
      slug: z
        .string()
        .trim()
        .toLowerCase()
        .refine((v) => SLUG_PATTERN.test(v), '网址名用小写字母、数字和连字符，3–60 个字符，例如 sj-science-show-2027')
        .optional(),
      summary: textField(t, { required: '请填写简介', min: [10, '简介 10–1000 个字'], max: [1000, '简介 10–1000 个字'], multiline: true }),
      summaryEn: textField(t, { max: [1000, '英文简介最多 1000 个字符'], multiline: true }).optional(),
      organiser: textField(t, { required: '请填写主办单位', min: [2, '主办单位 2–60 个字'], max: [60, '主办单位 2–60 个字'] }),
      districtId: z.string().max(40).optional(),
      published: z.boolean().default(false),
      signUpOpensAt: dateTime('报名开始时间'),
      signUpClosesAt: dateTime('报名截止时间'),
      entryClosesAt: dateTime('作品截止时间'),
      changeReason: textField(t, { max: [100, '原因最多 100 个字'] }).optional(),
      minTeamSize: teamSize('请填写每队最少人数'),
      maxTeamSize: teamSize('请填写每队最多人数'),
      oneDistrict: z.boolean().default(false),
      normaliseMinEntries: count('请填写份数', '份数', 100),
      categories: z
        .array(category, { required_error: '至少一个组别' })
        .min(1, '至少一个组别')
        .max(MAX_CATEGORIES, `最多 ${MAX_CATEGORIES} 个组别`),
      rounds: z.array(round, { required_error: '至少一轮评审' }).min(1, '至少一轮评审').max(MAX_ROUNDS, `最多 ${MAX_ROUNDS} 轮评审`),
      awardBasis: z.enum(['RANK', 'BAND'], { required_error: '请选择评奖方式', invalid_type_error: '请选择评奖方式' }),
      awards: z.array(award).max(MAX_AWARDS, `最多 ${MAX_AWARDS} 个奖项`).default([]),
    })
    .superRefine((c, ctx) => {
      if (c.signUpClosesAt <= c.signUpOpensAt) ctx.addIssue({ code: 'custom', path: ['signUpClosesAt'], message: '报名截止须晚于报名开始' })
      if (c.entryClosesAt < c.signUpClosesAt) ctx.addIssue({ code: 'custom', path: ['entryClosesAt'], message: '作品截止不能早于报名截止' })
      if (c.maxTeamSize < c.minTeamSize) ctx.addIssue({ code: 'custom', path: ['maxTeamSize'], message: '最多人数不能少于最少人数' })
      const names = new Set<string>()
      c.categories.forEach((x, i) => {
        if (names.has(x.name)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'name'], message: '组别名称不能重复' })
        names.add(x.name)
      })
      const rounds = new Set<string>()
      c.rounds.forEach((r, i) => {
        if (rounds.has(r.name)) ctx.addIssue({ code: 'custom', path: ['rounds', i, 'name'], message: '轮次名称不能重复' })
        rounds.add(r.name)
        const sum = r.criteria.reduce((s, x) => s + x.weight, 0)
        if (sum !== 100)
          ctx.addIssue({ code: 'custom', path: ['rounds', i, 'criteria'], message: `「${r.name}」的权重合计须为 100（现在是 ${sum}）` })
      })
      for (const issue of awardIssues(c.awardBasis, c.awards)) ctx.addIssue({ code: 'custom', ...issue })
    })
}
type AwardRow = { name: string; threshold: number }

/**
 * The awards' own rules, read by the schema and again by the model: by rank a whole place from 1, each award
 * reaching further down than the one before (一等奖 1–3, 二等奖 to 8 …); by band a total out of 100, each award
 * asking less than the one before (一等奖 85, 二等奖 70 …); names not repeated. The first award a team reaches is its.
 */
export function awardIssues(basis: 'RANK' | 'BAND', awards: AwardRow[]): Array<{ path: Array<string | number>; message: string }> {
  const issues: Array<{ path: Array<string | number>; message: string }> = []
  const names = new Set<string>()
  awards.forEach((a, i) => {
    if (names.has(a.name)) issues.push({ path: ['awards', i, 'name'], message: '奖项名称不能重复' })
    names.add(a.name)
    const at = ['awards', i, 'threshold']
    const previous = awards[i - 1]?.threshold
    if (basis === 'RANK') {
      if (!Number.isInteger(a.threshold) || a.threshold < 1)
        issues.push({ path: at, message: '按名次评奖：请填写名次，例如 3（第 1–3 名）' })
      else if (previous !== undefined && a.threshold <= previous)
        issues.push({ path: at, message: `名次须大于上一个奖项的名次（${previous}）` })
    } else if (a.threshold > 100) issues.push({ path: at, message: '按分数段评奖：分数线为 0–100' })
    else if (previous !== undefined && a.threshold >= previous)
      issues.push({ path: at, message: `分数线须低于上一个奖项的分数线（${previous}）` })
  })
  return issues
}

export type CompetitionFormInput = z.infer<ReturnType<typeof competitionFormSchema>>
