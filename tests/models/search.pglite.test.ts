// The home page's search on the plans' seed data plus a few rows of our own: every filter narrows the same set
// for the list and the map, and "near me" orders by distance.
import ICAL from 'ical.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedData } from '../../seeds'
import { seedDatabase } from '../../seeds/load'
import { useTestDatabaseForApp } from '../helpers/app-db'
import type { TestDatabase } from '../helpers/db'

const now = new Date('2026-11-23T02:00:00Z') // Monday 10:00 in Shanghai; the seed's week starts today

describe('searching upcoming sessions (PGlite)', () => {
  let db: TestDatabase
  let search: typeof import('~/models/event/search.server')
  let limits: typeof import('~/utils/infra/rate-limit.server')

  beforeAll(async () => {
    db = await useTestDatabaseForApp('pglite')
    await seedDatabase(db.prisma, seedData, { now })
    search = await import('~/models/event/search.server')
    limits = await import('~/utils/infra/rate-limit.server')
  })
  afterAll(async () => {
    await db?.drop()
  })

  const find = (filters: Record<string, unknown>, at = now) => search.searchSessions({ page: 1, ...filters }, { now: at, pageSize: 500 })
  const allUpcoming = () =>
    db.prisma.eventSession.findMany({
      where: { startsAt: { gt: now }, status: 'SCHEDULED', event: { status: 'PUBLISHED', district: { active: true } } },
      include: { event: { include: { venue: true, brand: true, district: true } } },
    })

  it('lists every upcoming published session in time order, and the map has one point per place for the same set', async () => {
    const { sessions, total } = await find({})
    const expected = await allUpcoming()
    expect(total).toBe(expected.length)
    expect(sessions.map((s) => s.id).sort()).toEqual(expected.map((s) => s.id).sort())
    expect(sessions.map((s) => s.startsAt.getTime())).toEqual([...sessions].map((s) => s.startsAt.getTime()).sort((a, b) => a - b))
    const points = await search.searchMapPoints({ page: 1 }, { now })
    expect(points.reduce((n, p) => n + p.sessions, 0)).toBe(total)
    expect(new Set(points.map((p) => p.key)).size).toBe(points.length)
  })

  it('the map asks for its viewport: the same sessions, grouped into clusters at low zoom and one point per place when close', async () => {
    const points = await search.searchMapPoints({ page: 1 }, { now })
    const shanghai = { west: 120.85, south: 30.68, east: 122.0, north: 31.88 }
    const sessionsOf = (items: Array<{ sessions: number }>) => items.reduce((n, p) => n + p.sessions, 0)
    const placesOf = (items: Array<{ kind: string; places?: number }>) =>
      items.reduce((n, p) => n + (p.kind === 'cluster' ? (p as { places: number }).places : 1), 0)
    const city = await search.searchMapCells({ page: 1 }, { ...shanghai, zoom: 9 }, { now })
    expect(sessionsOf(city)).toBe(sessionsOf(points))
    expect(placesOf(city)).toBe(points.length)
    expect(city.some((item) => item.kind === 'cluster')).toBe(true)
    expect(city.length).toBeLessThan(points.length)
    // Close in, a place is a point of its own with its name and link key.
    const single = city.find((item) => item.kind !== 'cluster') ?? points[0]
    const around = { west: single.lng - 0.002, south: single.lat - 0.002, east: single.lng + 0.002, north: single.lat + 0.002, zoom: 18 }
    const close = await search.searchMapCells({ page: 1 }, around, { now })
    expect(close.find((item) => item.kind !== 'cluster' && item.lat === single.lat && item.lng === single.lng)).toMatchObject({
      name: expect.any(String),
      key: expect.any(String),
    })
    // A box holds only what is inside it.
    const one = points[0]
    const box = { west: one.lng - 0.001, south: one.lat - 0.001, east: one.lng + 0.001, north: one.lat + 0.001, zoom: 18 }
    const inBox = await search.searchMapCells({ page: 1 }, box, { now })
    expect(inBox.length).toBeGreaterThan(0)
    expect(sessionsOf(inBox)).toBe(
      sessionsOf(points.filter((p) => p.lng >= box.west && p.lng <= box.east && p.lat >= box.south && p.lat <= box.north)),
    )
    // However large the box, the grid has at most 40 cells across it.
    const world = await search.searchMapCells({ page: 1 }, { west: -180, south: -85, east: 180, north: 85, zoom: 18 }, { now })
    expect(world.length).toBeLessThanOrEqual(3)
    // And the filters apply as they do to the list.
    const songjiang = await search.searchMapCells({ page: 1, district: 'songjiang' }, { ...shanghai, zoom: 9 }, { now })
    expect(sessionsOf(songjiang)).toBe(sessionsOf(await search.searchMapPoints({ page: 1, district: 'songjiang' }, { now })))
  })

  it('narrows by district, category, age, topic, brand and venue type exactly as the data says', async () => {
    const expected = await allUpcoming()
    const check = async (filters: Record<string, unknown>, keep: (s: (typeof expected)[number]) => boolean) => {
      const { sessions, total } = await find(filters)
      const want = expected
        .filter(keep)
        .map((s) => s.id)
        .sort()
      expect(want.length, JSON.stringify(filters)).toBeGreaterThan(0)
      expect(sessions.map((s) => s.id).sort(), JSON.stringify(filters)).toEqual(want)
      expect(total).toBe(want.length)
      const points = await search.searchMapPoints({ page: 1, ...filters }, { now })
      expect(
        points.reduce((n, p) => n + p.sessions, 0),
        `map for ${JSON.stringify(filters)}`,
      ).toBe(want.length)
    }
    await check({ district: 'qingpu' }, (s) => s.event.district.slug === 'qingpu')
    await check({ category: 'SCIENCE_SHOW' }, (s) => s.event.category === 'SCIENCE_SHOW')
    await check({ age: 7 }, (s) => (s.event.audienceMinAge ?? 0) <= 7 && (s.event.audienceMaxAge ?? 200) >= 7)
    await check({ topic: '人工智能' }, (s) => s.event.topics.includes('人工智能'))
    await check({ brand: 'dr-pang-science-show' }, (s) => s.event.brand?.slug === 'dr-pang-science-show')
    await check({ venueType: 'SCIENCE_MUSEUM' }, (s) => s.event.venue?.type === 'SCIENCE_MUSEUM')
    const town = (await db.prisma.venue.findUniqueOrThrow({ where: { slug: 'songjiang-science-museum' } })).townId!
    await check({ town }, (s) => s.event.venue?.townId === town || s.event.townId === town)
  })

  it('hides full sessions with "seats left only", and sessions outside the chosen dates', async () => {
    const full = (await allUpcoming())[0]
    await db.prisma.eventSession.update({ where: { id: full.id }, data: { seatsTaken: full.capacity } })
    expect((await find({})).sessions.map((s) => s.id)).toContain(full.id)
    expect((await find({ seatsLeft: true })).sessions.map((s) => s.id)).not.toContain(full.id)
    await db.prisma.eventSession.update({ where: { id: full.id }, data: { seatsTaken: 0 } })

    const endOfToday = new Date('2026-11-23T16:00:00Z')
    const today = await find({ when: 'today' })
    expect(today.total).toBe((await allUpcoming()).filter((s) => s.startsAt < endOfToday).length)
    const wednesdayMorning = new Date('2026-11-25T00:00:00Z') // Wednesday 08:00: the seed has sessions that day
    const wednesday = await find({ when: 'today' }, wednesdayMorning)
    expect(wednesday.total).toBeGreaterThan(0)
    for (const s of wednesday.sessions) expect(s.startsAt > wednesdayMorning && s.startsAt < new Date('2026-11-25T16:00:00Z')).toBe(true)
    const weekend = await find({ when: 'weekend' })
    expect(weekend.total).toBeGreaterThan(0)
    for (const s of weekend.sessions) {
      expect(s.startsAt >= new Date('2026-11-27T16:00:00Z') && s.startsAt < new Date('2026-11-29T16:00:00Z')).toBe(true)
    }
    const range = await find({ when: 'range', from: '2026-12-01', to: '2026-12-03' })
    expect(range.total).toBeGreaterThan(0)
    for (const s of range.sessions)
      expect(s.startsAt >= new Date('2026-11-30T16:00:00Z') && s.startsAt < new Date('2026-12-03T16:00:00Z')).toBe(true)
  })

  it('near a 街镇: sorted by distance with walking and cycling minutes; "15 minutes on foot" keeps only what is that close', async () => {
    const town = await db.prisma.town.findFirstOrThrow({ where: { name: '中山街道' } })
    const near = await find({ nearTown: town.id })
    expect(near.origin).toMatchObject({
      lat: town.centerLat,
      lng: town.centerLng,
      label: { name: '松江区中山街道', nameEn: 'Zhongshan Subdistrict, Songjiang' },
    })
    const metres = near.sessions.map((s) => s.distance!.metres)
    expect(metres).toEqual([...metres].sort((a, b) => a - b))
    expect(near.sessions[0].distance!.walkMinutes).toBeGreaterThanOrEqual(near.sessions[0].distance!.bikeMinutes)
    const walk = await find({ nearTown: town.id, reach: 'walk15' })
    expect(walk.total).toBeLessThan(near.total)
    for (const s of walk.sessions) expect(s.distance!.metres).toBeLessThanOrEqual(923)
    expect(walk.sessions.map((s) => s.id)).toEqual(near.sessions.filter((s) => s.distance!.metres <= 923).map((s) => s.id))
  })

  it('writes calendar feeds that an iCalendar library reads back: one event per matching session', async () => {
    const calendar = await import('~/models/calendar.server')
    const read = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v))
    const filters = { page: 1, district: 'qingpu' }
    const text = await calendar.sessionsCalendar(filters, { origin: 'https://kepu.example', name: await calendar.feedName(filters), now })
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/)
    expect(new ICAL.Component(ICAL.parse(text)).getFirstPropertyValue('x-wr-calname')).toBe('科普地图 · 青浦区')
    const events = read(text)
    const { sessions } = await find(filters)
    expect(events.map((e) => e.uid).sort()).toEqual(sessions.map((s) => `session-${s.id}@kepu`).sort())
    for (const event of events) {
      const session = sessions.find((s) => `session-${s.id}@kepu` === event.uid)!
      expect(event.summary).toBe(session.title)
      expect(event.startDate.toJSDate().getTime()).toBe(session.startsAt.getTime())
      expect(event.endDate.toJSDate().getTime()).toBe(session.endsAt.getTime())
      expect(event.location).toContain('青浦区')
    }
    const venueFeed = read(
      await calendar.sessionsCalendar({ page: 1, venue: 'songjiang-science-museum' }, { origin: 'https://kepu.example', name: 'x', now }),
    )
    expect(venueFeed.length).toBe((await allUpcoming()).filter((s) => s.event.venue?.slug === 'songjiang-science-museum').length)
    expect(venueFeed.length).toBeGreaterThan(0)
    const empty = await calendar.sessionsCalendar({ page: 1, topic: '没有这个主题' }, { origin: 'https://kepu.example', name: '空', now })
    expect(read(empty)).toEqual([])
  })

  it('serves open data: activities and venues page without gaps or repeats; RSS and sitemap list what is public', async () => {
    const open = await import('~/models/open-data.server')
    const origin = 'https://kepu.example'
    const first = await open.activitiesPage({ page: 1 }, { origin, pageSize: 10, now })
    const second = await open.activitiesPage({ page: 2 }, { origin, pageSize: 10, now })
    expect(first.data).toHaveLength(10)
    expect(first.hasNextPage).toBe(true)
    const ids = [...first.data, ...second.data].map((a) => a.sessionId)
    expect(new Set(ids).size).toBe(ids.length)
    const { sessions } = await find({})
    expect(ids).toEqual(sessions.slice(0, ids.length).map((s) => s.id))
    expect(first.data[0].event.url).toMatch(/^https:\/\/kepu\.example\/events\//)

    const venuesTotal = await db.prisma.venue.count({ where: { openToPublic: true, district: { active: true } } })
    const pages = []
    for (let page = 1; ; page++) {
      const result = await open.venuesPage({ page, pageSize: 20, origin })
      pages.push(...result.data.map((v) => v.slug))
      if (!result.hasNextPage) break
    }
    expect(pages).toHaveLength(venuesTotal)
    expect(new Set(pages).size).toBe(venuesTotal)
    const museums = await open.venuesPage({ page: 1, pageSize: 50, origin, type: 'SCIENCE_MUSEUM', district: 'songjiang' })
    expect(museums.data.length).toBeGreaterThan(0)
    for (const v of museums.data) expect([v.type, v.district]).toEqual(['SCIENCE_MUSEUM', '松江区'])

    const rss = await open.activitiesRss(
      { page: 1, district: 'minhang' },
      { origin, title: '科普地图 · 闵行区', self: `${origin}/feed.xml?district=minhang`, now },
    )
    const items = rss.match(/<item>/g) ?? []
    expect(items.length).toBe((await find({ district: 'minhang' })).total)
    expect(rss).toContain('<title>科普地图 · 闵行区</title>')
    const sitemap = await open.sitemapUrls(origin, now)
    expect(sitemap.map((u) => u.loc)).toEqual(
      expect.arrayContaining([`${origin}/`, `${origin}/venues/songjiang-science-museum`, `${origin}/events/sj-dr-pang-science-show`]),
    )
  })

  it('counts rate limits in the database, per key and window', async () => {
    const attempt = (key: string, at: Date) => limits.consumeRateLimits([{ key, limit: 3, windowSeconds: 60 }], at)
    const t0 = new Date('2026-11-23T02:00:00Z')
    for (let i = 0; i < 3; i++) expect((await attempt('test:a', t0)).allowed).toBe(true)
    expect(await attempt('test:a', new Date(t0.getTime() + 15_000))).toEqual({ allowed: false, retryAfterSeconds: 45 })
    expect((await attempt('test:b', t0)).allowed).toBe(true)
    expect((await attempt('test:a', new Date(t0.getTime() + 60_000))).allowed).toBe(true)
  })
})
