// Test databases: a fresh in-memory PGlite, or a fresh database on the PostgreSQL server, each with the
// committed migrations applied and dropped afterwards.
import { execFile } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { PGlite } from '@electric-sql/pglite'
import { PrismaClient } from '@prisma/client'
import pg from 'pg'
import { createPostgresAdapterFactory, pgliteAdapterFactory, pgliteOptions } from '~/utils/infra/db-adapter.server'
import { childEnv } from './env'

export type TestDatabaseKind = 'pglite' | 'postgres'
export type TestDatabase = {
  kind: TestDatabaseKind
  prisma: PrismaClient
  url?: string
  /** The PGlite instance behind `prisma` (pglite only): pg-boss runs over it. */
  pglite?: PGlite
  drop: () => Promise<void>
}

/**
 * The PostgreSQL server tests use (chosen, or started, by tests/helpers/postgres-server.ts before the files run); its
 * database `test` is only used to create and drop others.
 */
export const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test'

export function migrationSql(): string[] {
  const dir = path.join(process.cwd(), 'prisma', 'migrations')
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => readFileSync(path.join(dir, name, 'migration.sql'), 'utf8'))
}

export function databaseUrl(name: string): string {
  const url = new URL(postgresAdminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** Creates an empty PostgreSQL database and returns its name and a function that drops it. */
export async function createEmptyPostgresDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `kepu_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: postgresAdminUrl })
  try {
    await admin.connect()
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${postgresAdminUrl} (${(error as Error).message}). The tests use TEST_POSTGRES_URL's ` +
        'server, else the one answering at 127.0.0.1:5432, else one they start (tests/helpers/postgres-server.ts).',
    )
  }
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  return {
    name,
    url: databaseUrl(name),
    drop: async () => {
      const client = new pg.Client({ connectionString: postgresAdminUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await client.end()
    },
  }
}

/** An empty PostgreSQL database with every migration applied (as `prisma migrate deploy` would, without the CLI). */
export async function createMigratedPostgresDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const database = await createEmptyPostgresDatabase()
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  for (const sql of migrationSql()) await client.query(sql)
  await client.end()
  return database
}

/** A migrated PostgreSQL database holding the plans' data, seeded by scripts/seed.ts as `npm start` seeds an empty one. */
export async function createSeededPostgresDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const database = await createMigratedPostgresDatabase()
  await promisify(execFile)('node_modules/.bin/tsx', ['scripts/seed.ts'], {
    env: childEnv({ DATABASE_URL: database.url }),
    timeout: 120_000,
  })
  return database
}

/**
 * An in-memory PGlite with every migration applied. Running the migrations in PGlite costs 5–8 s of CPU, and some
 * thirty test files each make one; so the first file to need them saves the migrated data directory in the system's
 * temp folder, keyed by the migrations, PGlite's version and its options, and the others load it (about 1 s). A file
 * is written under a temporary name and renamed, so two files starting at once never read half of one.
 */
async function migratedPGlite(): Promise<PGlite> {
  const migrations = migrationSql()
  const version = JSON.parse(readFileSync(path.join(process.cwd(), 'node_modules/@electric-sql/pglite/package.json'), 'utf8')).version
  const key = createHash('sha256')
    .update(`${version}\0${JSON.stringify(pgliteOptions())}\0${migrations.join('\0')}`)
    .digest('hex')
    .slice(0, 20)
  const saved = path.join(tmpdir(), `kepu-test-pglite-${key}.tar`)
  if (existsSync(saved)) {
    const pglite = new PGlite('memory://', { ...pgliteOptions(), loadDataDir: new Blob([readFileSync(saved)]) })
    await pglite.waitReady
    return pglite
  }
  const pglite = new PGlite('memory://', pgliteOptions())
  for (const sql of migrations) await pglite.exec(sql)
  const dump = await pglite.dumpDataDir('none')
  const partial = `${saved}.${process.pid}.${randomBytes(4).toString('hex')}`
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()))
  renameSync(partial, saved)
  return pglite
}

export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const pglite = await migratedPGlite()
    const prisma = new PrismaClient({ adapter: pgliteAdapterFactory(pglite) })
    return {
      kind,
      prisma,
      pglite,
      drop: async () => {
        await prisma.$disconnect()
        await pglite.close()
      },
    }
  }
  const database = await createMigratedPostgresDatabase()
  const prisma = new PrismaClient({ adapter: createPostgresAdapterFactory(database.url) })
  return {
    kind,
    prisma,
    url: database.url,
    drop: async () => {
      await prisma.$disconnect()
      await database.drop()
    },
  }
}
