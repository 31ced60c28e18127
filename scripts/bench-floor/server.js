// The floor's server: express and Remix's express adapter around the build, nothing else (PORT; FLOOR_PAGES).
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import express from 'express'

const build = await import(pathToFileURL(path.resolve('build/index.js')).href)
const app = express()
app.disable('x-powered-by')
app.all('*', createRequestHandler({ build, mode: 'production' }))
app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'))
