// The SMS code a test "receives": read from the outbox row the code's send queued (its params, before delivery).
import type { PrismaClient } from '@prisma/client'

export async function sentCode(prisma: PrismaClient, phone: string): Promise<string> {
  const message = await prisma.message.findFirstOrThrow({
    where: { recipient: phone, template: 'phone.code', channel: 'SMS' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { params: true },
  })
  const params = message.params as Record<string, unknown>
  if (typeof params.code !== 'string') throw new Error('no code in the message')
  return params.code
}

/** Any 6 digits other than `code`. */
export function wrongCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0')
}
