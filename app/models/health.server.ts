import type { PrismaClient } from '@prisma/client'

/** Whether the database answers a trivial query within `timeoutMs`. */
export async function databaseIsReachable(client: PrismaClient, timeoutMs = 3000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  try {
    return await Promise.race([client.$queryRaw`SELECT 1`.then(() => true as const), timeout])
  } catch {
    return false
  } finally {
    clearTimeout(timer)
  }
}
