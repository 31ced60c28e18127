// 科普菜单 forms: menu items (providers), orders (sites), decisions (providers). Shared by browser and server.
import { z } from 'zod'
import { MOBILE_PATTERN, normaliseMobile } from '~/utils/registration-schema'
import { parseShanghaiDateTime } from '~/utils/shanghai-time'
import { latitudeField, longitudeField } from '~/utils/venue-schema'

export const MENU_KINDS = ['LECTURE', 'SCIENCE_SHOW', 'EXHIBITION', 'HANDS_ON_KIT', 'POSTER', 'SMART_BOX', 'SCIENCE_BUS', 'OTHER'] as const
export const menuKindLabel: Record<(typeof MENU_KINDS)[number], string> = {
  LECTURE: '讲座', SCIENCE_SHOW: '科学秀', EXHIBITION: '展览', HANDS_ON_KIT: '动手做材料包', POSTER: '科普挂画', SMART_BOX: '智慧盒子', SCIENCE_BUS: '科普直通车', OTHER: '其他',
}
export const SITE_KINDS = ['COMMUNITY_ACADEMY', 'PARTY_SERVICE_CENTER', 'SCHOOL', 'VILLAGE', 'OTHER'] as const
export const siteKindLabel: Record<(typeof SITE_KINDS)[number], string> = {
  COMMUNITY_ACADEMY: '社区书院', PARTY_SERVICE_CENTER: '党群服务中心', SCHOOL: '学校', VILLAGE: '村居', OTHER: '其他场所',
}
export const menuOrderStatusLabel = { REQUESTED: '待回复', PROPOSED: '建议改期', ACCEPTED: '已确定', DECLINED: '未能配送', CANCELLED: '已撤回', DELIVERED: '已配送' } as const

const count = (label: string, max: number) =>
  z.number({ required_error: `请填写${label}`, invalid_type_error: `${label}请填写数字` }).int(`${label}请填写整数`).min(1, `${label}至少 1`).max(max, `${label}最多 ${max}`)

export const menuItemSchema = z
  .object({
    title: z.string({ required_error: '请填写项目名称' }).trim().min(2, '项目名称至少 2 个字').max(60, '项目名称请少于 60 字'),
    kind: z.enum(MENU_KINDS, { required_error: '请选择形式', invalid_type_error: '请选择形式' }),
    topics: z.string().trim().max(200, '主题请少于 200 字').optional(),
    audience: z.string({ required_error: '请填写适合人群' }).trim().min(2, '请填写适合人群').max(60, '适合人群请少于 60 字'),
    durationMinutes: count('时长（分钟）', 600),
    minGroup: count('最少人数', 5000),
    maxGroup: count('最多人数', 5000),
    leadDays: z.number({ required_error: '请填写需提前的天数', invalid_type_error: '请填写数字' }).int('请填写整数').min(0, '不能小于 0').max(180, '最多 180 天'),
    deliversTo: z.array(z.string()).min(1, '请至少选择一个配送的区'),
    description: z.string({ required_error: '请填写项目介绍' }).trim().min(4, '请写几句项目介绍').max(2000, '项目介绍请少于 2000 字'),
    active: z.boolean().default(false),
    /** Admins choose the providing organisation; organisation staff always provide for their own. */
    organisationId: z.string().optional(),
  })
  .refine((v) => v.maxGroup >= v.minGroup, { path: ['maxGroup'], message: '最多人数不能少于最少人数' })
export type MenuItemInput = z.infer<typeof menuItemSchema>

export const menuOrderSchema = z.object({
  siteName: z.string({ required_error: '请填写场所名称' }).trim().min(2, '请填写场所全称').max(60, '场所名称请少于 60 字'),
  siteKind: z.enum(SITE_KINDS, { required_error: '请选择场所类型', invalid_type_error: '请选择场所类型' }),
  districtId: z.string({ required_error: '请选择所在区' }),
  siteAddress: z.string({ required_error: '请填写地址' }).trim().min(4, '请填写地址').max(200, '地址请少于 200 字'),
  lat: latitudeField,
  lng: longitudeField,
  contactName: z.string({ required_error: '请填写联系人' }).trim().min(1, '请填写联系人').max(40, '联系人请少于 40 字'),
  phone: z.string({ required_error: '请填写手机号' }).transform(normaliseMobile).pipe(z.string().regex(MOBILE_PATTERN, '请填写 11 位中国大陆手机号，例如 13812345678')),
  preferredDates: z.string({ required_error: '请写下合适的日期和时间' }).trim().min(2, '请写下合适的日期和时间').max(200, '请少于 200 字'),
  expectedAudience: count('预计人数', 5000),
  notes: z.string().trim().max(500, '补充说明请少于 500 字').optional(),
  consent: z.boolean({ required_error: '请阅读并同意个人信息的使用说明' }).refine((v) => v, '请阅读并同意个人信息的使用说明'),
})
export type MenuOrderInput = z.infer<typeof menuOrderSchema>

const dateTime = z.string({ required_error: '请选择日期和时间' }).transform((value, ctx) => {
  const parsed = parseShanghaiDateTime(value)
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: '日期时间格式不对，例如 2026-12-05 14:00' })
    return z.NEVER
  }
  return parsed
})

export const menuDecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('accept'), orderId: z.string(), startsAt: dateTime, capacity: count('开放报名人数', 5000), message: z.string().trim().max(300).optional() }),
  z.object({ intent: z.literal('propose'), orderId: z.string(), startsAt: dateTime, message: z.string({ required_error: '请说明为什么建议改期' }).trim().min(2, '请说明为什么建议改期').max(300, '留言请少于 300 字') }),
  z.object({ intent: z.literal('decline'), orderId: z.string(), message: z.string({ required_error: '请写明原因（场所会看到）' }).trim().min(2, '请写明原因（场所会看到）').max(300, '留言请少于 300 字') }),
  z.object({ intent: z.literal('deliver'), orderId: z.string(), attendance: z.number({ required_error: '请填写实到人数', invalid_type_error: '实到人数请填写数字' }).int('请填写整数').min(0, '不能小于 0').max(100000, '太多了') }),
])
