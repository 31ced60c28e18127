// 线上科普 staff forms (decision 037): the staff form of a resource (Chinese, staff only) and the shapes a link and a
// point's report must have. The same schema in the browser and on the server.
import { z } from 'zod'
import { LECTURER_AUDIENCES, LECTURER_TOPICS } from '~/models/lecturers/schema'
import { textField } from '~/utils/text-field'
import type { DigitalPointKind, OnlineResourceKind } from '@prisma/client'
import type { TFunction } from 'i18next'

export const ONLINE_RESOURCE_KINDS: OnlineResourceKind[] = ['VIDEO', 'ARTICLE', 'VR_TOUR', 'LIVE_STREAM', 'POSTER']
/** Topics and audiences are the lecturers' lists: one vocabulary for people and for what they publish. */
export const ONLINE_TOPICS = LECTURER_TOPICS
export const ONLINE_AUDIENCES = LECTURER_AUDIENCES
export const MAX_URL_LENGTH = 500

/** True for an absolute https: URL with a host and no credentials in it (the only links a resource may have). */
export function isSafeResourceUrl(value: string): boolean {
  if (value.length > MAX_URL_LENGTH || /\s/.test(value)) return false
  try {
    const url = new URL(value)
    return url.protocol === 'https:' && url.hostname.length > 0 && url.username === '' && url.password === ''
  } catch {
    return false
  }
}

const list = <T extends string>(values: readonly T[], message: string) =>
  z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.enum(values as [T, ...T[]], { errorMap: () => ({ message }) })).min(1, message),
  )

const ids = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(40)).max(200))

/** The staff form of a resource; `t` is the staff pages' Chinese. */
export function onlineResourceSchema(t: TFunction) {
  return z.object({
    kind: z.enum(ONLINE_RESOURCE_KINDS as [OnlineResourceKind, ...OnlineResourceKind[]], {
      errorMap: () => ({ message: '请选择资源类型' }),
    }),
    title: textField(t, { required: '请填写标题', min: [2, '标题 2–80 个字'], max: [80, '标题 2–80 个字'] }),
    summary: textField(t, { required: '请填写简介', min: [10, '简介 10–500 个字'], max: [500, '简介 10–500 个字'], multiline: true }),
    url: z.string({ required_error: '请填写链接' }).trim().refine(isSafeResourceUrl, '链接须以 https:// 开头（最多 500 个字符，不含空格）'),
    topics: list(ONLINE_TOPICS, '请至少选择一个主题'),
    audiences: list(ONLINE_AUDIENCES, '请至少选择一类适合人群'),
    source: textField(t, { required: '请填写来源（制作或发布单位）', max: [80, '来源最多 80 个字'] }),
    licence: textField(t, { required: '请填写授权方式（如 CC BY 4.0、仅限浏览）', max: [60, '授权方式最多 60 个字'] }),
    published: z.boolean().default(false),
    districtId: z.string().max(40).optional(),
    venueIds: ids,
    eventIds: ids,
  })
}
export type OnlineResourceInput = z.infer<ReturnType<typeof onlineResourceSchema>>

/** A staff entry of reach from a platform's own figure (a live stream's viewers): how many, which day, from where. */
export function reachEntrySchema(t: TFunction) {
  return z.object({
    count: z.preprocess(
      (v) => (typeof v === 'string' && /^\s*\d{1,7}\s*$/.test(v) ? Number(v) : v),
      z
        .number({ required_error: '请填写人数', invalid_type_error: '人数须为 1–1000000 的整数' })
        .int('人数须为 1–1000000 的整数')
        .min(1, '人数须为 1–1000000 的整数')
        .max(1_000_000, '人数须为 1–1000000 的整数'),
    ),
    day: z.string({ required_error: '请填写日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '请填写日期'),
    note: textField(t, {
      required: '请写明数字的出处（如直播平台后台的观看人数）',
      min: [4, '请写明数字的出处'],
      max: [200, '最多 200 个字'],
    }),
  })
}
export type ReachEntryInput = z.infer<ReturnType<typeof reachEntrySchema>>

export const DIGITAL_POINT_KINDS: DigitalPointKind[] = ['SCREEN', 'SMART_BOX', 'POSTER_BOARD', 'E_STATION']

/** A digital point's staff form: its kind, who keeps it and the resources it shows (its place is the venue's). */
export function digitalPointSchema(t: TFunction) {
  return z.object({
    kind: z.enum(DIGITAL_POINT_KINDS as [DigitalPointKind, ...DigitalPointKind[]], {
      errorMap: () => ({ message: '请选择点位类型' }),
    }),
    keeper: textField(t, {
      required: '请填写维护单位（如某居委会、某社区书院）',
      min: [2, '维护单位 2–80 个字'],
      max: [80, '维护单位 2–80 个字'],
    }),
    resourceIds: ids,
  })
}
export type DigitalPointInput = z.infer<ReturnType<typeof digitalPointSchema>>
