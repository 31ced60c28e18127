// Issue 24 over HTTP, as the probe did it: limits that protect a person cannot be spent by someone else. A
// stranger's posts naming a number from five addresses, a stranger's failed sign-ins, forms posted without the
// honeypot, and answers that echo what was sent. The server trusts the test as its proxy (TRUST_PROXY=loopback),
// so each request says which address it comes from.
import { hash } from '@node-rs/argon2'
import { PrismaClient } from '@prisma/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPostgresAdapterFactory } from '~/utils/infra/db-adapter.server'
import { createMigratedPostgresDatabase } from '../helpers/db'
import { createSession, nextPhone } from '../helpers/fixtures'
import { awayFromWindowEdge, httpRequest, registerOverHttp, submitPageForm } from '../helpers/http-registration'
import { startServer, type RunningServer } from '../helpers/server'

let database: Awaited<ReturnType<typeof createMigratedPostgresDatabase>>
let prisma: PrismaClient
let server: RunningServer

beforeAll(async () => {
  database = await createMigratedPostgresDatabase()
  prisma = new PrismaClient({ adapter: createPostgresAdapterFactory(database.url) })
  server = await startServer({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: '3', MESSAGE_WORKER: 'off', TRUST_PROXY: 'loopback' })
}, 180_000)
afterAll(async () => {
  await server?.stop()
  await prisma?.$disconnect()
  await database?.drop()
})

/** A resident account for `phone` (as sign-up with an SMS code makes one). */
async function residentWith(phone: string, password: string) {
  await prisma.resident.create({ data: { phone, passwordHash: await hash(password), passportCode: `P${phone}` } })
}

const signIn = (phone: string, password: string, options: { forwardedFor: string; cookie?: string }) =>
  submitPageForm(
    server.url,
    '/account/login',
    { phone, password },
    { forwardedFor: options.forwardedFor, headers: options.cookie ? { Cookie: options.cookie } : {} },
  )

const cookiesOf = (answer: { headers: Record<string, unknown> }) =>
  ((answer.headers['set-cookie'] as string[] | undefined) ?? []).map((cookie) => cookie.split(';')[0])

describe("a stranger cannot spend a person's limits", () => {
  // Each test may first wait out the rest of its limit's window (up to its margin), then runs: its time is both.
  it(
    "42 registrations naming a victim's number from five addresses do not block the victim once signed in",
    { timeout: 180_000 + 150_000 },
    async () => {
      // The number's budgets count in one-hour windows: the test must not straddle a boundary.
      await awayFromWindowEdge(3600, 180_000)
      const victim = nextPhone()
      await residentWith(victim, 'victim password')
      // Each stranger's address gets 10 posts for the number; the number's ceiling (40) then holds anonymous posts.
      const sessions = await Promise.all(Array.from({ length: 6 }, () => createSession(prisma, new Date(), { capacity: 50 })))
      let refused = 0
      for (let i = 0; i < 42; i += 1) {
        const outcome = await registerOverHttp(server.url, sessions[i % 6].id, victim, { forwardedFor: `198.51.100.${i % 5}` })
        if (outcome.kind === 'refused') refused += 1
      }
      expect(refused).toBeGreaterThan(0)
      // Anonymous, from the victim's own address: refused with a message that says how to get in anyway.
      const fresh = await createSession(prisma, new Date(), { capacity: 5 })
      const anonymous = await submitPageForm(
        server.url,
        `/sessions/${fresh.id}/register`,
        { website_url: '', intent: 'register', name: '本人', phone: victim, adults: '1', children: '0', consent: 'on' },
        { forwardedFor: '203.0.113.9' },
      )
      expect(anonymous.posted.status).toBe(429)
      expect(anonymous.posted.headers['retry-after']).toMatch(/^\d+$/)
      expect(anonymous.posted.body).toContain('登录或注册科普护照账户')
      // Signed in with the number (proven by SMS at sign-up): the registration goes through.
      const login = await signIn(victim, 'victim password', { forwardedFor: '203.0.113.9' })
      expect(login.posted.status).toBe(302)
      const cookie = [...login.cookie.split('; '), ...cookiesOf(login.posted)].join('; ')
      const owner = await submitPageForm(
        server.url,
        `/sessions/${fresh.id}/register`,
        { website_url: '', intent: 'register', name: '本人', phone: victim, adults: '1', children: '0', consent: 'on' },
        { forwardedFor: '203.0.113.9', headers: { Cookie: cookie } },
      )
      expect(owner.posted.status).toBe(302)
      expect(await prisma.registration.count({ where: { sessionId: fresh.id, phone: victim } })).toBe(1)
    },
  )

  it(
    "failed sign-ins from the owner's NAT and from strangers never stop the owner's remembered device",
    { timeout: 120_000 + 150_000 },
    async () => {
      await awayFromWindowEdge(900, 120_000)
      const owner = nextPhone()
      await residentWith(owner, 'owner password')
      const known = await signIn(owner, 'owner password', { forwardedFor: '192.0.2.10' })
      expect(known.posted.status).toBe(302)
      const device = cookiesOf(known.posted).find((cookie) => cookie.startsWith('kepu_device='))!
      expect(device).toBeTruthy()
      // 5 wrong tries from the same school NAT, then 20 more from strangers' addresses: past the account's ceiling.
      for (let i = 0; i < 5; i += 1) await signIn(owner, `wrong ${i}`, { forwardedFor: '192.0.2.10' })
      for (let i = 0; i < 20; i += 1) await signIn(owner, `wrong ${i}`, { forwardedFor: `198.51.100.${20 + (i % 5)}` })
      // A new device is paused with a way in, a 429 and Retry-After.
      const paused = await signIn(owner, 'owner password', { forwardedFor: '192.0.2.99' })
      expect(paused.posted.status).toBe(429)
      expect(Number(paused.posted.headers['retry-after'])).toBeGreaterThan(0)
      expect(paused.posted.body).toContain('以前登录过的设备')
      // The remembered device, behind the NAT whose tries failed, signs in at once.
      const again = await signIn(owner, 'owner password', { forwardedFor: '192.0.2.10', cookie: device })
      expect(again.posted.status).toBe(302)
    },
  )

  it(
    'a new device that resets the password with an SMS code becomes known and signs in while new devices are paused',
    { timeout: 120_000 + 150_000 },
    async () => {
      await awayFromWindowEdge(900, 120_000)
      const owner = nextPhone()
      await residentWith(owner, 'old password')
      for (let i = 0; i < 25; i += 1) await signIn(owner, `wrong ${i}`, { forwardedFor: `198.51.100.${40 + (i % 5)}` })
      expect((await signIn(owner, 'old password', { forwardedFor: '192.0.2.50' })).posted.status).toBe(429)
      const sent = await submitPageForm(
        server.url,
        '/account/forgot-password',
        { intent: 'send-code', phone: owner },
        { forwardedFor: '192.0.2.50' },
      )
      expect(sent.posted.status).toBe(200)
      const message = await prisma.message.findFirstOrThrow({ where: { recipient: owner, template: 'phone.code' } })
      const code = (message.params as { code: string }).code
      const reset = await submitPageForm(
        server.url,
        '/account/forgot-password',
        { intent: 'reset', phone: owner, smsCode: code, password: 'new password', confirmPassword: 'new password' },
        { forwardedFor: '192.0.2.50', headers: { Cookie: sent.cookie } },
      )
      expect(reset.posted.status).toBe(302)
      const device = cookiesOf(reset.posted).find((cookie) => cookie.startsWith('kepu_device='))!
      expect(device).toBeTruthy()
      expect((await signIn(owner, 'new password', { forwardedFor: '192.0.2.50', cookie: device })).posted.status).toBe(302)
    },
  )

  it('a form that renders the honeypot refuses a post without it, and stores nothing', async () => {
    const session = await createSession(prisma, new Date(), { capacity: 5 })
    const path = `/sessions/${session.id}/register`
    const page = await httpRequest(server.url, path, { forwardedFor: '192.0.2.70' })
    const cookie = (page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ')
    const posted = await httpRequest(server.url, path, {
      method: 'POST',
      forwardedFor: '192.0.2.70',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body: new URLSearchParams({
        intent: 'register',
        name: '机器',
        phone: nextPhone(),
        adults: '1',
        children: '0',
        consent: 'on',
      }).toString(),
    })
    expect(posted.status).toBe(403)
    expect(await prisma.registration.count({ where: { sessionId: session.id } })).toBe(0)
  })

  it('echoes a refused value at most 1,000 characters long, on pages of buttons too', async () => {
    const session = await createSession(prisma, new Date(), { capacity: 5 })
    const long = '名'.repeat(6_000)
    const { posted } = await submitPageForm(
      server.url,
      `/sessions/${session.id}/register`,
      { website_url: '', intent: 'register', name: long, phone: 'not a phone', adults: '1', children: '0', consent: 'on' },
      { forwardedFor: '192.0.2.80' },
    )
    expect(posted.status).toBe(400)
    // The page (about 11,000 characters) with the name cut to 1,000 in the field and in the page's data.
    expect(posted.body.length).toBeLessThan(16_000)
    expect(posted.body).not.toContain('名'.repeat(1001))
  })
})
