// The request guards of server/ (decision 014), on a bare express app with the same middleware as server/app.ts:
// whose address counts (socket, or the entry trusted proxies appended), 415 and 413 before the body is parsed, and
// NUL characters taken out. Two client sockets are real: the test connects from 127.0.0.1 and from 127.0.0.2.
import http from 'node:http'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { addressBucket, CLIENT_ADDRESS_HEADER, parseTrustProxy, type TrustProxy } from '~/utils/infra/client-address.server'
import { MAX_BODY_BYTES, readBoundedBody, resolveClientAddress, stripNulFromUrl } from '../../server/request-guards'
import type { AddressInfo } from 'node:net'

let server: http.Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

async function start(trust: TrustProxy): Promise<number> {
  const app = express()
  app.set('trust proxy', trust)
  app.use(resolveClientAddress, stripNulFromUrl, readBoundedBody())
  app.all('*', (req, res) => {
    res.json({ address: req.headers[CLIENT_ADDRESS_HEADER], url: req.originalUrl, body: req.boundedBody?.toString('latin1') ?? null })
  })
  server = app.listen(0, '0.0.0.0')
  await new Promise((resolve) => server!.once('listening', resolve))
  return (server!.address() as AddressInfo).port
}

type Answer = { status: number; body: string }
function send(
  port: number,
  options: { from?: string; path?: string; method?: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: Buffer[] },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        localAddress: options.from ?? '127.0.0.1',
        path: options.path ?? '/',
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (response) => {
        answered = true
        let body = ''
        response.on('data', (chunk) => (body += chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
      },
    )
    // Once the server has answered (413) it may close the socket while we still send: that is the point.
    request.on('error', (error) => (answered ? undefined : reject(error)))
    if (!options.chunks) return request.end(options.body)
    const chunks = [...options.chunks]
    const writeNext = () => {
      if (answered || request.destroyed) return
      const chunk = chunks.shift()
      if (!chunk) return request.end()
      if (request.write(chunk)) setImmediate(writeNext)
      else request.once('drain', writeNext)
    }
    writeNext()
  })
}
const addressOf = async (answer: Promise<Answer>) => JSON.parse((await answer).body).address as string

describe('the client address', () => {
  it('is the socket address when no proxy is trusted, whatever the headers say', async () => {
    const port = await start(false)
    const spoof = { 'X-Forwarded-For': '203.0.113.9', 'X-Client-IP': '203.0.113.10', [CLIENT_ADDRESS_HEADER]: '203.0.113.11' }
    expect(await addressOf(send(port, { headers: spoof }))).toBe('127.0.0.1')
    // A second socket on another address is another client.
    expect(await addressOf(send(port, { from: '127.0.0.2', headers: spoof }))).toBe('127.0.0.2')
  })

  it("with TRUST_PROXY=1 is the entry the proxy appended, never the client's own leftmost entries", async () => {
    const port = await start(1)
    for (const rotated of ['198.51.100.1', '198.51.100.2', '10.0.0.1, 198.51.100.3'])
      expect(await addressOf(send(port, { headers: { 'X-Forwarded-For': `${rotated}, 203.0.113.7` } }))).toBe('203.0.113.7')
    // Without the proxy's header the socket (the proxy) is all there is.
    expect(await addressOf(send(port, {}))).toBe('127.0.0.1')
  })

  it('with trusted addresses, only hops from those addresses are skipped', async () => {
    const port = await start(parseTrustProxy('127.0.0.1/32') as string[])
    expect(await addressOf(send(port, { headers: { 'X-Forwarded-For': '198.51.100.1, 203.0.113.7' } }))).toBe('203.0.113.7')
    // From an address that is not a trusted proxy, X-Forwarded-For is ignored.
    expect(await addressOf(send(port, { from: '127.0.0.2', headers: { 'X-Forwarded-For': '203.0.113.7' } }))).toBe('127.0.0.2')
  })

  it('reads TRUST_PROXY strictly and counts IPv6 clients by their /64', () => {
    expect(parseTrustProxy('')).toBe(false)
    expect(parseTrustProxy('2')).toBe(2)
    expect(parseTrustProxy('10.0.0.0/8, loopback, ::1')).toEqual(['10.0.0.0/8', 'loopback', '::1'])
    for (const wrong of ['true', '*', '10.0.0.0/33', 'proxy.example', '11']) expect(parseTrustProxy(wrong), wrong).toBeUndefined()
    expect(addressBucket('::ffff:192.0.2.4')).toBe('192.0.2.4')
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe(addressBucket('2001:db8:1:2:bbbb:cccc:dddd:eeee'))
    expect(addressBucket('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64')
    expect(addressBucket('2001:db8:1:3::1')).not.toBe(addressBucket('2001:db8:1:2::1'))
  })
})

describe('bodies', () => {
  const form = { 'Content-Type': 'application/x-www-form-urlencoded' }

  it('refuses posts that are not forms with 415 (JSON, text, no type)', async () => {
    const port = await start(false)
    for (const headers of [{ 'Content-Type': 'application/json' }, { 'Content-Type': 'text/plain' }, {} as Record<string, string>])
      expect((await send(port, { method: 'POST', headers, body: '{"a":1}' })).status, JSON.stringify(headers)).toBe(415)
    expect((await send(port, { method: 'POST', headers: form, body: 'a=1' })).status).toBe(200)
  })

  it("takes JSON only at a digital point's report path (decision 037)", async () => {
    const port = await start(false)
    const json = { 'Content-Type': 'application/json' }
    expect((await send(port, { method: 'POST', path: '/api/v1/points/p1/reports', headers: json, body: '{"plays":1}' })).status).toBe(200)
    for (const path of ['/api/v1/points/p1/reports/x', '/api/v1/points/reports', '/sessions/s1/register'])
      expect((await send(port, { method: 'POST', path, headers: json, body: '{"plays":1}' })).status, path).toBe(415)
  })

  it('refuses a body over the limit with 413, by its length or while it streams, and keeps none of it', async () => {
    const port = await start(false)
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 'a')
    expect((await send(port, { method: 'POST', headers: form, body: big })).status).toBe(413)
    // Chunked, no Content-Length: 64 MB offered in 1 MB pieces; refused and memory stays flat.
    const before = process.memoryUsage().rss
    const chunk = Buffer.alloc(1024 * 1024, 'b')
    const answer = await send(port, { method: 'POST', headers: { ...form, 'Transfer-Encoding': 'chunked' }, chunks: Array(64).fill(chunk) })
    expect(answer.status).toBe(413)
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024)
    expect((await send(port, { method: 'POST', headers: form, body: Buffer.alloc(MAX_BODY_BYTES, 'a') })).status).toBe(200)
  })

  it('drops NUL characters from query strings and form bodies', async () => {
    const port = await start(false)
    expect(JSON.parse((await send(port, { path: '/?q=a%00b&r=%2500' })).body).url).toBe('/?q=ab&r=%2500')
    expect(JSON.parse((await send(port, { method: 'POST', headers: form, body: 'name=%E5%BC%A0%00%00x' })).body).body).toBe(
      'name=%E5%BC%A0x',
    )
  })

  it('refuses a form whose escapes are not UTF-8 with 400, instead of storing U+FFFD (issue 24)', async () => {
    const port = await start(false)
    for (const body of ['name=%FF%FE', 'name=%E5%BC', 'na%C3me=x', 'name=%C0%AF', Buffer.from([0x6e, 0x3d, 0xe5, 0xbc])]) {
      const answer = await send(port, { method: 'POST', headers: form, body })
      expect(answer.status, String(body)).toBe(400)
      expect(answer.body).toContain('UTF-8')
    }
    // Chinese, English, emoji and a percent sign written as %25 are all fine.
    for (const body of ['name=%E5%BC%A0%E4%B8%89', 'name=Zhang+San', 'q=%F0%9F%94%AC', 'q=100%25'])
      expect((await send(port, { method: 'POST', headers: form, body })).status, body).toBe(200)
  })
})
