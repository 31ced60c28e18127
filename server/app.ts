// The HTTP server around the Remix build, as remix-serve builds it (express, compression, static files, request
// log), plus the security headers of decision 008. Later concerns (body limits, trust proxy, metrics) go here.
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'
import morgan from 'morgan'
import onHeaders from 'on-headers'
import { cameOverHttps, createNonce, securityHeaders, tileOrigins } from './security-headers'
import { tileConfig } from '../app/utils/map-config.server'
import type { ServerBuild } from '@remix-run/node'

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** This request's Content-Security-Policy nonce, for the inline scripts entry.server renders (loaders never need it). */
    cspNonce?: string
  }
}

export function createApp(build: ServerBuild, mode = process.env.NODE_ENV ?? 'production') {
  const imageOrigins = tileOrigins(tileConfig())
  const app = express()
  app.disable('x-powered-by')
  app.use((req, res, next) => {
    const nonce = createNonce()
    res.locals.cspNonce = nonce
    const headers = securityHeaders({ pathname: req.path, nonce, https: cameOverHttps(req.headers, req.secure), imageOrigins })
    // Filled in just before the headers go out, so a header the route set itself is kept, not doubled.
    onHeaders(res, () => {
      for (const [name, value] of Object.entries(headers)) if (!res.hasHeader(name)) res.setHeader(name, value)
    })
    next()
  })
  app.use(compression())
  // Hashed file names: cached for a year. Files in public/ keep their names: an hour.
  app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: '1y' }))
  app.use(express.static('public', { maxAge: '1h' }))
  app.use(morgan('tiny'))
  app.all('*', createRequestHandler({ build, mode, getLoadContext: (_req, res) => ({ cspNonce: String(res.locals.cspNonce) }) }))
  return app
}
