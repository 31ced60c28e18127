// `npm run retention`: removes names and numbers kept past RETENTION_DAYS (180) after the activity; counts stay.
import { applyRetention, retentionDays } from '~/models/retention.server'
import { prisma } from '~/utils/db.server'

try {
  const done = await applyRetention()
  console.log(`Retention (${retentionDays()} days): ${JSON.stringify(done)}`)
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await prisma.$disconnect()
}
