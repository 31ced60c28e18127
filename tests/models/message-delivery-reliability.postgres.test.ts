// Delivery reliability on PostgreSQL (decision 011), each test asserting no lost and no doubled message: two
// workers at once, a worker process killed with SIGKILL mid-batch, and provider errors (throttled then accepted,
// a bad template, 5xx until the last try). The fake Aliyun counts what it accepted per phone number.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { queueMessages } from '~/models/message/message.server'
import { AliyunSmsProvider } from '~/models/message/providers/aliyun-sms.server'
import { messageTemplates } from '~/models/message/templates'
import { startMessageWorker, type MessageWorker, type WorkerConfig } from '~/models/message/worker.server'
import { createTestDatabase, type TestDatabase } from '../helpers/db'
import { childEnv } from '../helpers/env'
import { startFakeAliyun, type FakeSms } from '../helpers/fake-sms'

const credentials = { accessKeyId: 'LTAI-test', accessKeySecret: 'test-secret' }
const codes = Object.fromEntries(Object.keys(messageTemplates).map((key, i) => [key, `SMS_2000${i}`]))
const config: WorkerConfig = {
  retryLimit: 2,
  retryDelaySeconds: 1,
  retryBackoff: false,
  // Well above any one send, even on a loaded machine: a job that expires while its send is still running is run
  // again, and the test would count that as a second attempt. (A killed worker's jobs wait this long to resume.)
  jobTimeoutSeconds: 20,
  relayIntervalMs: 50,
  pollIntervalMs: 50,
  concurrency: 10,
}
const phone = (i: number) => `139${String(i).padStart(8, '0')}`

describe('message delivery reliability (postgres)', () => {
  let db: TestDatabase
  let fake: FakeSms
  const running: MessageWorker[] = []
  let next = 0

  beforeAll(async () => {
    db = await createTestDatabase('postgres')
    fake = await startFakeAliyun(credentials)
  })
  afterEach(async () => {
    await Promise.all(running.splice(0).map((worker) => worker.stop()))
    fake.accepted.clear()
    fake.requests.length = 0
    fake.script.length = 0
    fake.otherwise = 'ok'
    fake.delayMs = 0
    expect(fake.rejected).toEqual([])
  })
  afterAll(async () => {
    await fake?.close()
    await db?.drop()
  })

  async function worker() {
    const provider = new AliyunSmsProvider({
      ...credentials,
      signName: '科普',
      endpoint: fake.url,
      templateCodes: codes,
      timeoutMs: 10_000,
    })
    const started = await startMessageWorker({
      prisma: db.prisma,
      database: { connectionString: db.url!, max: 3 },
      providers: { SMS: provider, EMAIL: provider },
      config,
    })
    running.push(started)
    return started
  }

  /** Queues `count` messages to distinct phones; returns the phones. */
  async function queue(count: number): Promise<string[]> {
    const phones = Array.from({ length: count }, () => phone(next++))
    await queueMessages(
      db.prisma,
      phones.map((to) => ({
        to: { phone: to, language: 'zh-CN' as const },
        message: {
          template: 'registration.confirmed' as const,
          params: { title: 'T', time: 't', place: 'p', code: 'C', link: 'L' },
          subjectType: 'Registration' as const,
          subjectId: null,
        },
      })),
    )
    return phones
  }

  const statuses = async (phones: string[]) =>
    (await db.prisma.message.findMany({ where: { recipient: { in: phones } }, orderBy: { recipient: 'asc' } })).map((m) => m.status)

  async function settled(phones: string[], timeout = 90_000) {
    await expect
      .poll(async () => (await statuses(phones)).filter((s) => s === 'SENT' || s === 'FAILED').length, { timeout, interval: 200 })
      .toBe(phones.length)
    return db.prisma.message.findMany({ where: { recipient: { in: phones } } })
  }

  it('two workers at once on 200 messages: each is accepted by the provider exactly once', async () => {
    const phones = await queue(200)
    await Promise.all([worker(), worker()])
    const messages = await settled(phones)
    expect(messages.every((m) => m.status === 'SENT' && m.attempts === 1)).toBe(true)
    expect(phones.map((p) => fake.accepted.get(p))).toEqual(phones.map(() => 1))
    expect(fake.requests).toHaveLength(200)
  })

  it('a worker process killed with SIGKILL mid-batch: another finishes, only messages in flight at the kill may go twice', async () => {
    const phones = await queue(120)
    fake.delayMs = 150
    const child: ChildProcess = spawn(path.join('node_modules', '.bin', 'tsx'), ['server/worker.ts'], {
      env: childEnv({
        DATABASE_URL: db.url!,
        SMS_PROVIDER: 'aliyun',
        ALIYUN_ACCESS_KEY_ID: credentials.accessKeyId,
        ALIYUN_ACCESS_KEY_SECRET: credentials.accessKeySecret,
        ALIYUN_SMS_SIGN_NAME: '科普',
        ALIYUN_SMS_ENDPOINT: fake.url,
        SMS_TEMPLATE_CODES: JSON.stringify(codes),
        MESSAGE_JOB_TIMEOUT_SECONDS: String(config.jobTimeoutSeconds),
        MESSAGE_RETRY_DELAY_SECONDS: '1',
        MESSAGE_RELAY_INTERVAL_MS: '50',
        MESSAGE_POLL_INTERVAL_MS: '50',
        MESSAGE_CONCURRENCY: '5',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: tsx runs the worker in a child process and cannot pass SIGKILL on. Killing only tsx
      // left the worker running, and it went on delivering (and retrying the later tests' messages).
      detached: true,
    })
    let output = ''
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.stderr?.on('data', (chunk) => (output += chunk))
    const exited = new Promise((resolve) => child.once('exit', resolve))
    await expect.poll(() => fake.requests.length, { timeout: 90_000, interval: 20, message: output }).toBeGreaterThanOrEqual(20)
    process.kill(-child.pid!, 'SIGKILL')
    await exited
    const inFlight = new Set(
      (await db.prisma.message.findMany({ where: { recipient: { in: phones }, status: 'SENDING' } })).map((m) => m.recipient),
    )
    expect(inFlight.size).toBeLessThanOrEqual(5)
    await worker()
    const messages = await settled(phones)
    expect(messages.every((m) => m.status === 'SENT')).toBe(true)
    const doubled = phones.filter((p) => (fake.accepted.get(p) ?? 0) > 1)
    expect(phones.filter((p) => !fake.accepted.get(p))).toEqual([])
    expect(phones.filter((p) => (fake.accepted.get(p) ?? 0) > 2)).toEqual([])
    for (const p of doubled) expect(inFlight.has(p)).toBe(true)
  })

  it('throttled twice, then accepted: SENT after three tries, once', async () => {
    fake.script.push('throttle', 'throttle')
    const phones = await queue(1)
    await worker()
    const [message] = await settled(phones)
    expect(message).toMatchObject({ status: 'SENT', attempts: 3 })
    expect(fake.accepted.get(phones[0])).toBe(1)
    expect(fake.requests).toHaveLength(3)
  })

  it('a bad template: FAILED at once, without retries', async () => {
    fake.script.push('bad-template')
    const phones = await queue(1)
    await worker()
    const [message] = await settled(phones)
    expect(message).toMatchObject({ status: 'FAILED', attempts: 1 })
    expect(message.lastError).toContain('isv.SMS_TEMPLATE_ILLEGAL')
    expect(message.failedAt).toBeInstanceOf(Date)
    expect((message.params as Record<string, string>).link).toBe('[redacted]')
    // Nothing comes back later.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(fake.requests).toHaveLength(1)
  })

  it('5xx until the last try: FAILED after the retries, never accepted', async () => {
    fake.otherwise = '5xx'
    const phones = await queue(1)
    await worker()
    const [message] = await settled(phones)
    expect(message).toMatchObject({ status: 'FAILED', attempts: config.retryLimit + 1 })
    expect(message.lastError).toContain('HTTP 503')
    expect(fake.requests).toHaveLength(config.retryLimit + 1)
    expect(fake.accepted.size).toBe(0)
  })
})
