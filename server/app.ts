// The HTTP server around the Remix build, as remix-serve builds it (express, compression, static files, request
// log), plus the security headers of decision 008 and the request guards of decision 014 (the trusted client
// address, TRUST_PROXY; form content types; body size; NUL characters), a JSON request log with request ids and
// Prometheus metrics behind a token (decision 014).
import { randomUUID } from 'node:crypto'
import compression from 'compression'
import express, { type NextFunction, type Request as ExpressRequest, type Response as ExpressResponse } from 'express'
import onHeaders from 'on-headers'
import { allowedHostNames, allowedHosts } from './allowed-hosts'
import { clusterMetricsReader } from './cluster-metrics'
import { taskHandler } from './maintenance'
import { pageCache } from './page-cache'
import { backupHandler } from './pglite-backup'
import {
  bodyLimitFor,
  createRequestHandler,
  hasBearerToken,
  opsOnly,
  readBoundedBody,
  resolveClientAddress,
  stripNulFromUrl,
} from './request-guards'
import { createNonce, securityHeaders, tileOrigins } from './security-headers'
import { POINT_REPORT_PATH } from '../app/models/online/point-report-limits'
import { countResourceView, RESOURCE_VIEW_PATH } from '../app/models/online/reach.server'
import { crossSiteRefusal } from '../app/utils/cross-site.server'
import { addressBucket, CLIENT_ADDRESS_HEADER } from '../app/utils/infra/client-address.server'
import { openPGlite } from '../app/utils/infra/db-adapter.server'
import { env } from '../app/utils/infra/env.server'
import { loggablePath, logger, withRequestContext } from '../app/utils/infra/logger.server'
import { tileConfig } from '../app/utils/infra/map-config.server'
import { metricsRegistry, requestDuration } from '../app/utils/infra/metrics.server'
import type { ServerBuild } from '@remix-run/node'

/** The answer to a post refused as cross-site, in both languages, like the 421 of allowed-hosts.ts: it is answered
 * before Remix, which has no page for it (app/utils/cross-site.server.ts holds the rule). */
const CROSS_SITE_REFUSAL_TEXT = '页面已过期，请刷新页面后重新提交。\nThis page has expired: reload it and send the form again.\n'

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** This request's Content-Security-Policy nonce, for the inline scripts entry.server renders (loaders never need it). */
    cspNonce?: string
  }
}

/**
 * A resource page's view: counted once per visitor per day by the model, never stored as an address or user agent;
 * 204 whether it counted or not, so the answer says nothing about who was seen. A crawler, a flood or an unknown
 * resource is simply not counted.
 */
async function countView(req: ExpressRequest, res: ExpressResponse) {
  req.resume()
  const address = req.headers[CLIENT_ADDRESS_HEADER]
  await countResourceView({
    slug: req.params.slug,
    address: typeof address === 'string' ? addressBucket(address) : 'unknown',
    userAgent: req.get('User-Agent') ?? '',
  })
  res.status(204).set('Cache-Control', 'no-store').end()
}

/**
 * One JSON line per request once it is answered: its id (also sent as X-Request-Id), method, path without tokens or
 * query, status and time; and its duration in the metrics. Written here rather than with pino-http, which built a
 * child logger and serialized every request even when LOG_LEVEL turns the line off: a sixth of the time of a page
 * answered from the cache. Every log line written while the request is handled (loaders, actions, models) carries
 * its id. The client address is personal data: left out; the rate limits have it where they need it.
 */
function requestLog(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
  const id = randomUUID()
  const started = process.hrtime.bigint()
  res.setHeader('X-Request-Id', id)
  const done = (finished: boolean) => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    if (finished) requestDuration.observe({ method: req.method, status: String(res.statusCode) }, seconds)
    const level = !finished ? 'warn' : res.statusCode >= 500 ? 'error' : 'info'
    if (!logger.isLevelEnabled(level)) return
    logger[level](
      {
        req: { id, method: req.method, path: loggablePath(req.originalUrl) },
        res: { status: res.statusCode },
        responseTime: Math.round(seconds * 1000),
      },
      finished ? 'request' : 'request aborted',
    )
  }
  res.once('finish', () => done(true))
  res.once('close', () => res.writableFinished || done(false))
  withRequestContext(id, next)
}

/** /metrics for a Prometheus that sends `Authorization: Bearer METRICS_TOKEN`; without the token set, no such page. */
async function serveMetrics(req: ExpressRequest, res: ExpressResponse, readMetrics: () => Promise<string>) {
  const token = env.METRICS_TOKEN
  if (!token) return res.status(404).type('text').send('Not found')
  if (!hasBearerToken(req, token)) return res.status(401).set('WWW-Authenticate', 'Bearer').type('text').send('Unauthorized')
  res
    .set('Cache-Control', 'no-store')
    .type(metricsRegistry.contentType)
    .send(await readMetrics())
}

/** A post another site's page sent (Sec-Fetch-Site, else Origin: app/utils/cross-site.server.ts) gets a 403. */
function refuseCrossSitePosts(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
  if (req.method === 'GET' || req.method === 'HEAD') return next()
  // A digital point's report carries its own token and no cookie (decision 037): where it comes from does not matter.
  if (POINT_REPORT_PATH.test(req.path)) return next()
  const refusal = crossSiteRefusal({
    method: req.method,
    url: `${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`,
    headers: { get: (name) => req.get(name) ?? null },
  })
  if (!refusal) return next()
  res.status(403).set('Cache-Control', 'no-store').type('text/plain; charset=utf-8').send(CROSS_SITE_REFUSAL_TEXT)
}

/** The public data version (migration 0009): moves with every committed change to what public pages show. */
async function readPublicDataVersion(): Promise<string> {
  const prisma = globalThis.__kepuPrisma ?? (await import('../app/utils/infra/db.server')).prisma
  const [row] = await prisma.$queryRaw<
    [{ version: string }]
  >`SELECT last_value::text || is_called::text AS version FROM "PublicDataVersion"`
  return row.version
}

/** The map data version (migration 0016): moves with activities, sessions' existence, status and start, not seats. */
async function readMapDataVersion(): Promise<string> {
  const prisma = globalThis.__kepuPrisma ?? (await import('../app/utils/infra/db.server')).prisma
  const [row] = await prisma.$queryRaw<[{ version: string }]>`SELECT last_value::text || is_called::text AS version FROM "MapDataVersion"`
  return row.version
}

export function createApp(
  // A function under `npm run dev`: the build of the moment (server/serve.ts).
  buildOrLatest: ServerBuild | (() => ServerBuild),
  mode = process.env.NODE_ENV ?? 'production',
  trustProxy = env.TRUST_PROXY ?? false,
  // The secret of the PGlite operations endpoints (server/pglite-backup.ts, server/maintenance.ts); unset on PostgreSQL.
  backupToken?: string,
) {
  const build = typeof buildOrLatest === 'function' ? buildOrLatest() : buildOrLatest
  const imageOrigins = tileOrigins(tileConfig())
  const app = express()
  app.disable('x-powered-by')
  // Who the client is: the socket, unless TRUST_PROXY names the proxies whose X-Forwarded-For entries count.
  app.set('trust proxy', trustProxy)
  app.use(resolveClientAddress, stripNulFromUrl)
  app.use(requestLog)
  app.use((req, res, next) => {
    const nonce = createNonce()
    res.locals.cspNonce = nonce
    // req.secure is express's answer: the socket's TLS, or X-Forwarded-Proto only from a proxy TRUST_PROXY names.
    const headers = securityHeaders({
      pathname: req.path,
      nonce,
      https: req.secure,
      imageOrigins,
      embedAncestors: env.EMBED_FRAME_ANCESTORS,
    })
    // Filled in just before the headers go out, so a header the route set itself is kept, not doubled.
    onHeaders(res, () => {
      for (const [name, value] of Object.entries(headers)) if (!res.hasHeader(name)) res.setHeader(name, value)
    })
    next()
  })
  app.use(allowedHosts(allowedHostNames(env.PUBLIC_URL, env.ALLOWED_HOSTS)))
  app.use(compression())
  // Before the static files: none of its paths is a file, and a hit then costs no file-system look-up.
  app.use(pageCache({ seconds: env.PAGE_CACHE_SECONDS, version: readPublicDataVersion, seatlessVersion: readMapDataVersion }))
  // Hashed file names: cached for a year. Files in public/ keep their names: an hour.
  app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: '1y' }))
  // Only a path that names a file (favicon.svg) is looked for on disk: pages (/r/…, /sessions/…/register) skip a
  // file-system look-up that always misses.
  const publicFiles = express.static('public', { maxAge: '1h' })
  app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()))
  const readMetrics = clusterMetricsReader(metricsRegistry)
  app.get('/metrics', (req, res, next) => void serveMetrics(req, res, readMetrics).catch(next))
  if (backupToken) {
    app.post('/_ops/backup', (req, res, next) => void backupHandler(backupToken, () => openPGlite())(req, res).catch(next))
    // Maintenance commands run beside the portal (decision 028): a small JSON body, before the form-only guard.
    const runTask = taskHandler()
    app.post('/_ops/task', opsOnly(backupToken), express.json({ limit: '16kb' }), (req, res, next) => void runTask(req, res).catch(next))
  }
  // Posts from another site's page are refused here for every route (decision 032): Remix itself would answer a
  // foreign Origin with a 500, and public forms carry no token.
  app.use(refuseCrossSitePosts)
  // The resource page's view beacon (decision 037): answered here, after the cross-site refusal and before Remix,
  // whose request conversion and route matching cost as much as the count itself. It reads no body.
  app.post(RESOURCE_VIEW_PATH, (req, res, next) => void countView(req, res).catch(next))
  app.use(readBoundedBody(bodyLimitFor()))
  app.all(
    '*',
    createRequestHandler({ build: buildOrLatest, mode, getLoadContext: (_req, res) => ({ cspNonce: String(res.locals.cspNonce) }) }),
  )
  return app
}
