// One submission, one record (decision 014): two identical posts at once (a double click, a retried request) must
// not create two school-visit requests or two 菜单 orders. The create runs in a transaction holding an advisory lock
// on the submission's key, after a look for what an identical submission created moments ago; the second post
// waits for the first, finds its record and is refused with 409 instead of creating another.
import { prisma } from '~/utils/infra/db.server'
import { localized, Refusal } from '~/utils/refusal'
import type { Prisma } from '@prisma/client'

/** How long an identical submission counts as the same one. */
export const SAME_SUBMISSION_MS = 10 * 60_000

export async function createOnce<T>(
  key: string,
  existing: (tx: Prisma.TransactionClient) => Promise<unknown>,
  create: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key})::bigint)`
    if (await existing(tx)) throw new Refusal(localized('site.duplicateSubmission'), undefined, 409)
    return create(tx)
  })
}
