// `npm run examples:remove`: takes the demonstration content out (app/models/examples.server.ts, decision 026): the
// seed's example activities with their registrations, and the example school-visit offers with their bookings, in one
// transaction. What staff created stays. Beside a running portal on PGlite the portal does it (server/maintenance.ts,
// decision 028); the command is in server/maintenance-tasks.ts.
import { runCommand } from '../server/maintenance'

await runCommand('examples:remove')
