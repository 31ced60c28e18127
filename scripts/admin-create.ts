// `npm run admin:create -- --email you@example.cn --name 张三` creates a platform admin with no password and
// prints a one-time link to set one (valid 72 hours). There is never a default password. Beside a running portal
// on PGlite the portal does it (server/maintenance.ts, decision 028); the command is in server/maintenance-tasks.ts.
import { runCommand } from '../server/maintenance'

await runCommand('admin:create')
