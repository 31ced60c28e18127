// Demonstration content (SEED_EXAMPLES, decision 026): the seed's example activities and example
// school-visit offers. While any is left, every page says the site is a demonstration and every message about one
// is marked; `npm run examples:remove` takes them all out in one transaction and leaves what staff made alone.
import { prisma } from '~/utils/infra/db.server'
import { perPublicDataVersion } from '~/utils/infra/public-data-version.server'
import type { Prisma, PrismaClient } from '@prisma/client'
import type { Language } from '~/utils/i18n'

type Db = PrismaClient | Prisma.TransactionClient

/** Whether the database still holds demonstration content (two index look-ups). */
export async function hasDemoContent(db: Db = prisma): Promise<boolean> {
  const [event, offer] = await Promise.all([
    db.event.findFirst({ where: { isExample: true }, select: { id: true } }),
    db.schoolOffer.findFirst({ where: { isExample: true }, select: { id: true } }),
  ])
  return Boolean(event || offer)
}

/**
 * For the root loader, which asks on every page: hasDemoContent, looked up again only when the public data version
 * has moved (removing the examples moves it), so a page costs no query for the banner (issue 31: the two look-ups
 * were half of a page's queries).
 */
export const demoBannerShown = perPublicDataVersion(() => hasDemoContent())

/** Marks a message's subject as a demonstration: four characters in Chinese SMS (【演示】), "[Demo] " in English. */
export function demoMarked(text: string, isExample: boolean, language: Language): string {
  if (!isExample) return text
  return language === 'en' ? `[Demo] ${text}` : `【演示】${text}`
}

export type ExamplesRemoved = { events: number; registrations: number; schoolOffers: number; schoolBookings: number; messages: number }

/**
 * Removes the demonstration content in one transaction: the seed's example activities (by their seed slugs, and
 * only while still marked as examples: an activity staff unticked 示例 on is theirs) with their sessions and
 * registrations, and the example school offers (an offer staff saved is no longer one) with their slots, courses and
 * bookings. Messages still waiting to go out about any of them are skipped. Activities staff created, menu orders'
 * activities and everything else stay.
 */
export async function removeExamples(db: PrismaClient, seedEventSlugs: string[]): Promise<ExamplesRemoved> {
  return db.$transaction(
    async (tx) => {
      const events = await tx.event.findMany({
        where: { isExample: true, slug: { in: seedEventSlugs }, menuOrder: null },
        select: { id: true },
      })
      const eventIds = events.map((e) => e.id)
      const registrations = await tx.registration.findMany({ where: { session: { eventId: { in: eventIds } } }, select: { id: true } })
      const offers = await tx.schoolOffer.findMany({ where: { isExample: true }, select: { id: true } })
      const offerIds = offers.map((o) => o.id)
      const bookings = await tx.schoolBooking.findMany({ where: { offerId: { in: offerIds } }, select: { id: true } })

      const unsent = { status: { in: ['QUEUED' as const, 'RETRYING' as const] } }
      const skipped = { status: 'SKIPPED' as const, lastError: 'demonstration content removed' }
      const messages =
        (
          await tx.message.updateMany({
            where: { ...unsent, subjectType: 'Registration', subjectId: { in: registrations.map((r) => r.id) } },
            data: skipped,
          })
        ).count +
        (
          await tx.message.updateMany({
            where: { ...unsent, subjectType: 'SchoolBooking', subjectId: { in: bookings.map((b) => b.id) } },
            data: skipped,
          })
        ).count

      await tx.schoolBooking.deleteMany({ where: { offerId: { in: offerIds } } })
      await tx.schoolOffer.deleteMany({ where: { id: { in: offerIds } } })
      // Sessions, series and registrations go with their activity (ON DELETE CASCADE).
      await tx.event.deleteMany({ where: { id: { in: eventIds } } })
      await tx.auditEntry.create({
        data: {
          actorId: null,
          action: 'examples.remove',
          entityType: 'examples',
          summary: `移除演示内容：${eventIds.length} 个示例活动，${offerIds.length} 个示例学校预约设置`,
          details: {
            events: eventIds.length,
            registrations: registrations.length,
            schoolOffers: offerIds.length,
            schoolBookings: bookings.length,
          },
        },
      })
      return {
        events: eventIds.length,
        registrations: registrations.length,
        schoolOffers: offerIds.length,
        schoolBookings: bookings.length,
        messages,
      }
    },
    { timeout: 120_000, maxWait: 30_000 },
  )
}
