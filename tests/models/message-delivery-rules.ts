// Message delivery on both databases (decision 011): a queued message goes through the relay, pg-boss and the
// worker to the `log` provider's file, rendered.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deliverJob, ensureMessageQueue, relayMessages } from '~/models/message/delivery.server'
import { queueMessages } from '~/models/message/message.server'
import { LogProvider } from '~/models/message/providers/log.server'
import { startMessageWorker, type MessageWorker, type WorkerConfig } from '~/models/message/worker.server'
import { startJobQueue } from '~/utils/infra/job-queue.server'
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../helpers/db'
import { createSession, nextPhone } from '../helpers/fixtures'

export const fastWorker: WorkerConfig = {
  retryLimit: 3,
  retryDelaySeconds: 1,
  retryBackoff: false,
  jobTimeoutSeconds: 30,
  relayIntervalMs: 50,
  pollIntervalMs: 50,
  concurrency: 10,
}

export function databaseFor(db: TestDatabase) {
  return db.pglite ? { pglite: db.pglite } : { connectionString: db.url!, max: 2 }
}

export function messageDeliveryRules(kind: TestDatabaseKind) {
  describe(`message delivery (${kind})`, () => {
    let db: TestDatabase
    let worker: MessageWorker | undefined
    const logFile = path.join(mkdtempSync(path.join(tmpdir(), 'kepu-messages-')), 'nested', 'messages.jsonl')

    beforeAll(async () => {
      db = await createTestDatabase(kind)
    })
    afterAll(async () => {
      await worker?.stop()
      await db?.drop()
    })

    it('sends a queued message to the log provider, rendered, and redacts its private link', async () => {
      const provider = new LogProvider(logFile)
      worker = await startMessageWorker({
        prisma: db.prisma,
        database: databaseFor(db),
        providers: { SMS: provider, EMAIL: provider },
        config: fastWorker,
      })
      await queueMessages(db.prisma, [
        {
          to: { phone: '13800138000', email: 'li@example.cn', language: 'zh-CN' },
          message: {
            template: 'registration.confirmed',
            params: { title: '天文夜', time: '6月1日 19:00', place: '科技馆', code: 'AB12', link: 'https://kepu.example/r/secret' },
            subjectType: 'Registration',
            subjectId: 'r1',
          },
        },
      ])
      await expect.poll(async () => (await db.prisma.message.findMany({ where: { status: 'SENT' } })).length, { timeout: 30_000 }).toBe(2)
      const lines = readFileSync(logFile, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
      expect(lines).toHaveLength(2)
      const sms = lines.find((line) => line.channel === 'SMS')
      expect(sms).toMatchObject({ to: '13800138000', template: 'registration.confirmed' })
      expect(sms.text).toBe('【科普地图】已报名「天文夜」6月1日 19:00，科技馆。报名码 AB12。查看或取消：https://kepu.example/r/secret')
      expect(sms.subject).toBeUndefined()
      const email = lines.find((line) => line.channel === 'EMAIL')
      expect(email).toMatchObject({ to: 'li@example.cn', subject: '报名成功：天文夜' })
      const sent = await db.prisma.message.findMany()
      for (const message of sent) {
        expect(message).toMatchObject({ status: 'SENT', provider: 'log', attempts: 1 })
        expect(message.sentAt).toBeInstanceOf(Date)
        expect((message.params as Record<string, string>).link).toBe('[redacted]')
      }
      expect(existsSync(logFile)).toBe(true)
    })

    it('holds a reminder due in quiet hours until 08:00, then sends it; a confirmation goes at once', async () => {
      await worker?.stop()
      worker = undefined
      const boss = await startJobQueue({ database: databaseFor(db) })
      try {
        await ensureMessageQueue(boss)
        const provider = new LogProvider(logFile)
        const session = await createSession(db.prisma, new Date(), { startsInHours: 30 })
        const registration = await db.prisma.registration.create({
          data: {
            sessionId: session.id,
            name: '测试居民',
            phone: nextPhone(),
            adults: 1,
            children: 0,
            partySize: 1,
            status: 'CONFIRMED',
            code: 'QUIET001',
            manageTokenHash: 'quiet-hours-test',
            consentAt: new Date(),
          },
        })
        const params = { title: '夜观星空', time: '明天 19:00', place: '天文台', code: 'QUIET001', link: 'https://kepu.example/r/q' }
        const subject = { subjectType: 'Registration' as const, subjectId: registration.id }
        await queueMessages(db.prisma, [
          {
            to: { phone: '13900000001', language: 'zh-CN' },
            message: { template: 'registration.reminder', params: { ...params, startsAt: session.startsAt.toISOString() }, ...subject },
          },
          { to: { phone: '13900000002', language: 'zh-CN' }, message: { template: 'registration.confirmed', params, ...subject } },
        ])
        await relayMessages(db.prisma, boss, fastWorker)
        const [reminder, confirmation] = await Promise.all(
          ['13900000001', '13900000002'].map((recipient) => db.prisma.message.findFirstOrThrow({ where: { recipient } })),
        )
        const job = (message: { id: string; jobId: string | null }) => ({
          id: message.jobId!,
          data: { messageId: message.id },
          retryCount: 0,
          retryLimit: 3,
        })
        const providers = { SMS: provider, EMAIL: provider }
        const lateEvening = () => new Date('2026-12-02T14:30:00Z') // 22:30 in Shanghai
        expect(await deliverJob(db.prisma, boss, providers, fastWorker, job(reminder), lateEvening)).toBe('DEFERRED')
        expect(await deliverJob(db.prisma, boss, providers, fastWorker, job(confirmation), lateEvening)).toBe('SENT')
        const held = await db.prisma.message.findUniqueOrThrow({ where: { id: reminder.id } })
        expect(held).toMatchObject({ status: 'QUEUED', attempts: 0, notBefore: new Date('2026-12-03T00:00:00Z') }) // 08:00 next morning
        expect(held.jobId).not.toBe(reminder.jobId)
        const morning = () => new Date('2026-12-03T00:05:00Z')
        expect(await deliverJob(db.prisma, boss, providers, fastWorker, job(reminder), morning)).toBe('NOT_MINE') // the old job no longer owns it
        expect(await deliverJob(db.prisma, boss, providers, fastWorker, job(held), morning)).toBe('SENT')
      } finally {
        await boss.stop({ graceful: false, wait: true, close: true })
      }
    })
  })
}
