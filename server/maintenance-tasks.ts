// The maintenance commands a person runs beside the portal (decision 028): each is run by server/maintenance.ts,
// in the command's own process when no portal holds the embedded database, or inside the running portal otherwise.
// Loaded only when a command runs: importing the models opens the database.
import { parseArgs } from 'node:util'
import { removeExamples } from '../app/models/examples.server'
import { applyRetention, retentionDays } from '../app/models/retention.server'
import { emailField } from '../app/models/staff/schema'
import { createStaff, PASSWORD_LINK_HOURS } from '../app/models/staff/staff.server'
import { prisma } from '../app/utils/infra/db.server'
import { env, seedExamples } from '../app/utils/infra/env.server'
import { publicOrigin } from '../app/utils/links.server'
import { Refusal } from '../app/utils/refusal'
import { seedData } from '../seeds'
import { SeedError, seedDatabase } from '../seeds/load'

/** What a command prints, in order (1: stdout, 2: stderr), and its exit code. */
export type TaskOutput = { lines: Array<[1 | 2, string]>; exitCode: number }
type Print = { out: (line: string) => void; err: (line: string) => void }
type Task = (args: string[], print: Print) => Promise<number>

const tasks: Record<string, Task> = {
  // `npm run admin:create -- --email you@example.cn --name 张三`: a platform admin with no password and a one-time
  // link to set one (valid 72 hours). There is never a default password.
  'admin:create': async (args, { out, err }) => {
    const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' } } })
    const email = emailField.safeParse(values.email ?? '')
    const name = values.name?.trim()
    if (!email.success || !name) {
      err('Usage: npm run admin:create -- --email you@example.cn --name 张三')
      return 2
    }
    const { linkSecret } = await createStaff(null, { email: email.data, name, role: 'PLATFORM_ADMIN' })
    out(`Platform admin ${email.data} created. Open this link within ${PASSWORD_LINK_HOURS} hours to set the password (it works once):`)
    out(`${publicOrigin()}/admin/set-password/${linkSecret}`)
    if (!env.PUBLIC_URL)
      err(
        `PUBLIC_URL is not set, so the link uses this machine on PORT (${env.PORT}). From elsewhere, open it on the portal's public address, or set PUBLIC_URL (README, "Environment").`,
      )
    return 0
  },
  // `npm run seed` loads the plans' data (idempotent). With --if-empty (used on start) it only seeds a database that
  // has no districts yet, so staff edits are never overwritten by a restart.
  seed: async (args, { out }) => {
    if (args.includes('--if-empty') && (await prisma.district.count()) > 0) {
      out('Seed: database already holds data; skipped (run `npm run seed` to reload).')
    } else {
      const examples = seedExamples(env)
      out(`Seed loaded: ${JSON.stringify(await seedDatabase(prisma, seedData, { examples }))}`)
      out(
        examples
          ? 'Seed: with demonstration activities and example school-visit slots (every page says so); `npm run examples:remove` removes them.'
          : 'Seed: without demonstration content (SEED_EXAMPLES=off, or PUBLIC_URL set).',
      )
    }
    // Fresh planner statistics on every start: PGlite has no autovacuum to gather them, and without them the home
    // page's search picks slow plans once there are thousands of events.
    await prisma.$executeRawUnsafe('ANALYZE')
    return 0
  },
  // `npm run examples:remove`: the seed's example activities with their registrations and the example school-visit
  // offers with their bookings, in one transaction (app/models/examples.server.ts); what staff created stays.
  'examples:remove': async (_args, { out }) => {
    const removed = await removeExamples(
      prisma,
      seedData.events.map((event) => event.slug),
    )
    out(
      `Removed the demonstration content: ${removed.events} example activities (${removed.registrations} registrations), ` +
        `${removed.schoolOffers} example school-visit offers (${removed.schoolBookings} bookings); ${removed.messages} unsent messages skipped.`,
    )
    out('Set SEED_EXAMPLES=off (or PUBLIC_URL) so `npm run seed` does not load them again.')
    return 0
  },
  // `npm run retention`: removes names and numbers kept past RETENTION_DAYS (180) after the activity; counts stay.
  retention: async (_args, { out }) => {
    const done = await applyRetention()
    out(`Retention (${retentionDays()} days): ${JSON.stringify(done)}`)
    return 0
  },
}

export const isTask = (name: string) => Object.hasOwn(tasks, name)

/** Runs one command on this process's database; a refusal or a failure is its message and exit code 1. */
export async function runTask(name: string, args: string[]): Promise<TaskOutput> {
  const lines: TaskOutput['lines'] = []
  const print: Print = { out: (line) => lines.push([1, line]), err: (line) => lines.push([2, line]) }
  try {
    return { lines, exitCode: await tasks[name](args, print) }
  } catch (error) {
    const known = error instanceof Refusal || error instanceof SeedError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    print.err(known ? (error as Error).message : String((error as Error).stack ?? error))
    return { lines, exitCode: 1 }
  }
}

/** For a command run without a portal: the process ends once its database is closed. */
export const closeDatabase = () => prisma.$disconnect()
