// One process per embedded database folder (decision 028), as a person meets it on a fresh clone: the commands they
// run beside a live portal (admin:create, seed, retention) are done by the portal; whatever else opens the folder
// (a second portal, restore, the first step of `npm start` and `npm run dev`) is refused with one line naming the
// process that holds it, never a WebAssembly abort; a portal killed with kill -9 leaves a stale lock the next start
// clears. On PostgreSQL nothing of this applies.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, migrationSql, type TestDatabase } from '../helpers/db'
import { childEnv } from '../helpers/env'
import { httpRequest } from '../helpers/http-registration'
import { startServer, type RunningServer } from '../helpers/server'

const root = mkdtempSync(path.join(tmpdir(), 'kepu-lock-e2e-'))
const dataDir = path.join(root, 'pglite')
const lockFile = `${dataDir}.lock`
const env = { PGLITE_DIR: dataDir, MESSAGE_LOG: path.join(root, 'messages.jsonl') }
const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx')
type Outcome = { code: number; stdout: string; stderr: string }

/** Runs `scripts/<name>.ts` as `npm run <name>` does; resolves with its exit code and output, also when it fails. */
function command(name: string, args: string[] = [], extra: Record<string, string> = {}): Promise<Outcome> {
  return promisify(execFile)(tsx, [`scripts/${name.replace(':', '-')}.ts`, ...args], {
    env: childEnv({ ...env, ...extra }),
    timeout: 120_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  )
}

const holderPid = () => (JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number }).pid

/** The one line a refused opener prints, naming the holder. */
const refusal = (pid: number) =>
  new RegExp(
    `^The embedded database ${dataDir} is in use by process ${pid} \\(.+\\) since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC: stop it first \\(Ctrl\\+C in its terminal, or kill ${pid}\\)`,
  )

function expectOneLineRefusal(output: string, pid: number) {
  expect(output).not.toMatch(/RuntimeError|Aborted|\bat /)
  // A server says its configuration warnings first (PUBLIC_URL unset); then the refusal, alone.
  const lines = output
    .trim()
    .split('\n')
    .filter((line) => !line.startsWith('Configuration: '))
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(refusal(pid))
}

let server: RunningServer | undefined
let postgres: TestDatabase | undefined

beforeAll(async () => {
  const pglite = new PGlite(dataDir)
  for (const sql of migrationSql()) await pglite.exec(sql)
  await pglite.close()
}, 120_000)
afterAll(async () => {
  await server?.stop()
  await postgres?.drop()
  rmSync(root, { recursive: true, force: true })
})

describe('one process per PGlite folder', () => {
  it('beside a running portal, admin:create, seed and retention go through it; a second opener gets one line', async () => {
    server = await startServer(env)
    const portalPid = holderPid()

    // The link admin:create prints is the portal's (its PORT, not the command's), and works: set the password.
    const created = await command('admin:create', ['--email', 'first@kepu.test', '--name', '管理员'], { PORT: '9' })
    expect(created, created.stderr).toMatchObject({ code: 0 })
    expect(created.stderr).toContain(`run by the portal that holds ${dataDir}, pid ${portalPid}`)
    const link = created.stdout.trim().split('\n').pop()!
    expect(link).toMatch(new RegExp(`^http://localhost:${new URL(server.url).port}/admin/set-password/[\\w-]{20,}$`))
    const linkPath = new URL(link).pathname
    const page = await httpRequest(server.url, linkPath)
    expect(page.status).toBe(200)
    expect(page.body).toContain('first@kepu.test')
    // The one-time link's page is a public form (the link is the credential): no token to carry.
    const set = await httpRequest(server.url, linkPath, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ password: 'a long enough sentence', confirmPassword: 'a long enough sentence' }).toString(),
    })
    expect(set.status).toBe(302)
    expect(set.headers.location).toBe('/admin')
    expect((await httpRequest(server.url, linkPath)).body).toContain('链接已失效')

    // Seed and retention run in the portal, and the portal serves what the seed loaded.
    const seeded = await command('seed')
    expect(seeded).toMatchObject({ code: 0 })
    expect(seeded.stdout).toMatch(/^Seed loaded: \{"districts":\d+/)
    expect(seeded.stderr).toContain(`pid ${portalPid}`)
    const venues = (await (await fetch(`${server.url}/api/v1/venues`)).json()) as { total: number }
    expect(venues.total).toBeGreaterThan(10)
    const retention = await command('retention')
    expect(retention).toMatchObject({ code: 0 })
    expect(retention.stdout).toMatch(/^Retention \(180 days\): \{"registrations":0/)
    // Only with the control file's secret: without it, there is no such page.
    for (const authorization of [undefined, 'Bearer not-the-secret'])
      expect(
        (
          await fetch(`${server.url}/_ops/task`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
            body: JSON.stringify({ name: 'retention', args: [] }),
          })
        ).status,
      ).toBe(404)

    // restore, a second portal, and the first step of `npm start` / `npm run dev`: refused with one line.
    writeFileSync(path.join(root, 'some.tar.gz'), 'not a backup')
    const restore = await command('restore', [path.join(root, 'some.tar.gz')])
    expect(restore.code).toBe(1)
    expectOneLineRefusal(restore.stderr, portalPid)
    const second = await startServer(env).then(
      async (started) => {
        await started.stop()
        return 'started'
      },
      (error: Error) => error.message.replace(/^server exited early:\n/, ''),
    )
    expectOneLineRefusal(second, portalPid)
    const setup = await command('check-env')
    expect(setup.code).toBe(1)
    expectOneLineRefusal(setup.stderr, portalPid)
    expect(holderPid(), 'the running portal keeps its lock').toBe(portalPid)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  it("clears a killed portal's stale lock: commands run on their own, and the next start takes the folder", async () => {
    const killedPid = holderPid()
    await server!.kill()
    server = undefined
    expect(holderPid(), 'kill -9 leaves the lock behind').toBe(killedPid)

    const retention = await command('retention')
    expect(retention).toMatchObject({ code: 0 })
    expect(retention.stderr).not.toContain('run by the portal')
    expect(existsSync(lockFile), 'the command took the stale lock and gave it back').toBe(false)

    // A fresh stale lock again (kill -9 once more), then the next portal start clears it.
    server = await startServer(env)
    await server.kill()
    expect(existsSync(lockFile)).toBe(true)
    server = await startServer(env)
    expect(holderPid()).not.toBe(killedPid)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    await server.stop()
    server = undefined
    expect(existsSync(lockFile), 'a stopped portal leaves no lock').toBe(false)
    expect(existsSync(`${dataDir}.server.json`), 'nor its control file').toBe(false)
  })

  it('a command holding the folder first: the portal and other commands are refused with one line naming it', async () => {
    // A command in the middle of its work: it opened the folder the way every command does (openPGlite) and holds it.
    const holderScript = path.join(root, 'holder.mts')
    writeFileSync(
      holderScript,
      `import { openPGlite } from ${JSON.stringify(path.resolve('app/utils/infra/db-adapter.server.ts'))}
await openPGlite().query('SELECT 1')
console.log('open')
process.on('SIGTERM', () => process.exit(0))
setInterval(() => {}, 1000)
`,
    )
    const holder: ChildProcess = spawn(process.execPath, ['--import', 'tsx', holderScript], {
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.on('data', (chunk) => String(chunk).includes('open') && resolve())
        holder.once('exit', () => reject(new Error('the holder ended before opening the folder')))
      })
      const pid = holderPid()
      expect(pid).toBe(holder.pid)

      const portal = await startServer(env).then(
        async (started) => {
          await started.stop()
          return 'started'
        },
        (error: Error) => error.message.replace(/^server exited early:\n/, ''),
      )
      expectOneLineRefusal(portal, pid)
      const created = await command('admin:create', ['--email', 'second@kepu.test', '--name', '管理员'])
      expect(created.code).toBe(1)
      expect(created.stdout).toBe('')
      expectOneLineRefusal(created.stderr, pid)
    } finally {
      holder.kill('SIGTERM')
      await new Promise((resolve) => (holder.exitCode === null ? holder.once('exit', resolve) : resolve(null)))
    }
    await expect.poll(() => existsSync(lockFile), { timeout: 10_000 }).toBe(false)
  })

  it('on PostgreSQL (DATABASE_URL set) takes no lock and hands nothing to a PGlite portal', async () => {
    postgres = await createTestDatabase('postgres')
    server = await startServer(env)
    const pgliteDirUnused = path.join(root, 'unused')
    const retention = await command('retention', [], { DATABASE_URL: postgres.url!, PGLITE_DIR: dataDir })
    expect(retention).toMatchObject({ code: 0 })
    expect(retention.stderr).not.toContain('run by the portal')
    const onPostgres = await startServer({ ...env, DATABASE_URL: postgres.url!, PGLITE_DIR: pgliteDirUnused })
    expect((await fetch(`${onPostgres.url}/healthz`)).status).toBe(200)
    await onPostgres.stop()
    expect(existsSync(`${pgliteDirUnused}.lock`)).toBe(false)
    expect(existsSync(pgliteDirUnused)).toBe(false)
  })
})
