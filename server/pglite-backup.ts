// Backups of the embedded database (decision 014). A PGlite folder may be opened by one process only, so while the
// portal runs, `npm run backup` asks the portal for the copy: the portal writes a control file beside its data
// folder (its port and a one-time secret, readable by its user only), and answers POST /_ops/backup from this
// machine with that secret by a gzipped tar of the folder, taken between transactions after a checkpoint. With the
// portal stopped, the script opens the folder itself. Restoring needs the portal stopped: both take the folder's lock
// (app/utils/infra/pglite-lock.server.ts, decision 028). Other maintenance commands go through the portal the same way
// (server/maintenance.ts).
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { opsRequestAllowed } from './request-guards'
import { folderHolder, lockDataFolder, releaseDataFolder } from '../app/utils/infra/pglite-lock.server'
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express'

export type ControlFile = { pid: number; port: number; host: string; token: string }

/** The control file of the portal serving `dataDir`: beside the folder, never in it (the copy would carry it). */
export const controlFilePath = (dataDir: string) => path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.server.json`)

/** The secret the backup endpoint asks for; made at each start. */
export const newBackupToken = () => randomBytes(32).toString('base64url')

/** Written when the portal listens; removed when it stops. */
export function writeControlFile(dataDir: string, port: number, host: string, token: string): ControlFile {
  const control = { pid: process.pid, port, host, token }
  writeFileSync(controlFilePath(dataDir), JSON.stringify(control), { mode: 0o600 })
  return control
}

export function removeControlFile(dataDir: string, control: ControlFile): void {
  const file = controlFilePath(dataDir)
  // Only ours: a second portal started on the folder by mistake must not remove the first one's.
  if (readControlFile(dataDir)?.token === control.token) rmSync(file, { force: true })
}

function readControlFile(dataDir: string): ControlFile | undefined {
  try {
    return JSON.parse(readFileSync(controlFilePath(dataDir), 'utf8')) as ControlFile
  } catch {
    return undefined
  }
}

/**
 * The portal serving `dataDir`, if one is running: its control file, written by the process that holds the folder's
 * lock (a control file left by a killed portal is ignored, even if its pid was given to another process since).
 */
export function runningPortal(dataDir: string): ControlFile | undefined {
  const control = readControlFile(dataDir)
  return control && folderHolder(dataDir)?.pid === control.pid ? control : undefined
}

/**
 * A gzipped tar of the whole database, consistent: taken inside a transaction of its own, which PGlite runs alone
 * (every other transaction and statement waits for it), after a checkpoint so the files hold everything committed.
 */
export async function dumpDatabase(pglite: PGlite): Promise<Blob> {
  return pglite.transaction(async (tx) => {
    await tx.exec('CHECKPOINT')
    return pglite.dumpDataDir('gzip')
  })
}

/** POST /_ops/backup: from this machine, with the control file's secret; anything else is 404. */
export function backupHandler(token: string, pglite: () => PGlite) {
  return async (req: ExpressRequest, res: ExpressResponse) => {
    if (!opsRequestAllowed(req, token)) return void res.status(404).type('text').send('Not found')
    const dump = await dumpDatabase(pglite())
    res.set({ 'Content-Type': 'application/gzip', 'Cache-Control': 'no-store' }).send(Buffer.from(await dump.arrayBuffer()))
  }
}

/** Opens a folder no process is using (else FolderInUse), dumps it and closes it. */
export async function dumpFolder(dataDir: string): Promise<Blob> {
  lockDataFolder(dataDir)
  try {
    const pglite = new PGlite(dataDir)
    try {
      return await dumpDatabase(pglite)
    } finally {
      await pglite.close()
    }
  } finally {
    releaseDataFolder(dataDir)
  }
}

/**
 * Replaces the folder by a backup: the current folder is moved aside first (kept, named in the answer), the
 * backup loaded into a fresh folder and checked to be a Kepu database; on any failure the old folder comes back.
 */
export async function restoreFolder(dataDir: string, backup: Blob, now = new Date()): Promise<{ keptAs?: string }> {
  // Held from before the move until the restored folder is closed: no portal may open it half-restored.
  lockDataFolder(dataDir)
  try {
    return await replaceFolder(dataDir, backup, now)
  } finally {
    releaseDataFolder(dataDir)
  }
}

async function replaceFolder(dataDir: string, backup: Blob, now: Date): Promise<{ keptAs?: string }> {
  const keptAs = existsSync(dataDir) ? `${path.resolve(dataDir)}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}` : undefined
  if (keptAs) renameSync(dataDir, keptAs)
  try {
    const pglite = await PGlite.create({ dataDir, loadDataDir: backup })
    try {
      await pglite.query(`SELECT count(*) FROM "District"`)
    } finally {
      await pglite.close()
    }
    return { keptAs }
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true })
    if (keptAs) renameSync(keptAs, dataDir)
    throw error
  }
}
