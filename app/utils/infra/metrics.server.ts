// Prometheus metrics at /metrics (decision 014), closed to the public by METRICS_TOKEN. Counters and histograms are
// summed over the server processes of an instance (server/cluster-metrics.ts; Prometheus scrapes each instance);
// bookings and messages are read from the database at scrape time, so every instance reports the same truth however
// many there are, and the processes' copies are not added up.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { PrismaClient } from '@prisma/client'
import type pg from 'pg'

type Metrics = {
  registry: Registry
  requestDuration: Histogram<'method' | 'status'>
  rateLimitRefusals: Counter<'limit'>
  pools: Set<pg.Pool>
  database: { prisma?: PrismaClient }
}

declare global {
  // eslint-disable-next-line no-var
  var __kepuMetrics: Metrics | undefined
}

// The server entry and the Remix build each load this module: one registry, on globalThis.
const metrics: Metrics = (globalThis.__kepuMetrics ??= (() => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'kepu_' })
  const pools = new Set<pg.Pool>()
  const database: Metrics['database'] = {}
  const poolGauge = (name: string, help: string, read: (pool: pg.Pool) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set([...pools].reduce((sum, pool) => sum + read(pool), 0))
      },
    })
  poolGauge('kepu_db_pool_connections', 'PostgreSQL connections open in this process', (pool) => pool.totalCount)
  poolGauge('kepu_db_pool_in_use', 'PostgreSQL connections checked out', (pool) => pool.totalCount - pool.idleCount)
  poolGauge('kepu_db_pool_waiting', 'requests waiting for a PostgreSQL connection', (pool) => pool.waitingCount)
  new Gauge({
    name: 'kepu_registrations',
    help: 'registrations of sessions not yet ended, by status (from the database)',
    labelNames: ['status'],
    registers: [registry],
    aggregator: 'first',
    async collect() {
      if (!database.prisma) return
      this.reset()
      const rows = await database.prisma.registration.groupBy({
        by: ['status'],
        where: { session: { endsAt: { gte: new Date() } } },
        _count: { _all: true },
      })
      for (const row of rows) this.set({ status: row.status }, row._count._all)
    },
  })
  new Gauge({
    name: 'kepu_messages',
    help: 'messages in the outbox, by channel and status (from the database)',
    labelNames: ['channel', 'status'],
    registers: [registry],
    aggregator: 'first',
    async collect() {
      if (!database.prisma) return
      this.reset()
      const rows = await database.prisma.message.groupBy({ by: ['channel', 'status'], _count: { _all: true } })
      for (const row of rows) this.set({ channel: row.channel, status: row.status }, row._count._all)
    },
  })
  // kepu_process_resident_memory_bytes is summed over the processes; this is the largest one (issue 17's limit).
  new Gauge({
    name: 'kepu_server_process_resident_memory_max_bytes',
    help: 'resident memory of the largest server process, in bytes',
    registers: [registry],
    aggregator: 'max',
    collect() {
      this.set(process.memoryUsage.rss())
    },
  })
  return {
    registry,
    requestDuration: new Histogram({
      name: 'kepu_http_request_duration_seconds',
      help: 'time to answer an HTTP request',
      labelNames: ['method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    rateLimitRefusals: new Counter({
      name: 'kepu_rate_limit_refusals_total',
      help: 'attempts refused by a rate limit, by limit (e.g. register:phone, staff-login:addr)',
      labelNames: ['limit'],
      registers: [registry],
    }),
    pools,
    database,
  }
})())

export const metricsRegistry = metrics.registry
export const requestDuration = metrics.requestDuration

/** Counts a refusal under the limit's kind: the first two words of its key, never the address or number after them. */
export function countRateLimitRefusal(key: string): void {
  metrics.rateLimitRefusals.inc({ limit: key.split(':').slice(0, 2).join(':') })
}

/** A PostgreSQL pool whose connections /metrics reports. */
export function watchPool(pool: pg.Pool): void {
  metrics.pools.add(pool)
}

/** The database the booking and message figures are read from (the app's one Prisma client). */
export function readFiguresFrom(prisma: PrismaClient): void {
  metrics.database.prisma = prisma
}
