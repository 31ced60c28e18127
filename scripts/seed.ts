// `npm run seed` loads the plans' data (idempotent). With --if-empty (used on start) it only seeds a
// database that has no districts yet, so staff edits are never overwritten by a restart.
import { createPrismaClient } from '../app/utils/db.server'
import { seedData } from '../seeds'
import { SeedError, seedDatabase } from '../seeds/load'

const prisma = createPrismaClient()
try {
  if (process.argv.includes('--if-empty') && (await prisma.district.count()) > 0) {
    console.log('Seed: database already holds data; skipped (run `npm run seed` to reload).')
  } else {
    const summary = await seedDatabase(prisma, seedData)
    console.log('Seed loaded:', JSON.stringify(summary))
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
