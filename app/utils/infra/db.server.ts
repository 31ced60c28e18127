// The one Prisma client of the app, kept across dev rebuilds, on PGlite or PostgreSQL (db-adapter.server.ts).
import { PrismaClient, type Prisma } from '@prisma/client'
import { createAdapterFactory } from './db-adapter.server'
import { readFiguresFrom } from './metrics.server'

declare global {
  // eslint-disable-next-line no-var
  var __kepuPrisma: PrismaClient | undefined
}

export function createPrismaClient(adapter = createAdapterFactory()): PrismaClient {
  return new PrismaClient({ adapter })
}

/** A transaction's client: what a model function takes to run inside its caller's transaction. */
export type Tx = Prisma.TransactionClient

export const prisma: PrismaClient = (globalThis.__kepuPrisma ??= createPrismaClient())
readFiguresFrom(prisma)
