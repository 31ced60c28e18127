// `npm run worker`: only the message relay and worker (decision 011), for servers that run the portal with
// MESSAGE_WORKER=off and deliver messages from separate processes. PostgreSQL only: an embedded PGlite folder
// can be opened by one process at a time, so with PGlite the portal's own process delivers.
import { checkedProviders, startConfiguredMessageWorker } from '../app/models/message/worker.server'
import { prisma } from '../app/utils/infra/db.server'
import { env } from '../app/utils/infra/env.server'
import { logger } from '../app/utils/infra/logger.server'

if (!env.DATABASE_URL) {
  console.error('npm run worker needs DATABASE_URL (PostgreSQL). With the embedded PGlite the portal delivers messages itself.')
  process.exit(1)
}

const worker = await startConfiguredMessageWorker(prisma, env, checkedProviders())
logger.info('[kepu] message worker running')
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, async () => {
    await worker.stop()
    await prisma.$disconnect()
    process.exit(0)
  })
