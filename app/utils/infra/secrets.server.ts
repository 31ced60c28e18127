// The secret that signs cookies (CSRF tokens, and staff sessions later). SESSION_SECRET wins when set; otherwise
// the app makes one on first use and keeps it in the database, so every instance shares it and a fresh clone
// starts without configuration. Read once per process: it never changes once written.
import { randomBytes } from 'node:crypto'
import { prisma } from '~/utils/infra/db.server'
import { env } from '~/utils/infra/env.server'
import type { PrismaClient } from '@prisma/client'

let cached: Promise<string> | undefined

async function loadOrCreate(name: string): Promise<string> {
  const candidate = randomBytes(32).toString('base64url')
  // Two instances starting together both insert; the first wins and both read it back.
  await prisma.$executeRaw`INSERT INTO "AppSecret" (name, value) VALUES (${name}, ${candidate}) ON CONFLICT (name) DO NOTHING`
  const row = await prisma.appSecret.findUniqueOrThrow({ where: { name } })
  return row.value
}

export function cookieSecret(): Promise<string> {
  const fromEnv = env.SESSION_SECRET
  if (fromEnv) return Promise.resolve(fromEnv)
  cached ??= loadOrCreate('cookie').catch((error) => {
    cached = undefined // try again on the next request
    throw error
  })
  return cached
}

let cachedLinkKey: Promise<string> | undefined

type SecretReader = Pick<PrismaClient, 'appSecret' | '$executeRaw'>

/**
 * The key private links are derived with (derivedLinkSecret); LINK_SECRET wins when set. Changing it ends every
 * derived link. Inside a transaction pass its client: on PGlite (one connection) a read outside the transaction
 * would wait for it to end. A key made inside a transaction is not cached until it is read back committed.
 */
export function linkKey(db?: SecretReader): Promise<string> {
  const fromEnv = env.LINK_SECRET
  if (fromEnv) return Promise.resolve(fromEnv)
  if (cachedLinkKey) return cachedLinkKey
  if (db) return linkKeyIn(db)
  cachedLinkKey = loadOrCreate('links').catch((error) => {
    cachedLinkKey = undefined
    throw error
  })
  return cachedLinkKey
}

async function linkKeyIn(db: SecretReader): Promise<string> {
  const existing = await db.appSecret.findUnique({ where: { name: 'links' } })
  if (existing) {
    cachedLinkKey ??= Promise.resolve(existing.value)
    return existing.value
  }
  await db.$executeRaw`INSERT INTO "AppSecret" (name, value) VALUES ('links', ${randomBytes(32).toString('base64url')}) ON CONFLICT (name) DO NOTHING`
  return (await db.appSecret.findUniqueOrThrow({ where: { name: 'links' } })).value
}
