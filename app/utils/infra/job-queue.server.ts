// The job queue behind message delivery (decision 011): pg-boss 10 in the app's own database. On PostgreSQL it gets
// a small pool of its own; on the embedded PGlite (one process, one connection) it runs its SQL through the app's
// PGlite instance.
import PgBoss from 'pg-boss'
import { logger } from './logger.server'
import type { PGlite } from '@electric-sql/pglite'

export type SqlExecutor = { executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }> }

/**
 * pg-boss over a PGlite instance. pg-boss sends its schema, migrations and locked maintenance as several statements
 * without parameters (`BEGIN; … COMMIT;`): those go through exec(), everything else through query().
 */
export function pgliteExecutor(pglite: PGlite): SqlExecutor {
  return {
    async executeSql(text, values) {
      if (!values?.length) {
        const results = await pglite.exec(text)
        return { rows: results.at(-1)?.rows ?? [] }
      }
      const result = await pglite.query(text, values)
      return { rows: result.rows }
    },
  }
}

/** pg-boss over a Prisma interactive transaction, so jobs are inserted in the same transaction as other writes. */
export function prismaExecutor(tx: { $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> }): SqlExecutor {
  return {
    async executeSql(text, values = []) {
      const rows = await tx.$queryRawUnsafe<any[]>(text, ...values)
      return { rows }
    },
  }
}

export type JobQueueOptions = {
  /** PostgreSQL: a connection string (pg-boss's own pool); PGlite: the app's instance. */
  database: { connectionString: string; max?: number } | { pglite: PGlite }
  /** How often maintenance (expiring jobs of dead workers, archiving) runs. */
  maintenanceIntervalSeconds?: number
}

export async function startJobQueue(options: JobQueueOptions): Promise<PgBoss> {
  const database =
    'pglite' in options.database
      ? { db: pgliteExecutor(options.database.pglite) }
      : { connectionString: options.database.connectionString, max: options.database.max ?? 4 }
  const boss = new PgBoss({
    ...database,
    schedule: false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
  } as PgBoss.ConstructorOptions)
  boss.on('error', (error: Error) => logger.error(`[messages] job queue: ${error.message}`))
  await boss.start()
  return boss
}
