// A PGlite data folder belongs to one process (decision 028). Whoever opens it first writes a lock file beside it
// (`<folder>.lock`: pid, the process's start time, its command, since when), as PostgreSQL writes postmaster.pid; a
// second process finds it and is refused with one line naming the holder and what to do, before PGlite touches the
// folder (two PGlite instances on one folder corrupt it, and the loser used to die in a WebAssembly abort). A lock
// whose process is gone, or whose pid now belongs to another process (its start time differs), is stale: removed and
// taken. The lock goes when the process exits; after a kill -9 the next opener finds it stale.
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export type FolderHolder = {
  pid: number
  /** The process's start time in clock ticks since boot (Linux /proc); tells a reused pid from the holder. */
  started?: string
  /** What a person ran: `npm run serve`, `server/index.ts`, `prisma migrate deploy`. */
  command: string
  /** ISO time the lock was taken. */
  since: string
}

/** Beside the folder, never in it: a backup of the folder must not carry it. */
export const lockFilePath = (dataDir: string) =>
  path.join(path.dirname(path.resolve(dataDir)), `${path.basename(path.resolve(dataDir))}.lock`)

/** The start time of process `pid` (Linux), or undefined where it cannot be read. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // "pid (command) state ppid …": the command may hold spaces and parentheses, so read after the last ")";
    // starttime is field 22, the 20th after the command.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
  } catch {
    return undefined
  }
}

function alive(holder: FolderHolder): boolean {
  try {
    process.kill(holder.pid, 0)
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  const started = processStart(holder.pid)
  return !holder.started || !started || started === holder.started
}

function thisCommand(): string {
  const [, entry = '', ...args] = process.argv
  const prisma = entry.includes(`${path.sep}node_modules${path.sep}prisma${path.sep}`)
  const name = prisma ? 'prisma' : path.relative(process.cwd(), entry)
  // The npm script, if this process is the one it ran (npm's variables are inherited by every process below it).
  const script = process.env.npm_lifecycle_event
  if (script && !prisma && name && process.env.npm_lifecycle_script?.includes(name)) return `npm run ${script}`
  return [name, ...args].join(' ').slice(0, 120)
}

function readLock(file: string): FolderHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as FolderHolder
    return Number.isInteger(holder.pid) ? holder : undefined
  } catch {
    return undefined
  }
}

const ours = (holder: FolderHolder | undefined) =>
  holder?.pid === process.pid && (!holder.started || holder.started === processStart(process.pid))

/** The live process holding `dataDir`, if any (a stale lock is not a holder). */
export function folderHolder(dataDir: string): FolderHolder | undefined {
  const holder = readLock(lockFilePath(dataDir))
  return holder && alive(holder) ? holder : undefined
}

export class FolderInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: FolderHolder,
  ) {
    super(folderInUseLine(dataDir, holder))
    this.name = 'FolderInUse'
  }
}

/** The one line a refused opener prints. */
export function folderInUseLine(dataDir: string, holder: FolderHolder): string {
  const since = holder.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')
  return (
    `The embedded database ${dataDir} is in use by process ${holder.pid} (${holder.command}) since ${since}: ` +
    `stop it first (Ctrl+C in its terminal, or kill ${holder.pid}), then try again, or set PGLITE_DIR to another folder.`
  )
}

const held = new Set<string>()
let releaseOnExit = false

/** Takes the folder for this process, or throws FolderInUse naming the live holder. Taking it twice is fine. */
export function lockDataFolder(dataDir: string): void {
  const file = lockFilePath(dataDir)
  if (held.has(file) && ours(readLock(file))) return
  const me: FolderHolder = { pid: process.pid, started: processStart(process.pid), command: thisCommand(), since: new Date().toISOString() }
  // Written whole under a name of our own, then linked to the lock's name: the link fails if a lock exists, so two
  // openers never both win, and nobody ever reads a half-written lock.
  const draft = `${file}.${process.pid}.tmp`
  writeFileSync(draft, JSON.stringify(me), { mode: 0o644 })
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(draft, file)
        break
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw error
      }
      const holder = readLock(file)
      if (ours(holder)) break
      if (holder && alive(holder)) throw new FolderInUse(dataDir, holder)
      // Stale (its process is gone) or unreadable: removed, and taken on the next turn. As with postmaster.pid, two
      // processes starting at the very same moment on a stale lock may both remove it; the link still lets one win.
      rmSync(file, { force: true })
    }
  } finally {
    rmSync(draft, { force: true })
  }
  held.add(file)
  if (!releaseOnExit) {
    releaseOnExit = true
    process.on('exit', () => {
      for (const lock of held) if (ours(readLock(lock))) rmSync(lock, { force: true })
    })
  }
}

/** Gives the folder back (only if this process holds it). */
export function releaseDataFolder(dataDir: string): void {
  const file = lockFilePath(dataDir)
  if (held.delete(file) && ours(readLock(file))) rmSync(file, { force: true })
}

/**
 * For commands and the server: takes the folder, or prints the one line naming its holder and ends the process
 * (exit code 1), instead of the stack of an error nobody can act on.
 */
export function claimDataFolder(dataDir: string): void {
  try {
    lockDataFolder(dataDir)
  } catch (error) {
    if (!(error instanceof FolderInUse)) throw error
    console.error(error.message)
    process.exit(1)
  }
}
