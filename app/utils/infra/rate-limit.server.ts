// Fixed-window rate limits counted in the database, so the limit holds across app instances.
import { prisma } from '~/utils/infra/db.server'
import { countRateLimitRefusal } from '~/utils/infra/metrics.server'

export type RateLimit = { limit: number; windowSeconds: number }
export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number }

/** Counts one attempt against each key; refused when any key has gone over its limit in this window. */
export async function consumeRateLimits(attempts: Array<{ key: string } & RateLimit>, now = new Date()): Promise<RateLimitResult> {
  let result: RateLimitResult = { allowed: true, retryAfterSeconds: 0 }
  for (const { key, limit, windowSeconds } of attempts) {
    const windowMs = windowSeconds * 1000
    const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs)
    const [{ hits }] = await prisma.$queryRaw<[{ hits: number }]>`
      INSERT INTO "RateLimitBucket" (key, "windowStart", hits) VALUES (${key}, ${windowStart}, 1)
      ON CONFLICT (key, "windowStart") DO UPDATE SET hits = "RateLimitBucket".hits + 1
      RETURNING hits`
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
