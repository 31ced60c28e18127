// The pool heals (decision 014), on a real PostgreSQL: backends terminated in the middle of transactions (busy and
// idle in transaction) and while idle, mid-rush, are dropped from the pool, and within seconds the app runs as many
// transactions at once as its pool holds. Without the fix, each connection killed inside a transaction was lost to
// the pool for good and the next rush waited forever (here: the 10-second race below fails).
import net from 'node:net'
import { PrismaClient } from '@prisma/client'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPostgresAdapterFactory } from '~/utils/infra/db-adapter.server'
import { env } from '~/utils/infra/env.server'
import { createTestDatabase, postgresAdminUrl, type TestDatabase } from '../helpers/db'

let db: TestDatabase
let prisma: PrismaClient
const POOL = env.DATABASE_POOL_SIZE

beforeAll(async () => {
  db = await createTestDatabase('postgres')
  prisma = new PrismaClient({ adapter: createPostgresAdapterFactory(db.url!) })
})
afterAll(async () => {
  await prisma?.$disconnect().catch(() => {})
  await db?.drop()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Terminates every backend of the test database (as a failover or an admin's pg_terminate_backend would). */
async function terminateBackends(): Promise<number> {
  const admin = new pg.Client({ connectionString: postgresAdminUrl })
  await admin.connect()
  const name = new URL(db.url!).pathname.slice(1)
  const { rows } = await admin.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [name],
  )
  await admin.end()
  return rows.length
}

/** Resolves within `ms` or fails the test with what it was waiting for. */
async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * POOL transactions at once, each holding its connection until all POOL are open together: only a full pool runs
 * them, however slowly a loaded machine starts them (a fixed sleep let a finished transaction hand its connection to
 * a late one, and counted 8 of 10). If one fails, the others are let go at once so the next try finds them free.
 */
async function fullPoolRush(): Promise<number> {
  let open = 0
  let letGo: () => void = () => {}
  const allOpen = new Promise<void>((resolve) => (letGo = resolve))
  const outcomes = await Promise.allSettled(
    Array.from({ length: POOL }, () =>
      prisma
        .$transaction(
          async (tx) => {
            const [{ pid }] = await tx.$queryRaw<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`
            if (++open === POOL) letGo()
            await Promise.race([allOpen, sleep(8000)])
            await tx.$queryRaw`SELECT 1`
            return pid
          },
          { timeout: 15_000, maxWait: 10_000 },
        )
        .catch((error: unknown) => {
          letGo()
          throw error
        }),
    ),
  )
  const failed = outcomes.find((o) => o.status === 'rejected')
  if (failed) throw (failed as PromiseRejectedResult).reason
  if (open < POOL) throw new Error(`only ${open} of ${POOL} transactions were open at once`)
  return new Set(outcomes.map((o) => (o as PromiseFulfilledResult<number>).value)).size
}

describe('the PostgreSQL pool under backend termination', () => {
  it(`serves again within seconds with its full pool (${POOL}) after backends die busy, idle in transaction and idle, mid-rush`, async () => {
    expect(await fullPoolRush()).toBe(POOL)

    // A rush: half the transactions busy in a query, half idle in transaction (waiting on the app), others queued.
    const rush = Array.from({ length: POOL * 3 }, (_, i) =>
      prisma.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1`
          if (i % 2) await tx.$executeRaw`SELECT pg_sleep(5)`
          else await sleep(1500)
          await tx.$queryRaw`SELECT 2`
        },
        { timeout: 20_000, maxWait: 20_000 },
      ),
    )
    // Settled handlers go on at once: a transaction that fails while the terminations are still under way must not
    // count as an unhandled rejection.
    const settling = Promise.allSettled(rush)
    await sleep(700)
    const killed = await terminateBackends()
    expect(killed).toBeGreaterThanOrEqual(POOL)
    const outcomes = await within(20_000, 'the interrupted rush settling', settling)
    expect(outcomes.filter((o) => o.status === 'rejected').length).toBeGreaterThan(0)

    // Idle connections killed too (the pool refilled them for the queued transactions).
    await terminateBackends()
    const started = Date.now()
    // An idle connection whose termination the pool has not yet heard of (its FATAL arrives a moment later) fails
    // the one transaction that takes it, and is then dropped: the app serves again within seconds, not at once.
    let used = 0
    while (!used && Date.now() - started < 10_000)
      used = await within(10_000, 'a full-pool rush after the terminations', fullPoolRush()).catch(() => 0)
    expect(used).toBe(POOL)
    expect(Date.now() - started).toBeLessThan(10_000)
    // And again: nothing was leaked on the way.
    expect(await within(10_000, 'a second full-pool rush', fullPoolRush())).toBe(POOL)
  })

  it('gives a request that cannot get a connection an error that says so after the set wait, never a hang', async () => {
    const { isDatabaseUnavailable } = await import('~/utils/infra/db-errors.server')
    // A server that accepts connections and never answers: a hung database or a black-holed network.
    const silent = net.createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const port = (silent.address() as net.AddressInfo).port
    const down = new PrismaClient({ adapter: createPostgresAdapterFactory(`postgresql://postgres@127.0.0.1:${port}/none`, 2000) })
    const started = Date.now()
    const error = await within(
      10_000,
      'a silent database',
      down.$queryRaw`SELECT 1`.catch((e: unknown) => e),
    )
    expect(isDatabaseUnavailable(error)).toBe(true)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900)
    expect(Date.now() - started).toBeLessThan(6000)
    await down.$disconnect().catch(() => {})
    silent.close()
  })
})
