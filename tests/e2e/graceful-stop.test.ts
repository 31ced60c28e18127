// SIGTERM stops the portal gracefully also on a busy machine (issue 31): the request in flight is answered, and the
// embedded database's lock and control file go with it. The server runs as `npm run serve` runs it (the compiled
// server under node, one process, decision 039): under tsx's command line, a parent relayed the signal and turned it into SIGKILL when the
// server had not acknowledged it within 30 ms, which on a loaded machine cut every graceful stop short.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { migrationSql } from '../helpers/db'
import { startServer, type RunningServer } from '../helpers/server'

const root = mkdtempSync(path.join(tmpdir(), 'kepu-stop-'))
const dataDir = path.join(root, 'pglite')
// Pages rendered each time (no shared cache): the server is busy when the signal comes.
const env = { PGLITE_DIR: dataDir, MESSAGE_LOG: path.join(root, 'messages.jsonl'), PAGE_CACHE_SECONDS: '0' }
let server: RunningServer | undefined
let burners: ChildProcess[] = []
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

beforeAll(async () => {
  const pglite = new PGlite(dataDir)
  for (const sql of migrationSql()) await pglite.exec(sql)
  await pglite.close()
}, 120_000)
afterAll(async () => {
  for (const burner of burners) burner.kill('SIGKILL')
  await server?.kill()
  rmSync(root, { recursive: true, force: true })
})

it('answers the requests in flight and leaves no lock behind when SIGTERM comes while two CPU burners run', async () => {
  server = await startServer(env)
  expect(existsSync(`${dataDir}.lock`)).toBe(true)
  expect(existsSync(`${dataDir}.server.json`)).toBe(true)
  // The two cores busy, as on a loaded machine.
  burners = Array.from({ length: 2 }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }))
  await sleep(500)

  // A post whose headers and first half of its body are sent: the server is reading it when the signal comes.
  const body = 'language=en&back=%2Fvenues'
  const url = new URL('/settings/language', server.url)
  const request = http.request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
  })
  const answered = new Promise<http.IncomingMessage>((resolve, reject) => {
    request.on('response', resolve)
    request.on('error', reject)
  })
  request.write(body.slice(0, 10))
  // And pages being rendered, each on a connection of its own: the server's event loop is busy when the signal comes.
  // Only load: a connection the server had not yet read when it stopped listening is reset, as any server's is.
  const pages = Array.from({ length: 16 }, () =>
    fetch(new URL('/venues', url), { headers: { Connection: 'close' } }).then(
      (answer) => answer.status,
      () => 0,
    ),
  )
  await sleep(300)
  const signalled = Date.now()
  const stopped = server.terminate()
  await sleep(500)
  request.end(body.slice(10))

  const response = await answered
  expect(response.statusCode).toBe(302)
  expect(response.headers.location).toBe('/venues')
  await stopped
  const statuses = await Promise.all(pages)
  expect(statuses.every((status) => status === 200 || status === 0)).toBe(true)
  console.info(
    `[stop] SIGTERM to the last process gone: ${Date.now() - signalled} ms (two CPU burners running); ` +
      `${statuses.filter((status) => status === 200).length} of 16 page requests sent 0.3 s before it answered (the others not yet read)`,
  )
  server = undefined
  expect(existsSync(`${dataDir}.lock`), 'the lock goes with the portal').toBe(false)
  expect(existsSync(`${dataDir}.server.json`), 'and its control file').toBe(false)
})
