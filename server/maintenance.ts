// Maintenance commands beside a running portal (decision 028). A PGlite folder belongs to one process (its lock,
// app/utils/infra/pglite-lock.server.ts), so when the portal holds it, `npm run admin:create`, `seed` and `retention` hand
// their work to the portal, as `npm run backup` does (decision 014): they read the portal's control file (its port
// and secret, beside the folder, readable by its user only) and POST /_ops/task from this machine; the portal runs
// the command between its requests and answers with what it printed. Without a portal, or on PostgreSQL, the command
// runs in its own process, as before.
import { type ControlFile, runningPortal } from './pglite-backup'
import { env } from '../app/utils/infra/env.server'
import type { TaskOutput } from './maintenance-tasks'
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express'

/** The portal's address for a request from this machine. */
export function portalUrl(portal: ControlFile, pathname: string): string {
  const host = ['', '0.0.0.0', '::'].includes(portal.host) ? '127.0.0.1' : portal.host
  return `http://${host.includes(':') ? `[${host}]` : host}:${portal.port}${pathname}`
}

/**
 * POST /_ops/task `{ name, args }` (JSON): runs the command in the portal and answers its output. Behind `opsOnly`
 * (server/app.ts): from this machine with the control file's secret.
 */
export function taskHandler() {
  return async (req: ExpressRequest, res: ExpressResponse) => {
    const { name, args } = (req.body ?? {}) as { name?: unknown; args?: unknown }
    const tasks = await import('./maintenance-tasks')
    const valid = typeof name === 'string' && tasks.isTask(name) && Array.isArray(args) && args.every((a) => typeof a === 'string')
    if (!valid) return void res.status(404).type('text').send('Not found')
    res.set('Cache-Control', 'no-store').json(await tasks.runTask(name, args as string[]))
  }
}

/** The body of `scripts/<command>.ts`: runs the command here or in the running portal, prints and sets the exit code. */
export async function runCommand(name: string, args = process.argv.slice(2)): Promise<void> {
  const portal = env.DATABASE_URL || env.PGLITE_DIR.includes('://') ? undefined : runningPortal(env.PGLITE_DIR)
  let result: TaskOutput
  if (portal) {
    // A portal stopping just now may not answer: said in one line, like any other refusal.
    const answer = await fetch(portalUrl(portal, '/_ops/task'), {
      method: 'POST',
      headers: { Authorization: `Bearer ${portal.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, args }),
    }).catch((error: Error) => ({ ok: false, status: (error.cause as Error | undefined)?.message ?? error.message }) as const)
    if (!answer.ok) {
      console.error(
        `The running portal (pid ${portal.pid}) did not run \`${name}\`: ${typeof answer.status === 'number' ? `HTTP ${answer.status}` : answer.status}; try again.`,
      )
      process.exitCode = 1
      return
    }
    result = (await answer.json()) as TaskOutput
    console.error(`(run by the portal that holds ${env.PGLITE_DIR}, pid ${portal.pid})`)
  } else {
    const tasks = await import('./maintenance-tasks')
    try {
      result = await tasks.runTask(name, args)
    } finally {
      await tasks.closeDatabase()
    }
  }
  for (const [stream, line] of result.lines) (stream === 1 ? console.log : console.error)(line)
  process.exitCode = result.exitCode
}
