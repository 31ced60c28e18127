// Shanghai has one fixed offset (UTC+8, no daylight saving), so calendar days there are plain arithmetic.
const OFFSET_MS = 8 * 3600_000
const DAY_MS = 86400_000

/** 00:00 Shanghai time of the day that contains `instant`. */
export function startOfShanghaiDay(instant: Date): Date {
  const local = instant.getTime() + OFFSET_MS
  return new Date(local - (local % DAY_MS) - OFFSET_MS)
}

/** 00:00 Shanghai time of a YYYY-MM-DD date, or undefined when it is not a real date. */
export function parseShanghaiDate(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined
  const utc = new Date(`${value}T00:00:00Z`)
  if (Number.isNaN(utc.getTime()) || utc.toISOString().slice(0, 10) !== value) return undefined
  return new Date(utc.getTime() - OFFSET_MS)
}

export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS)
}

/** Day of week in Shanghai, 0 = Sunday … 6 = Saturday. */
export function shanghaiWeekday(instant: Date): number {
  return new Date(instant.getTime() + OFFSET_MS).getUTCDay()
}

/**
 * The coming weekend: Saturday 00:00 to Monday 00:00. On a Saturday or Sunday it is the current one
 * (from the start of Saturday; the caller still shows only what has not started).
 */
export function weekendRange(now: Date): { from: Date; to: Date } {
  const today = startOfShanghaiDay(now)
  const weekday = shanghaiWeekday(now)
  const saturday = weekday === 0 ? addDays(today, -1) : addDays(today, 6 - weekday)
  return { from: saturday, to: addDays(saturday, 2) }
}

/** A `datetime-local` value (YYYY-MM-DDTHH:mm) read as Shanghai time, or undefined when it is not a real time. */
export function parseShanghaiDateTime(value: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/.exec(value)
  if (!match) return undefined
  const day = parseShanghaiDate(match[1])
  const [hours, minutes] = [Number(match[2]), Number(match[3])]
  if (!day || hours > 23 || minutes > 59) return undefined
  return new Date(day.getTime() + hours * 3600_000 + minutes * 60_000)
}

/** The Shanghai calendar day (YYYY-MM-DD) that contains an instant. */
export function shanghaiDateKey(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10)
}

/** The `datetime-local` value (Shanghai time) for an instant. */
export function toShanghaiDateTimeInput(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + OFFSET_MS).toISOString().slice(0, 16)
}

/** The Shanghai month YYYY-MM (this month when absent or malformed) as [from, to). */
export function shanghaiMonthRange(value: string | null | undefined, now = new Date()): { month: string; from: Date; to: Date } {
  const month = value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : new Date(now.getTime() + OFFSET_MS).toISOString().slice(0, 7)
  const [year, monthNumber] = month.split('-').map(Number)
  const next = monthNumber === 12 ? `${year + 1}-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}`
  return { month, from: parseShanghaiDate(`${month}-01`)!, to: parseShanghaiDate(`${next}-01`)! }
}
