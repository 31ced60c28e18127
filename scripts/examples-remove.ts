// `npm run examples:remove`: takes the demonstration content out (app/models/examples.server.ts): the seed's example
// activities with their registrations, and the example school-visit offers with their bookings, in one transaction.
// What staff created stays. On PGlite run it with the portal stopped (one process opens the folder at a time).
import { removeExamples } from '~/models/examples.server'
import { prisma } from '~/utils/db.server'
import { seedData } from '../seeds'

try {
  const removed = await removeExamples(
    prisma,
    seedData.events.map((e) => e.slug),
  )
  console.log(
    `Removed the demonstration content: ${removed.events} example activities (${removed.registrations} registrations), ` +
      `${removed.schoolOffers} example school-visit offers (${removed.schoolBookings} bookings); ${removed.messages} unsent messages skipped.`,
  )
  console.log('Set SEED_EXAMPLES=off (or PUBLIC_URL) so `npm run seed` does not load them again.')
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await prisma.$disconnect()
}
