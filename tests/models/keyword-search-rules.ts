// Keyword search (decision 017), run on each database (keyword-search.pglite.test.ts, keyword-search.postgres.test.ts):
// what a word finds, in which order, together with the other filters, and what bad input gets.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseEventFilters, type EventFilters } from '~/utils/event-filters'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createDistrict } from '../helpers/fixtures'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'
import type { EventCategory } from '@prisma/client'

const HOUR = 3600_000
// 10:00 Shanghai time on Monday 23 November 2026.
const now = new Date('2026-11-23T02:00:00Z')

export function keywordSearchRules(kind: TestDatabaseKind) {
  describe(`keyword search on ${kind}`, () => {
    let db: TestDatabase
    let search: typeof import('~/models/event/search.server')
    let listing: typeof import('~/models/venue/listing.server')
    let menu: typeof import('~/models/menu/menu.server')
    let west: Awaited<ReturnType<typeof createDistrict>>
    let east: Awaited<ReturnType<typeof createDistrict>>

    beforeAll(async () => {
      db = await useTestDatabaseForApp(kind)
      search = await import('~/models/event/search.server')
      listing = await import('~/models/venue/listing.server')
      menu = await import('~/models/menu/menu.server')
      west = await createDistrict(db.prisma)
      east = await createDistrict(db.prisma)
      const sheshan = await db.prisma.town.create({
        data: { districtId: west.id, name: '佘山镇', kind: 'TOWN', centerLat: 31.1, centerLng: 121.2 },
      })
      const sijing = await db.prisma.town.create({
        data: { districtId: west.id, name: '泗泾镇', kind: 'TOWN', centerLat: 31.12, centerLng: 121.26 },
      })
      const club = await db.prisma.organisation.create({ data: { slug: 'astro-club', name: '星空爱好者协会', kind: 'OTHER' } })
      const station = await db.prisma.venue.create({
        data: {
          slug: 'sheshan-station',
          name: '佘山科普站',
          type: 'EDUCATION_BASE',
          districtId: west.id,
          townId: sheshan.id,
          lat: 31.1,
          lng: 121.2,
          source: 'test',
        },
      })
      const academy = await db.prisma.venue.create({
        data: {
          slug: 'sijing-academy',
          name: '社区书院',
          type: 'COMMUNITY_ACADEMY',
          districtId: west.id,
          townId: sijing.id,
          organisationId: club.id,
          lat: 31.12,
          lng: 121.26,
          source: 'test',
        },
      })
      const brand = await db.prisma.programmeBrand.create({
        data: { slug: 'star-weekend', name: '星空周末', scope: 'DISTRICT', description: '-', verification: '-', source: 'test' },
      })
      const event = async (
        key: string,
        data: {
          title: string
          summary?: string
          topics?: string[]
          category?: EventCategory
          venueId?: string
          brandId?: string
          organisationId?: string
        },
        startsInHours: number,
        district = west,
      ) => {
        const created = await db.prisma.event.create({
          data: {
            slug: `kw-${key}-${randomBytes(3).toString('hex')}`,
            title: data.title,
            summary: data.summary ?? '一场活动',
            description: '-',
            category: data.category ?? 'OPEN_DAY',
            topics: data.topics ?? [],
            venueId: data.venueId,
            brandId: data.brandId,
            organisationId: data.organisationId,
            lat: 31.1,
            lng: 121.2,
            districtId: district.id,
            status: 'PUBLISHED',
          },
        })
        const startsAt = new Date(now.getTime() + startsInHours * HOUR)
        await db.prisma.eventSession.create({
          data: { eventId: created.id, key: 's1', startsAt, endsAt: new Date(startsAt.getTime() + HOUR), capacity: 10 },
        })
        return key
      }
      await event('observatory', { title: '佘山天文台开放日', venueId: station.id }, 48)
      await event('planetarium', { title: '走进天文馆' }, 24, east)
      await event('starts-with', { title: '天文讲座：100% 的星空', category: 'LECTURE' }, 72)
      await event('topic', { title: '机器人编程', topics: ['天文', '编程'] }, 12)
      await event('brand', { title: '科学之夜', summary: '夜里看星星', brandId: brand.id }, 30)
      await event('organiser', { title: '手工课', organisationId: club.id, venueId: academy.id }, 40)
      await event('summary', { title: '亲子阅读', summary: '一起读天文故事' }, 6)
      await event('english', { title: 'AI Robot Day 机器人日' }, 50)
    })
    afterAll(async () => {
      await db?.drop()
    })

    const keysOf = async (filters: Partial<EventFilters>) => {
      const { sessions, total } = await search.searchSessions({ page: 1, ...filters }, { now, pageSize: 100 })
      expect(total).toBe(sessions.length)
      return sessions.map((s) => s.eventSlug.split('-')[1])
    }

    it('finds Chinese substrings in titles, topics, brands, summaries, venues, organisers and 街镇, titles first', async () => {
      // Title hits first (a title starting with the word ahead of the rest, then by time), then topics and brands,
      // organisers and 街镇, and last the summary.
      expect(await keysOf({ q: '天文' })).toEqual(['starts', 'planetarium', 'observatory', 'topic', 'summary'])
      expect(await keysOf({ q: '星空' })).toEqual(['starts', 'brand', 'organiser'])
      expect(await keysOf({ q: '泗泾' })).toEqual(['organiser'])
      expect(await keysOf({ q: '佘山' })).toEqual(['observatory'])
      expect(await keysOf({ q: '社区书院' })).toEqual(['organiser'])
    })

    it('needs every word, and matches English words (any case, full-width too) and the activity type in both languages', async () => {
      expect(await keysOf({ q: '天文 星空' })).toEqual(['starts'])
      expect(await keysOf({ q: '机器人' })).toEqual(['topic', 'english'])
      expect(await keysOf({ q: 'robot' })).toEqual(['english'])
      expect(await keysOf({ q: 'ＲＯＢＯＴ' })).toEqual(['english'])
      expect(await keysOf({ q: 'talk' })).toEqual(['starts'])
      expect(await keysOf({ q: '讲座' })).toEqual(['starts'])
      expect(await keysOf({ q: '没有这个词' })).toEqual([])
    })

    it('combines with the district and date filters, and the map shows the same set', async () => {
      expect(await keysOf({ q: '天文', district: east.slug })).toEqual(['planetarium'])
      expect(await keysOf({ q: '天文', district: west.slug })).toEqual(['starts', 'observatory', 'topic', 'summary'])
      // Until the end of today (Shanghai): the sessions 6 and 12 hours ahead.
      expect(await keysOf({ q: '天文', when: 'today' })).toEqual(['topic', 'summary'])
      expect(await keysOf({ q: '天文', when: 'range', from: '2026-11-24', to: '2026-11-25' })).toEqual(['planetarium', 'observatory'])
      const points = await search.searchMapPoints({ page: 1, q: '天文', district: west.slug }, { now })
      expect(points.reduce((n, p) => n + p.sessions, 0)).toBe(4)
      expect(points.map((p) => p.name)).toContain('佘山科普站')
    })

    it('reads LIKE wildcards, backslashes, SQL and HTML as plain characters', async () => {
      expect(await keysOf({ q: '100%' })).toEqual(['starts'])
      expect(await keysOf({ q: '天%文' })).toEqual(['starts', 'planetarium', 'observatory', 'topic', 'summary'])
      for (const q of ['%', '_', '\\', '%_%', '\\%', '\'; DROP TABLE "Event"; --', '<script>alert(1)</script>', '天_台']) {
        await expect(keysOf({ q }), q).resolves.toBeDefined()
      }
      // The model never treats `_` or `%` as "any character": 天_台 needs 天 and 台, not "天?台".
      expect(await keysOf({ q: '天_台' })).toEqual(['observatory'])
      expect(await keysOf({ q: '\'; DROP TABLE "Event"; --' })).toEqual([])
      expect(await keysOf({ q: '<mark>天文</mark>' })).toEqual([])
      expect(await db.prisma.event.count()).toBe(8)
    })

    it('refuses bad input from the URL with a reason, and the model stays bounded when called without the parser', async () => {
      const parse = (q: string) => parseEventFilters(new URLSearchParams({ q }))
      expect(parse('x'.repeat(10_000))).toMatchObject({ filters: { q: undefined }, problems: { q: 'search.problem.long' } })
      expect(parse('天 文 台 馆 站 院')).toMatchObject({ filters: { q: undefined }, problems: { q: 'search.problem.long' } })
      for (const q of ['%', '_%_', '\\\\', '！？。，', '   ']) {
        const { filters, problems } = parse(q)
        expect(filters.q, q).toBeUndefined()
        if (q.trim()) expect(problems.q, q).toBe('search.problem.noWords')
      }
      expect(parse('  天文   讲座 ')).toMatchObject({ filters: { q: '天文 讲座' }, problems: {} })
      expect(await keysOf({ q: '天'.repeat(10_000) })).toEqual([])
      expect(await keysOf({ q: '天 '.repeat(5_000) })).toHaveLength(5)
    })

    it('searches the venue directory and the 科普菜单 with the same words', async () => {
      const venues = async (q: string) => (await listing.listVenuesByDistrict([west.id, east.id], { q })).map((v) => v.slug)
      expect(await venues('佘山')).toEqual(['sheshan-station'])
      expect(await venues('星空')).toEqual(['sijing-academy'])
      expect(await venues('泗泾 书院')).toEqual(['sijing-academy'])
      expect(await venues('100%')).toEqual([])
      expect((await listing.listVenuesByDistrict([west.id, east.id], {})).length).toBe(2)

      const org = await db.prisma.organisation.create({ data: { slug: 'show-team', name: '胖博士科普团', kind: 'OTHER' } })
      const item = (title: string, description: string, topics: string[]) =>
        db.prisma.menuItem.create({
          data: {
            organisationId: org.id,
            title,
            kind: 'SCIENCE_SHOW',
            topics,
            audience: '小学生',
            durationMinutes: 45,
            minGroup: 10,
            maxGroup: 60,
            leadDays: 7,
            deliversTo: [west.id],
            description,
          },
        })
      await item('空气炮科学秀', '会飞的烟圈', ['物理'])
      await item('星空投影', '把天文馆搬进社区', ['天文'])
      await item('天文望远镜课', '动手装一台望远镜', [])
      const titles = async (q: string) => (await menu.listMenu({ q })).map((m) => m.title)
      expect(await titles('天文')).toEqual(['天文望远镜课', '星空投影'])
      expect(await titles('胖博士')).toHaveLength(3)
      expect(await titles('科学秀 物理')).toEqual(['空气炮科学秀'])
      expect(await titles('_')).toHaveLength(3)
    })

    it('follows every rename: an activity, its venue, organiser, brand, 街镇 and district (the triggers of migration 0008)', async () => {
      const station = await db.prisma.venue.findUniqueOrThrow({ where: { slug: 'sheshan-station' } })
      await db.prisma.venue.update({ where: { id: station.id }, data: { name: '月湖观星站' } })
      expect(await keysOf({ q: '观星' })).toEqual(['observatory'])
      await db.prisma.town.update({ where: { id: station.townId! }, data: { name: '天马山镇' } })
      expect(await keysOf({ q: '天马山' })).toEqual(['observatory'])
      await db.prisma.organisation.update({ where: { slug: 'astro-club' }, data: { name: '银河协会' } })
      expect(await keysOf({ q: '银河' })).toEqual(['organiser'])
      expect(await keysOf({ q: '星空爱好者' })).toEqual([])
      await db.prisma.programmeBrand.update({ where: { slug: 'star-weekend' }, data: { name: '周末夜观' } })
      expect(await keysOf({ q: '夜观' })).toEqual(['brand'])
      await db.prisma.district.update({ where: { id: east.id }, data: { nameEn: 'Eastshore' } })
      expect(await keysOf({ q: 'eastshore' })).toEqual(['planetarium'])
      const summary = await db.prisma.event.findFirstOrThrow({ where: { title: '亲子阅读' } })
      await db.prisma.event.update({ where: { id: summary.id }, data: { title: '亲子共读 ＳＴＥＭ 绘本', searchText: 'forged' } })
      expect(await keysOf({ q: 'stem' })).toEqual(['summary'])
      expect(await keysOf({ q: 'forged' })).toEqual([])
    })
  })
}
