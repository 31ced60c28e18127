// `npm run restore -- file`: replaces the embedded PGlite database by a backup of `npm run backup` (decision 014).
// The portal must be stopped; the current folder is kept beside it (its name is printed), never deleted.
import { readFileSync } from 'node:fs'
import { env } from '../app/utils/env.server'
import { restoreFolder, runningPortal } from '../server/pglite-backup'

const file = process.argv[2]
if (!file) {
  console.error('Usage: npm run restore -- backups/kepu-….tar.gz')
  process.exit(1)
}
if (env.DATABASE_URL) {
  console.error('DATABASE_URL is set: restore PostgreSQL with pg_restore or psql (README, "Backups").')
  process.exit(1)
}
const portal = runningPortal(env.PGLITE_DIR)
if (portal) {
  console.error(`The portal is running on this folder (pid ${portal.pid}): stop it first, then restore.`)
  process.exit(1)
}
const { keptAs } = await restoreFolder(env.PGLITE_DIR, new Blob([readFileSync(file)]))
console.log(`Restored ${file} into ${env.PGLITE_DIR}${keptAs ? `; the previous folder is kept at ${keptAs}` : ''}.`)
