// `npm start` serves the built portal with this (after `npm run setup`), on PORT (3000).
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { installGlobals, type ServerBuild } from '@remix-run/node'
// Importing the configuration checks it: a wrong value stops the start with its name (the build warns once).
import { createApp } from './app'
import { startConfiguredMessageWorker } from '../app/models/message-worker.server'
import { env } from '../app/utils/env.server'

process.env.NODE_ENV ??= 'production'
const build: ServerBuild = await import(pathToFileURL(path.resolve('build/index.js')).href)
installGlobals({ nativeFetch: build.future.v3_singleFetch })

const port = env.PORT
const app = createApp(build)
const onListen = () => console.log(`[kepu] http://localhost:${port}`)
const server = env.HOST ? app.listen(port, env.HOST, onListen) : app.listen(port, onListen)

// Messages are delivered by this process unless MESSAGE_WORKER=off (then `npm run worker`, PostgreSQL only).
// The Remix build made the one Prisma client (and PGlite instance); the worker shares them through globalThis.
const worker =
  env.MESSAGE_WORKER === 'in-process'
    ? await startConfiguredMessageWorker(globalThis.__kepuPrisma ?? (await import('../app/utils/db.server')).prisma)
    : undefined

for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => {
    server.close(async () => {
      await worker?.stop()
      process.exit(0)
    })
  })
