// The rate limits' one statement (app/utils/infra/rate-limit.server.ts) on PGlite and PostgreSQL: every key of a post
// counted in one round trip, refused when any key is over its limit with the longest wait, a key given twice counted
// once, windows that start afresh, and posts that name the same keys in other orders never deadlock.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'

export function rateLimitRules(kind: TestDatabaseKind, { burst }: { burst: number }) {
  let db: TestDatabase
  let limits: typeof import('~/utils/infra/rate-limit.server')
  const now = new Date('2026-12-01T02:00:10Z')

  beforeAll(async () => {
    db = await useTestDatabaseForApp(kind)
    limits = await import('~/utils/infra/rate-limit.server')
  })
  afterAll(async () => {
    await db?.drop()
  })
  beforeEach(async () => {
    await db.prisma.$executeRawUnsafe('TRUNCATE "RateLimitBucket"')
  })

  const hitsOf = async () =>
    Object.fromEntries(
      (await db.prisma.rateLimitBucket.findMany()).map((bucket) => [`${bucket.key}@${bucket.windowStart.toISOString()}`, bucket.hits]),
    )

  it('counts every key once per post, and refuses when any key is over, with the longest wait', async () => {
    const post = [
      { key: 'register:ip:1.2.3.4', limit: 3, windowSeconds: 60 },
      { key: 'register:phone:138', limit: 1, windowSeconds: 3600 },
    ]
    expect(await limits.consumeRateLimits(post, now)).toEqual({ allowed: true, retryAfterSeconds: 0 })
    expect(await hitsOf()).toEqual({ 'register:ip:1.2.3.4@2026-12-01T02:00:00.000Z': 1, 'register:phone:138@2026-12-01T02:00:00.000Z': 1 })
    // The phone's hour is over (limit 1): refused, and told to wait until 03:00, not the address's minute.
    expect(await limits.consumeRateLimits(post, now)).toEqual({ allowed: false, retryAfterSeconds: 3600 - 10 })
    expect((await hitsOf())['register:ip:1.2.3.4@2026-12-01T02:00:00.000Z']).toBe(2)
    // A new minute starts the address afresh; the phone's hour is still over.
    const later = new Date(now.getTime() + 60_000)
    expect(await limits.consumeRateLimits([post[0]], later)).toEqual({ allowed: true, retryAfterSeconds: 0 })
    expect((await hitsOf())['register:ip:1.2.3.4@2026-12-01T02:01:00.000Z']).toBe(1)
  })

  it('counts a key given twice once, and an empty list not at all', async () => {
    const key = { key: 'sms:ip:5.6.7.8', limit: 1, windowSeconds: 60 }
    expect(await limits.consumeRateLimits([key, key], now)).toEqual({ allowed: true, retryAfterSeconds: 0 })
    expect(Object.values(await hitsOf())).toEqual([1])
    expect(await limits.consumeRateLimits([], now)).toEqual({ allowed: true, retryAfterSeconds: 0 })
  })

  it(`counts ${burst} racing posts whose keys come in other orders exactly, without a deadlock`, async () => {
    const keys = ['a', 'b', 'c', 'd'].map((key) => ({ key: `race:${key}`, limit: burst, windowSeconds: 60 }))
    const results = await Promise.all(
      Array.from({ length: burst }, (_, i) =>
        limits.consumeRateLimits(i % 2 ? [...keys].reverse() : [keys[2], keys[0], keys[3], keys[1]], now),
      ),
    )
    expect(results.every((result) => result.allowed)).toBe(true)
    expect(Object.values(await hitsOf())).toEqual([burst, burst, burst, burst])
    expect((await limits.consumeRateLimits(keys, now)).allowed).toBe(false)
  })
}
