// Every core on PostgreSQL (issue 17): `npm start`'s server runs WEB_CONCURRENCY processes on one port, replaces
// one that is killed, and stops them all gracefully; /metrics sums the processes. Which process answered is read from
// the JSON request log (pid).
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMigratedPostgresDatabase } from '../helpers/db'
import { startServer, type RunningServer } from '../helpers/server'

let database: Awaited<ReturnType<typeof createMigratedPostgresDatabase>>
let server: RunningServer | undefined
const METRICS_TOKEN = 'cluster-metrics-token-0123456789'

beforeAll(async () => {
  database = await createMigratedPostgresDatabase()
  server = await startServer({
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '3',
    WEB_CONCURRENCY: '2',
    MESSAGE_LOG: '/dev/null',
    METRICS_TOKEN,
  })
}, 120_000)
afterAll(async () => {
  await server?.stop()
  await database?.drop()
})

/** The pids that answered requests, from the request log lines. */
const servingPids = () =>
  new Set(
    server!
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{') && line.includes('"req"'))
      .map((line) => (JSON.parse(line) as { pid: number }).pid),
  )
/** The pids that said they listen (a process takes seconds to load the build, more on a loaded machine). */
const listeningPids = () =>
  new Set(
    server!
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{') && line.includes('[kepu] http://'))
      .map((line) => (JSON.parse(line) as { pid: number }).pid),
  )
const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
/**
 * `count` requests at once, each on a connection of its own, as new visitors arrive: a connection kept alive from an
 * earlier request could lead to a process the test has since killed.
 */
const ask = (count: number) =>
  Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<number>((resolve) =>
          http
            .get(`${server!.url}/healthz`, { agent: false }, (response) => {
              response.resume()
              response.on('end', () => resolve(response.statusCode ?? 0))
            })
            .on('error', () => resolve(0)),
        ),
    ),
  )

describe('one process per core on PostgreSQL', () => {
  it('reports the metrics of all its processes at /metrics, whichever process is asked', { timeout: 300_000 }, async () => {
    await expect.poll(() => listeningPids().size, { timeout: 120_000 }).toBe(2)
    let asked = 0
    await expect
      .poll(
        async () => {
          asked += (await ask(20)).filter((status) => status === 200).length
          return servingPids().size
        },
        { timeout: 30_000 },
      )
      .toBe(2)
    const sample = (text: string, name: string) => Number(text.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1] ?? NaN)
    let metricsRead = 0
    const readMetrics = async () => {
      const response = await fetch(`${server!.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
      expect(response.status).toBe(200)
      const text = await response.text()
      metricsRead += 1
      return text
    }
    // Every request answered so far, by either process, is counted; one process alone has only its share. The reads of
    // /metrics before this one count too (not this one: it is still being answered).
    const answeredBesidesMetrics = async () => {
      const before = metricsRead
      const text = await readMetrics()
      const answered = [...text.matchAll(/^kepu_http_request_duration_seconds_count\{[^}]*\} (\d+)$/gm)].reduce(
        (n, m) => n + Number(m[1]),
        0,
      )
      return answered - before
    }
    // A process counts a request once it has finished sending it, which can come a moment after the client has read
    // it: the sum catches up.
    await expect.poll(answeredBesidesMetrics, { timeout: 15_000 }).toBeGreaterThanOrEqual(asked)
    for (let i = 0; i < 4; i++) {
      // Memory is summed over the processes, and the largest process is reported beside the sum, whichever answers.
      const text = await readMetrics()
      const largest = sample(text, 'kepu_server_process_resident_memory_max_bytes')
      expect(largest).toBeGreaterThan(0)
      expect(sample(text, 'kepu_process_resident_memory_bytes')).toBeGreaterThan(largest)
    }
  })

  it('answers from two processes, replaces one killed with SIGKILL, and stops them all on SIGTERM', { timeout: 300_000 }, async () => {
    await expect.poll(() => listeningPids().size, { timeout: 120_000 }).toBe(2)
    await expect
      .poll(
        async () => {
          await ask(20)
          return servingPids().size
        },
        { timeout: 30_000 },
      )
      .toBe(2)
    const [victim, survivor] = [...servingPids()]
    process.kill(victim, 'SIGKILL')
    await expect.poll(() => alive(victim)).toBe(false)
    // Meanwhile the other process answers (once the primary has seen the death: a connection it handed over just
    // before is cut with the process); then a new one joins it.
    await expect.poll(async () => (await ask(5)).every((status) => status === 200), { timeout: 15_000 }).toBe(true)
    await expect.poll(() => listeningPids().size, { timeout: 120_000 }).toBe(3)
    await expect
      .poll(
        async () => {
          await ask(20)
          return [...servingPids()].filter((pid) => pid !== victim && pid !== survivor && alive(pid)).length
        },
        {
          timeout: 30_000,
        },
      )
      .toBe(1)
    expect(server!.output()).toContain(`server process ${victim} ended (SIGKILL); starting another`)

    const pids = [...servingPids()].filter(alive)
    await server!.stop()
    server = undefined
    await expect.poll(() => pids.filter(alive), { timeout: 15_000 }).toEqual([])
  })
})
