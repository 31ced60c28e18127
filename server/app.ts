// The HTTP server around the Remix build, as remix-serve builds it (express, compression, static files, request
// log), plus the security headers of decision 008 and the request guards of decision 014 (the trusted client
// address, TRUST_PROXY; form content types; body size; NUL characters).
import compression from 'compression'
import express from 'express'
import morgan from 'morgan'
import onHeaders from 'on-headers'
import { createRequestHandler, readBoundedBody, resolveClientAddress, stripNulFromUrl } from './request-guards'
import { cameOverHttps, createNonce, securityHeaders, tileOrigins } from './security-headers'
import { env } from '../app/utils/env.server'
import { tileConfig } from '../app/utils/map-config.server'
import type { ServerBuild } from '@remix-run/node'

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** This request's Content-Security-Policy nonce, for the inline scripts entry.server renders (loaders never need it). */
    cspNonce?: string
  }
}

export function createApp(build: ServerBuild, mode = process.env.NODE_ENV ?? 'production', trustProxy = env.TRUST_PROXY ?? false) {
  const imageOrigins = tileOrigins(tileConfig())
  const app = express()
  app.disable('x-powered-by')
  // Who the client is: the socket, unless TRUST_PROXY names the proxies whose X-Forwarded-For entries count.
  app.set('trust proxy', trustProxy)
  app.use(resolveClientAddress, stripNulFromUrl)
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
  app.use(readBoundedBody())
  app.all('*', createRequestHandler({ build, mode, getLoadContext: (_req, res) => ({ cspNonce: String(res.locals.cspNonce) }) }))
  return app
}
