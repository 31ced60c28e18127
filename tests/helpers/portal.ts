// One fixture for browser tests: the file's own database, the built portal on it (the server `npm start` runs), one
// Chromium, and pages whose contexts report Content-Security-Policy violations and uncaught errors (every test ends
// with none) and load no map tiles, as on this network and many intranets: the pages must work without them.
import { hash } from '@node-rs/argon2'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { launchChromium, takeCspViolations, watchCsp } from './browser'
import { createSeededPostgresDatabase, createTestDatabase, type TestDatabase } from './db'
import { startServer, type RunningServer } from './server'
import { createStaffWorld, type StaffWorld } from './staff-world'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'

/** What a database maker hands the fixture: the server's environment for it, and how to drop it afterwards. */
export type PortalDatabase = { env: Record<string, string>; drop: () => Promise<void> }

export type PortalOptions = {
  database: () => Promise<PortalDatabase>
  /** More server environment (message log, intervals, proxy …). */
  serverEnv?: Record<string, string>
  /** Context options of every page unless it says otherwise (default: a phone, 360 × 800). */
  pages?: BrowserContextOptions
  /** false for a file that only speaks HTTP. */
  browser?: boolean
  /** Also fail a test on what pages log as errors: a render error React's error boundary catches (the page then says
   *  出了点问题) is only logged, never thrown. A refused post's 4xx ("Failed to load resource") is not an error. */
  consoleErrors?: boolean
  timeoutMs?: number
}

export type PageOptions = BrowserContextOptions & { english?: boolean }

export type Portal = {
  readonly url: string
  readonly server: RunningServer
  readonly browser: Browser
  newContext: (options?: PageOptions) => Promise<BrowserContext>
  newPage: (options?: PageOptions) => Promise<Page>
  /** Stops the server and starts it again on the same database, with more environment. */
  restart: (env?: Record<string, string>) => Promise<void>
}

export const PHONE = { width: 360, height: 800 }
export const DESKTOP = { width: 1280, height: 900 }

/** Registers the file's beforeAll/afterAll/afterEach and returns the portal they hold. */
export function portalFixture(options: PortalOptions): Portal {
  let database: PortalDatabase | undefined
  let server: RunningServer | undefined
  let browser: Browser | undefined
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []
  const start = (env: Record<string, string> = {}) => startServer({ ...database!.env, ...options.serverEnv, ...env })

  beforeAll(async () => {
    database = await options.database()
    server = await start()
    if (options.browser !== false) browser = await launchChromium()
  }, options.timeoutMs ?? 240_000)

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
    await server?.stop()
    await database?.drop()
  })

  afterEach(() => {
    expect(takeCspViolations()).toEqual([])
    expect(pageErrors.splice(0)).toEqual([])
  })

  const newContext = async ({ english, ...contextOptions }: PageOptions = {}) => {
    const context = await browser!.newContext({ viewport: PHONE, ...options.pages, ...contextOptions })
    contexts.push(context)
    await watchCsp(context)
    context.on('weberror', (error) => pageErrors.push(`${error.page()?.url()}: ${error.error().message}`))
    if (options.consoleErrors)
      context.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
          pageErrors.push(`${message.page()?.url()}: ${message.text().slice(0, 300)}`)
      })
    await context.route(/tile\.openstreetmap\.org/, (route) => route.abort())
    // The language cookie as Remix writes it (base64 of the JSON string).
    if (english) await context.addCookies([{ name: 'kepu_lang', value: encodeURIComponent(btoa('"en"')), url: server!.url }])
    return context
  }

  return {
    get url() {
      return server!.url
    },
    get server() {
      return server!
    },
    get browser() {
      return browser!
    },
    newContext,
    newPage: async (pageOptions) => (await newContext(pageOptions)).newPage(),
    restart: async (env) => {
      await server?.stop()
      server = await start(env)
    },
  }
}

/** Runs SQL on a PostgreSQL database (one connection per call: the tests ask a few questions, not many). */
export async function query<Row>(url: string, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text, values)).rows as Row[]
  } finally {
    await client.end()
  }
}

/**
 * A PostgreSQL database seeded as `npm start` seeds an empty one (the plans' data), then prepared by the file through
 * `sql` before the server starts.
 */
export function seededPostgres(
  prepare?: (sql: <Row>(text: string, values?: unknown[]) => Promise<Row[]>, url: string) => Promise<void>,
): () => Promise<PortalDatabase> {
  return async () => {
    const database = await createSeededPostgresDatabase()
    await prepare?.((text, values) => query(database.url, text, values), database.url)
    return { env: { DATABASE_URL: database.url }, drop: database.drop }
  }
}

/**
 * A PostgreSQL database with the staff world of tests/helpers/staff-world.ts (districts, organisations, one member
 * of each role), every member's password set to `password`, then prepared by the file.
 */
function staffWorldPostgres(
  password: string,
  prepare?: (db: TestDatabase, world: StaffWorld) => Promise<void>,
): () => Promise<PortalDatabase> {
  return async () => {
    const db = await createTestDatabase('postgres')
    const world = await createStaffWorld(db.prisma)
    await db.prisma.user.updateMany({ data: { passwordHash: await hash(password) } })
    await prepare?.(db, world)
    return { env: { DATABASE_URL: db.url! }, drop: db.drop }
  }
}

/** The password every member of the staff world has in a browser file of `staffWorldPortal`. */
export const STAFF_PASSWORD = 'correct horse battery'

export type StaffWorldPortal = Portal & { readonly db: TestDatabase; readonly world: StaffWorld }

/**
 * The usual staff browser file: the portal on a PostgreSQL database with the staff world (every member's password
 * STAFF_PASSWORD), prepared by the file before the server starts; its database and world are read by the tests.
 */
export function staffWorldPortal({
  prepare,
  ...options
}: Omit<PortalOptions, 'database'> & { prepare?: (db: TestDatabase, world: StaffWorld) => Promise<void> }): StaffWorldPortal {
  let db: TestDatabase | undefined
  let world: StaffWorld | undefined
  const portal = portalFixture({
    ...options,
    database: staffWorldPostgres(STAFF_PASSWORD, async (database, staffWorld) => {
      db = database
      world = staffWorld
      await prepare?.(database, staffWorld)
    }),
  })
  return Object.defineProperties(portal, { db: { get: () => db! }, world: { get: () => world! } }) as StaffWorldPortal
}

/** Signs a staff member in through the login form. */
export async function signInStaff(portal: Portal, page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${portal.url}/admin/login`)
  await page.getByLabel('邮箱').fill(email)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(/\/admin$/)
}
