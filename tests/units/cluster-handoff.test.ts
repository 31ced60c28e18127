// Why server/index.ts sets SCHED_NONE (issue 24): with Node's round-robin scheduling the primary accepts each
// connection and hands it to a process; one handed over as that process is killed (kill -9) is never answered nor
// closed, and its client waits until it gives up. With the kernel handing connections out, a kill cuts only the
// connections the dead process held, at once. The same rush with two kills, under each policy.
import { spawn } from 'node:child_process'
import http from 'node:http'
import path from 'node:path'
import getPort from 'get-port'
import { expect, it } from 'vitest'

async function rushWithKills(policy: 'none' | 'rr'): Promise<{ answered: number; cut: number; hung: number }> {
  const port = await getPort()
  const primary = spawn(process.execPath, [path.join('tests', 'fixtures', 'cluster-handoff.mjs')], {
    env: { ...process.env, PORT: String(port), POLICY: policy },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const pids: number[] = []
  primary.stdout!.on('data', (chunk: Buffer) => pids.push(...[...chunk.toString().matchAll(/pid (\d+)/g)].map((m) => Number(m[1]))))
  try {
    while (pids.length < 2) await new Promise((resolve) => setTimeout(resolve, 50))
    const total = 1500
    const agent = new http.Agent({ keepAlive: false })
    let sent = 0
    const counts = { answered: 0, cut: 0, hung: 0 }
    const one = (): Promise<void> => {
      if (sent >= total) return Promise.resolve()
      sent += 1
      // Two kills mid-rush, of the newest process each time.
      if (sent === 500 || sent === 1000) process.kill(pids[pids.length - 1], 'SIGKILL')
      return new Promise<void>((resolve) => {
        const request = http.get({ host: '127.0.0.1', port, path: '/', agent }, (response) => {
          response.resume()
          response.on('end', () => {
            counts.answered++
            resolve()
          })
        })
        // Far longer than any answer takes on a loaded machine; only a connection nobody holds waits this long.
        request.setTimeout(20_000, () => {
          counts.hung++
          request.destroy()
        })
        request.on('error', () => {
          counts.cut++
          resolve()
        })
      }).then(one)
    }
    await Promise.all(Array.from({ length: 30 }, one))
    return counts
  } finally {
    primary.kill('SIGKILL')
    for (const pid of pids)
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // already gone
      }
  }
}

it('answers or cuts every request of a rush in which processes are killed (SCHED_NONE)', { timeout: 120_000 }, async () => {
  const counts = await rushWithKills('none')
  expect(counts.hung).toBe(0)
  expect(counts.answered + counts.cut).toBe(1500)
  expect(counts.answered).toBeGreaterThan(1400)
})
