// Chooses the database behind Prisma: a PostgreSQL server when DATABASE_URL is set, otherwise an
// embedded PGlite whose data lives in a local folder (PGLITE_DIR, default ./data/pglite).
// Used by the app (db.server.ts), the Prisma CLI (prisma.config.ts), the seed script and the tests.
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { env } from './env.server'
import { logger } from './logger.server'
import { watchPool } from './metrics.server'
import { claimDataFolder, releaseDataFolder } from './pglite-lock.server'

export type DatabaseKind = 'postgres' | 'pglite'

export function databaseKind(): DatabaseKind {
  return env.DATABASE_URL ? 'postgres' : 'pglite'
}

/** PGlite data folder; `memory://` gives a throw-away in-memory database (tests). */
export function pgliteDataDir(): string {
  return env.PGLITE_DIR
}

declare global {
  // eslint-disable-next-line no-var
  var __kepuPGlite: Map<string, PGlite> | undefined
}

/**
 * One PGlite per data folder per process: two instances on one folder would corrupt it. Kept on globalThis, as the
 * server entry (its message worker) and the Remix build each load their own copy of this module. Across processes,
 * the folder's lock file (pglite-lock.server.ts, decision 028): a second process is refused with one line.
 */
const openDatabases: Map<string, PGlite> = (globalThis.__kepuPGlite ??= new Map())

/**
 * PostgreSQL's settings inside PGlite: PGlite's own, with shared_buffers at 32 MB instead of PostgreSQL's 128 MB. The
 * embedded database runs inside the portal's process, so its buffers are the portal's memory: 100 MB less under load
 * (issue 17). The embedded mode serves one district's data (tens of MB); pages beyond the buffers are read from the
 * data folder through the operating system's file cache.
 */
export const pgliteOptions = () => ({ startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'] })

export function openPGlite(dataDir = pgliteDataDir()): PGlite {
  const open = openDatabases.get(dataDir)
  if (open && !open.closed) return open
  const onDisk = !dataDir.includes('://')
  if (onDisk) {
    mkdirSync(dataDir, { recursive: true })
    claimDataFolder(dataDir)
  }
  const pglite = new PGlite(dataDir, pgliteOptions())
  if (!dataDir.startsWith('memory://')) openDatabases.set(dataDir, pglite)
  if (onDisk) {
    const close = pglite.close.bind(pglite)
    pglite.close = async () => {
      await close()
      releaseDataFolder(dataDir)
    }
  }
  return pglite
}

const PG_NAME_OID = 19
const PG_TEXT_OID = 25

/**
 * Prisma's schema engine reads catalog columns of type `name`, which @prisma/adapter-pg 6.x cannot map
 * (prisma/orm#27403: "Column type 'name' could not be deserialized"). `name` is text of at most 63
 * bytes, so reporting it as text is exact.
 */
class NameAsTextClient extends pg.Client {
  /** The pool's release for the current checkout, and whether it has been called (decision 014). */
  private poolRelease: ((error?: Error | boolean) => void) | undefined
  private released = true

  constructor(config?: string | pg.ClientConfig) {
    super(config)
    // A connection that dies while checked out (pg_terminate_backend, a failover, a restart) goes back to the pool
    // as broken at once, so the pool drops it and opens a new one. @prisma/adapter-pg releases a transaction's
    // connection only after its ROLLBACK succeeds, which on a dead connection never happens: without this, every
    // such connection was lost to the pool for good. The listener also keeps an 'error' event from crashing us.
    const discard = (error: Error) => {
      if (!this.released) this.release(error)
    }
    this.on('error', discard)
    this.on('end', () => discard(new Error('Connection ended')))
  }

  // pg-pool sets `release` at every checkout; the adapter may call it after we already have: once is enough.
  get release(): (error?: Error | boolean) => void {
    return (error) => {
      if (this.released) return
      this.released = true
      this.poolRelease?.(error)
    }
  }
  set release(release: (error?: Error | boolean) => void) {
    this.poolRelease = release
    this.released = false
  }

  // pg.Pool calls query(config, values, callback); promise callers get the same treatment.
  // @ts-expect-error pg's overloads: every call passes through unchanged, only the result is relabelled.
  override query(...args: unknown[]) {
    const last = args.at(-1)
    if (typeof last === 'function') {
      args[args.length - 1] = (err: Error | null, res: pg.QueryResult) => last(err, relabelNameFields(res))
      // @ts-expect-error see above
      return super.query(...args)
    }
    // @ts-expect-error see above
    const result = super.query(...args)
    return result instanceof Promise ? result.then(relabelNameFields) : result
  }
}

function relabelNameFields(res: pg.QueryResult | undefined) {
  for (const field of res?.fields ?? []) {
    if (field.dataTypeID === PG_NAME_OID) field.dataTypeID = PG_TEXT_OID
  }
  return res
}

export function createPostgresAdapterFactory(connectionString: string, connectTimeoutMs = env.DATABASE_CONNECT_TIMEOUT_MS) {
  const pool = new pg.Pool({
    connectionString,
    max: env.DATABASE_POOL_SIZE,
    Client: NameAsTextClient as unknown as typeof pg.Client,
    // Lets a command (the Prisma CLI, the seed script) exit when it is done; a server stays up anyway.
    allowExitOnIdle: true,
    // A request waits at most this long for a connection, then gets an error the app answers with 503.
    connectionTimeoutMillis: connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    // Dead peers (a failover without a FIN) are noticed by TCP keepalive instead of a hang.
    keepAlive: true,
  })
  // An idle connection the server ended: the pool drops it; said once, never a crash.
  pool.on('error', (error) => logger.warn(`[db] an idle connection was lost and replaced: ${error.message}`))
  watchPool(pool)
  return new PrismaPg(pool, { disposeExternalPool: true })
}

/**
 * PGlite must be closed to leave its data folder clean; a folder left unclosed makes the next process
 * that opens it hang on exit. The adapter's dispose() does not close it and the Prisma CLI never calls
 * dispose(), so we close on dispose and, failing that, when the process has nothing left to do.
 */
export class ClosingPGliteFactory extends PrismaPGlite {
  constructor(private readonly pglite: PGlite) {
    super(pglite)
    process.once('beforeExit', () => void this.close())
  }
  private closing: Promise<void> | undefined
  close(): Promise<void> {
    this.closing ??= this.pglite.closed ? Promise.resolve() : this.pglite.close()
    return this.closing
  }
  override async connect() {
    const adapter = await super.connect()
    const dispose = adapter.dispose.bind(adapter)
    adapter.dispose = async () => {
      await dispose()
      await this.close()
    }
    return adapter
  }
}

/** The factory type Prisma 6.19 takes (both the client and the CLI's js schema engine). */
export type AdapterFactory = PrismaPg

/**
 * pglite-prisma-adapter 0.6 is built against @prisma/driver-adapter-utils 6.10, whose types differ from
 * 6.19's only in how query argument types are described; at run time it works with Prisma 6.19 (the
 * model and migration tests run through it), so its factory is typed as Prisma's.
 */
export function pgliteAdapterFactory(pglite: PGlite, closeOnDispose = false): AdapterFactory {
  const factory = closeOnDispose ? new ClosingPGliteFactory(pglite) : new PrismaPGlite(pglite)
  return factory as unknown as AdapterFactory
}

export function createAdapterFactory(): AdapterFactory {
  const url = env.DATABASE_URL
  if (url) return createPostgresAdapterFactory(url)
  return pgliteAdapterFactory(openPGlite(), true)
}
