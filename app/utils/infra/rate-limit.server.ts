// Fixed-window rate limits counted in the database, so the limit holds across app instances.
import { Prisma } from '@prisma/client'
import { prisma } from '~/utils/infra/db.server'
import { countRateLimitRefusal } from '~/utils/infra/metrics.server'

export type RateLimit = { limit: number; windowSeconds: number }
export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number }

/**
 * Counts one attempt against each key, all keys in one statement (one round trip for a post's three limits); refused
 * when any key has gone over its limit in this window. Rows are written in key order, so two posts sharing keys lock
 * them in the same order and cannot deadlock; a key given twice counts once.
 */
export async function consumeRateLimits(attempts: Array<{ key: string } & RateLimit>, now = new Date()): Promise<RateLimitResult> {
  // A key given twice counts once, with the limit it was first given.
  const byKey = new Map<string, { key: string; now: Date } & RateLimit>()
  for (const attempt of attempts) if (!byKey.has(attempt.key)) byKey.set(attempt.key, { ...attempt, now })
  const results = await consumeRateLimitBatch([...byKey.values()])
  return results.reduce<RateLimitResult>(
    (all, one) => ({
      allowed: all.allowed && one.allowed,
      retryAfterSeconds: one.allowed ? all.retryAfterSeconds : Math.max(all.retryAfterSeconds, one.retryAfterSeconds),
    }),
    { allowed: true, retryAfterSeconds: 0 },
  )
}

/**
 * Counts many attempts in one statement, each on its own (a batch of view beacons, several from one address): the
 * attempts on one key and window add their number to its row at once, and each is allowed when its place in the
 * window's count is within the limit. Rows are written in key order (no deadlock between two batches).
 */
export async function consumeRateLimitBatch(attempts: Array<{ key: string; now: Date } & RateLimit>): Promise<RateLimitResult[]> {
  if (attempts.length === 0) return []
  const windows = new Map<string, { key: string; windowStart: Date; windowMs: number; limit: number; attempts: number[] }>()
  attempts.forEach(({ key, limit, windowSeconds, now }, index) => {
    const windowMs = windowSeconds * 1000
    const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs)
    const id = `${key}\0${windowStart.getTime()}`
    const window = windows.get(id) ?? { key, windowStart, windowMs, limit, attempts: [] }
    window.attempts.push(index)
    windows.set(id, window)
  })
  const rows = [...windows.values()]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.windowStart.getTime() - b.windowStart.getTime()))
    .map(({ key, windowStart, attempts }) => Prisma.sql`(${key}::text, ${windowStart}::timestamp(3), ${attempts.length}::int)`)
  const counted = await prisma.$queryRaw<Array<{ key: string; windowMs: number; hits: number }>>`
    INSERT INTO "RateLimitBucket" (key, "windowStart", hits)
    SELECT * FROM (VALUES ${Prisma.join(rows)}) AS attempt (key, "windowStart", hits) ORDER BY key, "windowStart"
    ON CONFLICT (key, "windowStart") DO UPDATE SET hits = "RateLimitBucket".hits + excluded.hits
    RETURNING key, (extract(epoch FROM "windowStart") * 1000)::float8 AS "windowMs", hits`
  const results: RateLimitResult[] = attempts.map(() => ({ allowed: true, retryAfterSeconds: 0 }))
  for (const { key, windowMs: startMs, hits } of counted) {
    const window = windows.get(`${key}\0${startMs}`)!
    const before = hits - window.attempts.length
    window.attempts.forEach((index, place) => {
      if (before + place + 1 <= window.limit) return
      countRateLimitRefusal(key)
      const retryAfterSeconds = Math.ceil((startMs + window.windowMs - attempts[index].now.getTime()) / 1000)
      results[index] = { allowed: false, retryAfterSeconds: Math.max(0, retryAfterSeconds) }
    })
  }
  // Old windows are useless; an occasional sweep keeps the table small without a scheduler.
  if (Math.random() < 0.01)
    await prisma.rateLimitBucket.deleteMany({ where: { windowStart: { lt: new Date(attempts[0].now.getTime() - 86400_000) } } })
  return results
}
