import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeExamples } from '~/models/examples.server'
import { seedData } from '../seeds'
import { SeedError, seedDatabase, validateSeedData } from '../seeds/load'
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from './helpers/db'
import type { SeedData } from '../seeds/schema'

const now = new Date('2026-11-23T02:00:00Z') // a Monday, 10:00 in Shanghai

async function counts(db: TestDatabase) {
  const p = db.prisma
  const [districts, towns, organisations, venues, brands, events, sessions, planFigures, menuItems, schoolOffers] = await Promise.all([
    p.district.count(),
    p.town.count(),
    p.organisation.count(),
    p.venue.count(),
    p.programmeBrand.count(),
    p.event.count(),
    p.eventSession.count(),
    p.planFigure.count(),
    p.menuItem.count(),
    p.schoolOffer.count(),
  ])
  return { districts, towns, organisations, venues, brands, events, sessions, planFigures, menuItems, schoolOffers }
}

/** The seed data with one record changed; the rest stays valid. */
function withChange(change: (data: SeedData) => void): SeedData {
  const copy = structuredClone(seedData)
  change(copy)
  return copy
}

describe.each<TestDatabaseKind>(['pglite', 'postgres'])('seeding on %s', (kind) => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db?.drop()
  })

  it('rejects a bad record by name and writes nothing', async () => {
    const bad = withChange((d) => {
      d.venues[3].district = '火星区'
    })
    await expect(seedDatabase(db.prisma, bad, { now })).rejects.toThrow(/venues "chenshan-botanical-garden": unknown district "火星区"/)
    expect(await counts(db)).toEqual({
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
    })
  })

  it("loads the plans' data, and loading it again adds nothing", async () => {
    const first = await seedDatabase(db.prisma, seedData, { now })
    const afterFirst = await counts(db)
    expect(afterFirst).toEqual(first)
    expect(afterFirst.venues).toBe(seedData.venues.length)
    expect(afterFirst.menuItems).toBe(seedData.menuItems.length)
    expect(afterFirst.schoolOffers).toBe(seedData.schoolOffers.length)
    await seedDatabase(db.prisma, seedData, { now: new Date('2027-01-10T00:00:00Z') })
    expect(await counts(db)).toEqual(afterFirst)
    // The plans' district competition (issue 29), written once with its dates from the first seed.
    const competitions = await db.prisma.competition.findMany({
      include: { categories: true, rounds: { include: { criteria: true } }, district: true },
    })
    expect(competitions.map((c) => [c.slug, c.district?.name, c.status, c.categories.length])).toEqual([
      ['songjiang-youth-science-show', '松江区', 'OPEN', 3],
    ])
    expect(competitions[0].signUpOpensAt).toEqual(new Date('2026-11-23T01:00:00Z'))
    expect(competitions[0].rounds[0].criteria.reduce((sum, c) => sum + c.weight, 0)).toBe(100)
  })

  it("holds every active district's venues and upcoming sessions, in Shanghai time", async () => {
    for (const name of ['松江区', '青浦区', '闵行区']) {
      const district = await db.prisma.district.findUniqueOrThrow({
        where: { name },
        include: { _count: { select: { venues: true, events: true } } },
      })
      expect(district.active).toBe(true)
      expect(district._count.venues).toBeGreaterThan(5)
      expect(district._count.events).toBeGreaterThan(3)
    }
    const show = await db.prisma.eventSession.findFirstOrThrow({ where: { event: { slug: 'sj-dr-pang-science-show' }, key: 'sat-am' } })
    // day 5 after Monday 2026-11-23 is Saturday 2026-11-28, 10:00 Shanghai = 02:00 UTC
    expect(show.startsAt.toISOString()).toBe('2026-11-28T02:00:00.000Z')
    expect(show.registrationClosesAt?.toISOString()).toBe(show.startsAt.toISOString())
  })

  it('keeps real addresses, never invents one, and marks placed venues approximate', async () => {
    const museum = await db.prisma.venue.findUniqueOrThrow({ where: { slug: 'songjiang-science-museum' } })
    expect(museum.address).toBe('上海市松江区中山东路237号')
    expect(museum.locationApproximate).toBe(true)
    const noAddress = await db.prisma.venue.findUniqueOrThrow({ where: { slug: 'brain-science-2035-base' } })
    expect(noAddress.address).toBeNull()
    const amap = await db.prisma.venue.findUniqueOrThrow({ where: { slug: 'minhang-sports-park' } })
    expect(amap.locationApproximate).toBe(false)
    // AMap gives GCJ-02 31.1450653,121.3662602; in Shanghai WGS-84 lies ~0.0019° north and ~0.0044° west of it.
    expect(amap.lat).toBeCloseTo(31.1450653 + 0.0019, 3)
    expect(amap.lng).toBeCloseTo(121.3662602 - 0.0044, 3)
  })
})

describe('demonstration content (SEED_EXAMPLES)', () => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase('pglite')
  })
  afterAll(async () => {
    await db?.drop()
  })

  it("without examples loads the plans' data only: no activities, no example offers, the 菜单 and stamp points all the same", async () => {
    const summary = await seedDatabase(db.prisma, seedData, { now, examples: false })
    expect(summary.events).toBe(0)
    expect(await counts(db)).toMatchObject({ events: 0, sessions: 0, schoolOffers: 0, menuItems: seedData.menuItems.length })
    expect(await db.prisma.venue.count({ where: { stampsPassport: true } })).toBeGreaterThanOrEqual(5)
    const quake = await db.prisma.venue.findUniqueOrThrow({ where: { slug: 'shanghai-earthquake-museum' } })
    expect(quake.phone).toBe('021-57652473')
    expect(quake.source).toMatch(/phone: https:\/\/archive\.shine\.cn/)
  })

  it("adds them on a later seed with examples, keeps a provider's 菜单 changes and an adopted offer, and removes them in one go", async () => {
    const item = await db.prisma.menuItem.findUniqueOrThrow({ where: { seedKey: 'sj-health-science' } })
    await db.prisma.menuItem.update({ where: { id: item.id }, data: { durationMinutes: 45, active: false } })
    await seedDatabase(db.prisma, seedData, { now, examples: true })
    expect(await db.prisma.menuItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ durationMinutes: 45, active: false })
    const examples = await db.prisma.event.count({ where: { isExample: true } })
    expect(examples).toBe(seedData.events.length)
    const museum = await db.prisma.schoolOffer.findFirstOrThrow({
      where: { venue: { slug: 'songjiang-science-museum' } },
      include: { courses: true, slots: true },
    })
    expect(museum.isExample).toBe(true)
    expect(museum.courses.map((c) => c.title)).toContain('胖博士科普秀')
    // Staff saved one offer: it is theirs now. Staff made an activity of their own and ticked 示例 on it.
    const adopted = await db.prisma.schoolOffer.update({
      where: { venueId: (await db.prisma.venue.findUniqueOrThrow({ where: { slug: 'oriental-land' } })).id },
      data: { isExample: false, maxStudentsPerSlot: 100 },
    })
    const example = await db.prisma.event.findUniqueOrThrow({ where: { slug: 'sj-dr-pang-science-show' }, include: { sessions: true } })
    const own = await db.prisma.event.create({
      data: {
        slug: 'staff-own',
        title: '区科协自己的活动',
        summary: '工作人员创建',
        description: '工作人员创建',
        category: example.category,
        topics: ['科普'],
        lat: example.lat,
        lng: example.lng,
        districtId: example.districtId,
        isExample: true,
        source: '工作人员',
      },
    })
    // A person registered for an example; their reminder is still waiting to go out.
    const registration = await db.prisma.registration.create({
      data: {
        sessionId: example.sessions[0].id,
        name: '周女士',
        phone: '13811110009',
        adults: 1,
        children: 0,
        code: 'DEMO0001',
        manageTokenHash: 'demo-hash-1',
        partySize: 1,
        status: 'CONFIRMED',
        consentAt: now,
      },
    })
    const reminder = await db.prisma.message.create({
      data: {
        channel: 'SMS',
        recipient: '13811110009',
        template: 'registration.reminder',
        subjectType: 'Registration',
        subjectId: registration.id,
      },
    })

    const removed = await removeExamples(
      db.prisma,
      seedData.events.map((e) => e.slug),
    )
    expect(removed).toMatchObject({ events: examples, registrations: 1, schoolOffers: seedData.schoolOffers.length - 1, messages: 1 })
    expect(await db.prisma.event.findMany({ select: { slug: true } })).toEqual([{ slug: own.slug }])
    expect(await db.prisma.schoolOffer.findMany({ select: { id: true } })).toEqual([{ id: adopted.id }])
    expect(await db.prisma.registration.count()).toBe(0)
    expect((await db.prisma.message.findUniqueOrThrow({ where: { id: reminder.id } })).status).toBe('SKIPPED')
    expect(await db.prisma.menuItem.count()).toBe(seedData.menuItems.length)
    expect(await db.prisma.auditEntry.count({ where: { action: 'examples.remove' } })).toBe(1)
    // Running it again finds nothing more.
    expect(
      await removeExamples(
        db.prisma,
        seedData.events.map((e) => e.slug),
      ),
    ).toMatchObject({ events: 0, schoolOffers: 0 })
  })
})

describe('seed validation', () => {
  it('accepts the shipped seed data', () => {
    expect(() => validateSeedData(seedData)).not.toThrow()
  })

  it.each<[string, (d: SeedData) => void, RegExp]>([
    [
      'a venue without a source',
      (d) => {
        d.venues[0].source = ''
      },
      /venues\[0\] "songjiang-science-museum": source/,
    ],
    [
      'a duplicated venue slug',
      (d) => {
        d.venues[1].slug = d.venues[0].slug
      },
      /venues "songjiang-science-museum": appears more than once/,
    ],
    [
      'a point outside its district',
      (d) => {
        d.venues[4].point = { lat: 31.23, lng: 121.47, datum: 'WGS84', note: "People's Square" }
      },
      /venues "yuehu-sculpture-park": point .* lies outside 松江区/,
    ],
    [
      'an unknown town',
      (d) => {
        d.venues[0].town = '不存在镇'
      },
      /venues "songjiang-science-museum": unknown town "不存在镇"/,
    ],
    [
      'an event at an unknown venue',
      (d) => {
        d.events[0].venue = 'nowhere'
      },
      /events "sj-dr-pang-science-show": unknown venue "nowhere"/,
    ],
    [
      'a session that ends before it starts',
      (d) => {
        d.events[1].sessions[0].end = '08:00'
      },
      /events\[1\] "sj-products-as-exhibits-3": sessions.0.end: a session must end after it starts/,
    ],
    [
      'a bad venue type',
      (d) => {
        ;(d.venues[2] as { type: string }).type = 'CASTLE'
      },
      /venues\[2\] "shanghai-earthquake-museum": type/,
    ],
    [
      'opening hours without their source',
      (d) => {
        d.venues[0].openingHours = '9:00–17:00'
      },
      /venues\[0\] "songjiang-science-museum": hoursSource: opening hours need hoursSource/,
    ],
    [
      'a school offer at a venue that receives no school groups',
      (d) => {
        d.schoolOffers[1].venue = 'brain-science-2035-base'
      },
      /schoolOffers "brain-science-2035-base": the venue is not marked as receiving school groups/,
    ],
    [
      'a 菜单 item from an unknown organisation',
      (d) => {
        d.menuItems[0].organisation = 'nobody'
      },
      /menuItems "sj-science-is-interesting": unknown organisation "nobody"/,
    ],
  ])('rejects %s, naming the record', (_label, change, message) => {
    const error = (() => {
      try {
        validateSeedData(withChange(change))
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(SeedError)
    expect((error as SeedError).message).toMatch(message)
  })
})
