// The secret that signs cookies (CSRF tokens, and staff sessions later). SESSION_SECRET wins when set; otherwise
// the app makes one on first use and keeps it in the database, so every instance shares it and a fresh clone
// starts without configuration. Read once per process: it never changes once written.
import { randomBytes } from 'node:crypto'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'

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

/** The key private links are derived with (derivedLinkSecret); LINK_SECRET wins when set. Changing it ends every derived link. */
export function linkKey(): Promise<string> {
  const fromEnv = env.LINK_SECRET
  if (fromEnv) return Promise.resolve(fromEnv)
  cachedLinkKey ??= loadOrCreate('links').catch((error) => {
    cachedLinkKey = undefined
    throw error
  })
  return cachedLinkKey
}
