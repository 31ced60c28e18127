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
  if (attempts.length === 0) return { allowed: true, retryAfterSeconds: 0 }
  const windows = new Map<string, { limit: number; windowMs: number; windowStart: Date }>()
  for (const { key, limit, windowSeconds } of [...attempts].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const windowMs = windowSeconds * 1000
    if (!windows.has(key)) windows.set(key, { limit, windowMs, windowStart: new Date(Math.floor(now.getTime() / windowMs) * windowMs) })
  }
  const rows = [...windows].map(([key, { windowStart }]) => Prisma.sql`(${key}::text, ${windowStart}::timestamp(3), 1)`)
  const counted = await prisma.$queryRaw<Array<{ key: string; hits: number }>>`
    INSERT INTO "RateLimitBucket" (key, "windowStart", hits)
    SELECT * FROM (VALUES ${Prisma.join(rows)}) AS attempt (key, "windowStart", hits) ORDER BY key
    ON CONFLICT (key, "windowStart") DO UPDATE SET hits = "RateLimitBucket".hits + 1
    RETURNING key, hits`
  let result: RateLimitResult = { allowed: true, retryAfterSeconds: 0 }
  for (const { key, hits } of counted) {
    const { limit, windowMs, windowStart } = windows.get(key)!
    if (hits > limit) {
      countRateLimitRefusal(key)
      const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)
      result = { allowed: false, retryAfterSeconds: Math.max(result.retryAfterSeconds, retryAfterSeconds) }
    }
  }
  // Old windows are useless; an occasional sweep keeps the table small without a scheduler.
  if (Math.random() < 0.01) await prisma.rateLimitBucket.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 86400_000) } } })
  return result
}
