// The fair-booking page's forms (decision 013): the district's rule, a phone's look-up and lifting its block. Staff
// pages are Chinese only. A rule's part is on only when all of its numbers are filled; an empty part is off.
import { z } from 'zod'
import { plainDecimal } from '~/utils/number-field'
import { MOBILE_PATTERN, normaliseMobile } from '~/utils/phone'

const optionalCount = (label: string, max: number) =>
  plainDecimal(
    z
      .number({ invalid_type_error: `${label}请填写数字` })
      .int(`${label}请填写整数`)
      .min(1, `${label}至少 1`)
      .max(max, `${label}最多 ${max}`),
  ).optional()

/**
 * Limits: no-shows are read over M + X days, and names and numbers go after RETENTION_DAYS (180 by default), so M
 * and X stay within 90 days each.
 */
export const fairRuleSchema = z.object({
  districtId: z.string(),
  maxActive: optionalCount('最多有效预约数', 50),
  windowDays: optionalCount('天数', 90),
  noShowLimit: optionalCount('爽约次数', 10),
  noShowWindowDays: optionalCount('统计天数', 90),
  blockDays: optionalCount('限制天数', 90),
})
export type FairRuleInput = z.infer<typeof fairRuleSchema>

const parts: Array<{ fields: Array<keyof FairRuleInput>; labels: string[] }> = [
  { fields: ['maxActive', 'windowDays'], labels: ['最多有效预约数', '天数'] },
  { fields: ['noShowLimit', 'noShowWindowDays', 'blockDays'], labels: ['爽约次数', '统计天数', '限制天数'] },
]

/** A part of the rule is filled completely or left empty: each empty field of a half-filled part says so. */
export function checkFairRule(value: FairRuleInput, ctx: z.RefinementCtx) {
  for (const part of parts) {
    const filled = part.fields.filter((f) => value[f] !== undefined)
    if (filled.length === 0 || filled.length === part.fields.length) continue
    part.fields.forEach((field, i) => {
      if (value[field] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `要启用这条规则，请同时填写${part.labels[i]}（或清空这一条的全部数字来关闭它）`,
        })
    })
  }
}

export const fairRuleFormSchema = fairRuleSchema.superRefine(checkFairRule)

/** The numbers as saveFairBookingRule stores them: an empty field is null, so emptying a part switches it off. */
export function fairRuleRowOf(value: FairRuleInput) {
  return {
    maxActive: value.maxActive ?? null,
    windowDays: value.windowDays ?? null,
    noShowLimit: value.noShowLimit ?? null,
    noShowWindowDays: value.noShowWindowDays ?? null,
    blockDays: value.blockDays ?? null,
  }
}

const staffPhone = z
  .string({ required_error: '请填写手机号' })
  .transform(normaliseMobile)
  .pipe(z.string().regex(MOBILE_PATTERN, '请填写 11 位手机号'))

export const phoneLookupSchema = z.object({ districtId: z.string(), phone: staffPhone })

export const liftSchema = z.object({
  districtId: z.string(),
  phone: staffPhone,
  reason: z.string({ required_error: '请写明解除原因' }).trim().min(2, '请写明解除原因').max(200, '原因请少于 200 字'),
})

/** Every form on the page, told apart by `intent`. */
export const fairBookingPageSchema = z
  .discriminatedUnion('intent', [
    fairRuleSchema.extend({ intent: z.literal('rule') }),
    phoneLookupSchema.extend({ intent: z.literal('lookup') }),
    liftSchema.extend({ intent: z.literal('lift') }),
  ])
  .superRefine((value, ctx) => {
    if (value.intent === 'rule') checkFairRule(value, ctx)
  })
