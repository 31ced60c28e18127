// `npm run seed` loads the plans' data (idempotent). With --if-empty (used on start) it only seeds a
// database that has no districts yet, so staff edits are never overwritten by a restart. Beside a running portal
// on PGlite the portal does it (server/maintenance.ts, decision 028); the command is in server/maintenance-tasks.ts.
// Demonstration content comes with it when SEED_EXAMPLES says so (app/utils/infra/env.server.ts, decision 026).
import { runCommand } from '../server/maintenance'

await runCommand('seed')
