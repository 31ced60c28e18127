// Issue 24: nothing a client sends chooses the host of a link Kepu writes. A forged Host is refused (421) unless it
// is one the portal is configured for; X-Forwarded-Host counts only from a proxy TRUST_PROXY names, and then a forged
// one is refused too; Forwarded is never read. Messages, cached pages, feeds, calendars, the sitemap and the
// open-data API carry PUBLIC_URL, or http://localhost:PORT without it.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { PrismaClient } from '@prisma/client'
import getPort from 'get-port'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPostgresAdapterFactory } from '~/utils/infra/db-adapter.server'
import { createMigratedPostgresDatabase } from '../helpers/db'
import { createSession, nextPhone } from '../helpers/fixtures'
import { httpRequest, registerOverHttp, submitPageForm } from '../helpers/http-registration'
import { startServer, type RunningServer } from '../helpers/server'

const EVIL = 'evil.example'
const forgedForwarding = { 'X-Forwarded-Host': EVIL, 'X-Forwarded-Proto': 'https', Forwarded: `host=${EVIL};proto=https` }

let database: Awaited<ReturnType<typeof createMigratedPostgresDatabase>>
let prisma: PrismaClient
let local: RunningServer
let localPort = 0
let proxied: RunningServer
let published: RunningServer
let sessionId = ''
let eventSlug = ''
let venueSlug = ''

beforeAll(async () => {
  database = await createMigratedPostgresDatabase()
  prisma = new PrismaClient({ adapter: createPostgresAdapterFactory(database.url) })
  // One seat: the second person waits, and is promoted (and told by SMS, with their private link) when the first cancels.
  const session = await createSession(prisma, new Date(), { capacity: 1, maxPartySize: 1 })
  sessionId = session.id
  const event = await prisma.event.findUniqueOrThrow({ where: { id: session.eventId } })
  eventSlug = event.slug
  const venue = await prisma.venue.create({
    data: {
      slug: `v-${eventSlug}`,
      name: '测试场馆',
      type: 'SCIENCE_MUSEUM',
      source: 'test',
      districtId: event.districtId,
      lat: 31.03,
      lng: 121.22,
    },
  })
  venueSlug = venue.slug
  // Messages stay in the outbox with their links (the worker would send them and redact the links).
  const env = { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '3', MESSAGE_WORKER: 'off', PAGE_CACHE_SECONDS: '60' }
  localPort = await getPort()
  ;[local, proxied, published] = await Promise.all([
    startServer(env, localPort),
    startServer({ ...env, TRUST_PROXY: 'loopback' }),
    startServer({ ...env, PUBLIC_URL: 'https://kepu.example.cn' }),
  ])
}, 180_000)
afterAll(async () => {
  await Promise.all([local?.stop(), proxied?.stop(), published?.stop()])
  await prisma?.$disconnect()
  await database?.drop()
})

const cacheablePaths = () => [
  '/',
  `/events/${eventSlug}`,
  '/venues',
  `/venues/${venueSlug}`,
  '/menu',
  '/school-visits',
  '/calendar.ics',
  '/feed.xml',
  '/sitemap.xml',
  '/robots.txt',
  '/api/map-points',
  '/api/v1/activities',
  '/api/v1/venues',
]

describe('a forged host', () => {
  it('is refused with 421 and a message saying what to set, on every server; /healthz answers any host', async () => {
    for (const server of [local, proxied, published]) {
      for (const host of [EVIL, `${EVIL}:443`, 'kepu.example.cn.evil.example']) {
        const answer = await httpRequest(server.url, '/', { headers: { Host: host } })
        expect(answer.status).toBe(421)
        expect(answer.body).toContain('PUBLIC_URL')
        expect(answer.headers['x-content-type-options']).toBe('nosniff')
      }
      expect((await httpRequest(server.url, '/healthz', { headers: { Host: '10.0.0.7:3000' } })).status).toBe(200)
    }
    // Posts too: nothing is stored from a refused host.
    const before = await prisma.registration.count()
    expect((await registerOverHttp(local.url, sessionId, nextPhone(), { headers: { Host: EVIL } })).kind).toBe('refused')
    expect(await prisma.registration.count()).toBe(before)
    // The configured public host is answered where it is configured, and the local names everywhere.
    expect((await httpRequest(published.url, '/', { headers: { Host: 'kepu.example.cn' } })).status).toBe(200)
    expect((await httpRequest(local.url, '/', { headers: { Host: `localhost:${localPort}` } })).status).toBe(200)
    expect((await httpRequest(local.url, '/', { headers: { Host: `[::1]:${localPort}` } })).status).toBe(200)
  })

  it('in X-Forwarded-Host counts only from a proxy TRUST_PROXY names, which then gets 421', async () => {
    expect((await httpRequest(proxied.url, '/', { headers: forgedForwarding })).status).toBe(421)
    expect((await httpRequest(proxied.url, '/', { headers: { 'X-Forwarded-Host': 'localhost' } })).status).toBe(200)
    // Without TRUST_PROXY the header is ignored: the page is served, with none of it in any link.
    const page = await httpRequest(local.url, '/', { headers: forgedForwarding })
    expect(page.status).toBe(200)
    expect(page.body).not.toContain(EVIL)
  })

  it('never reaches a cached page, a feed, a calendar, the sitemap or the open-data API', async () => {
    for (const [server, origin] of [
      [local, `http://localhost:${localPort}`],
      [published, 'https://kepu.example.cn'],
    ] as const) {
      for (const path of cacheablePaths()) {
        // Twice: the first fills the shared cache, the second is served from it.
        for (let i = 0; i < 2; i++) {
          const answer = await httpRequest(server.url, path, { headers: forgedForwarding })
          expect(answer.status, path).toBe(200)
          expect(answer.body, path).not.toContain(EVIL)
        }
      }
      for (const path of ['/feed.xml', '/sitemap.xml', '/calendar.ics', '/api/v1/activities', `/events/${eventSlug}`])
        expect((await httpRequest(server.url, path)).body, path).toContain(origin)
    }
  })

  it("never reaches a message: the waitlisted person's promotion SMS carries the configured origin", async () => {
    const first = await registerOverHttp(local.url, sessionId, nextPhone(), { headers: forgedForwarding })
    const waiting = nextPhone()
    const second = await registerOverHttp(local.url, sessionId, waiting, { headers: forgedForwarding })
    expect(first.kind).toBe('registered')
    expect(second.kind).toBe('registered')
    if (first.kind !== 'registered') return
    // The first cancels with every forged forwarding header: the second is promoted and told.
    const { posted } = await submitPageForm(local.url, first.privatePath, { intent: 'cancel' }, { headers: forgedForwarding })
    expect(posted.status).toBeLessThan(400)
    const promoted = await prisma.registration.findFirstOrThrow({ where: { sessionId, phone: waiting } })
    expect(promoted.status).toBe('CONFIRMED')
    const messages = await prisma.message.findMany({ where: { subjectType: 'Registration' } })
    expect(messages.length).toBeGreaterThanOrEqual(3)
    const texts = messages.map((message) => JSON.stringify(message.params))
    for (const text of texts) expect(text).not.toContain(EVIL)
    const toWaiting = messages.filter((message) => message.recipient === waiting).map((message) => JSON.stringify(message.params))
    expect(toWaiting.some((text) => text.includes(`http://localhost:${localPort}/r/`))).toBe(true)
  })
})

/** Every source file under a folder. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name)
    return statSync(file).isDirectory() ? sourceFiles(file) : /\.tsx?$/.test(name) ? [file] : []
  })
}

it('every link origin is the configured one: no module reads a request origin or forwarded host for links', () => {
  // What made issue 24's links: an origin taken from the request. publicOrigin() takes no request at all.
  const forbidden = [
    /new URL\(request\.url\)\.origin/,
    /headers\.get\(['"](host|x-forwarded-host|forwarded)['"]\)/i,
    /publicOrigin\(request/,
  ]
  const offenders = sourceFiles(path.join(process.cwd(), 'app')).filter((file) =>
    forbidden.some((pattern) => pattern.test(readFileSync(file, 'utf8'))),
  )
  expect(offenders).toEqual([])
})
