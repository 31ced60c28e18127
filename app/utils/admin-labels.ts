// Chinese names for statuses the staff pages show.
import zhCN from '~/locales/zh-CN'
import type { CancelReason, EventStatus, RegistrationStatus, SchoolBookingStatus } from '@prisma/client'

export const eventStatusLabel: Record<EventStatus, string> = { DRAFT: '草稿', PUBLISHED: '已发布', CANCELLED: '已取消' }

export const registrationStatusLabel: Record<RegistrationStatus, string> = zhCN.registrationStatus

export const cancelReasonLabel: Record<CancelReason, string> = {
  BY_PERSON: '本人取消',
  BY_STAFF: '工作人员取消',
  SESSION_CANCELLED: '场次取消',
  EVENT_CANCELLED: '活动取消',
}

// Staff pages and exports read Shanghai time in Chinese; one formatter per format, built once.
const dayTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'numeric',
  day: 'numeric',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})
const shortDateTime = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short', hour12: false })
const shortDateTimeSeconds = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'medium',
  hour12: false,
})

/** "12月5日周六 09:30" */
export function formatDay(instant: Date | string): string {
  return dayTime.format(new Date(instant))
}

/** "2026/12/5 09:30", for tables and CSV exports; `seconds` for the audit log. */
export function formatShortDateTime(instant: Date | string, { seconds = false } = {}): string {
  return (seconds ? shortDateTimeSeconds : shortDateTime).format(new Date(instant))
}

export const schoolStatusLabel: Record<SchoolBookingStatus, string> = {
  PENDING: '待处理',
  APPROVED: '已批准',
  DECLINED: '已拒绝',
  CANCELLED: '已取消',
  DONE: '已完成',
}

/** "你管理的活动（300，只显示最近修改的 300 个）": a count, and a note when the list stopped at its limit. */
export function countCaption(label: string, count: number, limit?: number, limitNote?: string): string {
  return `${label}（${count}${limit !== undefined && count >= limit && limitNote ? `，${limitNote}` : ''}）`
}
