// Message delivery (decision 011): the relay hands queued outbox rows to the job queue (pg-boss), the worker sends
// each through its channel's provider and records the outcome on the message.
//
// At least once, never twice by design: the relay inserts a message's job in the same transaction that records
// the job's id on the message, and the worker only sends a message for the job the message names. The one window
// left is a crash (or a lost database connection) after the provider accepted a message and before SENT is
// written: pg-boss then retries that job and the message is sent once more.
import { randomUUID } from 'node:crypto'
import { ProviderError, type Channel } from '~/models/message/providers/types'
import { isTemplateKey, messageTemplates, renderMessage, type MessageTemplate } from '~/models/message/templates'
import { prismaExecutor } from '~/utils/infra/job-queue.server'
import { afterQuietHours, isQuietHour } from '~/utils/quiet-hours'
import type { Prisma, PrismaClient } from '@prisma/client'
import type PgBoss from 'pg-boss'
import type { Providers } from '~/models/message/providers'

export const MESSAGE_QUEUE = 'message-send'

export type DeliveryConfig = {
  /** Tries after the first one before a transiently failing message is marked FAILED. */
  retryLimit: number
  retryDelaySeconds: number
  retryBackoff: boolean
  /** A job taken by a worker that died is tried again after this. */
  jobTimeoutSeconds: number
}

export type JobData = { messageId: string }

/** The message as the relevance checks and the worker see it. */
export type DeliverableMessage = {
  id: string
  channel: Channel
  recipient: string
  template: string
  locale: string
  params: Record<string, string>
  subjectType: string
  subjectId: string | null
}

type RelevanceCheck = (db: PrismaClient, message: DeliverableMessage) => Promise<boolean>
const relevanceChecks = new Map<string, RelevanceCheck>()

/**
 * A check run just before a message of `template` is sent: false means what it says is no longer true (the place
 * was cancelled, the session moved) and the message is SKIPPED. Other modules add their own.
 */
export function registerRelevanceCheck(template: string, check: RelevanceCheck): void {
  relevanceChecks.set(template, check)
}

// A reminder goes only to a place still confirmed, for a session still on at the time the reminder names.
registerRelevanceCheck('registration.reminder', async (db, message) => {
  if (message.subjectType !== 'Registration' || !message.subjectId) return false
  const registration = await db.registration.findUnique({
    where: { id: message.subjectId },
    select: { status: true, remindersOff: true, session: { select: { status: true, startsAt: true } } },
  })
  return (
    registration?.status === 'CONFIRMED' &&
    !registration.remindersOff &&
    registration.session.status === 'SCHEDULED' &&
    registration.session.startsAt.toISOString() === message.params.startsAt
  )
})

function templateOf(key: string): MessageTemplate | undefined {
  return isTemplateKey(key) ? messageTemplates[key] : undefined
}

/** Reminders wait out quiet hours; templates marked `always` never do. */
export function waitsOutQuietHours(key: string): boolean {
  const template = templateOf(key)
  return key.endsWith('.reminder') && !template?.always
}

/** The params with the template's secret ones (private links, codes) replaced, once the message is final. */
export function redactParams(key: string, params: Record<string, string>): Record<string, string> {
  const secret = templateOf(key)?.secret ?? []
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, secret.includes(name) ? '[redacted]' : value]))
}

function jobFor(config: DeliveryConfig, messageId: string, startAfter: Date | null): PgBoss.JobInsert<JobData> & { id: string } {
  return {
    id: randomUUID(),
    name: MESSAGE_QUEUE,
    data: { messageId },
    ...(startAfter ? { startAfter } : {}),
    retryLimit: config.retryLimit,
    retryDelay: config.retryDelaySeconds,
    retryBackoff: config.retryBackoff,
    expireInSeconds: config.jobTimeoutSeconds,
  }
}

/** pg-boss's insert takes startAfter as an ISO string ending in Z; a Date would be serialised the same. */
function insertable(job: PgBoss.JobInsert<JobData>) {
  return { ...job, startAfter: job.startAfter instanceof Date ? job.startAfter.toISOString() : job.startAfter }
}

/** Creates the queue unless it exists; workers starting together may race (a deadlock or a duplicate), so tries again. */
export async function ensureMessageQueue(boss: PgBoss): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await boss.getQueue(MESSAGE_QUEUE))) await boss.createQueue(MESSAGE_QUEUE)
      return
    } catch (error) {
      if (attempt >= 5) throw error
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 200))
    }
  }
}

/**
 * Hands up to `limit` queued messages to the job queue: in one transaction, locks them (SKIP LOCKED, so relays in
 * other processes take other rows), inserts one job each through the same transaction and records the job ids.
 * Returns how many were handed over.
 */
export async function relayMessages(prisma: PrismaClient, boss: PgBoss, config: DeliveryConfig, limit = 500): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ id: string; notBefore: Date | null }>>`
      SELECT "id", "notBefore" FROM "Message"
      WHERE "status" = 'QUEUED' AND "jobId" IS NULL
      ORDER BY "createdAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`
    if (!rows.length) return 0
    const jobs = rows.map((row) => jobFor(config, row.id, row.notBefore))
    await boss.insert(jobs.map(insertable), { db: prismaExecutor(tx) })
    await tx.$executeRaw`
      UPDATE "Message" AS m SET "jobId" = v.job
      FROM unnest(${rows.map((row) => row.id)}::text[], ${jobs.map((job) => job.id)}::text[]) AS v(id, job)
      WHERE m."id" = v.id`
    return rows.length
  })
}

export type Outcome = 'SENT' | 'SKIPPED' | 'DEFERRED' | 'FAILED' | 'NOT_MINE'

type JobLike = { id: string; data: JobData; retryCount: number; retryLimit: number }

/**
 * Sends the message of one job. Returns what became of it; throws (after recording RETRYING) when a transient
 * failure should be retried by the queue.
 */
export async function deliverJob(
  prisma: PrismaClient,
  boss: PgBoss,
  providers: Providers,
  config: DeliveryConfig,
  job: JobLike,
  now: () => Date = () => new Date(),
): Promise<Outcome> {
  const messageId = job.data.messageId
  // The claim: only the job the message names may send it. SENDING with this job again means the worker that ran
  // it died (or lost the database) mid-send, and the queue retried the job: it resumes.
  const claimed = await prisma.$queryRaw<DeliverableMessage[]>`
    UPDATE "Message" SET "status" = 'SENDING', "attempts" = "attempts" + 1
    WHERE "id" = ${messageId} AND "jobId" = ${job.id} AND "status" IN ('QUEUED', 'RETRYING', 'SENDING')
    RETURNING "id", "channel"::text AS "channel", "recipient", "template", "locale", "params", "subjectType", "subjectId"`
  const message = claimed[0]
  if (!message) return 'NOT_MINE'

  const finish = (data: Prisma.MessageUpdateManyMutationInput) =>
    prisma.message.updateMany({
      where: { id: message.id, jobId: job.id },
      data: { ...data, params: redactParams(message.template, message.params) },
    })

  const check = relevanceChecks.get(message.template)
  if (check && !(await check(prisma, message))) {
    await finish({ status: 'SKIPPED' })
    return 'SKIPPED'
  }

  const at = now()
  if (waitsOutQuietHours(message.template) && isQuietHour(at)) {
    const morning = afterQuietHours(at)
    const next = jobFor(config, message.id, morning)
    await prisma.$transaction(async (tx) => {
      await boss.insert([insertable(next)], { db: prismaExecutor(tx) })
      await tx.message.updateMany({
        where: { id: message.id, jobId: job.id },
        data: { status: 'QUEUED', jobId: next.id, notBefore: morning, attempts: { decrement: 1 } },
      })
    })
    return 'DEFERRED'
  }

  const template = templateOf(message.template)
  if (!template) {
    await finish({ status: 'FAILED', failedAt: now(), lastError: `unknown template ${message.template}` })
    return 'FAILED'
  }
  const language = message.locale === 'en' ? 'en' : 'zh-CN'
  const { subject, text } = renderMessage(message.template as keyof typeof messageTemplates, language, message.params)
  const provider = providers[message.channel]
  try {
    const result = await provider.send({
      channel: message.channel,
      to: message.recipient,
      template: message.template as keyof typeof messageTemplates,
      params: message.params,
      language,
      subject,
      text,
    })
    await finish({
      status: 'SENT',
      sentAt: now(),
      provider: provider.name,
      providerMessageId: result.providerMessageId ?? null,
      lastError: null,
    })
    return 'SENT'
  } catch (error) {
    const permanent = error instanceof ProviderError && error.permanent
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500)
    if (permanent || job.retryCount >= job.retryLimit) {
      await finish({ status: 'FAILED', failedAt: now(), provider: provider.name, lastError: reason })
      return 'FAILED'
    }
    await prisma.message.updateMany({ where: { id: message.id, jobId: job.id }, data: { status: 'RETRYING', lastError: reason } })
    throw error
  }
}
