// One process serving the built portal on PORT (3000); server/index.ts starts one, or one per core on PostgreSQL.
// Under `npm run dev` (remix dev --manual) it loads each new build in place, keeping its database open.
import { statSync, watchFile } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { broadcastDevReady, installGlobals, type ServerBuild } from '@remix-run/node'
// Importing the configuration checks it: a wrong value stops the start with its name (the build warns once).
import { createApp } from './app'
import { type ControlFile, newBackupToken, removeControlFile, writeControlFile } from './pglite-backup'
import { checkedProviders, type MessageWorker, startConfiguredMessageWorker } from '../app/models/message/worker.server'
import { env } from '../app/utils/infra/env.server'
import { logger } from '../app/utils/infra/logger.server'

process.env.NODE_ENV ??= 'production'
const buildFile = path.resolve('build/index.js')
// remix dev runs this with NODE_ENV=development and its own address to tell when a build is served.
const dev = process.env.NODE_ENV === 'development' && Boolean(process.env.REMIX_DEV_ORIGIN)
const importBuild = async (): Promise<ServerBuild> =>
  import(`${pathToFileURL(buildFile).href}${dev ? `?t=${statSync(buildFile).mtimeMs}` : ''}`)
let build = await importBuild()
installGlobals({ nativeFetch: build.future.v3_singleFetch })
if (dev) {
  // Each rebuild ends by writing build/version.txt: the new build is loaded (its modules keep the one Prisma client
  // and PGlite, on globalThis) and remix dev told it is served.
  watchFile(
    path.resolve('build/version.txt'),
    { interval: 300 },
    () =>
      void importBuild()
        .then((next) => {
          build = next
          return broadcastDevReady(build)
        })
        .catch((error) => logger.error(`[dev] the new build did not load: ${(error as Error).message}`)),
  )
  void broadcastDevReady(build)
}

// A real SMS or e-mail provider missing a setting or a template code stops the start here, naming it.
const providers = env.MESSAGE_WORKER === 'in-process' ? checkedProviders() : undefined

const port = env.PORT
// On PGlite, `npm run backup` asks this process for a consistent copy (server/pglite-backup.ts).
const pgliteDir = !env.DATABASE_URL && !env.PGLITE_DIR.includes('://') ? env.PGLITE_DIR : undefined
const backupToken = pgliteDir ? newBackupToken() : undefined
let control: ControlFile | undefined
const app = createApp(dev ? () => build : build, undefined, undefined, backupToken)
const onListen = () => {
  if (pgliteDir && backupToken) control = writeControlFile(pgliteDir, port, env.HOST ?? '127.0.0.1', backupToken)
  logger.info(`[kepu] http://localhost:${port}`)
}
const server = env.HOST ? app.listen(port, env.HOST, onListen) : app.listen(port, onListen)

// Messages are delivered by this process unless MESSAGE_WORKER=off (then `npm run worker`, PostgreSQL only).
// The Remix build made the one Prisma client (and PGlite instance); the worker shares them through globalThis.
// The pages do not wait for it: a database that is down at start gives 503 pages, not a dead server, and the worker
// keeps trying to start until the database answers.
let worker: MessageWorker | undefined
let stopping = false
async function startWorker(attempt = 1): Promise<void> {
  if (stopping || !providers) return
  try {
    const prisma = globalThis.__kepuPrisma ?? (await import('../app/utils/infra/db.server')).prisma
    worker = await startConfiguredMessageWorker(prisma, env, providers)
  } catch (error) {
    if (attempt === 1) logger.error(`[messages] the worker could not start (${(error as Error).message}); trying again every 30 s`)
    setTimeout(() => void startWorker(attempt + 1), 30_000).unref()
  }
}
void startWorker()

// Graceful: no new connections, requests in flight finish (idle keep-alive connections close within 0.2 s), the
// message worker stops, the pool closes; after 10 s whatever still hangs is cut.
function shutDown() {
  if (stopping) return
  stopping = true
  if (pgliteDir && control) removeControlFile(pgliteDir, control)
  setTimeout(() => process.exit(0), 10_000).unref()
  server.close(async () => {
    await worker?.stop()
    await globalThis.__kepuPrisma?.$disconnect().catch(() => {})
    process.exit(0)
  })
  // A keep-alive connection is closed as soon as it is idle: at once, or once its request in flight is answered
  // (not after keep-alive's 5 s). A connection accepted moments ago is given a moment to send its request first.
  setInterval(() => server.closeIdleConnections(), 200).unref()
}
// `on`, not `once`: a second signal (the cluster's primary passes one on too) must not cut the graceful stop short.
process.on('SIGTERM', shutDown)
process.on('SIGINT', shutDown)
