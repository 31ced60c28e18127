// Reading database errors the same way on both drivers. @prisma/adapter-pg reports a unique violation as
// Prisma's P2002; pglite-prisma-adapter 0.6 passes PostgreSQL's own error through (SQLSTATE 23505).
import { Prisma } from '@prisma/client'

export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === 'P2002'
  const cause = (error as { cause?: { kind?: string; code?: string } } | null)?.cause
  return cause?.kind === 'UniqueConstraintViolation' || (cause?.kind === 'postgres' && cause.code === '23505')
}

/**
 * Whether an error means the database cannot be reached or used just now (no connection within the pool's
 * wait, a connection refused, ended or terminated, the server starting or shutting down): the answer is 503, try
 * again soon, not 500. Read from the error, its causes and the codes either driver or Prisma gives.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const codes = new Set([
    'P1001',
    'P1002',
    'P1017',
    'P2024',
    '53300',
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    '57P01',
    '57P02',
    '57P03',
  ])
  const kinds = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TransactionAlreadyClosed'])
  const words =
    /timeout exceeded when trying to connect|Connection terminated|connection ended|not queryable|terminating connection|the database system is (starting up|shutting down)|Can't reach database server|Timed out fetching a new connection|not currently accepting connections|too many clients/i
  let current: unknown = error
  for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
    const { code, kind, message, originalCode, cause } = current as Record<string, unknown>
    if ([code, originalCode].some((value) => typeof value === 'string' && (codes.has(value) || value.startsWith('08')))) return true
    if (typeof kind === 'string' && kinds.has(kind)) return true
    if (typeof message === 'string' && words.test(message)) return true
    current = cause
  }
  return false
}
