// `npm start` serves the built portal with this (after `npm run setup`), on PORT (3000). On PostgreSQL it runs one
// process per core (WEB_CONCURRENCY to choose), all listening on the one port (node:cluster); a process that dies is
// replaced, and SIGTERM stops them all gracefully. On PGlite one process: its data folder is one process's.
import cluster from 'node:cluster'
import os from 'node:os'
import { serveClusterMetrics } from './cluster-metrics'
import { env } from '../app/utils/infra/env.server'
import { logger } from '../app/utils/infra/logger.server'

const processes = env.DATABASE_URL ? (env.WEB_CONCURRENCY ?? os.availableParallelism()) : 1

if (processes > 1 && cluster.isPrimary) {
  // The kernel hands connections to the processes (SCHED_NONE), not the primary: with Node's round-robin, a
  // connection the primary was handing to a process as it was killed stayed open in the primary, never answered
  // nor closed (1 in 500 requests of a rush with a kill -9, issue 24; tests/units/cluster-handoff.test.ts).
  cluster.schedulingPolicy = cluster.SCHED_NONE
  let stopping = false
  const recentDeaths: number[] = []
  const start = () => cluster.fork()
  serveClusterMetrics()
  for (let i = 0; i < processes; i++) start()
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      return
    }
    // A crash loop (a wrong setting, a broken build) stops the start instead of forking for ever.
    const now = Date.now()
    recentDeaths.push(now)
    while (recentDeaths.length && recentDeaths[0] < now - 60_000) recentDeaths.shift()
    if (recentDeaths.length > processes * 5) {
      logger.fatal(`[kepu] ${recentDeaths.length} server processes died within a minute; stopping`)
      process.exit(1)
    }
    logger.error(`[kepu] server process ${worker.process.pid} ended (${signal ?? `exit code ${code}`}); starting another`)
    start()
  })
  const stop = () => {
    if (stopping) return
    stopping = true
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
    setTimeout(() => process.exit(0), 15_000).unref()
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  logger.info(`[kepu] ${processes} server processes on PostgreSQL`)
} else {
  // Before anything loads Remix: its route matching done once per process (decision 039).
  const { installMemoizedRouteMatching } = await import('./route-matching')
  if (!installMemoizedRouteMatching())
    logger.warn('[kepu] @remix-run/router is not the version route-matching.ts knows: routes are matched unmemoized')
  await import('./serve')
}
