// One structured log (decision 014): JSON lines by pino on stdout, each with the request id of the request it
// belongs to (AsyncLocalStorage carries it through loaders, actions and the models), and never a phone number,
// a private-link token or a name: paths are logged with their tokens cut out and without their query, and any
// 11-digit mobile number that slips into a message is masked.
import { AsyncLocalStorage } from 'node:async_hooks'
import pino, { type Logger } from 'pino'
import { env } from './env.server'

type RequestContext = { requestId: string }

declare global {
  // eslint-disable-next-line no-var
  var __kepuLog: { logger: Logger; requests: AsyncLocalStorage<RequestContext> } | undefined
}

const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g

/** Masks mainland mobile numbers in a log text (138****5678), the way lists show them. */
export const maskPhonesInText = (text: string) => text.replace(MOBILE, '$1****$2')

// The server entry and the Remix build each load this module: one logger and one request context, on globalThis.
const shared = (globalThis.__kepuLog ??= (() => {
  const requests = new AsyncLocalStorage<RequestContext>()
  const logger = pino({
    level: env.LOG_LEVEL,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const context = requests.getStore()
      return context ? { reqId: context.requestId } : {}
    },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) =>
            typeof arg === 'string'
              ? maskPhonesInText(arg)
              : arg instanceof Error
                ? { err: { type: arg.name, message: maskPhonesInText(arg.message), stack: maskPhonesInText(arg.stack ?? '') } }
                : arg,
          ) as Parameters<typeof method>,
        )
      },
    },
  })
  return { logger, requests }
})())

export const logger: Logger = shared.logger

/** Runs `work` with `requestId` on every log line it writes. */
export function withRequestContext<T>(requestId: string, work: () => T): T {
  return shared.requests.run({ requestId }, work)
}

/** The current request's id, if any (for error pages that quote it). */
export const currentRequestId = (): string | undefined => shared.requests.getStore()?.requestId

// Path segments that are secrets or personal: private-link tokens (long random words), codes and numbers.
// Anywhere in the decoded segment: a token with one percent-encoded character or trailing punctuation (`。`, `.`)
// still reaches the route, so it must not reach the log either (issue 24).
const SECRET_SEGMENT = /[A-Za-z0-9_-]{16,}|\d{7,}/

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** A path fit for the log: no query string, secret-looking segments replaced by ':token'. */
export function loggablePath(url: string): string {
  const path = url.split('?')[0]
  return path
    .split('/')
    .map((segment) => (SECRET_SEGMENT.test(decoded(segment)) || SECRET_SEGMENT.test(segment) ? ':token' : segment))
    .join('/')
}
