// `npm start` serves the built portal with this (after `npm run setup`), on PORT (3000).
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { installGlobals, type ServerBuild } from '@remix-run/node'
// Importing the configuration checks it: a wrong value stops the start with its name (the build warns once).
import { createApp } from './app'
import { env } from '../app/utils/env.server'

process.env.NODE_ENV ??= 'production'
const build: ServerBuild = await import(pathToFileURL(path.resolve('build/index.js')).href)
installGlobals({ nativeFetch: build.future.v3_singleFetch })

const port = env.PORT
const app = createApp(build)
const onListen = () => console.log(`[kepu] http://localhost:${port}`)
const server = env.HOST ? app.listen(port, env.HOST, onListen) : app.listen(port, onListen)
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.close(() => process.exit(0)))
