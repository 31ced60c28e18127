// Starts the built portal on a free port with the server `npm start` runs (server/index.ts), for end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import getPort from 'get-port'
import { childEnv } from './env'

export type RunningServer = {
  url: string
  stop: () => Promise<void>
  /** kill -9: no shutdown, no closing of the database (a crash, the OOM killer, a pulled plug). */
  kill: () => Promise<void>
  output: () => string
}

export async function startServer(env: Record<string, string>, port?: number): Promise<RunningServer> {
  port ??= await getPort()
  const child: ChildProcess = spawn(path.join('node_modules', '.bin', 'tsx'), ['server/index.ts'], {
    // One process unless a test asks for more: per-process caches and counters make answers depend on which process
    // took the request (tests/e2e/cluster.test.ts runs several).
    env: childEnv({ NODE_ENV: 'production', PORT: String(port), WEB_CONCURRENCY: '1', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: tsx runs the server in a child process, and a signal must reach both (SIGKILL cannot be
    // passed on by tsx; killing only tsx left the server running).
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
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        process.kill(-child.pid!, 'SIGTERM')
      }),
    kill: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        process.kill(-child.pid!, 'SIGKILL')
      }),
  }
}
