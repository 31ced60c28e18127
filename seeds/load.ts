// Validates the seed records and writes them in one transaction. Idempotent: records are upserted by
// their stable keys (district code, slugs, session keys), so loading twice changes nothing.
import { createHash } from 'node:crypto'
import gcoord from 'gcoord'
import { type z } from 'zod'
import { seedCompetitions } from './competitions'
import {
  brandSeed,
  districtSeed,
  eventSeed,
  menuItemSeed,
  organisationSeed,
  planFigureSeed,
  schoolOfferSeed,
  venueSeed,
  type SeedData,
} from './schema'
import { districtCenter, districtContains } from '../app/utils/geo.server'
import type { Prisma, PrismaClient } from '@prisma/client'

export class SeedError extends Error {
  constructor(readonly problems: string[]) {
    super(`Seed data rejected:\n  - ${problems.join('\n  - ')}`)
    this.name = 'SeedError'
  }
}

type Parsed = {
  districts: z.output<typeof districtSeed>[]
  organisations: z.output<typeof organisationSeed>[]
  venues: (z.output<typeof venueSeed> & { lat: number; lng: number; approximate: boolean; locationNote: string })[]
  brands: z.output<typeof brandSeed>[]
  events: z.output<typeof eventSeed>[]
  planFigures: z.output<typeof planFigureSeed>[]
  schoolOffers: z.output<typeof schoolOfferSeed>[]
  menuItems: z.output<typeof menuItemSeed>[]
}

function recordName(record: unknown): string {
  const r = (record ?? {}) as Record<string, unknown>
  return String(r.slug ?? r.key ?? r.name ?? r.code ?? '?')
}

function parseAll<T extends z.ZodTypeAny>(kind: string, schema: T, records: unknown[], problems: string[]): z.output<T>[] {
  const parsed: z.output<T>[] = []
  records.forEach((record, index) => {
    const result = schema.safeParse(record)
    if (result.success) parsed.push(result.data)
    else {
      for (const issue of result.error.issues) {
        problems.push(`${kind}[${index}] "${recordName(record)}": ${issue.path.join('.') || '(record)'}: ${issue.message}`)
      }
    }
  })
  return parsed
}

/** A small, stable offset (up to ~700 m) so venues placed at one town centre do not sit on one point. */
function offsetFor(slug: string, attempt: number): { dLat: number; dLng: number } {
  const hash = createHash('sha256').update(`${slug}:${attempt}`).digest()
  const angle = (hash.readUInt16BE(0) / 65536) * 2 * Math.PI
  const distance = 0.002 + (hash.readUInt16BE(2) / 65536) * 0.005 // degrees, ~200–700 m
  return { dLat: Math.sin(angle) * distance, dLng: Math.cos(angle) * distance }
}

export function validateSeedData(data: SeedData): Parsed {
  const problems: string[] = []
  const districts = parseAll('districts', districtSeed, data.districts, problems)
  const organisations = parseAll('organisations', organisationSeed, data.organisations, problems)
  const rawVenues = parseAll('venues', venueSeed, data.venues, problems)
  const brands = parseAll('brands', brandSeed, data.brands, problems)
  const events = parseAll('events', eventSeed, data.events, problems)
  const planFigures = parseAll('planFigures', planFigureSeed, data.planFigures, problems)
  const schoolOffers = parseAll('schoolOffers', schoolOfferSeed, data.schoolOffers, problems)
  const menuItems = parseAll('menuItems', menuItemSeed, data.menuItems, problems)

  const districtByName = new Map(districts.map((d) => [d.name, d]))
  const unique = (kind: string, keys: string[]) => {
    const seen = new Set<string>()
    for (const key of keys) {
      if (seen.has(key)) problems.push(`${kind} "${key}": appears more than once`)
      seen.add(key)
    }
  }
  unique(
    'districts',
    districts.map((d) => String(d.code)),
  )
  unique(
    'organisations',
    organisations.map((o) => o.slug),
  )
  unique(
    'venues',
    rawVenues.map((v) => v.slug),
  )
  unique(
    'brands',
    brands.map((b) => b.slug),
  )
  unique(
    'events',
    events.map((e) => e.slug),
  )
  unique(
    'planFigures',
    planFigures.map((f) => f.key),
  )
  unique(
    'schoolOffers',
    schoolOffers.map((o) => o.venue),
  )
  unique(
    'menuItems',
    menuItems.map((m) => m.key),
  )

  const needDistrict = (kind: string, key: string, name: string | undefined) => {
    if (name !== undefined && !districtByName.has(name)) problems.push(`${kind} "${key}": unknown district "${name}"`)
  }
  for (const d of districts) {
    for (const t of d.towns) {
      if (!districtContains(d.code, t.lat, t.lng)) problems.push(`districts "${d.slug}": town "${t.name}" lies outside ${d.name}`)
    }
  }
  organisations.forEach((o) => needDistrict('organisations', o.slug, o.district))
  brands.forEach((b) => needDistrict('brands', b.slug, b.district))
  planFigures.forEach((f) => needDistrict('planFigures', f.key, f.district))

  const venues: Parsed['venues'] = []
  for (const v of rawVenues) {
    const district = districtByName.get(v.district)
    if (!district) {
      problems.push(`venues "${v.slug}": unknown district "${v.district}"`)
      continue
    }
    const town = v.town ? district.towns.find((t) => t.name === v.town) : undefined
    if (v.town && !town) {
      problems.push(`venues "${v.slug}": unknown town "${v.town}" in ${v.district}`)
      continue
    }
    if (v.point) {
      // Store WGS-84: AMap (GCJ-02) points are converted.
      const [lng, lat] =
        v.point.datum === 'GCJ02' ? gcoord.transform([v.point.lng, v.point.lat], gcoord.GCJ02, gcoord.WGS84) : [v.point.lng, v.point.lat]
      if (!districtContains(district.code, lat, lng)) {
        problems.push(`venues "${v.slug}": point ${lat},${lng} lies outside ${v.district}`)
        continue
      }
      const converted = v.point.datum === 'GCJ02' ? 'converted from GCJ-02 to WGS-84' : 'taken as WGS-84'
      venues.push({ ...v, lat, lng, approximate: false, locationNote: `Source coordinates, ${converted}: ${v.point.note}` })
      continue
    }
    const base = town ?? districtCenter(district.code)
    let placed: { lat: number; lng: number } | undefined
    for (let attempt = 0; attempt < 20 && !placed; attempt++) {
      const { dLat, dLng } = offsetFor(v.slug, attempt)
      const candidate = { lat: base.lat + dLat, lng: base.lng + dLng }
      if (districtContains(district.code, candidate.lat, candidate.lng)) placed = candidate
    }
    if (!placed) {
      problems.push(`venues "${v.slug}": could not place it inside ${v.district}`)
      continue
    }
    venues.push({
      ...v,
      ...placed,
      approximate: true,
      locationNote: town
        ? `No source gives coordinates: placed near the centre of ${town.name}`
        : `No source gives coordinates or town: placed inside ${v.district}`,
    })
  }

  const venueSlugs = new Set(rawVenues.map((v) => v.slug))
  const brandSlugs = new Set(brands.map((b) => b.slug))
  const organisationSlugs = new Set(organisations.map((o) => o.slug))
  for (const e of events) {
    needDistrict('events', e.slug, e.district)
    if (e.venue && !venueSlugs.has(e.venue)) problems.push(`events "${e.slug}": unknown venue "${e.venue}"`)
    const venue = rawVenues.find((v) => v.slug === e.venue)
    if (venue && venue.district !== e.district)
      problems.push(`events "${e.slug}": venue "${e.venue}" is in ${venue.district}, not ${e.district}`)
    if (e.brand && !brandSlugs.has(e.brand)) problems.push(`events "${e.slug}": unknown brand "${e.brand}"`)
    if (e.organisation && !organisationSlugs.has(e.organisation))
      problems.push(`events "${e.slug}": unknown organisation "${e.organisation}"`)
    unique(
      `events "${e.slug}" sessions`,
      e.sessions.map((s) => s.key),
    )
  }

  for (const o of schoolOffers) {
    const venue = rawVenues.find((v) => v.slug === o.venue)
    if (!venue) problems.push(`schoolOffers "${o.venue}": unknown venue`)
    else if (!venue.takesSchoolVisits) problems.push(`schoolOffers "${o.venue}": the venue is not marked as receiving school groups`)
    for (const c of o.courses) {
      const outside = c.grades.filter((g) => !o.grades.includes(g))
      if (outside.length)
        problems.push(`schoolOffers "${o.venue}": course "${c.title}" takes grades the venue does not (${outside.join(', ')})`)
    }
  }
  for (const m of menuItems) {
    if (!organisationSlugs.has(m.organisation)) problems.push(`menuItems "${m.key}": unknown organisation "${m.organisation}"`)
    m.deliversTo.forEach((name) => needDistrict('menuItems', m.key, name))
    if (m.minGroup > m.maxGroup) problems.push(`menuItems "${m.key}": minGroup exceeds maxGroup`)
  }

  if (problems.length) throw new SeedError(problems)
  return { districts, organisations, venues, brands, events, planFigures, schoolOffers, menuItems }
}

const SHANGHAI_OFFSET_HOURS = 8

/** Monday 00:00 (Shanghai) of the week containing `now`. */
export function referenceMonday(now: Date): Date {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_HOURS * 3600_000)
  const daysSinceMonday = (local.getUTCDay() + 6) % 7
  return new Date(
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - daysSinceMonday) - SHANGHAI_OFFSET_HOURS * 3600_000,
  )
}

function atShanghaiTime(monday: Date, day: number, hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number)
  return new Date(monday.getTime() + day * 86400_000 + (h * 60 + m) * 60_000)
}

const passportProgrammes = [
  {
    slug: 'qwj-demo-zone-passport',
    name: '示范区科普护照（青吴嘉）',
    description: '长三角生态绿色一体化发展示范区（青浦、吴江、嘉善）科普护照：入选的科普基地打卡盖章。',
    source: 'plan 003 2024 一(四)：示范区科普护照入选科普基地 23 家',
  },
]

export type SeedSummary = Record<
  'districts' | 'towns' | 'organisations' | 'venues' | 'brands' | 'events' | 'sessions' | 'planFigures' | 'menuItems' | 'schoolOffers',
  number
>

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number)
  return h * 60 + m
}

/**
 * Loads the seed data. Descriptive fields are refreshed on every run; the dates of sessions that
 * already exist are left alone, so people's bookings never move under them.
 *
 * `examples` (SEED_EXAMPLES, default on) adds the demonstration content: the example activities and the example
 * school-visit offers. Everything else (districts, venues, brands, the plans' 菜单 programmes, figures) is the
 * plans' and public sources' and is always loaded.
 */
export async function seedDatabase(
  prisma: PrismaClient,
  data: SeedData,
  options: { now?: Date; examples?: boolean } = {},
): Promise<SeedSummary> {
  const parsed = validateSeedData(data)
  const examples = options.examples ?? true
  const monday = referenceMonday(options.now ?? new Date())
  const summary: SeedSummary = {
    districts: 0,
    towns: 0,
    organisations: 0,
    venues: 0,
    brands: 0,
    events: 0,
    sessions: 0,
    planFigures: 0,
    menuItems: 0,
    schoolOffers: 0,
  }

  await prisma.$transaction(
    async (tx) => {
      const districtIds = new Map<string, string>()
      const townIds = new Map<string, string>()
      for (const d of parsed.districts) {
        const center = districtCenter(d.code)
        const fields = { slug: d.slug, name: d.name, nameEn: d.nameEn, active: d.active, centerLat: center.lat, centerLng: center.lng }
        const row = await tx.district.upsert({ where: { code: d.code }, create: { code: d.code, ...fields }, update: fields })
        districtIds.set(d.name, row.id)
        summary.districts++
        for (const t of d.towns) {
          const townFields = { nameEn: t.nameEn, kind: t.kind, centerLat: t.lat, centerLng: t.lng }
          const town = await tx.town.upsert({
            where: { districtId_name: { districtId: row.id, name: t.name } },
            create: { districtId: row.id, name: t.name, ...townFields },
            update: townFields,
          })
          townIds.set(`${d.name}/${t.name}`, town.id)
          summary.towns++
        }
      }
      const districtId = (name: string) => districtIds.get(name)!
      const optionalDistrictId = (name?: string) => (name ? districtId(name) : null)

      const organisationIds = new Map<string, string>()
      for (const o of parsed.organisations) {
        const fields = { name: o.name, kind: o.kind, districtId: optionalDistrictId(o.district) }
        const row = await tx.organisation.upsert({ where: { slug: o.slug }, create: { slug: o.slug, ...fields }, update: fields })
        organisationIds.set(o.slug, row.id)
        summary.organisations++
      }

      const venues = new Map<string, { id: string; lat: number; lng: number }>()
      for (const v of parsed.venues) {
        const fields = {
          name: v.name,
          type: v.type,
          level: v.level ?? null,
          districtId: districtId(v.district),
          townId: v.town ? townIds.get(`${v.district}/${v.town}`)! : null,
          address: v.address ?? null,
          lat: v.lat,
          lng: v.lng,
          locationApproximate: v.approximate,
          locationNote: v.locationNote,
          openingHours: v.openingHours ?? null,
          phone: v.phone ?? null,
          takesSchoolVisits: v.takesSchoolVisits,
          stampsPassport: v.stampsPassport,
          recognisedYear: v.recognisedYear ?? null,
          source: [
            v.note ? `${v.source} — ${v.note}` : v.source,
            v.hoursSource ? `hours: ${v.hoursSource}` : '',
            v.phoneSource ? `phone: ${v.phoneSource}` : '',
          ]
            .filter(Boolean)
            .join('; '),
        } satisfies Omit<Prisma.VenueUncheckedCreateInput, 'slug'>
        const row = await tx.venue.upsert({ where: { slug: v.slug }, create: { slug: v.slug, ...fields }, update: fields })
        venues.set(v.slug, row)
        summary.venues++
      }

      const brandIds = new Map<string, string>()
      for (const b of parsed.brands) {
        const fields = {
          name: b.name,
          scope: b.scope,
          districtId: optionalDistrictId(b.district),
          description: b.description,
          verification: b.verification,
          source: b.source,
        }
        const row = await tx.programmeBrand.upsert({ where: { slug: b.slug }, create: { slug: b.slug, ...fields }, update: fields })
        brandIds.set(b.slug, row.id)
        summary.brands++
      }

      for (const e of examples ? parsed.events : []) {
        const venue = e.venue ? venues.get(e.venue)! : undefined
        // An event at a place of its own and no point of its own is shown at its district's centre.
        const point = venue ?? districtCenter(parsed.districts.find((d) => d.name === e.district)!.code)
        const fields = {
          title: e.title,
          summary: e.summary,
          description: e.description,
          category: e.category,
          topics: e.topics,
          audienceMinAge: e.audienceMinAge ?? null,
          audienceMaxAge: e.audienceMaxAge ?? null,
          audienceNote: e.audienceNote ?? null,
          organisationId: e.organisation ? organisationIds.get(e.organisation)! : null,
          venueId: venue?.id ?? null,
          placeName: e.placeName ?? null,
          lat: point.lat,
          lng: point.lng,
          districtId: districtId(e.district),
          brandId: e.brand ? brandIds.get(e.brand)! : null,
          status: 'PUBLISHED' as const,
          maxPartySize: e.maxPartySize,
          requiresSmsCode: e.requiresSmsCode,
          questions: e.questions,
          isExample: true,
          registersOnline: e.registersOnline,
          source: e.source,
        }
        const row = await tx.event.upsert({ where: { slug: e.slug }, create: { slug: e.slug, ...fields }, update: fields })
        summary.events++
        for (const s of e.sessions) {
          const startsAt = atShanghaiTime(monday, s.day, s.start)
          const dates = {
            startsAt,
            endsAt: atShanghaiTime(monday, s.day, s.end),
            registrationOpensAt: new Date(startsAt.getTime() - s.opensDaysBefore * 86400_000),
            registrationClosesAt: startsAt,
          }
          await tx.eventSession.upsert({
            where: { eventId_key: { eventId: row.id, key: s.key } },
            create: { eventId: row.id, key: s.key, capacity: s.capacity, ...dates },
            update: {},
          })
          summary.sessions++
        }
      }

      for (const f of parsed.planFigures) {
        const fields = {
          districtId: districtId(f.district),
          year: f.year,
          kind: f.kind,
          metric: f.metric,
          label: f.label,
          value: f.value,
          atLeast: f.atLeast,
          source: f.source,
        }
        await tx.planFigure.upsert({ where: { key: f.key }, create: { key: f.key, ...fields }, update: fields })
        summary.planFigures++
      }

      for (const m of parsed.menuItems) {
        const fields = {
          organisationId: organisationIds.get(m.organisation)!,
          title: m.title,
          kind: m.kind,
          topics: m.topics,
          audience: m.audience,
          durationMinutes: m.durationMinutes,
          minGroup: m.minGroup,
          maxGroup: m.maxGroup,
          leadDays: m.leadDays,
          deliversTo: m.deliversTo.map(districtId),
          description: m.description,
        }
        // Created once; afterwards the provider's own changes (length, size, notice, paused) are kept.
        await tx.menuItem.upsert({ where: { seedKey: m.key }, create: { seedKey: m.key, ...fields }, update: {} })
        summary.menuItems++
      }

      // Example school offers: created once each, and only where the venue has no offer yet (a venue's own offer,
      // or one staff have edited, is never replaced).
      for (const o of examples ? parsed.schoolOffers : []) {
        const venueId = venues.get(o.venue)!.id
        summary.schoolOffers++
        if (await tx.schoolOffer.findUnique({ where: { venueId }, select: { id: true } })) continue
        await tx.schoolOffer.create({
          data: {
            venueId,
            isExample: true,
            grades: o.grades,
            maxStudentsPerSlot: o.maxStudentsPerSlot,
            studentsPerTeacher: o.studentsPerTeacher,
            minNoticeDays: o.minNoticeDays,
            outreachPerDay: o.outreachPerDay,
            notes: o.notes ?? null,
            slots: {
              create: o.slots.map((slot) => ({
                weekday: slot.weekday,
                startMinute: minutesOf(slot.start),
                endMinute: minutesOf(slot.end),
              })),
            },
            courses: {
              create: o.courses.map((c) => ({
                kind: c.kind,
                title: c.title,
                durationMinutes: c.durationMinutes,
                grades: c.grades,
                description: c.description,
              })),
            },
          },
        })
      }

      // The passport programme the plans name. Which 23 bases it holds is not public, so its venues are chosen by
      // district admins in the staff pages (and kept across seeding).
      for (const p of passportProgrammes) {
        const fields = { name: p.name, description: p.description, source: p.source }
        await tx.passportProgramme.upsert({ where: { slug: p.slug }, create: { slug: p.slug, ...fields }, update: fields })
      }

      // The district competition the plans name (issue 29), written once and then left to staff.
      await seedCompetitions(tx, districtIds, monday)
    },
    { timeout: 120_000, maxWait: 30_000 },
  )

  return summary
}
