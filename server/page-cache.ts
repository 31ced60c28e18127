// A short-lived shared cache of anonymous public pages and JSON (decision 015). Rendering the home page costs
// milliseconds of database and React work per request; most visitors on a busy day ask for the same few URLs.
// - Only GET, only the public listing URLs below, only for visitors whose cookies are preferences (language, text
//   size) or the anonymous CSRF and device cookies: a signed-in resident or staff member always gets a fresh page.
// - Stored only when the answer is a 200 with no Set-Cookie, not private or no-store, and no CSRF token in it.
// - Keyed by the URL and the language and text-size cookies; dropped when the database's public data version moves
//   (a sequence every write to a public table advances, migration 0009: every instance sees every change) and after
//   PAGE_CACHE_SECONDS anyway (times like "registration closes in an hour" move without a write). The registration
//   form is checked against the map data version instead: its seats-left figure may be that old (decision 032).
// - The Content-Security-Policy nonce of the render is replaced by this request's in every answer from the cache.
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'

const CACHEABLE_PATHS = [
  /^\/$/,
  /^\/events\/[^/]+$/,
  /^\/venues$/,
  /^\/venues\/[^/]+$/,
  /^\/menu$/,
  /^\/school-visits$/,
  /^\/calendar\.ics$/,
  /^\/feed\.xml$/,
  /^\/sitemap\.xml$/,
  /^\/api\/map-points$/,
  /^\/api\/v1\/(activities|venues)$/,
  /^\/embed\/activities$/,
  /^\/online$/,
  /^\/online\/[^/]+$/,
  /^\/sessions\/[^/]+\/register$/,
]
// Pages whose figures may be up to PAGE_CACHE_SECONDS old because a post decides (decision 032): the registration
// form's seats left. They are checked against the map data version (migration 0016), which activities, sessions'
// existence, status and start, venues and districts move, and seat counts do not: in a rush every registration
// moves the public data version, which would drop the form on each one.
const SEAT_FIGURE_PATHS = [/^\/sessions\/[^/]+\/register$/]
const PREFERENCE_COOKIES = new Set(['kepu_lang', 'kepu_text', 'kepu_csrf', 'kepu_device'])
const MAX_ENTRIES = 300
const MAX_BODY_BYTES = 1024 * 1024
// Headers the cache keeps; the rest (CSP with its nonce, the request id, dates, lengths) are made per answer.
const KEPT_HEADERS = ['content-type', 'cache-control', 'vary', 'referrer-policy', 'access-control-allow-origin', 'link']

/** `parts` is the body cut at every occurrence of its render's CSP nonce: an answer joins them with its own. */
type Entry = { version: string; storedAt: number; status: number; headers: Array<[string, string]>; parts: Buffer[] }

export type PageCacheOptions = {
  /** Seconds an answer may be served from the cache; 0 turns the cache off. */
  seconds: number
  /** The public data version now (a database read). */
  version: () => Promise<string>
  /** The map data version now (a database read), for SEAT_FIGURE_PATHS; without it those paths are not cached. */
  seatlessVersion?: () => Promise<string>
  /** How long one read of the version serves this process's requests; any post through this process reads it afresh. */
  versionMs?: number
}

/** The request's cookies, name to value, read once per request. */
function cookiesOf(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>()
  for (const pair of header?.split(';') ?? []) {
    const [name, ...value] = pair.split('=')
    if (name.trim()) cookies.set(name.trim(), value.join('=').trim())
  }
  return cookies
}

/** The cache key of a request it may answer, or undefined: not a GET of a listed path, or a visitor with other cookies. */
function cacheKey(req: Pick<ExpressRequest, 'method' | 'path' | 'headers' | 'originalUrl'>): string | undefined {
  if (req.method !== 'GET' || !CACHEABLE_PATHS.some((path) => path.test(req.path))) return undefined
  const cookies = cookiesOf(req.headers.cookie)
  if (![...cookies.keys()].every((name) => PREFERENCE_COOKIES.has(name))) return undefined
  return `${req.originalUrl}\n${cookies.get('kepu_lang') ?? ''}\n${cookies.get('kepu_text') ?? ''}`
}

/**
 * One read of a version serves the requests of the next `versionMs` (at 2,000 requests/s, one query in 200), so a
 * change made through another instance is seen within that time; `forget()` after a post through this process.
 */
function throttled(read: () => Promise<string>, versionMs: number) {
  let lastRead: { at: number; value: Promise<string> } | undefined
  return {
    read: () => {
      if (!lastRead || Date.now() - lastRead.at > versionMs) {
        const value = read()
        lastRead = { at: Date.now(), value }
        value.catch(() => (lastRead = undefined))
      }
      return lastRead.value
    },
    forget: () => (lastRead = undefined),
  }
}

export function pageCache({ seconds, version: readVersion, seatlessVersion: readSeatless, versionMs = 100 }: PageCacheOptions) {
  const entries = new Map<string, Entry>()
  const publicVersion = throttled(readVersion, versionMs)
  const seatlessVersion = readSeatless ? throttled(readSeatless, versionMs) : undefined
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      // A post may change public data: the next request reads the version again (after the change has committed).
      res.once('finish', () => {
        publicVersion.forget()
        seatlessVersion?.forget()
      })
      return next()
    }
    const key = seconds > 0 ? cacheKey(req) : undefined
    if (!key) return next()
    const seatFigures = SEAT_FIGURE_PATHS.some((path) => path.test(req.path))
    if (seatFigures && !seatlessVersion) return next()
    const version = seatFigures ? seatlessVersion!.read : publicVersion.read
    let current: string
    try {
      current = await version()
    } catch {
      return next() // the database is out of reach: the page answers 503 its usual way
    }
    const nonce = String(res.locals.cspNonce ?? '')
    const hit = entries.get(key)
    if (hit && hit.version === current && Date.now() - hit.storedAt < seconds * 1000) {
      // Most recently used last: the oldest entry goes first when the cache is full.
      entries.delete(key)
      entries.set(key, hit)
      res.status(hit.status)
      for (const [name, value] of hit.headers) res.setHeader(name, value)
      res.setHeader('X-Kepu-Cache', 'hit')
      const nonceBytes = Buffer.from(nonce)
      res.end(hit.parts.length === 1 ? hit.parts[0] : Buffer.concat(hit.parts.flatMap((part, i) => (i ? [nonceBytes, part] : [part]))))
      return
    }
    res.setHeader('X-Kepu-Cache', 'miss')
    const chunks: Buffer[] = []
    let size = 0
    const write = res.write.bind(res)
    const end = res.end.bind(res)
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function' || size > MAX_BODY_BYTES) return
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === 'string'
          ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
          : Buffer.from(chunk as Uint8Array)
      size += buffer.length
      chunks.push(buffer)
    }
    res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      keep(chunk, encoding)
      return write(chunk as never, encoding as never, callback as never)
    }) as typeof res.write
    res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
      keep(chunk, encoding)
      store()
      return end(chunk as never, encoding as never, callback as never)
    }) as typeof res.end
    const store = () => {
      if (res.statusCode !== 200 || size > MAX_BODY_BYTES || res.getHeader('set-cookie')) return
      if (/private|no-store/.test(String(res.getHeader('cache-control') ?? ''))) return
      const body = Buffer.concat(chunks)
      // A CSRF token is one visitor's (an empty field, left by public forms since decision 032, is nobody's).
      if (/name="csrf"(?! value="")/.test(body.toString('latin1'))) return
      const parts: Buffer[] = []
      let from = 0
      for (let at = nonce ? body.indexOf(nonce) : -1; at >= 0; at = body.indexOf(nonce, from)) {
        parts.push(body.subarray(from, at))
        from = at + nonce.length
      }
      parts.push(body.subarray(from))
      entries.set(key, {
        version: current,
        storedAt: Date.now(),
        status: 200,
        headers: KEPT_HEADERS.flatMap((name) => (res.hasHeader(name) ? [[name, String(res.getHeader(name))] as [string, string]] : [])),
        parts,
      })
      while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!)
    }
    next()
  }
}
