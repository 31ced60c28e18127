// `npm run retention`: removes names and numbers kept past RETENTION_DAYS (180) after the activity; counts stay.
// Beside a running portal on PGlite the portal does it (server/maintenance.ts, decision 028); the command is in
// server/maintenance-tasks.ts.
import { runCommand } from '../server/maintenance'

await runCommand('retention')
