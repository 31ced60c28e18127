// The server's HTML: Remix's default Node entry with one repair. React 18.3's renderToPipeableStream can send NUL
// bytes where a multi-byte character (any Chinese text) meets the end of its 2 KB buffer (react#31134, fixed only in
// React 19). Browsers drop them in text but turn them into U+FFFD inside attributes: option values, labels and links
// came out corrupted ("��三年级"). In UTF-8 a 0x00 byte is never part of another character, so dropping every one
// is safe. The page also gets its routes' headers (page-headers.server.ts) and the request's CSP nonce, which the
// server (server/app.ts) put in the load context.
import { PassThrough, Transform } from 'node:stream'
import {
  createReadableStreamFromReadable,
  type AppLoadContext,
  type EntryContext,
  type HandleDataRequestFunction,
  type HandleErrorFunction,
} from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { isDatabaseUnavailable } from '~/utils/infra/db-errors.server'
import { logEnvWarnings } from '~/utils/infra/env.server'
import { logger } from '~/utils/infra/logger.server'
import { NonceProvider } from '~/utils/infra/nonce-provider'
import { markDatabaseDown, outageStatus } from '~/utils/infra/outage.server'
import { addRouteHeaders } from '~/utils/infra/page-headers.server'

const ABORT_DELAY = 5_000

// Loaded once when the server starts: configuration that works but not as meant is said here, not per request.
logEnvWarnings()

/** Passes the HTML through without its stray NUL bytes. */
export function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk)
    },
  })
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return
  if (isDatabaseUnavailable(error)) {
    markDatabaseDown(request)
    logger.error(`[db] unavailable: ${error instanceof Error ? error.message.split('\n').at(-1) : String(error)}`)
    return
  }
  logger.error(error instanceof Error ? error : { err: String(error) }, 'unexpected error')
}

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  const status = outageStatus(request, response.status, response.headers)
  return status === response.status ? response : new Response(response.body, { status, headers: response.headers })
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext?: AppLoadContext,
) {
  // Absent only when the build is served by something other than server/ (then the CSP has no nonce either).
  const nonce = loadContext?.cspNonce ?? ''
  responseStatusCode = outageStatus(request, responseStatusCode, responseHeaders)
  addRouteHeaders(remixContext.staticHandlerContext, responseHeaders)
  // Crawlers get the whole page at once; browsers get it as soon as the shell is ready.
  const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const ready = () => {
      shellRendered = true
      const body = new PassThrough()
      // The abort timer held the whole render (its tree and data) for 5 s after every page: under load that was
      // hundreds of finished pages in memory and work for the garbage collector.
      body.once('close', () => clearTimeout(abortTimer))
      responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
      pipe(withoutNulBytes()).pipe(body)
    }
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        ...(waitForAll ? { onAllReady: ready } : { onShellReady: ready }),
        onShellError(error: unknown) {
          clearTimeout(abortTimer)
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors before the shell rejects and Remix logs them; later ones only here.
          if (shellRendered) logger.error(error instanceof Error ? error : { err: String(error) }, 'render error')
        },
      },
    )
    const abortTimer = setTimeout(abort, ABORT_DELAY)
  })
}
