// `npm start` serves the built portal with this (after `npm run setup`), on PORT (3000).
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { installGlobals, type ServerBuild } from '@remix-run/node'
import { createApp } from './app'

process.env.NODE_ENV ??= 'production'
const build: ServerBuild = await import(pathToFileURL(path.resolve('build/index.js')).href)
installGlobals({ nativeFetch: build.future.v3_singleFetch })

const port = Number(process.env.PORT) || 3000
const app = createApp(build)
const onListen = () => console.log(`[kepu] http://localhost:${port}`)
const server = process.env.HOST ? app.listen(port, process.env.HOST, onListen) : app.listen(port, onListen)
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.close(() => process.exit(0)))
