// Stored files (decision 034): which feature a file belongs to. The feature's own rule decides who may see it.
import { prisma } from '~/utils/infra/db.server'

/** The purpose a stored file was kept for (`lecturer-photo`, an online cover…), or null when there is no such file. */
export async function storedFilePurpose(id: string): Promise<string | null> {
  const file = await prisma.storedFile.findUnique({ where: { id }, select: { purpose: true } })
  return file?.purpose ?? null
}
