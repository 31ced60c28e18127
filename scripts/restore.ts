// `npm run restore -- file`: replaces the embedded PGlite database by a backup of `npm run backup` (decision 014).
// The portal must be stopped (the folder's lock names it otherwise, decision 028); the current folder is kept beside it (its name is printed), never deleted.
import { existsSync, readFileSync } from 'node:fs'
import { env } from '../app/utils/infra/env.server'
import { FolderInUse } from '../app/utils/infra/pglite-lock.server'
import { restoreFolder } from '../server/pglite-backup'

const file = process.argv[2]
if (!file) {
  console.error('Usage: npm run restore -- backups/kepu-….tar.gz')
  process.exit(1)
}
if (!existsSync(file)) {
  console.error(`${file}: no such file.`)
  process.exit(1)
}
if (env.DATABASE_URL) {
  console.error('DATABASE_URL is set: restore PostgreSQL with pg_restore or psql (README, "Backups").')
  process.exit(1)
}
try {
  const { keptAs } = await restoreFolder(env.PGLITE_DIR, new Blob([readFileSync(file)]))
  console.log(`Restored ${file} into ${env.PGLITE_DIR}${keptAs ? `; the previous folder is kept at ${keptAs}` : ''}.`)
} catch (error) {
  // A running portal (or any other process) holds the folder: the one line that names it.
  if (!(error instanceof FolderInUse)) throw error
  console.error(error.message)
  process.exitCode = 1
}
