// Series of sessions (issue 19, decision 018): staff make up to 200 sessions from one pattern, after seeing the
// dates it makes, and later change the seats and times of all its sessions still to come, or cancel them, in one
// step. A series' sessions are ordinary sessions: every change goes through the single-session rules
// (`changeLockedSession`, `cancelSessionRegistrations`) under each session's row lock, all in ONE transaction, so
// a bulk change either happens to every session or to none, and people are told in the same transaction.
// Scope: the activity's (platform admins any, district admins their district's, organisation staff their own).
import { recordAudit } from '~/models/audit.server'
import { cancelSessionRegistrations, changeLockedSession, requireEvent } from '~/models/event/admin.server'
import {
  formatTimeOfDay,
  MAX_SERIES_SESSIONS,
  patternDays,
  seriesDay,
  splitDates,
  weekdayLabel,
  type SeriesDay,
  type SeriesPattern,
  type SeriesTimes,
} from '~/models/event/series-schema'
import { defaultOrigin } from '~/models/message/notify.server'
import { lockSessions, TX_OPTIONS } from '~/models/registration/registration.server'
import { formatDayTime } from '~/utils/format'
import { prisma, type Tx } from '~/utils/infra/db.server'
import { eventScope } from '~/utils/permissions.server'
import { Refusal } from '~/utils/refusal'
import { shanghaiDateKey } from '~/utils/shanghai-time'
import type { Staff } from '~/utils/auth.server'

/**
 * Up to 200 sessions in one transaction: a few seconds on a busy machine (decision 018), more than a single change.
 * Given room so a loaded server finishes the change rather than failing it part-way (nothing would be saved).
 */
const SERIES_TX_OPTIONS = { ...TX_OPTIONS, timeout: 120_000 } as const

export type SeriesPreviewDay = SeriesDay & { skipped: boolean }
export type SeriesPreview = {
  /** The pattern's days not yet started, in order; `skipped` when the person listed the day to leave out. */
  days: SeriesPreviewDay[]
  /** Days of the pattern that have already started: never made. */
  past: number
  /** Listed days to skip that the pattern does not make anyway. */
  notInPattern: string[]
  /** Sessions it would make: the days not skipped. */
  sessions: number
}

/** "每周六、周日 14:00–15:30" */
export function describePattern(series: { weekdays: number[]; startMinute: number; endMinute: number }): string {
  const days = [...series.weekdays].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)).map(weekdayLabel)
  return `每${days.join('、')} ${formatTimeOfDay(series.startMinute)}–${formatTimeOfDay(series.endMinute)}`
}

function tooMany(count: number): Refusal {
  return new Refusal(
    `这个规律会生成 ${count} 个场次，一个系列最多 ${MAX_SERIES_SESSIONS} 个。请缩短日期范围、少选几个星期几，或分成几个系列。`,
    'untilDate',
  )
}

/**
 * The sessions a pattern makes, before anything is saved: its days from the first to the last on the chosen
 * weekdays, in Shanghai time, without the days already started; listed days are marked skipped. Refuses a
 * pattern that makes none, or more than 200.
 */
export function previewSeries(pattern: SeriesPattern, now = new Date()): SeriesPreview {
  const all = patternDays(pattern)
  const upcoming = all.filter((d) => d.startsAt > now)
  const skip = new Set(splitDates(pattern.skipDates))
  const days = upcoming.map((d) => ({ ...d, skipped: skip.has(d.date) }))
  const sessions = days.filter((d) => !d.skipped).length
  if (days.length === 0 || sessions === 0)
    throw new Refusal('所选日期范围内没有未开始的场次：请检查开始、结束日期和星期几。', all.length ? 'fromDate' : 'weekdays')
  if (sessions > MAX_SERIES_SESSIONS) throw tooMany(sessions)
  const made = new Set(all.map((d) => d.date))
  return { days, past: all.length - upcoming.length, notInPattern: [...skip].filter((d) => !made.has(d)).sort(), sessions }
}

/**
 * Makes the series and its sessions on `dates`, the days the person kept ticked in the preview (each one a day of
 * the pattern not yet started); the pattern's other days are kept as skipped. One transaction.
 */
export async function createSeries(
  staff: Staff,
  eventId: string,
  pattern: SeriesPattern,
  dates: string[],
  now = new Date(),
): Promise<{ id: string; sessions: number }> {
  const days = patternDays(pattern).filter((d) => d.startsAt > now)
  const wanted = new Set(dates)
  const stray = [...wanted].filter((date) => !days.some((d) => d.date === date))
  if (stray.length) throw new Refusal(`${stray.join('、')} 不是这个规律里未开始的日期，请重新预览。`, 'fromDate')
  const chosen = days.filter((d) => wanted.has(d.date))
  if (chosen.length === 0) throw new Refusal('请至少保留一个日期。', 'dates')
  if (chosen.length > MAX_SERIES_SESSIONS) throw tooMany(chosen.length)
  const skippedDates = days.filter((d) => !wanted.has(d.date)).map((d) => d.date)
  return prisma.$transaction(async (tx) => {
    const event = await requireEvent(tx, staff, eventId)
    if (event.status === 'CANCELLED') throw new Refusal('活动已取消，不能添加场次。')
    const series = await tx.sessionSeries.create({
      data: {
        eventId,
        weekdays: pattern.weekdays,
        startMinute: pattern.startTime,
        endMinute: pattern.endTime,
        fromDate: pattern.fromDate,
        untilDate: pattern.untilDate,
        capacity: pattern.capacity,
        opensDaysBefore: pattern.opensDaysBefore ?? null,
        closesHoursBefore: pattern.closesHoursBefore ?? null,
        skippedDates,
      },
      select: { id: true },
    })
    await tx.eventSession.createMany({
      data: chosen.map((d) => ({
        eventId,
        seriesId: series.id,
        key: `series-${series.id}-${d.date}`,
        startsAt: d.startsAt,
        endsAt: d.endsAt,
        capacity: pattern.capacity,
        registrationOpensAt: d.registrationOpensAt,
        registrationClosesAt: d.registrationClosesAt,
      })),
    })
    await recordAudit(tx, staff.id, {
      action: 'series.create',
      entityType: 'series',
      entityId: series.id,
      districtId: event.districtId,
      summary: `「${event.title}」按规律添加 ${chosen.length} 个场次（${describePattern({ weekdays: pattern.weekdays, startMinute: pattern.startTime, endMinute: pattern.endTime })}，${pattern.fromDate} 至 ${pattern.untilDate}${skippedDates.length ? `，跳过 ${skippedDates.length} 天` : ''}），每场 ${pattern.capacity} 个名额`,
    })
    return { id: series.id, sessions: chosen.length }
  })
}

/** The activity a new series is for, if it is in the staff member's scope. */
export function findEventForSeries(staff: Staff, eventId: string) {
  return prisma.event.findFirst({ where: { AND: [{ id: eventId }, eventScope(staff)] }, select: { id: true, title: true, status: true } })
}

/** The series of an activity, newest first, with how many of their sessions are still to come. */
export async function listSeriesOfEvent(eventId: string, now = new Date()) {
  const series = await prisma.sessionSeries.findMany({
    where: { eventId },
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      weekdays: true,
      startMinute: true,
      endMinute: true,
      fromDate: true,
      untilDate: true,
      capacity: true,
      cancelledAt: true,
      _count: { select: { sessions: { where: { status: 'SCHEDULED', startsAt: { gt: now } } } } },
    },
  })
  return series.map(({ _count, ...s }) => ({ ...s, pattern: describePattern(s), upcoming: _count.sessions }))
}

/** A series in the staff member's scope with its sessions and their figures, or null. */
export async function findSeriesForStaff(staff: Staff, eventId: string, seriesId: string) {
  const series = await prisma.sessionSeries.findFirst({
    where: { id: seriesId, eventId },
    include: { sessions: { orderBy: { startsAt: 'asc' } } },
  })
  if (!series) return null
  const event = await prisma.event.findFirst({
    where: { AND: [{ id: eventId }, eventScope(staff)] },
    select: { id: true, title: true, status: true },
  })
  if (!event) return null
  const counts = await prisma.registration.groupBy({
    by: ['sessionId', 'status'],
    where: { session: { seriesId } },
    _count: { _all: true },
  })
  const count = (sessionId: string, statuses: string[]) =>
    counts.filter((c) => c.sessionId === sessionId && statuses.includes(c.status)).reduce((n, c) => n + c._count._all, 0)
  return {
    ...series,
    event,
    pattern: describePattern(series),
    sessions: series.sessions.map((s) => ({
      ...s,
      registrations: count(s.id, ['CONFIRMED', 'WAITLISTED', 'ATTENDED']),
      waitlisted: count(s.id, ['WAITLISTED']),
      cancelledRegistrations: count(s.id, ['CANCELLED']),
    })),
  }
}

/** Locks the series (one bulk change at a time) and the rows of its sessions still to come, in id order. */
async function lockSeriesAhead(tx: Tx, staff: Staff, seriesId: string, now: Date) {
  const found = await tx.sessionSeries.findUnique({ where: { id: seriesId }, select: { eventId: true } })
  if (!found) throw new Refusal('找不到这个系列。', undefined, 404)
  const event = await requireEvent(tx, staff, found.eventId)
  await tx.$queryRaw`SELECT id FROM "SessionSeries" WHERE id = ${seriesId} FOR UPDATE`
  const series = await tx.sessionSeries.findUniqueOrThrow({ where: { id: seriesId } })
  if (series.cancelledAt) throw new Refusal('这个系列已取消。')
  const ahead = await tx.eventSession.findMany({
    where: { seriesId, status: 'SCHEDULED', startsAt: { gt: now } },
    select: { id: true },
  })
  // One statement, in id order (as cancelling an activity locks them); waits for any booking in flight on them.
  // Read again under the lock: a session cancelled or moved a moment ago is no longer to come.
  const rows = await lockSessions(
    tx,
    ahead.map((s) => s.id),
  )
  const locked = rows.filter((s) => s.status === 'SCHEDULED' && s.startsAt > now)
  if (locked.length === 0) throw new Refusal('这个系列没有未开始的场次。')
  return { event, series, sessions: locked.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()) }
}

/**
 * New seats, times or registration window for every session of the series still to come, with the rules of a
 * single session: if any of them has more seats taken than the new capacity, nothing changes and the refusal
 * names each of those sessions; new times tell the people registered; added seats serve the waitlist.
 */
export async function changeSeries(
  staff: Staff,
  seriesId: string,
  times: SeriesTimes,
  { now = new Date(), origin = defaultOrigin() }: { now?: Date; origin?: string } = {},
): Promise<{ sessions: number; promoted: number }> {
  return prisma.$transaction(async (tx) => {
    const { event, series, sessions } = await lockSeriesAhead(tx, staff, seriesId, now)
    const blocking = sessions.filter((s) => s.seatsTaken > times.capacity)
    if (blocking.length) {
      const named = blocking.slice(0, 10).map((s) => `${formatDayTime(s.startsAt)}（已占 ${s.seatsTaken} 个）`)
      const most = Math.max(...blocking.map((s) => s.seatsTaken))
      throw new Refusal(
        `名额不能少于已占用的名额，这些场次已占用的多于 ${times.capacity} 个：${named.join('、')}${blocking.length > 10 ? ` 等 ${blocking.length} 场` : ''}。请先联系报名人取消，或把名额设为至少 ${most} 个。`,
        'capacity',
      )
    }
    let promoted = 0
    for (const session of sessions) {
      // The same Shanghai day, at the new times.
      const day = seriesDay(shanghaiDateKey(session.startsAt), times)
      const input = {
        startsAt: day.startsAt,
        endsAt: day.endsAt,
        capacity: times.capacity,
        registrationOpensAt: day.registrationOpensAt ?? undefined,
        registrationClosesAt: day.registrationClosesAt ?? undefined,
      }
      promoted += (await changeLockedSession(tx, session, input, { now, origin })).length
    }
    await tx.sessionSeries.update({
      where: { id: seriesId },
      data: {
        startMinute: times.startTime,
        endMinute: times.endTime,
        capacity: times.capacity,
        opensDaysBefore: times.opensDaysBefore ?? null,
        closesHoursBefore: times.closesHoursBefore ?? null,
      },
    })
    const was = describePattern(series)
    const becomes = describePattern({ weekdays: series.weekdays, startMinute: times.startTime, endMinute: times.endTime })
    await recordAudit(tx, staff.id, {
      action: 'series.update',
      entityType: 'series',
      entityId: seriesId,
      districtId: event.districtId,
      summary: `修改「${event.title}」系列的 ${sessions.length} 个未开始场次：${was === becomes ? was : `${was} → ${becomes}`}，名额 ${series.capacity} → ${times.capacity}${promoted ? `，候补递补 ${promoted} 份` : ''}`,
    })
    return { sessions: sessions.length, promoted }
  }, SERIES_TX_OPTIONS)
}

/**
 * Cancels every session of the series still to come, as cancelling each one would: registrations kept and marked
 * "场次取消", each person told, seats freed. Sessions already held stay as they were.
 */
export async function cancelSeries(
  staff: Staff,
  seriesId: string,
  { now = new Date(), origin = defaultOrigin() }: { now?: Date; origin?: string } = {},
): Promise<{ sessions: number; registrationsCancelled: number }> {
  return prisma.$transaction(async (tx) => {
    const { event, sessions } = await lockSeriesAhead(tx, staff, seriesId, now)
    let registrationsCancelled = 0
    for (const session of sessions)
      registrationsCancelled += await cancelSessionRegistrations(tx, session.id, 'SESSION_CANCELLED', now, origin)
    await tx.sessionSeries.update({ where: { id: seriesId }, data: { cancelledAt: now } })
    await recordAudit(tx, staff.id, {
      action: 'series.cancel',
      entityType: 'series',
      entityId: seriesId,
      districtId: event.districtId,
      summary: `取消「${event.title}」系列的 ${sessions.length} 个未开始场次：${registrationsCancelled} 份报名需通知`,
    })
    return { sessions: sessions.length, registrationsCancelled }
  }, SERIES_TX_OPTIONS)
}
