// The message worker (decision 011): a relay loop (outbox -> job queue) and a fetch loop (job queue -> provider),
// in the app process by default (MESSAGE_WORKER=in-process) or on its own (`npm run worker`, PostgreSQL only).
import { createProviders, type Providers } from '~/models/message/providers'
import { openPGlite } from '~/utils/infra/db-adapter.server'
import { env, type Env } from '~/utils/infra/env.server'
import { startJobQueue, type JobQueueOptions } from '~/utils/infra/job-queue.server'
import { logger } from '~/utils/infra/logger.server'
import { deliverJob, ensureMessageQueue, MESSAGE_QUEUE, relayMessages, type DeliveryConfig, type JobData } from './delivery.server'
import type { PrismaClient } from '@prisma/client'
import type PgBoss from 'pg-boss'

export type WorkerConfig = DeliveryConfig & {
  relayIntervalMs: number
  pollIntervalMs: number
  /** Messages sent at once by this process. */
  concurrency: number
}

export type MessageWorker = { boss: PgBoss; stop: () => Promise<void> }

const log = (text: string) => logger.warn(`[messages] ${text}`)

/** Runs `step` again and again: at once while it reports more work, else after `intervalMs`, until stopped. */
function loop(step: () => Promise<boolean>, intervalMs: number, isStopped: () => boolean): Promise<void> {
  return (async () => {
    while (!isStopped()) {
      let more = false
      try {
        more = await step()
      } catch (error) {
        if (!isStopped()) log((error as Error).message)
      }
      if (!more && !isStopped()) await new Promise((resolve) => setTimeout(resolve, intervalMs))
    }
  })()
}

/** Starts relay and worker over a started pg-boss; stop() lets the messages in hand finish, then returns. */
export async function runMessageWorker(options: {
  prisma: PrismaClient
  boss: PgBoss
  providers: Providers
  config: WorkerConfig
  /** Stops pg-boss too on stop() (the worker started it). */
  ownsBoss?: boolean
}): Promise<MessageWorker> {
  const { prisma, boss, providers, config } = options
  await ensureMessageQueue(boss)
  let stopped = false
  const isStopped = () => stopped

  const relay = loop(async () => (await relayMessages(prisma, boss, config)) > 0, config.relayIntervalMs, isStopped)

  const work = loop(
    async () => {
      const jobs = await boss.fetch<JobData>(MESSAGE_QUEUE, { batchSize: config.concurrency, includeMetadata: true })
      await Promise.all(
        jobs.map(async (job) => {
          try {
            await deliverJob(prisma, boss, providers, config, job)
            await boss.complete(MESSAGE_QUEUE, job.id)
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error)
            await boss.fail(MESSAGE_QUEUE, job.id, { message: reason }).catch((failure: Error) => log(failure.message))
          }
        }),
      )
      return jobs.length === config.concurrency
    },
    config.pollIntervalMs,
    isStopped,
  )

  return {
    boss,
    async stop() {
      stopped = true
      await Promise.all([relay, work])
      if (options.ownsBoss) await boss.stop({ graceful: false, wait: true, close: true })
    },
  }
}

/** Starts pg-boss on the database and the worker over it. */
export async function startMessageWorker(options: {
  prisma: PrismaClient
  database: JobQueueOptions['database']
  providers: Providers
  config: WorkerConfig
}): Promise<MessageWorker> {
  const boss = await startJobQueue({
    database: options.database,
    maintenanceIntervalSeconds: Math.max(1, Math.min(30, Math.floor(options.config.jobTimeoutSeconds / 2))),
  })
  try {
    return await runMessageWorker({ ...options, boss, ownsBoss: true })
  } catch (error) {
    await boss.stop({ graceful: false, wait: true, close: true })
    throw error
  }
}

export function workerConfig(settings: Env = env): WorkerConfig {
  return {
    retryLimit: settings.MESSAGE_RETRY_LIMIT,
    retryDelaySeconds: settings.MESSAGE_RETRY_DELAY_SECONDS,
    retryBackoff: settings.MESSAGE_RETRY_BACKOFF,
    jobTimeoutSeconds: settings.MESSAGE_JOB_TIMEOUT_SECONDS,
    relayIntervalMs: settings.MESSAGE_RELAY_INTERVAL_MS,
    pollIntervalMs: settings.MESSAGE_POLL_INTERVAL_MS,
    concurrency: settings.MESSAGE_CONCURRENCY,
  }
}

/**
 * The worker as configured: on PostgreSQL pg-boss gets a small pool of its own; on PGlite it shares the app's
 * instance (one process per data folder, so there the worker can only run inside the app).
 */
export function startConfiguredMessageWorker(
  prisma: PrismaClient,
  settings: Env = env,
  providers: Providers = checkedProviders(settings),
): Promise<MessageWorker> {
  const database = settings.DATABASE_URL ? { connectionString: settings.DATABASE_URL, max: 4 } : { pglite: openPGlite() }
  return startMessageWorker({ prisma, database, providers, config: workerConfig(settings) })
}

/** The configured providers; a missing setting or template code ends the process with a message naming it. */
export function checkedProviders(settings: Env = env): Providers {
  try {
    return createProviders(settings)
  } catch (error) {
    console.error(`Configuration error (README, "Environment"): ${(error as Error).message}`)
    process.exit(1)
  }
}
