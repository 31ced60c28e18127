// Starts the built portal on a free port with the server `npm start` runs (server/index.ts), for end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import getPort from 'get-port'
import { childEnv } from './env'

export type RunningServer = {
  url: string
  /** The process `npm run serve` starts (with WEB_CONCURRENCY=1 the one that answers; its CPU time is in /proc). */
  pid: number
  stop: () => Promise<void>
  /** kill -9: no shutdown, no closing of the database (a crash, the OOM killer, a pulled plug). */
  kill: () => Promise<void>
  /** SIGTERM to the process `npm run serve` starts only, as `kill <pid>` or `docker stop` sends it; waits for the group. */
  terminate: () => Promise<void>
  output: () => string
}

export async function startServer(env: Record<string, string>, port?: number): Promise<RunningServer> {
  port ??= await getPort()
  // As `npm run serve` runs it: the compiled server under node (`npm run build` made it), one process (decision 039).
  const child: ChildProcess = spawn(process.execPath, ['build/server/index.mjs'], {
    // One process unless a test asks for more: per-process caches and counters make answers depend on which process
    // took the request (tests/e2e/cluster.test.ts runs several).
    env: childEnv({ NODE_ENV: 'production', PORT: String(port), WEB_CONCURRENCY: '1', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a signal reaches every process of it (on PostgreSQL, the cluster's workers too).
    detached: true,
  })
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`)
    try {
      await fetch(`${url}/healthz`)
      break
    } catch {
      if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`)
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  return {
    url,
    pid: child.pid!,
    output: () => output,
    // Both wait until every process of the group is gone: on PostgreSQL the cluster's workers may still be finishing
    // their shutdown when the primary has exited.
    stop: () => signalGroup(child, 'SIGTERM'),
    kill: () => signalGroup(child, 'SIGKILL'),
    terminate: async () => {
      child.kill('SIGTERM')
      await signalGroup(child, null)
    },
  }
}

/**
 * Whether a process of the group is still running. On Linux from /proc, where a zombie (exited, waiting for PID 1 to
 * reap it, which can take a second) counts as gone; elsewhere, whether the group can be signalled.
 */
function groupRunning(group: number): boolean {
  if (existsSync('/proc/self/stat')) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue
      let stat: string
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      } catch {
        continue // gone meanwhile
      }
      // "pid (command) state ppid pgrp …": the command may hold spaces and parentheses, so read after the last ")".
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(pgrp) === group && state !== 'Z') return true
    }
    return false
  }
  try {
    process.kill(-group, 0)
    return true
  } catch {
    return false
  }
}

/**
 * Sends `signal` to the server's process group (none: only waits) and resolves once no process of the group runs (at
 * most 20 s).
 */
async function signalGroup(child: ChildProcess, signal: NodeJS.Signals | null): Promise<void> {
  const group = child.pid!
  if (!groupRunning(group)) return
  try {
    if (signal) process.kill(-group, signal)
  } catch {
    return // the group ended meanwhile
  }
  const deadline = Date.now() + 20_000
  while (groupRunning(group) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
}
