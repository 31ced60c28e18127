// 科普菜单 staff forms: menu items (providers) and decisions on orders. Staff pages are Chinese only.
import { z } from 'zod'
import { MENU_KINDS } from '~/models/menu/schema'
import { wholeNumber } from '~/utils/number-field'
import { parseShanghaiDateTime } from '~/utils/shanghai-time'

const count = (label: string, max: number) =>
  wholeNumber({
    required: `请填写${label}`,
    notNumber: `${label}请填写数字`,
    notWhole: `${label}请填写整数`,
    min: [1, `${label}至少 1`],
    max: [max, `${label}最多 ${max}`],
  })

export const menuItemSchema = z
  .object({
    title: z.string({ required_error: '请填写项目名称' }).trim().min(2, '项目名称至少 2 个字').max(60, '项目名称请少于 60 字'),
    kind: z.enum(MENU_KINDS, { required_error: '请选择形式', invalid_type_error: '请选择形式' }),
    topics: z.string().trim().max(200, '主题请少于 200 字').optional(),
    audience: z.string({ required_error: '请填写适合人群' }).trim().min(2, '请填写适合人群').max(60, '适合人群请少于 60 字'),
    durationMinutes: count('时长（分钟）', 600),
    minGroup: count('最少人数', 5000),
    maxGroup: count('最多人数', 5000),
    leadDays: wholeNumber({ required: '请填写需提前的天数', min: [0, '不能小于 0'], max: [180, '最多 180 天'] }),
    deliversTo: z.array(z.string()).min(1, '请至少选择一个配送的区'),
    description: z.string({ required_error: '请填写项目介绍' }).trim().min(4, '请写几句项目介绍').max(2000, '项目介绍请少于 2000 字'),
    active: z.boolean().default(false),
    /** Admins choose the providing organisation; organisation staff always provide for their own. */
    organisationId: z.string().optional(),
  })
  .refine((v) => v.maxGroup >= v.minGroup, { path: ['maxGroup'], message: '最多人数不能少于最少人数' })
export type MenuItemInput = z.infer<typeof menuItemSchema>

const dateTime = z.string({ required_error: '请选择日期和时间' }).transform((value, ctx) => {
  const parsed = parseShanghaiDateTime(value)
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: '日期时间格式不对，例如 2026-12-05 14:00' })
    return z.NEVER
  }
  return parsed
})

export const menuDecisionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('accept'),
    orderId: z.string(),
    startsAt: dateTime,
    capacity: count('开放报名人数', 5000),
    message: z.string().trim().max(300).optional(),
  }),
  z.object({
    intent: z.literal('propose'),
    orderId: z.string(),
    startsAt: dateTime,
    message: z.string({ required_error: '请说明为什么建议改期' }).trim().min(2, '请说明为什么建议改期').max(300, '留言请少于 300 字'),
  }),
  z.object({
    intent: z.literal('decline'),
    orderId: z.string(),
    message: z
      .string({ required_error: '请写明原因（场所会看到）' })
      .trim()
      .min(2, '请写明原因（场所会看到）')
      .max(300, '留言请少于 300 字'),
  }),
  z.object({
    intent: z.literal('deliver'),
    orderId: z.string(),
    attendance: wholeNumber({
      required: '请填写实到人数',
      notNumber: '实到人数请填写数字',
      min: [0, '不能小于 0'],
      max: [100000, '太多了'],
    }),
  }),
])
