// The real migration path: `prisma migrate deploy` through prisma.config.ts's driver adapter, on a fresh
// PGlite folder and on a fresh PostgreSQL database.
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { PGlite } from '@electric-sql/pglite'
import { Prisma } from '@prisma/client'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { createEmptyPostgresDatabase } from './helpers/db'
import { childEnv } from './helpers/env'

const run = promisify(execFile)
const prismaCli = path.join(process.cwd(), 'node_modules', '.bin', 'prisma')
// Every model of the schema has its table once the migrations have run (a model without a migration fails here).
const expectedTables = [...Object.values(Prisma.ModelName), '_prisma_migrations'].sort()

async function migrateDeploy(env: Record<string, string>) {
  return run(prismaCli, ['migrate', 'deploy'], { env: childEnv(env), timeout: 120_000 })
}

const tablesQuery = `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`

describe('prisma migrate deploy', () => {
  it('migrates a fresh PGlite folder, and a second run has nothing to do', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kepu-pglite-'))
    try {
      const first = await migrateDeploy({ PGLITE_DIR: dir })
      expect(first.stdout).toMatch(/All migrations have been successfully applied/)
      const second = await migrateDeploy({ PGLITE_DIR: dir })
      expect(second.stdout).toMatch(/No pending migrations to apply/)
      const db = new PGlite(dir)
      const { rows } = await db.query<{ table_name: string }>(tablesQuery)
      expect(rows.map((r) => r.table_name).sort()).toEqual(expectedTables)
      const applied = await db.query<{ migration_name: string }>(
        `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL`,
      )
      expect(applied.rows.map((r) => r.migration_name).sort()).toEqual(
        readdirSync(path.join('prisma', 'migrations'), { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => e.name)
          .sort(),
      )
      await db.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('migrates a fresh PostgreSQL database through @prisma/adapter-pg', async () => {
    const database = await createEmptyPostgresDatabase()
    try {
      const { stdout } = await migrateDeploy({ DATABASE_URL: database.url })
      expect(stdout).toMatch(/All migrations have been successfully applied/)
      const client = new pg.Client({ connectionString: database.url })
      await client.connect()
      const { rows } = await client.query<{ table_name: string }>(tablesQuery)
      expect(rows.map((r) => r.table_name).sort()).toEqual(expectedTables)
      // The hand-written guards are in place.
      const checks = await client.query(`SELECT conname FROM pg_constraint WHERE conname = 'EventSession_seats_within_capacity'`)
      expect(checks.rowCount).toBe(1)
      await client.end()
    } finally {
      await database.drop()
    }
  })
})
