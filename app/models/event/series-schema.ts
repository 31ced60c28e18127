// A series of sessions (issue 19, decision 018): the pattern staff type (weekdays, Shanghai times, first and last
// day, seats, registration window) and the dates it makes, shared by the browser and the server. Shanghai has one
// offset all year, so a day's session is that day's 00:00 Shanghai plus the minutes typed, on any server zone.
import { z } from 'zod'
import { capacityField } from '~/models/event/schema'
import { wholeNumber } from '~/utils/number-field'
import { addDays, parseShanghaiDate, shanghaiDateKey, shanghaiWeekday } from '~/utils/shanghai-time'

/** Most sessions one series makes; more is refused next to the last day. */
export const MAX_SERIES_SESSIONS = 200
/** The longest pattern, in days from the first to the last day: a bound on the dates a preview reads. */
export const MAX_SERIES_DAYS = 731

const HOUR_MS = 3600_000
const DAY_MS = 24 * HOUR_MS

/** Shanghai weekdays as `shanghaiWeekday` counts them (0 = Sunday), in the order a Chinese week is read. */
export const WEEKDAYS = [
  { value: 1, label: '周一' },
  { value: 2, label: '周二' },
  { value: 3, label: '周三' },
  { value: 4, label: '周四' },
  { value: 5, label: '周五' },
  { value: 6, label: '周六' },
  { value: 0, label: '周日' },
] as const

export function weekdayLabel(weekday: number): string {
  return WEEKDAYS.find((w) => w.value === weekday)?.label ?? ''
}

/** "HH:mm" as minutes after midnight, or undefined when it is not a time of day. */
export function parseTimeOfDay(value: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?$/.exec(value)
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined
}

export function formatTimeOfDay(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** Dates typed as a list (separated by 、 , ， ; spaces or new lines). */
export function splitDates(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[、,，;；\s]+/)
    .map((item) => item.trim())
    .filter(Boolean)
}

const timeOfDay = (label: string) =>
  z.string({ required_error: `请填写${label}` }).transform((value, ctx) => {
    const minutes = parseTimeOfDay(value)
    if (minutes === undefined) {
      ctx.addIssue({ code: 'custom', message: `${label}格式不对，例如 14:00` })
      return z.NEVER
    }
    return minutes
  })

const calendarDate = (label: string) =>
  z
    .string({ required_error: `请填写${label}` })
    .refine((value) => parseShanghaiDate(value) !== undefined, `${label}格式不对，例如 2026-12-05`)

/** What every session of a series shares: its times, seats and registration window (also what a change may set). */
export const seriesTimesFields = z.object({
  startTime: timeOfDay('开始时间'),
  endTime: timeOfDay('结束时间'),
  capacity: capacityField,
  opensDaysBefore: wholeNumber({
    notNumber: '请填写天数',
    notWhole: '天数请填写整数',
    min: [1, '至少提前 1 天；不填则现在就开放报名'],
    max: [365, '最多提前 365 天'],
  }).optional(),
  closesHoursBefore: wholeNumber({
    notNumber: '请填写小时数',
    notWhole: '小时数请填写整数',
    min: [0, '不能小于 0'],
    max: [720, '最多提前 720 小时（30 天）'],
  }).optional(),
})

export type SeriesTimes = z.output<typeof seriesTimesFields>

export function checkSeriesTimes(value: SeriesTimes, ctx: z.RefinementCtx): void {
  if (value.endTime <= value.startTime)
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: '结束时间要晚于开始时间（场次不跨过午夜）' })
  if (value.opensDaysBefore !== undefined && value.closesHoursBefore !== undefined && value.closesHoursBefore >= value.opensDaysBefore * 24)
    ctx.addIssue({
      code: 'custom',
      path: ['closesHoursBefore'],
      message: `报名截止要晚于报名开始：请填写少于 ${value.opensDaysBefore * 24} 的小时数`,
    })
}

/** The pattern: which days, plus the shared times. `skipDates` are days typed to leave out (holidays). */
export const seriesPatternFields = seriesTimesFields.extend({
  weekdays: z
    .array(z.enum(['0', '1', '2', '3', '4', '5', '6'], { invalid_type_error: '请选择星期' }), { required_error: '请至少选择一个星期几' })
    .min(1, '请至少选择一个星期几')
    .transform((days) => [...new Set(days.map(Number))].sort()),
  fromDate: calendarDate('开始日期'),
  untilDate: calendarDate('结束日期'),
  skipDates: z.string().trim().max(2000, '跳过的日期太多了').optional(),
})

export type SeriesPattern = z.output<typeof seriesPatternFields>

export function checkSeriesPattern(value: SeriesPattern, ctx: z.RefinementCtx): void {
  checkSeriesTimes(value, ctx)
  if (value.untilDate < value.fromDate) ctx.addIssue({ code: 'custom', path: ['untilDate'], message: '结束日期不能早于开始日期' })
  else if ((parseShanghaiDate(value.untilDate)!.getTime() - parseShanghaiDate(value.fromDate)!.getTime()) / DAY_MS > MAX_SERIES_DAYS)
    ctx.addIssue({ code: 'custom', path: ['untilDate'], message: '一个系列最长两年；更长请分成几个系列' })
  const bad = splitDates(value.skipDates).filter((d) => parseShanghaiDate(d) === undefined)
  if (bad.length) ctx.addIssue({ code: 'custom', path: ['skipDates'], message: `这些日期格式不对：${bad.join('、')}（例如 2026-12-25）` })
}

export const seriesPatternSchema = seriesPatternFields.superRefine(checkSeriesPattern)
export const seriesTimesSchema = seriesTimesFields.superRefine(checkSeriesTimes)

/** One day of a series: its Shanghai date and the session it makes. */
export type SeriesDay = {
  date: string
  weekday: number
  startsAt: Date
  endsAt: Date
  registrationOpensAt: Date | null
  registrationClosesAt: Date | null
}

/** A day's session with the series' times and window. */
export function seriesDay(date: string, times: SeriesTimes): SeriesDay {
  const day = parseShanghaiDate(date)
  if (!day) throw new Error(`not a date: ${date}`)
  const startsAt = new Date(day.getTime() + times.startTime * 60_000)
  return {
    date,
    weekday: shanghaiWeekday(day),
    startsAt,
    endsAt: new Date(day.getTime() + times.endTime * 60_000),
    registrationOpensAt: times.opensDaysBefore === undefined ? null : new Date(startsAt.getTime() - times.opensDaysBefore * DAY_MS),
    registrationClosesAt: times.closesHoursBefore === undefined ? null : new Date(startsAt.getTime() - times.closesHoursBefore * HOUR_MS),
  }
}

/** Every day of the pattern from the first to the last day on the chosen weekdays, in order (skips not applied). */
export function patternDays(pattern: SeriesPattern): SeriesDay[] {
  const from = parseShanghaiDate(pattern.fromDate)
  const until = parseShanghaiDate(pattern.untilDate)
  if (!from || !until) return []
  const days: SeriesDay[] = []
  for (let day = from, n = 0; day <= until && n <= MAX_SERIES_DAYS; day = addDays(day, 1), n++) {
    if (!pattern.weekdays.includes(shanghaiWeekday(day))) continue
    days.push(seriesDay(shanghaiDateKey(day), pattern))
  }
  return days
}
