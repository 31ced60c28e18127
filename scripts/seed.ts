// `npm run seed` loads the plans' data (idempotent). With --if-empty (used on start) it only seeds a
// database that has no districts yet, so staff edits are never overwritten by a restart. Demonstration content
// (example activities and school-visit slots) comes with it when SEED_EXAMPLES says so (app/utils/env.server.ts).
import { createPrismaClient } from '../app/utils/db.server'
import { env, seedExamples } from '../app/utils/env.server'
import { seedData } from '../seeds'
import { SeedError, seedDatabase } from '../seeds/load'

const prisma = createPrismaClient()
try {
  if (process.argv.includes('--if-empty') && (await prisma.district.count()) > 0) {
    console.log('Seed: database already holds data; skipped (run `npm run seed` to reload).')
  } else {
    const examples = seedExamples(env)
    const summary = await seedDatabase(prisma, seedData, { examples })
    console.log('Seed loaded:', JSON.stringify(summary))
    console.log(
      examples
        ? 'Seed: with demonstration activities and example school-visit slots (every page says so); `npm run examples:remove` removes them.'
        : 'Seed: without demonstration content (SEED_EXAMPLES=off, or PUBLIC_URL set).',
    )
  }
  // Fresh planner statistics on every start: PGlite has no autovacuum to gather them, and without them
  // the home page's search picks slow plans once there are thousands of events.
  await prisma.$executeRawUnsafe('ANALYZE')
} catch (error) {
  console.error(error instanceof SeedError ? error.message : error)
  process.exitCode = 1
} finally {
  await prisma.$disconnect()
}
