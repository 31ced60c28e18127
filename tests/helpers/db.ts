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
import { templatePrefix } from './postgres-server'

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

/** Creates an empty PostgreSQL database (or a copy of `template`) and returns its name and a function that drops it. */
export async function createEmptyPostgresDatabase(template?: string): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
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
  await admin.query(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`)
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

/** Applies every migration to the database at `url` (as `prisma migrate deploy` would, without the CLI). */
async function migrate(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  for (const sql of migrationSql()) await client.query(sql)
  await client.end()
}

/** Runs the seed as `npm start` does on an empty database, in its own process (scripts/seed.ts). */
async function seed(url: string): Promise<void> {
  await promisify(execFile)('node_modules/.bin/tsx', ['scripts/seed.ts'], {
    env: childEnv({ DATABASE_URL: url }),
    timeout: 120_000,
  })
}

/**
 * The run's template database of this kind, made by the first file that asks (the others wait on an advisory lock)
 * and copied by `CREATE DATABASE … TEMPLATE`, about half the time of migrating and a fraction of seeding, which runs
 * the seed script in a process of its own. Keyed by the migrations (and seed files) as well as the run, so a file
 * changed mid-run is not served an old copy. Made under a temporary name and renamed when complete, so a copy is
 * never taken of half of one. Undefined outside a vitest run (the bench), which then migrates or seeds each database.
 */
async function templateDatabase(kind: 'migrated' | 'seeded'): Promise<string | undefined> {
  const run = process.env.KEPU_TEST_RUN
  if (!run) return undefined
  const hash = createHash('sha256').update(migrationSql().join('\0'))
  if (kind === 'seeded') for (const file of seedFiles()) hash.update(readFileSync(file))
  // Named after the run (tests/helpers/postgres-server.ts sets it), so the run drops its own.
  const name = `${templatePrefix}${run}_${kind}_${hash.digest('hex').slice(0, 12)}`
  const admin = new pg.Client({ connectionString: postgresAdminUrl })
  await admin.connect()
  try {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name])
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (exists.rowCount === 0) {
      const building = `${name}_partial`
      await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`)
      await admin.query(`CREATE DATABASE "${building}"`)
      await migrate(databaseUrl(building))
      if (kind === 'seeded') await seed(databaseUrl(building))
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`)
    }
    return name
  } finally {
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => {})
    await admin.end()
  }
}

/** What the seed reads: its script, the loaders and the plans' data they load. */
function seedFiles(): string[] {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
    )
  return ['scripts/seed.ts', 'server/maintenance.ts', 'server/maintenance-tasks.ts', ...files('seeds')]
    .map((file) => path.join(process.cwd(), file))
    .filter(existsSync)
    .sort()
}

/** A copy of the run's template of this kind, or, without one, a database made as the template would be. */
async function databaseLike(kind: 'migrated' | 'seeded'): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const template = await templateDatabase(kind)
  const database = await createEmptyPostgresDatabase(template)
  if (!template) {
    await migrate(database.url)
    if (kind === 'seeded') await seed(database.url)
  }
  return database
}

/** An empty PostgreSQL database with every migration applied. */
export function createMigratedPostgresDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  return databaseLike('migrated')
}

/** A migrated PostgreSQL database holding the plans' data, seeded by scripts/seed.ts as `npm start` seeds an empty one. */
export function createSeededPostgresDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  return databaseLike('seeded')
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
