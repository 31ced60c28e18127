// First step of `npm run setup`: checks every environment variable (app/utils/infra/env.server.ts) before anything is
// migrated or built. A wrong value stops here with the variable and what it must be (exit code 1); warnings are
// said once. The server checks again when it loads, as it may be started without setup. On PGlite, a folder another
// process holds (a running portal) stops it too, with the line that names that process (decision 028).
import { checkedProviders } from '~/models/message/worker.server'
import { env, logEnvWarnings, seedExamples } from '~/utils/infra/env.server'
import { tileConfig } from '~/utils/infra/map-config.server'
import { folderHolder, folderInUseLine } from '~/utils/infra/pglite-lock.server'

const holder = env.DATABASE_URL || env.PGLITE_DIR.includes('://') ? undefined : folderHolder(env.PGLITE_DIR)
if (holder) {
  console.error(folderInUseLine(env.PGLITE_DIR, holder))
  process.exit(1)
}
logEnvWarnings()
const providers = checkedProviders()
const database = env.DATABASE_URL ? `PostgreSQL (pool ${env.DATABASE_POOL_SIZE})` : `PGlite in ${env.PGLITE_DIR}`
console.log(
  `Configuration checked: ${database}, ${tileConfig().provider} tiles, personal data kept ${env.RETENTION_DAYS} days, SMS by ${providers.SMS.name}, e-mail by ${providers.EMAIL.name}, demonstration content ${seedExamples(env) ? 'on (SEED_EXAMPLES)' : 'off'}.`,
)
