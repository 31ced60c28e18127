// Open data: a read-only JSON API with paging, an RSS feed and the sitemap. The activities come from the home
// page's search (same filters, same set); venues are paged by slug.
import { Feed } from 'feed'
import { z } from 'zod'
import { searchSessions } from '~/models/event/search.server'
import { venueIdsMatching } from '~/models/venue/listing.server'
import { venueFactsSelect } from '~/models/venue-and-event-pages.server'
import { formatAudience, formatSessionTime } from '~/utils/format'
import { prisma } from '~/utils/infra/db.server'
import { categoryLabel, venueTypeLabel } from '~/utils/labels'
import type { VenueType } from '@prisma/client'
import type { EventFilters } from '~/utils/event-filters'

export const API_MAX_PAGE_SIZE = 100
/** Open data may be read from any site; it changes slowly. */
export const openDataHeaders = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=60' }

export function readPageSize(params: URLSearchParams, fallback = 30): number {
  const parsed = z.coerce
    .number()
    .int()
    .min(1)
    .max(API_MAX_PAGE_SIZE)
    .safeParse(params.get('pageSize') ?? fallback)
  return parsed.success ? parsed.data : fallback
}

/** Upcoming sessions for the API: one page, with the link to the next. */
export async function activitiesPage(
  filters: EventFilters,
  { origin, pageSize, now = new Date() }: { origin: string; pageSize: number; now?: Date },
) {
  const result = await searchSessions(filters, { pageSize, now })
  return {
    data: result.sessions.map((s) => ({
      sessionId: s.id,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      capacity: s.capacity,
      seatsLeft: s.seatsLeft,
      event: {
        slug: s.eventSlug,
        title: s.title,
        category: s.category,
        categoryLabel: categoryLabel[s.category],
        url: `${origin}/events/${s.eventSlug}`,
      },
      audience: formatAudience(s.audienceMinAge, s.audienceMaxAge, s.audienceNote),
      audienceMinAge: s.audienceMinAge,
      audienceMaxAge: s.audienceMaxAge,
      district: s.districtName,
      venue: s.venueSlug ? { slug: s.venueSlug, name: s.venueName, url: `${origin}/venues/${s.venueSlug}` } : null,
      placeName: s.placeName,
      brand: s.brandName,
      isExample: s.isExample,
      registerUrl: `${origin}/sessions/${s.id}/register`,
      distanceMetres: s.distance?.metres ?? null,
    })),
    page: filters.page,
    pageSize,
    total: result.total,
    totalIsLowerBound: result.totalCapped,
    hasNextPage: result.hasNextPage,
  }
}

/** Venues by slug; with `q`, those the keyword finds, the best match first (decision 017). */
export async function venuesPage({
  district,
  type,
  q,
  page,
  pageSize,
  origin,
}: {
  district?: string
  type?: VenueType
  q?: string
  page: number
  pageSize: number
  origin: string
}) {
  const where = { openToPublic: true, district: { active: true, ...(district ? { slug: district } : {}) }, ...(type ? { type } : {}) }
  const districtIds = q ? (await prisma.district.findMany({ where: where.district, select: { id: true } })).map((d) => d.id) : []
  const matching = await venueIdsMatching(districtIds, q)
  const matchingWhere = matching ? { ...where, id: { in: matching } } : where
  const [found, total] = await Promise.all([
    prisma.venue.findMany({
      where: matchingWhere,
      orderBy: { slug: 'asc' },
      // Ranked by relevance, a keyword search pages in that order (at most the venues of the active districts).
      ...(matching ? {} : { skip: (page - 1) * pageSize, take: pageSize }),
      select: {
        ...venueFactsSelect,
        id: true,
        takesSchoolVisits: true,
        stampsPassport: true,
        district: { select: { name: true } },
        town: { select: { name: true } },
      },
    }),
    prisma.venue.count({ where: matchingWhere }),
  ])
  const rank = new Map(matching?.map((id, i) => [id, i]))
  const rows = matching ? found.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!).slice((page - 1) * pageSize, page * pageSize) : found
  return {
    // The id only ranked the rows; the API names venues by slug.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    data: rows.map(({ district: d, town, id, ...v }) => ({
      ...v,
      typeLabel: venueTypeLabel[v.type],
      district: d.name,
      town: town?.name ?? null,
      coordinates: 'WGS-84',
      url: `${origin}/venues/${v.slug}`,
    })),
    page,
    pageSize,
    total,
    hasNextPage: page * pageSize < total,
  }
}

/** RSS 2.0 of the next upcoming sessions for any home-page filter (the `feed` library writes the XML). */
export async function activitiesRss(
  filters: EventFilters,
  { origin, title, self, now = new Date() }: { origin: string; title: string; self: string; now?: Date },
) {
  const { sessions } = await searchSessions({ ...filters, page: 1 }, { pageSize: API_MAX_PAGE_SIZE, now })
  const feed = new Feed({
    id: self,
    title,
    link: `${origin}/`,
    description: '上海各区科普活动：时间、地点与报名',
    language: 'zh-CN',
    copyright: '科普地图',
    generator: false,
    feedLinks: { rss: self },
  })
  for (const s of sessions) {
    feed.addItem({
      id: `${origin}/sessions/${s.id}`,
      guid: `${origin}/sessions/${s.id}`,
      title: `${formatSessionTime(s.startsAt, s.endsAt)} ${s.title}`,
      link: `${origin}/events/${s.eventSlug}`,
      date: s.startsAt,
      description: [
        categoryLabel[s.category],
        s.venueName ?? s.placeName,
        s.districtName,
        formatAudience(s.audienceMinAge, s.audienceMaxAge, s.audienceNote),
        s.seatsLeft > 0 ? `剩余 ${s.seatsLeft} 个名额` : '名额已满，可候补',
      ]
        .filter(Boolean)
        .join(' · '),
    })
  }
  return feed.rss2()
}

/** Every public page worth indexing: home, the venue directory, venues, and events with upcoming sessions. */
export async function sitemapUrls(origin: string, now = new Date()): Promise<Array<{ loc: string; lastmod?: Date }>> {
  const [venues, events] = await Promise.all([
    prisma.venue.findMany({
      where: { openToPublic: true, district: { active: true } },
      select: { slug: true, updatedAt: true },
      orderBy: { slug: 'asc' },
    }),
    prisma.event.findMany({
      where: { status: 'PUBLISHED', district: { active: true }, sessions: { some: { startsAt: { gt: now }, status: 'SCHEDULED' } } },
      select: { slug: true, updatedAt: true },
      orderBy: { slug: 'asc' },
    }),
  ])
  return [
    { loc: `${origin}/` },
    { loc: `${origin}/venues` },
    ...venues.map((v) => ({ loc: `${origin}/venues/${v.slug}`, lastmod: v.updatedAt })),
    ...events.map((e) => ({ loc: `${origin}/events/${e.slug}`, lastmod: e.updatedAt })),
  ]
}
