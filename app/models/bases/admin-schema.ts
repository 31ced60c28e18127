// 科普基地: the staff forms (Chinese, decision 007): a designation, a level of the list, a 申报 and its review.
import { z } from 'zod'
import { plainDecimal } from '~/utils/number-field'
import { parseShanghaiDate } from '~/utils/shanghai-time'

const shanghaiDate = (label: string) =>
  z.string({ required_error: `请填写${label}` }).transform((v, ctx) => {
    const at = parseShanghaiDate(v.trim())
    if (!at) {
      ctx.addIssue({ code: 'custom', message: `${label}请按 年-月-日 填写，例如 2026-01-01` })
      return z.NEVER
    }
    return at
  })

const optionalText = (label: string, max: number) => z.string().trim().max(max, `${label}请少于 ${max} 字`).optional()

export const DESIGNATION_STATUSES = ['ACTIVE', 'RECTIFY', 'REVOKED'] as const

/** A designation added or changed by a district or platform admin. `designationId` present: a change. */
export const designationSchema = z
  .object({
    designationId: z.string().max(40).optional(),
    venueId: z.string().max(40),
    levelKey: z.string({ required_error: '请选择级别' }).max(40),
    batch: optionalText('批次', 40),
    year: plainDecimal(
      z
        .number({ required_error: '请填写认定年份', invalid_type_error: '年份请填写数字' })
        .int('年份请填写整数')
        .min(1990, '年份不早于 1990')
        .max(2100, '年份不晚于 2100'),
    ),
    validFrom: shanghaiDate('有效期起'),
    validUntil: shanghaiDate('有效期止').optional(),
    status: z.enum(DESIGNATION_STATUSES, { errorMap: () => ({ message: '请选择状态' }) }),
    rectifyBy: shanghaiDate('整改期限').optional(),
    note: optionalText('备注', 500),
  })
  .superRefine((value, ctx) => {
    if (value.validUntil && value.validUntil < value.validFrom)
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: '有效期止不能早于有效期起' })
    if (value.status === 'RECTIFY' && !value.rectifyBy)
      ctx.addIssue({ code: 'custom', path: ['rectifyBy'], message: '整改状态须写明整改期限' })
  })
export type DesignationInput = z.infer<typeof designationSchema>

/** A level added to the list by the platform admin. */
export const levelSchema = z.object({
  name: z.string({ required_error: '请填写级别名称' }).trim().min(2, '请填写级别名称').max(40, '级别名称请少于 40 字'),
  nameEn: z.string({ required_error: '请填写英文名称' }).trim().min(2, '请填写英文名称').max(80, '英文名称请少于 80 字'),
})
export type LevelInput = z.infer<typeof levelSchema>

/** A level's 申报 criteria, one `名称=分值` a line; the model reads the lines (parseLevelCriteria). */
export const levelCriteriaSchema = z.object({
  key: z.string().max(40),
  criteria: z.string({ required_error: '至少写一项评分标准，每行一项，例如：科普活动=40' }).max(4000, '评分标准太长'),
})

const optionalCount = (label: string, max: number) =>
  plainDecimal(
    z
      .number({ invalid_type_error: `${label}请填写数字` })
      .int(`${label}请填写整数`)
      .min(0, `${label}不能为负数`)
      .max(max, `${label}最多 ${max}`),
  ).optional()

/** A 申报 as the applicant writes it (a draft may be saved again until it is submitted). */
export const applicationSchema = z.object({
  venueId: z.string({ required_error: '请选择场馆' }).max(40),
  levelKey: z.string({ required_error: '请选择申报级别' }).max(40),
  summary: z.string({ required_error: '请填写基本情况' }).trim().min(20, '基本情况请至少写 20 个字').max(4000, '基本情况请少于 4000 字'),
  openDaysPerYear: optionalCount('年开放天数', 366),
  areaSqm: optionalCount('场地面积', 1_000_000),
  staffCount: optionalCount('专兼职人员数', 10_000),
  contactName: optionalText('联系人', 40),
})
export type ApplicationInput = z.infer<typeof applicationSchema>

/** A reviewer returning or declining a 申报 says why. */
export const reviewNotesField = z
  .string({ required_error: '请写明意见' })
  .trim()
  .min(4, '请写明意见（至少 4 个字）')
  .max(2000, '意见请少于 2000 字')

/** The approval: the designation it creates. */
export const approvalFields = z.object({
  batch: optionalText('批次', 40),
  year: plainDecimal(
    z
      .number({ required_error: '请填写认定年份', invalid_type_error: '年份请填写数字' })
      .int('年份请填写整数')
      .min(1990, '年份不早于 1990')
      .max(2100, '年份不晚于 2100'),
  ),
  validFrom: shanghaiDate('有效期起'),
  validUntil: shanghaiDate('有效期止').optional(),
})
export const approvalSchema = approvalFields.superRefine((value, ctx) => {
  if (value.validUntil && value.validUntil < value.validFrom)
    ctx.addIssue({ code: 'custom', path: ['validUntil'], message: '有效期止不能早于有效期起' })
})
export type ApprovalInput = z.infer<typeof approvalSchema>

// ——— The yearly 考核 (decision 036) ———

/** The district opens the year's reports, with a deadline. A platform admin names the district. */
export const openReportsSchema = z.object({
  districtId: z.string({ required_error: '请选择区' }).max(40),
  year: plainDecimal(
    z
      .number({ required_error: '请填写考核年度', invalid_type_error: '年度请填写数字' })
      .int('年度请填写整数')
      .min(2000, '年度不早于 2000')
      .max(2100, '年度不晚于 2100'),
  ),
  deadline: shanghaiDate('截止日期'),
})

const percent = (label: string) =>
  plainDecimal(
    z
      .number({ required_error: `请填写${label}`, invalid_type_error: `${label}请填写数字` })
      .int(`${label}请填写整数`)
      .min(1, `${label}至少 1`)
      .max(100, `${label}最多 100`),
  )

/** The district's result bands, percent of the sheet total. */
export const bandsSchema = z
  .object({ districtId: z.string().max(40), excellent: percent('优秀线'), good: percent('优良线'), pass: percent('合格线') })
  .superRefine((v, ctx) => {
    if (v.good >= v.excellent) ctx.addIssue({ code: 'custom', path: ['good'], message: '优良线须低于优秀线' })
    if (v.pass >= v.good) ctx.addIssue({ code: 'custom', path: ['pass'], message: '合格线须低于优良线' })
  })

/** Why a report is returned to the base, or reopened after approval. */
export const reasonField = (what: string) =>
  z
    .string({ required_error: `请写明${what}` })
    .trim()
    .min(4, `请写明${what}（至少 4 个字）`)
    .max(2000, `${what}请少于 2000 字`)

/** 回避申请: the applicant names a reviewer of the district and says why. */
export const RECUSAL_REASON_MAX = 500
export const recusalRequestSchema = z.object({
  reviewerId: z.string({ required_error: '请选择要求回避的评审人员' }).max(40),
  reason: z
    .string({ required_error: '请写明回避理由' })
    .trim()
    .min(4, '请写明回避理由（至少 4 个字）')
    .max(RECUSAL_REASON_MAX, `回避理由请少于 ${RECUSAL_REASON_MAX} 字`),
})
export type RecusalRequestInput = z.infer<typeof recusalRequestSchema>

/** A reviewer of the district grants or declines a 回避申请, with a note. */
export const recusalDecisionSchema = z.object({
  recusalId: z.string().max(40),
  decision: z.enum(['grant', 'decline'], { required_error: '请选择批准或驳回' }),
  note: z
    .string({ required_error: '请写明决定的说明' })
    .trim()
    .min(2, '请写明决定的说明（至少 2 个字）')
    .max(RECUSAL_REASON_MAX, `说明请少于 ${RECUSAL_REASON_MAX} 字`),
})
export type RecusalDecisionInput = z.infer<typeof recusalDecisionSchema>

/** 申请入驻: approve, or decline with a reason the contact reads in an SMS (so it is short). */
export const JOIN_REASON_MAX = 60
export const joinDecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve') }),
  z.object({
    intent: z.literal('decline'),
    reason: z
      .string({ required_error: '请写明不予通过的理由' })
      .trim()
      .min(4, '请写明不予通过的理由（至少 4 个字）')
      .max(JOIN_REASON_MAX, `理由请少于 ${JOIN_REASON_MAX} 字（会以短信发给联系人）`),
  }),
])
