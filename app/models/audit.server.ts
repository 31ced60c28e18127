// The audit log: every admin write, sign-ins, and every deliberate view of personal data. Entries are written
// in the same transaction as the change they describe, so a change never lands without its entry.
import { prisma } from '~/utils/infra/db.server'
import type { Prisma } from '@prisma/client'

type Db = Prisma.TransactionClient | typeof prisma

export type AuditInput = {
  action: string
  entityType: string
  entityId?: string | null
  summary: string
  details?: Prisma.InputJsonValue
  districtId?: string | null
}

export async function recordAudit(db: Db, actorId: string | null, entry: AuditInput): Promise<void> {
  await db.auditEntry.create({
    data: {
      actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      summary: entry.summary,
      details: entry.details ?? {},
      districtId: entry.districtId ?? null,
    },
  })
}

export const AUDIT_PAGE_SIZE = 50

export async function listAudit({ page = 1, action, actorEmail }: { page?: number; action?: string; actorEmail?: string }) {
  const where: Prisma.AuditEntryWhereInput = {
    ...(action ? { action: { startsWith: action } } : {}),
    ...(actorEmail ? { actor: { email: { contains: actorEmail, mode: 'insensitive' } } } : {}),
  }
  const [entries, total] = await Promise.all([
    prisma.auditEntry.findMany({
      where,
      orderBy: { at: 'desc' },
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: {
        id: true,
        at: true,
        action: true,
        entityType: true,
        entityId: true,
        summary: true,
        actor: { select: { name: true, email: true } },
      },
    }),
    prisma.auditEntry.count({ where }),
  ])
  return { entries, total, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) }
}
