// `npm run backup [-- file]`: a consistent copy of the embedded PGlite database (decision 014), also while the
// portal runs (it then makes the copy itself, between transactions). Default file: backups/kepu-<time>.tar.gz.
// On PostgreSQL use pg_dump (README, "Backups").
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { env } from '../app/utils/infra/env.server'
import { FolderInUse } from '../app/utils/infra/pglite-lock.server'
import { portalUrl } from '../server/maintenance'
import { dumpFolder, runningPortal } from '../server/pglite-backup'

if (env.DATABASE_URL) {
  console.error('DATABASE_URL is set: back up PostgreSQL with pg_dump (README, "Backups").')
  process.exit(1)
}
const dataDir = env.PGLITE_DIR
const file = process.argv[2] ?? path.join('backups', `kepu-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`)

const portal = runningPortal(dataDir)
let backup: Blob
if (portal) {
  const answer = await fetch(portalUrl(portal, '/_ops/backup'), {
    method: 'POST',
    headers: { Authorization: `Bearer ${portal.token}` },
  })
  if (!answer.ok) {
    console.error(`The running portal (pid ${portal.pid}) did not make the copy: HTTP ${answer.status}.`)
    process.exit(1)
  }
  backup = await answer.blob()
} else {
  // Held by another command (or a portal still starting): the one line naming it.
  backup = await dumpFolder(dataDir).catch((error) => {
    if (!(error instanceof FolderInUse)) throw error
    console.error(error.message)
    process.exit(1)
  })
}
mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
writeFileSync(file, Buffer.from(await backup.arrayBuffer()), { mode: 0o600 })
console.log(
  `${file}: ${(backup.size / 1024 / 1024).toFixed(1)} MB, ${portal ? `made by the running portal (pid ${portal.pid})` : 'the portal was not running'}`,
)
