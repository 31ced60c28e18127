// What every request passes before Remix sees it (decision 014): the one trusted client address, a form content
// type for posts (415), a body size limit (413, refused before the body is read when Content-Length says so, and
// while reading otherwise) and NUL characters taken out of query strings and form bodies (text never needs them,
// and PostgreSQL refuses them with an error).
import { timingSafeEqual } from 'node:crypto'
import {
  createRequestHandler as createRemixHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from '@remix-run/node'
import { POINT_REPORT_MAX_BYTES, POINT_REPORT_PATH } from '../app/models/online/point-report-limits'
import { IMPORT_MAX_FILE_BYTES, IMPORT_PATH } from '../app/models/spreadsheet-import/limits'
import { CLIENT_ADDRESS_HEADER } from '../app/utils/infra/client-address.server'
import { outageStatus } from '../app/utils/infra/outage.server'
import { uploadLimitFor } from '../app/utils/infra/storage/limits'
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'

/** Every form the portal has is text: 64 KB is hundreds of times the largest real one. */
export const MAX_BODY_BYTES = 64 * 1024

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

/** Whether the request comes from signed-in staff (its session cookie names a live session). */
export async function fromSignedInStaff(req: ExpressRequest): Promise<boolean> {
  if (!req.headers.cookie) return false
  const { getStaff } = await import('../app/utils/auth.server')
  return (
    (await getStaff(new Request(`${req.protocol}://localhost${req.originalUrl}`, { headers: { Cookie: req.headers.cookie } }))) !== null
  )
}

/** Whether the request comes from a signed-in resident (科普护照 account; lecturers sign in with one, decision 034). */
export async function fromSignedInResident(req: ExpressRequest): Promise<boolean> {
  if (!req.headers.cookie) return false
  const { getResident } = await import('../app/models/passport/account.server')
  return (
    (await getResident(new Request(`${req.protocol}://localhost${req.originalUrl}`, { headers: { Cookie: req.headers.cookie } }))) !== null
  )
}

/**
 * The exceptions to MAX_BODY_BYTES, per kind of route. The staff spreadsheet upload (decision 019) takes a file of
 * up to IMPORT_MAX_FILE_BYTES, from signed-in staff only (anyone else gets the usual limit, so nobody makes the
 * server read megabytes before the sign-in check, issue 24); twice that reaches the route, which answers a file
 * part over the limit with a message on the page; only more than that is cut off here. The photo uploads
 * (decision 034, `UPLOAD_ROUTES`) take one image: staff pages (/admin/…) from signed-in staff, the lecturer's own
 * page from a signed-in resident account.
 */
export function bodyLimitFor(
  isStaff: (req: ExpressRequest) => Promise<boolean> = fromSignedInStaff,
  isResident: (req: ExpressRequest) => Promise<boolean> = fromSignedInResident,
) {
  return async (req: ExpressRequest): Promise<number> => {
    if (req.path === IMPORT_PATH) return (await isStaff(req)) ? 2 * IMPORT_MAX_FILE_BYTES : MAX_BODY_BYTES
    if (POINT_REPORT_PATH.test(req.path)) return POINT_REPORT_MAX_BYTES
    const upload = uploadLimitFor(req.path)
    if (upload === undefined) return MAX_BODY_BYTES
    const allowed = req.path.startsWith('/admin/') ? await isStaff(req) : await isResident(req)
    return allowed ? upload : MAX_BODY_BYTES
  }
}

/**
 * Overwrites the client-address header with the address express resolved (`req.ip`: the socket, or with
 * `trust proxy` the entry the trusted proxies appended). A value the client sent under that name is dropped.
 */
export function resolveClientAddress(req: ExpressRequest, _res: ExpressResponse, next: NextFunction) {
  req.headers[CLIENT_ADDRESS_HEADER] = req.ip ?? req.socket.remoteAddress ?? 'unknown'
  next()
}

/** `%00` in a query string is a NUL character once decoded: dropped, like the ones in form bodies. */
export function stripNulFromUrl(req: ExpressRequest, _res: ExpressResponse, next: NextFunction) {
  if (/%00/i.test(req.url)) {
    req.url = req.url.replace(/%00/gi, '')
    req.originalUrl = req.originalUrl.replace(/%00/gi, '')
  }
  next()
}

const REFUSALS = {
  400: '表单里有无法识别的字符，请检查后重新输入。 / The form holds characters that are not valid text (UTF-8): please check and type them again.',
  413: '提交的内容过大，请缩短后再试。 / What you sent is too large: please shorten it and try again.',
  415: '只接受网页表单提交。 / Only web forms can be posted here.',
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Whether every name and value of an urlencoded body is UTF-8 once its %XX escapes are decoded. URLSearchParams
 * would put U+FFFD in place of broken bytes and store that (issue 24); a browser never sends them.
 */
export function isUtf8Form(body: string): boolean {
  for (const part of body.split(/[&=]/)) {
    if (!/%[89a-f]|[\u0080-\u00ff]/i.test(part)) continue
    const bytes = Buffer.from(
      part.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    )
    try {
      strictUtf8.decode(bytes)
    } catch {
      return false
    }
  }
  return true
}

function refuse(res: ExpressResponse, status: keyof typeof REFUSALS) {
  const text = REFUSALS[status]
  res.status(status).set({ 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close', 'Cache-Control': 'no-store' }).end(text)
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The body, read and checked by readBoundedBody (posts only). */
    boundedBody?: Buffer
  }
}

/**
 * For posts (and any method with a body): a form content type (JSON only for a digital point's report), or 415; at most `limit` bytes, or 413 (at once
 * when Content-Length says so, otherwise as soon as the stream passes it, without keeping what came). The body is
 * kept for Remix with NULs dropped from urlencoded forms.
 */
export function readBoundedBody(limitFor: number | ((req: ExpressRequest) => Promise<number>) = MAX_BODY_BYTES) {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
    if (typeof limitFor === 'number') return readWithin(limitFor, req, res, next)
    limitFor(req).then((limit) => readWithin(limit, req, res, next), next)
  }
}

function readWithin(limit: number, req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  // The one JSON endpoint: a digital point's report (decision 037); everything else posted is a form.
  const json = type === 'application/json' && POINT_REPORT_PATH.test(req.path)
  if (!FORM_TYPES.includes(type) && !json) {
    req.resume()
    return refuse(res, 415)
  }
  const declared = Number(req.headers['content-length'] ?? NaN)
  if (declared > limit) {
    req.resume()
    return refuse(res, 413)
  }
  const chunks: Buffer[] = []
  let size = 0
  let over = false
  req.on('data', (chunk: Buffer) => {
    if (over) return
    size += chunk.length
    if (size > limit) {
      over = true
      chunks.length = 0
      refuse(res, 413)
      return
    }
    chunks.push(chunk)
  })
  req.on('end', () => {
    if (over) return
    let body = Buffer.concat(chunks)
    if (type === 'application/x-www-form-urlencoded') {
      const text = body.toString('latin1')
      if (!isUtf8Form(text)) return refuse(res, 400)
      if (/%00/i.test(text)) body = Buffer.from(text.replace(/%00/gi, ''), 'latin1')
    }
    req.boundedBody = body
    next()
  })
  req.on('error', next)
}

/** Remix's express handler, except that a post's body is the one readBoundedBody read and checked. */
export function createRequestHandler({
  build,
  mode,
  getLoadContext,
}: {
  build: ServerBuild | (() => ServerBuild)
  mode: string
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext
}) {
  const handle = createRemixHandler(build, mode)
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const request = remixRequest(req, res)
      const response = await handle(request, getLoadContext(req, res))
      // A resource route that failed for want of the database: 503, like pages (entry.server).
      const status = outageStatus(request, response.status, response.headers)
      await sendRemixResponse(
        res,
        status === response.status ? response : new Response(response.body, { status, headers: response.headers }),
      )
    } catch (error) {
      next(error)
    }
  }
}

function remixRequest(req: ExpressRequest, res: ExpressResponse): Request {
  const port = (req.get('host') ?? '').split(':')[1]
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`)
  let controller: AbortController | null = new AbortController()
  res.on('finish', () => (controller = null))
  res.on('close', () => controller?.abort())
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    // The body is the buffer read above (NULs dropped): its framing headers no longer describe it.
    if (value === undefined || name === 'content-length' || name === 'transfer-encoding') continue
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
  }
  const init: RequestInit = { method: req.method, headers, signal: controller.signal }
  if (req.boundedBody) init.body = new Uint8Array(req.boundedBody)
  return new Request(url.href, init)
}

/** As @remix-run/express sends a response. */
async function sendRemixResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText
  res.status(response.status)
  for (const [name, value] of response.headers.entries()) res.append(name, value)
  if (/text\/event-stream/i.test(response.headers.get('Content-Type') ?? '')) res.flushHeaders()
  if (response.body) await writeReadableStreamToWritable(response.body, res)
  else res.end()
}

/** Whether the request carries `Authorization: Bearer <token>`, compared in constant time (/metrics, the backup). */
export function hasBearerToken(req: ExpressRequest, token: string): boolean {
  const given = Buffer.from(String(req.headers.authorization ?? ''))
  const expected = Buffer.from(`Bearer ${token}`)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/**
 * The portal's operations endpoints (/_ops/backup, /_ops/task: decisions 014 and 024): only from this machine, with
 * the secret of the control file beside the PGlite folder.
 */
export const opsRequestAllowed = (req: ExpressRequest, token: string) =>
  /^(127\.|::1$|::ffff:127\.)/.test(req.socket.remoteAddress ?? '') && hasBearerToken(req, token)

/** The same as a middleware, before a body is read: anything else is 404, as if there were no such page. */
export const opsOnly = (token: string) => (req: ExpressRequest, res: ExpressResponse, next: NextFunction) =>
  opsRequestAllowed(req, token) ? next() : void res.status(404).type('text').send('Not found')
