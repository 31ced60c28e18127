// Shapes of the seed records, checked with zod when loaded so a bad record is rejected with its name.
import { z } from 'zod'
import { ORGANISATION_KINDS } from '../app/models/bases/join-schema'
import { EVENT_CATEGORIES } from '../app/models/event/schema'
import { MENU_KINDS } from '../app/models/menu/schema'
import { GRADE_CODES } from '../app/models/school-visit/schema'
import { VENUE_TYPES } from '../app/models/venue/schema'

// The same lists the staff forms offer (one home each: app/utils/*-schema.ts).
const venueTypes = VENUE_TYPES
const categories = EVENT_CATEGORIES

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'slug: lower-case letters, digits and hyphens')
/** Every record says where it comes from: a plan file and section, or public pages. */
const source = z.string().min(8, 'source: say which plan file and section, or which public page')
const latitude = z.number().min(30.6).max(31.9)
const longitude = z.number().min(120.8).max(122.2)

export const townSeed = z.object({
  name: z.string().min(2),
  /** Pinyin, as English pages show it: 镇 "Town", 街道 "Subdistrict" ("Sheshan Town", "Yueyang Subdistrict"). */
  nameEn: z.string().regex(/^[A-Z][a-z]+( [A-Z][a-z]+)*$/),
  kind: z.enum(['STREET', 'TOWN', 'INDUSTRIAL_ZONE']),
  /** A point near the town's centre (WGS-84, approximate). */
  lat: latitude,
  lng: longitude,
})

export const districtSeed = z.object({
  code: z.number().int(),
  name: z.string().endsWith('区'),
  slug,
  nameEn: z.string().min(2),
  active: z.boolean(),
  towns: z.array(townSeed),
  source,
})

export const venueSeed = z
  .object({
    slug,
    name: z.string().min(2),
    researchedType: z.string().optional(),
    type: z.enum(venueTypes),
    level: z.enum(['NATIONAL', 'MUNICIPAL', 'DISTRICT']).optional(),
    district: z.string().endsWith('区'),
    town: z.string().optional(),
    address: z.string().min(2).optional(),
    point: z.object({ lat: latitude, lng: longitude, datum: z.enum(['WGS84', 'GCJ02']), note: z.string() }).optional(),
    openingHours: z.string().optional(),
    phone: z.string().optional(),
    /** Where the opening hours and the phone number are published (each value names its own source). */
    hoursSource: source.optional(),
    phoneSource: source.optional(),
    takesSchoolVisits: z.boolean().default(false),
    /** A stamp point of Kepu's own 科普护照 (decision 026: halls with a desk that checks people in). */
    stampsPassport: z.boolean().default(false),
    recognisedYear: z.number().int().min(1990).max(2100).optional(),
    source,
    note: z.string().optional(),
  })
  .refine((v) => !v.openingHours || v.hoursSource, { message: 'opening hours need hoursSource', path: ['hoursSource'] })
  .refine((v) => !v.phone || v.phoneSource, { message: 'a phone number needs phoneSource', path: ['phoneSource'] })

export const brandSeed = z.object({
  slug,
  name: z.string().min(2),
  scope: z.enum(['NATIONAL', 'MUNICIPAL', 'REGIONAL', 'DISTRICT']),
  district: z.string().endsWith('区').optional(),
  description: z.string().min(4),
  verification: z.string().min(2),
  source,
})

export const sessionSeed = z
  .object({
    key: z.string().min(1),
    /** Days after the seed's reference day (the Monday of the week the database is first seeded). */
    day: z.number().int().min(0).max(400),
    start: z.string().regex(/^\d\d:\d\d$/),
    end: z.string().regex(/^\d\d:\d\d$/),
    capacity: z.number().int().positive().max(100000),
    /** Registration opens this many days before the session (default 14) and closes at its start. */
    opensDaysBefore: z.number().int().min(0).max(90).default(14),
  })
  .refine((s) => s.end > s.start, { message: 'a session must end after it starts', path: ['end'] })

export const eventSeed = z
  .object({
    slug,
    title: z.string().min(2),
    summary: z.string().min(4),
    description: z.string().min(4),
    category: z.enum(categories),
    topics: z.array(z.string().min(1)).min(1),
    audienceMinAge: z.number().int().min(0).max(120).optional(),
    audienceMaxAge: z.number().int().min(0).max(120).optional(),
    audienceNote: z.string().optional(),
    organisation: z.string().optional(),
    /** A venue slug, or a place of the event's own (placeName) in `district`. */
    venue: slug.optional(),
    placeName: z.string().optional(),
    district: z.string().endsWith('区'),
    brand: slug.optional(),
    maxPartySize: z.number().int().min(1).max(20).default(4),
    /** 需要短信验证: registration only with an SMS code to the phone (decision 012). */
    requiresSmsCode: z.boolean().default(false),
    /**
     * Every seeded activity is an example (its dates are made up from a plan's programme). Whether an example takes
     * registrations online is the seed's choice, activity by activity; staff change it on the event form.
     */
    registersOnline: z.boolean().default(true),
    questions: z
      .array(
        z.object({
          key: z.string(),
          label: z.string(),
          kind: z.enum(['text', 'number', 'choice']),
          required: z.boolean(),
          options: z.array(z.string()).optional(),
          perChild: z.boolean().optional(),
        }),
      )
      .default([]),
    sessions: z.array(sessionSeed).min(1),
    source,
  })
  .refine((e) => Boolean(e.venue) !== Boolean(e.placeName), {
    message: 'an event is held at a venue or at a place of its own, exactly one of them',
    path: ['venue'],
  })
  .refine((e) => e.audienceMinAge === undefined || e.audienceMaxAge === undefined || e.audienceMinAge <= e.audienceMaxAge, {
    message: 'the youngest age must not exceed the oldest',
    path: ['audienceMaxAge'],
  })

export const organisationSeed = z.object({
  slug,
  name: z.string().min(2),
  kind: z.enum(ORGANISATION_KINDS),
  district: z.string().endsWith('区').optional(),
  source,
})

export const planFigureSeed = z.object({
  key: slug,
  district: z.string().endsWith('区'),
  year: z.number().int().min(2015).max(2100),
  kind: z.enum(['REPORTED', 'TARGET']),
  metric: z.string().min(2),
  label: z.string().min(2),
  value: z.number().int().nonnegative(),
  atLeast: z.boolean().default(false),
  source,
})

const hhmm = z.string().regex(/^\d\d:\d\d$/)
const grade = z.enum(GRADE_CODES)

/**
 * A venue's offer to schools (馆校合作). The plans name the programmes (the courses); no plan or public source gives a
 * venue's slots or class sizes, so every seeded offer is an example (SEED_EXAMPLES) and says so on its pages.
 */
export const schoolOfferSeed = z.object({
  venue: slug,
  grades: z.array(grade).min(1),
  maxStudentsPerSlot: z.number().int().min(1).max(1000),
  studentsPerTeacher: z.number().int().min(1).max(100),
  minNoticeDays: z.number().int().min(1).max(60),
  outreachPerDay: z.number().int().min(0).max(10).default(0),
  slots: z.array(z.object({ weekday: z.number().int().min(1).max(7), start: hhmm, end: hhmm }).refine((s) => s.end > s.start)).min(1),
  courses: z
    .array(
      z.object({
        title: z.string().min(2),
        kind: z.enum(['ON_SITE', 'OUTREACH']).default('ON_SITE'),
        durationMinutes: z.number().int().min(15).max(480),
        grades: z.array(grade).min(1),
        description: z.string().min(4),
      }),
    )
    .default([]),
  notes: z.string().optional(),
  source,
})

/** A programme on the 科普菜单 (菜单式点选 + 定制化配送), named by a plan; `key` is its stable seed key. */
export const menuItemSeed = z.object({
  key: slug,
  organisation: slug,
  title: z.string().min(2),
  kind: z.enum(MENU_KINDS),
  topics: z.array(z.string().min(1)).min(1),
  audience: z.string().min(2),
  durationMinutes: z.number().int().min(15).max(480),
  minGroup: z.number().int().min(1),
  maxGroup: z.number().int().min(1),
  leadDays: z.number().int().min(1).max(90),
  deliversTo: z.array(z.string().endsWith('区')).min(1),
  description: z.string().min(4),
  source,
})

export type TownSeed = z.input<typeof townSeed>
export type DistrictSeed = z.input<typeof districtSeed>
export type VenueSeed = z.input<typeof venueSeed>
export type BrandSeed = z.input<typeof brandSeed>
export type EventSeed = z.input<typeof eventSeed>
export type OrganisationSeed = z.input<typeof organisationSeed>
export type PlanFigureSeed = z.input<typeof planFigureSeed>
export type SchoolOfferSeed = z.input<typeof schoolOfferSeed>
export type MenuItemSeed = z.input<typeof menuItemSeed>

export type SeedData = {
  districts: DistrictSeed[]
  organisations: OrganisationSeed[]
  venues: VenueSeed[]
  brands: BrandSeed[]
  events: EventSeed[]
  planFigures: PlanFigureSeed[]
  /** Examples (SEED_EXAMPLES): loaded only when the seed is asked for them. */
  schoolOffers: SchoolOfferSeed[]
  menuItems: MenuItemSeed[]
}
