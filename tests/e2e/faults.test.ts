// The built server (`npm run serve`) on a fresh PostgreSQL database under abuse and faults (decision 014): limits
// no header can dodge, clients on two real socket addresses counted apart, bodies refused before they are read,
// redirects that stay on the site, and a pool that heals after backends are terminated mid-rush and after a window
// in which the database refuses connections (503, not 500, meanwhile). The app is built once before the tests (tests/helpers/build-once.ts).
import http from 'node:http'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmptyPostgresDatabase, migrationSql, postgresAdminUrl } from '../helpers/db'
import { startServer, type RunningServer } from '../helpers/server'

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string }

let server: RunningServer
let database: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>

beforeAll(async () => {
  database = await createEmptyPostgresDatabase()
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  for (const sql of migrationSql()) await client.query(sql)
  await client.end()
  server = await startServer({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: '4', DATABASE_CONNECT_TIMEOUT_MS: '3000' })
}, 120_000)
afterAll(async () => {
  await server?.stop()
  await admin(`ALTER DATABASE "${database?.name}" ALLOW_CONNECTIONS true`).catch(() => {})
  await database?.drop()
})

async function admin(sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: postgresAdminUrl })
  await client.connect()
  try {
    return await client.query(sql, values)
  } finally {
    await client.end()
  }
}
const terminateBackends = () =>
  admin('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database.name])

/** One request from a chosen local address (127.0.0.1 or 127.0.0.2: two real sockets, two clients). */
function send(
  path: string,
  options: { from?: string; method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const url = new URL(server.url)
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: options.from ?? '127.0.0.1',
      },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk) => (body += chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }))
      },
    )
    request.on('error', reject)
    request.end(options.body)
  })
}
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
const formHeaders = (extra: Record<string, string> = {}) => ({ 'Content-Type': 'application/x-www-form-urlencoded', ...extra })

/** The staff sign-in page's CSRF cookie and token. */
async function loginForm() {
  const page = await send('/admin/login')
  const cookie = String(page.headers['set-cookie']?.find((c) => c.startsWith('kepu_csrf='))?.split(';')[0])
  const token = page.body.match(/name="csrf" value="([^"]+)"/)![1]
  return { cookie, token }
}

describe('abuse', () => {
  it('counts the socket, not X-Forwarded-For: 30 sign-ins with a new header each, then 429; another address is not affected', async () => {
    const { cookie, token } = await loginForm()
    const attempt = (i: number, from = '127.0.0.1') =>
      send('/admin/login', {
        from,
        method: 'POST',
        headers: formHeaders({ Cookie: cookie, 'X-Forwarded-For': `198.51.100.${i % 250}`, 'X-Client-IP': `203.0.113.${i % 250}` }),
        body: form({ csrf: token, email: `guess${i}@kepu.test`, password: 'wrong password', redirectTo: '' }),
      })
    for (let i = 0; i < 30; i++) expect((await attempt(i)).status, `attempt ${i + 1}`).toBe(401)
    const refused = await attempt(30)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    // Figure: before, the 31st try with a fresh X-Forwarded-For was a fresh bucket (401); a second client on another
    // address shared the one 'direct' bucket (429). Now the reverse.
    expect((await attempt(31, '127.0.0.2')).status).toBe(401)
  })

  it('refuses non-form posts with 415 and bodies over 64 KB with 413, and drops NUL characters instead of failing', async () => {
    expect((await send('/admin/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(415)
    expect((await send('/admin/login', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' })).status).toBe(415)
    expect((await send('/admin/login', { method: 'POST', body: 'x' })).status).toBe(415)
    const huge = await send('/admin/login', { method: 'POST', headers: formHeaders(), body: form({ email: 'x'.repeat(200_000) }) })
    expect(huge.status).toBe(413)
    expect(huge.body.length).toBeLessThan(500)
    for (const path of ['/?page=1%00', '/api/v1/activities?district=%00songjiang', '/venues?x=%00'])
      expect((await send(path)).status, path).toBeLessThan(500)
  })

  it('sends the text-size switch back only to a path on this site (tab, CR/LF and backslash tricks go home)', async () => {
    const back = async (target: string) => {
      const answer = await send('/settings/text-size', {
        method: 'POST',
        headers: formHeaders(),
        body: form({ size: 'large', back: target }),
      })
      return [answer.status, answer.headers.location]
    }
    expect(await back('/venues?district=songjiang')).toEqual([302, '/venues?district=songjiang'])
    // A NUL in a form body is dropped by the server before the app reads it.
    const nul = await send('/settings/text-size', { method: 'POST', headers: formHeaders(), body: 'size=large&back=%2Fven%00ues' })
    expect([nul.status, nul.headers.location]).toEqual([302, '/venues'])
    for (const target of ['/\t/evil.example', '/\r\n/evil.example', '/\\evil.example', '//evil.example', 'https://evil.example'])
      expect(await back(target), JSON.stringify(target)).toEqual([302, '/'])
  })
})

describe('faults', () => {
  const allOk = async (count: number) => {
    const answers = await Promise.all(Array.from({ length: count }, () => send('/healthz').then((a) => a.status)))
    return answers.every((status) => status === 200)
  }
  const recoveredWithin = async (ms: number) => {
    const started = Date.now()
    while (Date.now() - started < ms) {
      if (await allOk(8)) return Date.now() - started
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    throw new Error(`not recovered within ${ms} ms:\n${server.output().slice(-2000)}`)
  }

  it('serves again within seconds after every backend is terminated mid-rush', async () => {
    const rush = Array.from({ length: 40 }, (_, i) => send(i % 2 ? '/' : '/venues').then((a) => a.status))
    await new Promise((resolve) => setTimeout(resolve, 150))
    await terminateBackends()
    const statuses = await Promise.all(rush)
    expect(
      statuses.every((status) => status === 200 || status === 503),
      statuses.join(','),
    ).toBe(true)
    expect(await recoveredWithin(10_000)).toBeLessThan(10_000)
    expect((await send('/')).status).toBe(200)
  })

  it('answers 503 with Retry-After while the database refuses connections, and 200 again once it is back', async () => {
    await admin(`ALTER DATABASE "${database.name}" ALLOW_CONNECTIONS false`)
    await terminateBackends()
    const page = await send('/')
    expect(page.status, server.output().slice(-1500)).toBe(503)
    expect(page.headers['retry-after']).toBe('5')
    expect((await send('/venues')).status).toBe(503)
    expect((await send('/api/v1/activities')).status).toBe(503)
    expect((await send('/healthz')).status).toBe(503)
    await admin(`ALTER DATABASE "${database.name}" ALLOW_CONNECTIONS true`)
    expect(await recoveredWithin(10_000)).toBeLessThan(10_000)
    expect((await send('/')).status).toBe(200)
  })
})
