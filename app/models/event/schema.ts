// The activity and session forms' rules, shared by the browser and the server. Times are typed in Shanghai time.
import { z } from 'zod'
import { latitudeField, longitudeField } from '~/models/venue/schema'
import { wholeNumber } from '~/utils/number-field'
import { parseShanghaiDateTime } from '~/utils/shanghai-time'

export const EVENT_CATEGORIES = [
  'LECTURE',
  'HANDS_ON',
  'EXHIBITION',
  'SCIENCE_SHOW',
  'COMPETITION',
  'OPEN_DAY',
  'STUDY_TOUR',
  'SALON',
  'READING',
  'COURSE',
] as const

const age = (label: string) =>
  wholeNumber({
    notNumber: `${label}请填写数字`,
    notWhole: `${label}请填写整数`,
    min: [0, `${label}不能小于 0`],
    max: [120, `${label}不能大于 120`],
  }).optional()

export const questionSchema = z.object({
  key: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/)
    .optional(),
  label: z.string({ required_error: '请填写问题' }).trim().min(1, '请填写问题').max(60, '问题请少于 60 字'),
  kind: z.enum(['text', 'number', 'choice'], { required_error: '请选择回答方式', invalid_type_error: '请选择回答方式' }),
  required: z.boolean().default(false),
  /** 每个孩子分别回答: asked once per child who comes, not at all when none does. */
  perChild: z.boolean().default(false),
  /** For choices: options separated by 、 , ， or new lines. */
  options: z.string().trim().max(500, '选项太长').optional(),
})

export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[、,，;；\n]/)
    .map((item) => item.trim())
    .filter(Boolean)
}

/** An activity's fields; `checkEvent` holds the rules across fields (a page's intent union reuses both). */
export const eventFields = z.object({
  title: z.string({ required_error: '请填写活动名称' }).trim().min(2, '活动名称至少 2 个字').max(80, '活动名称请少于 80 字'),
  summary: z.string({ required_error: '请填写一句话简介' }).trim().min(2, '请填写一句话简介').max(140, '一句话简介请少于 140 字'),
  description: z.string({ required_error: '请填写活动介绍' }).trim().min(2, '请填写活动介绍').max(5000, '活动介绍请少于 5000 字'),
  category: z.enum(EVENT_CATEGORIES, { required_error: '请选择活动类别', invalid_type_error: '请选择活动类别' }),
  topics: z.string().trim().max(200, '主题请少于 200 字').optional(),
  audienceMinAge: age('最小年龄'),
  audienceMaxAge: age('最大年龄'),
  audienceNote: z.string().trim().max(60, '适合人群说明请少于 60 字').optional(),
  placeKind: z.enum(['venue', 'place'], { required_error: '请选择举办地点' }),
  venueId: z.string().optional(),
  placeName: z.string().trim().max(80, '地点名称请少于 80 字').optional(),
  placeAddress: z.string().trim().max(200, '地址请少于 200 字').optional(),
  districtId: z.string().optional(),
  townId: z.string().optional(),
  lat: latitudeField.optional(),
  lng: longitudeField.optional(),
  brandId: z.string().optional(),
  organisationId: z.string().optional(),
  maxPartySize: wholeNumber({ required: '请填写每份报名最多人数', min: [1, '至少 1 人'], max: [50, '每份报名最多 50 人'] }),
  questions: z.array(questionSchema).max(8, '最多 8 个报名问题').default([]),
  /** 需要短信验证: the public form sends a code to the phone and confirms only with it (decision 012). */
  requiresSmsCode: z.boolean().default(false),
  /** 示例活动: shown with a plain note that its dates are examples (the seed's activities start as examples). An
   *  unticked box sends nothing: absent means no. */
  isExample: z.boolean().optional(),
  /** 不接受网上报名: shown with its sessions but no register button; staff may still add people by hand. Said as
   *  the exception, so a form or caller that leaves it out keeps taking registrations. */
  noOnlineRegistration: z.boolean().optional(),
})

export function checkEvent(value: z.output<typeof eventFields>, ctx: z.RefinementCtx): void {
  if (value.audienceMinAge !== undefined && value.audienceMaxAge !== undefined && value.audienceMinAge > value.audienceMaxAge) {
    ctx.addIssue({ code: 'custom', path: ['audienceMaxAge'], message: '最大年龄不能小于最小年龄' })
  }
  if (value.placeKind === 'venue' && !value.venueId) ctx.addIssue({ code: 'custom', path: ['venueId'], message: '请选择场馆' })
  if (value.placeKind === 'place') {
    if (!value.placeName) ctx.addIssue({ code: 'custom', path: ['placeName'], message: '请填写地点名称' })
    if (!value.districtId) ctx.addIssue({ code: 'custom', path: ['districtId'], message: '请选择所在区' })
    if (value.lat === undefined) ctx.addIssue({ code: 'custom', path: ['lat'], message: '请在地图上选点或填写纬度' })
    if (value.lng === undefined) ctx.addIssue({ code: 'custom', path: ['lng'], message: '请在地图上选点或填写经度' })
  }
  value.questions.forEach((q, i) => {
    if (q.kind === 'choice' && splitList(q.options).length < 2)
      ctx.addIssue({ code: 'custom', path: ['questions', i, 'options'], message: '选择题请至少填写 2 个选项，用顿号分隔' })
  })
}

export const eventSchema = eventFields.superRefine(checkEvent)

export type EventInput = z.infer<typeof eventSchema>

const dateTime = (label: string) =>
  z.string({ required_error: `请填写${label}` }).transform((value, ctx) => {
    const parsed = parseShanghaiDateTime(value)
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: `${label}格式不对，例如 2026-12-05 14:00` })
      return z.NEVER
    }
    return parsed
  })

/** A session's seats: the same field for one session and for a series. */
export const capacityField = wholeNumber({
  required: '请填写名额',
  notNumber: '名额请填写数字',
  notWhole: '名额请填写整数',
  min: [1, '名额至少 1 个'],
  max: [100000, '名额太多了'],
})

/** A session's fields; `checkSession` holds the rules across fields. */
export const sessionFields = z.object({
  startsAt: dateTime('开始时间'),
  endsAt: dateTime('结束时间'),
  capacity: capacityField,
  registrationOpensAt: dateTime('报名开始时间').optional(),
  registrationClosesAt: dateTime('报名截止时间').optional(),
})

export function checkSession(value: z.output<typeof sessionFields>, ctx: z.RefinementCtx): void {
  // zod still runs this after a time failed to read (its issue is already there): nothing to compare then.
  if (!(value.startsAt instanceof Date) || !(value.endsAt instanceof Date)) return
  if (value.endsAt <= value.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '结束时间要晚于开始时间' })
  if (value.endsAt.getTime() - value.startsAt.getTime() > 14 * 86400_000)
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '一个场次最长 14 天；更长的展览请分成多个场次' })
  if (value.registrationOpensAt && value.registrationOpensAt >= value.startsAt)
    ctx.addIssue({ code: 'custom', path: ['registrationOpensAt'], message: '报名开始时间要早于活动开始' })
  if (value.registrationClosesAt && value.registrationClosesAt > value.startsAt)
    ctx.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: '报名截止时间不能晚于活动开始' })
  if (value.registrationOpensAt && value.registrationClosesAt && value.registrationClosesAt <= value.registrationOpensAt)
    ctx.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: '报名截止时间要晚于报名开始时间' })
}

export const sessionSchema = sessionFields.superRefine(checkSession)

export type SessionInput = z.infer<typeof sessionSchema>
