// Reading database errors the same way on both drivers. @prisma/adapter-pg reports a unique violation as
// Prisma's P2002; pglite-prisma-adapter 0.6 passes PostgreSQL's own error through (SQLSTATE 23505).
import { Prisma } from '@prisma/client'

export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === 'P2002'
  const cause = (error as { cause?: { kind?: string; code?: string } } | null)?.cause
  return cause?.kind === 'UniqueConstraintViolation' || (cause?.kind === 'postgres' && cause.code === '23505')
}
