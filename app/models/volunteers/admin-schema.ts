// 科普志愿者: the staff forms (Chinese, decision 007): a role, a district's limits, a change of hours by hand, a skill.
import { z } from 'zod'
import { plainDecimal } from '~/utils/number-field'
import { parseShanghaiDateTime } from '~/utils/shanghai-time'

const stringList = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(40)).max(30))

const shanghaiDateTime = (label: string) =>
  z.string({ required_error: `请填写${label}` }).transform((v, ctx) => {
    const at = parseShanghaiDateTime(v)
    if (!at) {
      ctx.addIssue({ code: 'custom', message: `${label}的格式不对` })
      return z.NEVER
    }
    return at
  })

/** Staff posting a role (Chinese). A role belongs to a session, or to a venue on its open day. */
export const roleSchema = z
  .object({
    sessionId: z.string().optional(),
    venueId: z.string().optional(),
    title: z.string({ required_error: '请填写岗位名称' }).trim().min(2, '请填写岗位名称').max(60, '岗位名称请少于 60 字'),
    headcount: plainDecimal(
      z
        .number({ required_error: '请填写人数', invalid_type_error: '人数请填写数字' })
        .int('人数请填写整数')
        .min(1, '人数至少 1')
        .max(500, '人数最多 500'),
    ),
    skills: stringList,
    startsAt: shanghaiDateTime('到岗时间'),
    endsAt: shanghaiDateTime('结束时间'),
    briefing: z.string({ required_error: '请写明岗位说明' }).trim().min(4, '请写明岗位说明（至少 4 个字）').max(2000, '说明请少于 2000 字'),
    needsApproval: z.preprocess((v) => v === 'on' || v === true, z.boolean()),
  })
  .superRefine((value, ctx) => {
    if (!value.sessionId && !value.venueId) ctx.addIssue({ code: 'custom', path: ['sessionId'], message: '请选择场次或场馆开放日' })
    if (value.endsAt <= value.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '结束时间要晚于到岗时间' })
    if (value.endsAt.getTime() - value.startsAt.getTime() > 16 * 3600_000)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '一个岗位最长 16 小时，请分成几个岗位' })
  })
export type RoleInput = z.infer<typeof roleSchema>

const optionalLimit = (label: string, min: number, max: number) =>
  plainDecimal(
    z
      .number({ invalid_type_error: `${label}请填写数字` })
      .int(`${label}请填写整数`)
      .min(min, `${label}至少 ${min}`)
      .max(max, `${label}最多 ${max}`),
  ).optional()

/** A district's limits: empty = off (hours a day, no-show block); share and cut-off have defaults. */
export const volunteerRuleSchema = z.object({
  districtId: z.string(),
  maxHoursPerDay: optionalLimit('每天最多小时数', 1, 16),
  noShowLimit: optionalLimit('爽约次数', 1, 20),
  minPresentPct: plainDecimal(
    z
      .number({ required_error: '请填写比例', invalid_type_error: '比例请填写数字' })
      .int('比例请填写整数')
      .min(0, '比例在 0–100 之间')
      .max(100, '比例在 0–100 之间'),
  ),
  dropCutoffHours: plainDecimal(
    z
      .number({ required_error: '请填写小时数', invalid_type_error: '小时数请填写数字' })
      .int('小时数请填写整数')
      .min(0, '至少 0 小时')
      .max(168, '最多 168 小时'),
  ),
})
export type VolunteerRuleInput = z.infer<typeof volunteerRuleSchema>

export const reasonField = z.string({ required_error: '请写明原因' }).trim().min(2, '请写明原因').max(200, '原因请少于 200 字')

/** Staff changing credited time by hand: the new minutes and why. */
export const adjustHoursSchema = z.object({
  shiftId: z.string(),
  minutes: plainDecimal(
    z.number({ required_error: '请填写分钟数', invalid_type_error: '分钟数请填写数字' }).int('分钟数请填写整数').min(0, '分钟数不能小于 0'),
  ),
  reason: reasonField,
})

export const skillSchema = z.object({
  name: z.string({ required_error: '请填写技能名称' }).trim().min(1, '请填写技能名称').max(20, '技能名称请少于 20 字'),
  nameEn: z.string({ required_error: '请填写英文名称' }).trim().min(1, '请填写英文名称').max(40, '英文名称请少于 40 字'),
})
