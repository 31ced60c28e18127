// The lock beside a PGlite folder (decision 028): a live holder refuses a second opener with the line naming it; a
// lock whose process is gone, or whose pid was given to another process since, is stale and taken over.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FolderInUse, folderHolder, lockDataFolder, lockFilePath, releaseDataFolder } from '~/utils/infra/pglite-lock.server'

const root = mkdtempSync(path.join(tmpdir(), 'kepu-lock-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0
const folder = () => path.join(root, `pglite-${n++}`)
const startOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
}
const writeLock = (dir: string, holder: object) => writeFileSync(lockFilePath(dir), JSON.stringify(holder))
const since = '2026-12-07T01:02:03.456Z'

describe('the lock of a PGlite folder', () => {
  it('refuses while its holder runs, naming it: pid, command, since when, what to do', () => {
    const dir = folder()
    // The test runner's parent process: alive, and not this process.
    writeLock(dir, { pid: process.ppid, started: startOf(process.ppid), command: 'npm run serve', since })
    const refusal = (() => {
      try {
        lockDataFolder(dir)
      } catch (error) {
        return error
      }
    })()
    expect(refusal).toBeInstanceOf(FolderInUse)
    expect((refusal as Error).message).toBe(
      `The embedded database ${dir} is in use by process ${process.ppid} (npm run serve) since 2026-12-07 01:02:03 UTC: ` +
        `stop it first (Ctrl+C in its terminal, or kill ${process.ppid}), then try again, or set PGLITE_DIR to another folder.`,
    )
    expect(folderHolder(dir)?.pid).toBe(process.ppid)
  })

  it('takes over a lock whose process is gone (kill -9)', () => {
    const dir = folder()
    const gone = spawnSync(process.execPath, ['-e', '']).pid!
    writeLock(dir, { pid: gone, command: 'npm run serve', since })
    expect(folderHolder(dir)).toBeUndefined()
    lockDataFolder(dir)
    expect(JSON.parse(readFileSync(lockFilePath(dir), 'utf8'))).toMatchObject({ pid: process.pid, started: startOf(process.pid) })
    releaseDataFolder(dir)
    expect(existsSync(lockFilePath(dir))).toBe(false)
  })

  it('takes over a lock whose pid now belongs to another process (its start time differs)', () => {
    const dir = folder()
    writeLock(dir, { pid: process.ppid, started: String(Number(startOf(process.ppid)) + 1), command: 'npm run serve', since })
    expect(folderHolder(dir)).toBeUndefined()
    lockDataFolder(dir)
    expect(folderHolder(dir)?.pid).toBe(process.pid)
    releaseDataFolder(dir)
  })

  it('takes over an unreadable lock, and may be taken twice by its own process', () => {
    const dir = folder()
    writeFileSync(lockFilePath(dir), '')
    lockDataFolder(dir)
    lockDataFolder(dir)
    expect(folderHolder(dir)?.pid).toBe(process.pid)
    releaseDataFolder(dir)
    expect(existsSync(lockFilePath(dir))).toBe(false)
  })

  it('lies beside the folder, not in it (a backup of the folder must not carry it)', () => {
    expect(lockFilePath('/srv/kepu/data/pglite')).toBe('/srv/kepu/data/pglite.lock')
    expect(lockFilePath('./data/pglite/')).toBe(path.resolve('data/pglite.lock'))
  })
})
