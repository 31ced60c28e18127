// Quiet hours: no reminder reaches a phone between 21:00 and 08:00 Shanghai time. Verification codes and staff
// cancellations are not reminders and always go at once (templates marked `always`).
import { startOfShanghaiDay } from '~/utils/shanghai-time'

const HOUR_MS = 3600_000
export const QUIET_FROM_HOUR = 21
export const QUIET_UNTIL_HOUR = 8

function shanghaiHour(instant: Date): number {
  return (instant.getTime() - startOfShanghaiDay(instant).getTime()) / HOUR_MS
}

export function isQuietHour(instant: Date): boolean {
  const hour = shanghaiHour(instant)
  return hour >= QUIET_FROM_HOUR || hour < QUIET_UNTIL_HOUR
}

/** `instant` itself outside quiet hours; inside them, the 08:00 that ends them. */
export function afterQuietHours(instant: Date): Date {
  if (!isQuietHour(instant)) return instant
  const dayStart = startOfShanghaiDay(instant).getTime()
  const morning = dayStart + QUIET_UNTIL_HOUR * HOUR_MS
  return new Date(instant.getTime() < morning ? morning : morning + 24 * HOUR_MS)
}

/** `instant` itself outside quiet hours; inside them, the 21:00 that began them (for a reminder that must arrive before an early start). */
export function beforeQuietHours(instant: Date): Date {
  if (!isQuietHour(instant)) return instant
  const dayStart = startOfShanghaiDay(instant).getTime()
  const evening = dayStart + QUIET_FROM_HOUR * HOUR_MS
  return new Date(instant.getTime() >= evening ? evening - 60_000 : evening - 24 * HOUR_MS - 60_000)
}
