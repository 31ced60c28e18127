// Personal data is kept only as long as needed (PIPL): some time after an activity or visit, names and numbers
// are removed and only the counts stay. Run at every start and by `npm run retention` (e.g. daily from cron when
// the portal runs for long stretches without restarting).
import { TX_OPTIONS } from '~/models/registration/registration.server'
import { prisma } from '~/utils/infra/db.server'
import { env } from '~/utils/infra/env.server'

/** Days after the end of an activity, school visit or 科普菜单 delivery that personal data is kept. */
export function retentionDays(): number {
  return env.RETENTION_DAYS
}

export async function applyRetention(
  now = new Date(),
  days = retentionDays(),
): Promise<{ registrations: number; schoolBookings: number; menuOrders: number; joinRequests: number; messages: number }> {
  const before = new Date(now.getTime() - days * 86400_000)
  return prisma.$transaction(async (tx) => {
    // A placeholder per row keeps the one-place-per-number index satisfiable; it is not a phone number.
    const registrations = await tx.$executeRaw`
      UPDATE "Registration" r SET name = '（已过保存期）', phone = 'expired:' || r.id, answers = '{}'::jsonb
      FROM "EventSession" s
      WHERE s.id = r."sessionId" AND s."endsAt" < ${before} AND r.phone NOT LIKE 'expired:%' AND r.phone NOT LIKE 'deleted:%'`
    const schoolBookings = await tx.$executeRaw`
      UPDATE "SchoolBooking" SET "teacherName" = '（已过保存期）', phone = 'expired', email = NULL, needs = NULL
      WHERE "endsAt" < ${before} AND phone <> 'expired'`
    const menuOrders = await tx.$executeRaw`
      UPDATE "MenuOrder" SET "contactName" = '（已过保存期）', phone = 'expired', email = NULL, notes = NULL
      WHERE phone <> 'expired' AND "createdAt" < ${before}
        AND (status IN ('DECLINED', 'CANCELLED') OR EXISTS (SELECT 1 FROM "EventSession" s WHERE s."eventId" = "MenuOrder"."eventId" AND s."endsAt" < ${before}))`
    // 申请入驻 (decision 040): once decided and past the period, the contact's name, e-mail, number and note go (an
    // approved contact's name and e-mail live on as the staff account); what was asked and decided stays.
    const joinRequests = await tx.$executeRaw`
      UPDATE "OrganisationJoinRequest" SET "contactName" = '（已过保存期）', "contactEmail" = 'expired', phone = 'expired:' || id, note = ''
      WHERE status <> 'PENDING' AND "decidedAt" < ${before} AND phone NOT LIKE 'expired:%'`
    // Messages name their recipient: once final and past the same period they go (staff lists show recent ones).
    const messages = await tx.$executeRaw`
      DELETE FROM "Message" WHERE "createdAt" < ${before} AND status IN ('SENT', 'FAILED', 'SKIPPED')`
    // A verification code is worth nothing after its ten minutes; a day keeps the per-day send limit countable.
    await tx.$executeRaw`DELETE FROM "PhoneCode" WHERE "createdAt" < ${new Date(now.getTime() - 2 * 86400_000)}`
    return { registrations, schoolBookings, menuOrders, joinRequests, messages }
  }, TX_OPTIONS)
}
