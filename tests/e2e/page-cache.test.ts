// The shared page cache (decision 015) on two instances of the built server over one PostgreSQL database: an
// anonymous public page is served from the cache with a fresh CSP nonce; a change made through either instance (or
// straight in the database) drops it on both at once; signed-in visitors, forms and private pages never see it.
import { PrismaClient } from '@prisma/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPostgresAdapterFactory } from '~/utils/infra/db-adapter.server'
import { createMigratedPostgresDatabase } from '../helpers/db'
import { createSession } from '../helpers/fixtures'
import { registerOverHttp } from '../helpers/http-registration'
import { startServer, type RunningServer } from '../helpers/server'

let database: Awaited<ReturnType<typeof createMigratedPostgresDatabase>>
let prisma: PrismaClient
let first: RunningServer
let second: RunningServer
let sessionId = ''
let eventSlug = ''

beforeAll(async () => {
  database = await createMigratedPostgresDatabase()
  prisma = new PrismaClient({ adapter: createPostgresAdapterFactory(database.url) })
  const session = await createSession(prisma, new Date(), { capacity: 20 })
  sessionId = session.id
  eventSlug = (await prisma.event.findUniqueOrThrow({ where: { id: session.eventId } })).slug
  const env = { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '3', MESSAGE_LOG: '/dev/null', PAGE_CACHE_SECONDS: '60' }
  ;[first, second] = await Promise.all([startServer(env), startServer(env)])
}, 120_000)
afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()])
  await prisma?.$disconnect()
  await database?.drop()
})

const get = (server: RunningServer, path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { headers })
const nonceOf = (response: Response) => response.headers.get('content-security-policy')!.match(/'nonce-([^']+)'/)![1]

describe('the shared page cache', () => {
  it('serves an anonymous page again with a fresh nonce, and drops it on every instance when data changes', async () => {
    const path = `/events/${eventSlug}`
    const missed = await get(first, path)
    expect(missed.headers.get('x-kepu-cache')).toBe('miss')
    const missedBody = await missed.text()
    const hit = await get(first, path)
    expect(hit.headers.get('x-kepu-cache')).toBe('hit')
    const hitBody = await hit.text()
    // The same page, but every nonce is this answer's, matching its own CSP header.
    expect(nonceOf(hit)).not.toBe(nonceOf(missed))
    expect(hitBody).toContain(`nonce="${nonceOf(hit)}"`)
    expect(hitBody).not.toContain(nonceOf(missed))
    expect(hitBody.replaceAll(nonceOf(hit), 'N')).toBe(missedBody.replaceAll(nonceOf(missed), 'N'))
    expect((await get(second, path)).headers.get('x-kepu-cache')).toBe('miss')
    expect((await get(second, path)).headers.get('x-kepu-cache')).toBe('hit')

    // A registration through the second instance: the first one's cached page is out of date within the 0.1 s its
    // read of the version serves (the second's own at once).
    expect(await registerOverHttp(second.url, sessionId, '13911110000')).toMatchObject({ kind: 'registered' })
    expect((await get(second, path)).headers.get('x-kepu-cache')).toBe('miss')
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect((await get(first, path)).headers.get('x-kepu-cache')).toBe('miss')

    // A change made in the database by anyone (staff on another instance, a script): both see the new title.
    await get(second, path)
    await prisma.event.update({ where: { slug: eventSlug }, data: { title: '改过的标题' } })
    await new Promise((resolve) => setTimeout(resolve, 150))
    for (const server of [first, second]) {
      const fresh = await get(server, path)
      expect(fresh.headers.get('x-kepu-cache')).toBe('miss')
      expect(await fresh.text()).toContain('改过的标题')
    }
  })

  it('keys by language and text size, and never serves signed-in visitors, forms or private links from it', async () => {
    await get(first, '/venues')
    expect((await get(first, '/venues')).headers.get('x-kepu-cache')).toBe('hit')
    expect((await get(first, '/venues', { Cookie: 'kepu_lang=en' })).headers.get('x-kepu-cache')).toBe('miss')
    expect((await get(first, '/venues', { Cookie: 'kepu_text=large' })).headers.get('x-kepu-cache')).toBe('miss')
    // Any other cookie (a staff or resident session) goes past the cache.
    expect((await get(first, '/venues', { Cookie: 'kepu_session=abc' })).headers.get('x-kepu-cache')).toBeNull()
    // An anonymous visitor's registration form carries no token (decision 032): cached; a signed-in resident's never.
    await get(first, `/sessions/${sessionId}/register`)
    expect((await get(first, `/sessions/${sessionId}/register`)).headers.get('x-kepu-cache')).toBe('hit')
    expect((await get(first, `/sessions/${sessionId}/register`, { Cookie: 'kepu_resident=abc' })).headers.get('x-kepu-cache')).toBeNull()
    expect((await get(first, '/r/AbCdEfGhIjKlMnOpQrStUv')).headers.get('x-kepu-cache')).toBeNull()
    // JSON too.
    await get(first, '/api/v1/activities')
    expect((await get(first, '/api/v1/activities')).headers.get('x-kepu-cache')).toBe('hit')
  })
})
