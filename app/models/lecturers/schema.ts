// The 讲师团's forms (decision 034), for staff pages (Chinese) and the lecturer's own page (zh and en): one schema
// per form, built with the reader's `t`, the same in the browser and on the server.
import { z } from 'zod'
import zhCN from '~/locales/zh-CN'
import { parseShanghaiDateTime } from '~/utils/shanghai-time'
import { textField } from '~/utils/text-field'
import type { TFunction } from 'i18next'

export const LECTURER_TOPICS = Object.keys(zhCN.lecturer.topic) as (keyof typeof zhCN.lecturer.topic)[]
export const LECTURER_AUDIENCES = Object.keys(zhCN.lecturer.audience) as (keyof typeof zhCN.lecturer.audience)[]
export type LecturerTopic = (typeof LECTURER_TOPICS)[number]
export type LecturerAudience = (typeof LECTURER_AUDIENCES)[number]
export const MAX_MONTHLY_CAPACITY = 30

const list = <T extends string>(values: readonly T[], message: string) =>
  z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.enum(values as [T, ...T[]], { errorMap: () => ({ message }) })).min(1, message),
  )

const capacity = (message: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^\s*\d{1,3}\s*$/.test(value) ? Number(value) : value === undefined ? undefined : value),
    z.number({ required_error: message, invalid_type_error: message }).int(message).min(0, message).max(MAX_MONTHLY_CAPACITY, message),
  )

/** What a lecturer keeps current themselves (their own page). */
export function lecturerProfileFields(t: TFunction) {
  return {
    name: textField(t, { required: t('lecturer.errors.name'), min: [2, t('lecturer.errors.name')], max: [30, t('lecturer.errors.name')] }),
    organisation: textField(t, { required: t('lecturer.errors.organisation'), max: [60, t('lecturer.errors.organisation')] }),
    title: textField(t, { max: [30, t('lecturer.errors.title')] }).optional(),
    topics: list(LECTURER_TOPICS, t('lecturer.errors.topics')),
    audiences: list(LECTURER_AUDIENCES, t('lecturer.errors.audiences')),
    monthlyCapacity: capacity(t('lecturer.errors.capacity')),
    bio: textField(t, {
      required: t('lecturer.errors.bio'),
      min: [10, t('lecturer.errors.bio')],
      max: [800, t('lecturer.errors.bio')],
      multiline: true,
    }),
  }
}

export function lecturerProfileSchema(t: TFunction) {
  return z.object(lecturerProfileFields(t))
}
export type LecturerProfileInput = z.infer<ReturnType<typeof lecturerProfileSchema>>

/** What staff keep besides: the districts the lecturer travels to and whether the page is published. */
export function lecturerStaffSchema(t: TFunction) {
  return z.object({
    ...lecturerProfileFields(t),
    travelsTo: z.preprocess(
      (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
      z.array(z.string().max(40)).max(16),
    ),
    published: z.boolean().default(false),
  })
}
export type LecturerStaffInput = z.infer<ReturnType<typeof lecturerStaffSchema>>

const dateTime = (t: TFunction) =>
  z.string({ required_error: t('lecturer.errors.startsAt') }).transform((value, ctx) => {
    const parsed = parseShanghaiDateTime(value)
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: t('lecturer.errors.startsAt') })
      return z.NEVER
    }
    return parsed
  })

/** 接单 or decline, on the lecturer's own page. */
export function lecturerAnswerSchema(t: TFunction) {
  return z.discriminatedUnion('intent', [
    z.object({ intent: z.literal('accept'), orderId: z.string().max(40), startsAt: dateTime(t) }),
    z.object({
      intent: z.literal('decline'),
      orderId: z.string().max(40),
      reason: textField(t, {
        required: t('lecturer.errors.reason'),
        min: [2, t('lecturer.errors.reason')],
        max: [300, t('lecturer.errors.reason')],
      }),
    }),
  ])
}
export type LecturerAnswer = z.infer<ReturnType<typeof lecturerAnswerSchema>>

/** 评单: the site's rating of a delivered order, once. */
export function ratingSchema(t: TFunction) {
  return z.object({
    rating: z.preprocess(
      (value) => (typeof value === 'string' && /^[1-5]$/.test(value) ? Number(value) : value),
      z
        .number({ required_error: t('lecturer.rate.errors.score'), invalid_type_error: t('lecturer.rate.errors.score') })
        .int()
        .min(1)
        .max(5),
    ),
    comment: textField(t, { max: [300, t('lecturer.rate.errors.comment')], multiline: true }).optional(),
  })
}
export type RatingInput = z.infer<ReturnType<typeof ratingSchema>>
