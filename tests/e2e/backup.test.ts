// `npm run backup` and `npm run restore` on the embedded PGlite folder (decision 014): a copy taken while the portal
// runs and registrations pour in is consistent (exactly the seats, every registration with its message), restore
// refuses to run under a live portal, keeps the folder it replaces, and the portal serves the restored data.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { PGlite } from '@electric-sql/pglite'
import { PrismaClient } from '@prisma/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgliteAdapterFactory } from '~/utils/infra/db-adapter.server'
import { migrationSql } from '../helpers/db'
import { childEnv } from '../helpers/env'
import { createSession } from '../helpers/fixtures'
import { registerOverHttp } from '../helpers/http-registration'
import { startServer, type RunningServer } from '../helpers/server'

const run = promisify(execFile)
const root = mkdtempSync(path.join(tmpdir(), 'kepu-backup-'))
const dataDir = path.join(root, 'pglite')
// Each resident from an address of their own (believed from the loopback proxy): one address's limit of registrations
// would otherwise end the rush before the copy is taken on a fast machine.
const env = { PGLITE_DIR: dataDir, MESSAGE_LOG: path.join(root, 'messages.jsonl'), TRUST_PROXY: 'loopback' }
const script = (name: string, ...args: string[]) =>
  run(path.join('node_modules', '.bin', 'tsx'), [`scripts/${name}.ts`, ...args], { env: childEnv(env), timeout: 120_000 })
let server: RunningServer | undefined
let sessionId = ''

/** Opens the folder (no portal may hold it) and reads what a restore must get right. */
async function figures(dir: string) {
  const db = new PGlite(dir)
  try {
    const { rows } = await db.query<{ registrations: number; seatsTaken: number; held: number; told: number }>(
      `SELECT (SELECT count(*)::int FROM "Registration" WHERE "sessionId" = $1) AS registrations,
              (SELECT "seatsTaken" FROM "EventSession" WHERE id = $1) AS "seatsTaken",
              (SELECT coalesce(sum("partySize"), 0)::int FROM "Registration" WHERE "sessionId" = $1 AND status IN ('CONFIRMED', 'ATTENDED')) AS held,
              (SELECT count(DISTINCT m."subjectId")::int FROM "Message" m JOIN "Registration" r ON r.id = m."subjectId"
                 WHERE r."sessionId" = $1 AND m.template IN ('registration.confirmed', 'registration.waitlisted')) AS told`,
      [sessionId],
    )
    return rows[0]
  } finally {
    await db.close()
  }
}

beforeAll(async () => {
  const pglite = new PGlite(dataDir)
  for (const sql of migrationSql()) await pglite.exec(sql)
  const prisma = new PrismaClient({ adapter: pgliteAdapterFactory(pglite) })
  sessionId = (await createSession(prisma, new Date(), { capacity: 60, maxPartySize: 2 })).id
  await prisma.$disconnect()
  await pglite.close()
  server = await startServer(env)
}, 120_000)
afterAll(async () => {
  await server?.stop()
  rmSync(root, { recursive: true, force: true })
})

describe('backup and restore of the embedded database', () => {
  it('copies the folder while registrations pour in, restores it only with the portal stopped, and serves it', async () => {
    // Residents register without pause (four at a time) while the copy is taken.
    let pouring = true
    let next = 0
    let registered = 0
    const residents = Array.from({ length: 4 }, async () => {
      while (pouring) {
        const i = next++
        const outcome = await registerOverHttp(server!.url, sessionId, `136${String(10000000 + i).padStart(8, '0')}`, {
          adults: 1 + (i % 2),
          forwardedFor: `10.7.${i >> 8}.${(i & 255) + 1}`,
        })
        if (outcome.kind === 'registered') registered++
      }
    })
    await expect.poll(() => registered, { timeout: 60_000 }).toBeGreaterThan(8)
    const whileRunning = path.join(root, 'while-running.tar.gz')
    const backup = await script('backup', whileRunning)
    expect(backup.stdout).toContain('made by the running portal')
    const countAtBackup = registered
    await expect.poll(() => registered, { timeout: 60_000 }).toBeGreaterThan(countAtBackup + 4)
    pouring = false
    await Promise.all(residents)

    // Restoring under a running portal is refused, and changes nothing.
    const refused = await script('restore', whileRunning).catch((error: { code: number; stderr: string }) => error)
    expect(refused).toMatchObject({ code: 1 })
    expect((refused as { stderr: string }).stderr).toContain('stop it first')

    await server!.stop()
    const before = await figures(dataDir)
    expect(before.seatsTaken).toBe(before.held)

    const restored = await script('restore', whileRunning)
    expect(restored.stdout).toContain('the previous folder is kept at')
    const kept = readdirSync(root).find((name) => name.startsWith('pglite.before-restore-'))!
    expect((await figures(path.join(root, kept))).registrations).toBe(before.registrations)

    // The copy is one moment of the database: fewer registrations than at the end, each with its seats and message.
    const copy = await figures(dataDir)
    expect(copy.registrations).toBeGreaterThan(0)
    expect(copy.registrations).toBeLessThan(before.registrations)
    expect(copy.seatsTaken).toBe(copy.held)
    expect(copy.told).toBe(copy.registrations)
    console.info(`[backup] copy taken mid-rush holds ${copy.registrations} of ${before.registrations} registrations, seats exact`)

    // The portal serves the restored data and takes registrations again.
    server = await startServer(env)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    expect(await registerOverHttp(server.url, sessionId, '13599990000')).toMatchObject({ kind: 'registered' })
    await server.stop()
    expect(existsSync(`${dataDir}.server.json`), 'the control file goes with the portal').toBe(false)

    // With the portal stopped, the script makes the copy itself.
    const stopped = await script('backup', path.join(root, 'stopped.tar.gz'))
    expect(stopped.stdout).toContain('the portal was not running')
    server = undefined
  })
})
