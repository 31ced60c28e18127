// 线上科普 on PGlite and PostgreSQL (issue 28, decision 037): resources only with https: links and only in their
// keeper's scope, keyword search with the activities' `q=`, and reach counted honestly — once per visitor per
// Shanghai day (a reload, a second tab, a racing burst: one count), the day's salt shared through the database,
// yesterday's hashes forgotten, crawlers and floods not counted, each count with its source.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { tFor } from '~/utils/i18n'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createStaffWorld, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'

const HOUR = 3600_000
const BROWSER = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148'

export function onlineRules(kind: TestDatabaseKind, { burst }: { burst: number }) {
  let db: TestDatabase
  let world: StaffWorld
  let resources: typeof import('~/models/online/resources.server')
  let reach: typeof import('~/models/online/reach.server')
  let points: typeof import('~/models/online/points.server')
  // Tuesday 1 December 2026, 10:00 in Shanghai.
  const now = new Date('2026-12-01T02:00:00Z')

  beforeAll(async () => {
    db = await useTestDatabaseForApp(kind)
    resources = await import('~/models/online/resources.server')
    reach = await import('~/models/online/reach.server')
    points = await import('~/models/online/points.server')
  })
  afterAll(async () => {
    await db?.drop()
  })
  beforeEach(async () => {
    await db.prisma.$executeRawUnsafe(
      'TRUNCATE "DigitalPointResource", "DigitalPoint", "OnlineReach", "OnlineReachSalt", "OnlineResourceVenue", "OnlineResourceEvent", "OnlineResource", "StoredFile", "RateLimitBucket", "AuditEntry", "Registration", "EventSession", "Event", "Venue", "User", "Organisation", "Town", "District" CASCADE',
    )
    reach.dropCachedSalt()
    world = await createStaffWorld(db.prisma, now)
  })

  const staff = (key: keyof StaffWorld['users']) => ({ ...world.users[key], sessionId: 't' })
  const input = (over: Record<string, unknown> = {}) => ({
    kind: 'VIDEO' as const,
    title: '走进佘山天文台',
    summary: '一段介绍佘山天文台百年历史和望远镜的科普视频。',
    url: 'https://example.org/video/sheshan',
    topics: ['space' as const],
    audiences: ['pupils' as const],
    source: '松江区科协',
    licence: '仅限浏览',
    published: true,
    venueIds: [] as string[],
    eventIds: [] as string[],
    ...over,
  })
  const newResource = async (over: Record<string, unknown> = {}) => resources.saveResource(staff('districtAdmin'), null, input(over))
  const view = (resourceId: string, over: Partial<{ address: string; userAgent: string; now: Date }> = {}) =>
    reach.countResourceView({ resourceId, address: '203.0.113.7', userAgent: BROWSER, now, ...over })
  const pageViews = async (resourceId: string) =>
    (await db.prisma.onlineReach.aggregate({ where: { resourceId, source: 'PAGE_VIEW' }, _sum: { count: true } }))._sum.count ?? 0

  describe('the library', () => {
    it('keeps only https: links, in the form, the model and the database', async () => {
      const schema = (await import('~/models/online/admin-schema')).onlineResourceSchema(tFor('zh-CN'))
      for (const url of [
        'http://example.org/a',
        ['javascript', 'alert(1)'].join(':'),
        'data:text/html,hi',
        '//example.org/a',
        'https://user:pw@example.org/',
        'https://exa mple.org',
      ])
        expect(schema.safeParse({ ...input(), url }).success, url).toBe(false)
      expect(schema.safeParse({ ...input(), topics: 'space', audiences: 'pupils' }).success).toBe(true)
      await expect(newResource({ url: 'http://example.org/a' })).rejects.toMatchObject({ field: 'url' })
      const { id } = await newResource()
      await expect(
        db.prisma.$executeRawUnsafe(`UPDATE "OnlineResource" SET url = 'javascript:alert(1)' WHERE id = '${id}'`),
      ).rejects.toThrow()
    })

    it('is kept by its district: another district, organisation staff and out-of-scope links are refused', async () => {
      const { id } = await newResource({ venueIds: [world.venue.id], eventIds: [world.event.id] })
      expect(await resources.findResourceForStaff(staff('otherDistrictAdmin'), id)).toBeNull()
      await expect(resources.saveResource(staff('otherDistrictAdmin'), id, input())).rejects.toMatchObject({ status: 404 })
      expect(() => resources.requireOnlineStaff(staff('staff'))).toThrow()
      const qpVenue = await db.prisma.venue.create({
        data: {
          slug: 'qp-venue',
          name: '青浦馆',
          type: 'SCIENCE_MUSEUM',
          districtId: world.qp.id,
          lat: 31.15,
          lng: 121.12,
          source: 'test',
        },
      })
      await expect(resources.saveResource(staff('districtAdmin'), id, input({ venueIds: [qpVenue.id] }))).rejects.toMatchObject({
        field: 'venueIds',
      })
      // Nothing half-saved: the refused save left the links as they were.
      const links = await db.prisma.onlineResourceVenue.findMany({ where: { resourceId: id } })
      expect(links.map((l) => l.venueId)).toEqual([world.venue.id])
      expect((await resources.resourcesForVenue(world.venue.slug)).map((r) => r.title)).toEqual(['走进佘山天文台'])
      expect((await resources.resourcesForEvent(world.event.slug)).length).toBe(1)
      expect(await db.prisma.auditEntry.count({ where: { action: 'online_resource.create' } })).toBe(1)
    })

    it('is found by the same keyword search as activities; unpublished resources stay hidden', async () => {
      await newResource()
      await newResource({
        title: '垃圾分类小课堂',
        topics: ['environment'],
        kind: 'ARTICLE',
        summary: '图文讲解上海的垃圾分类规则和道理。',
      })
      await newResource({ title: '未公开的视频', published: false })
      const titles = async (q?: string, kind?: 'ARTICLE') =>
        (await resources.listPublicResources({ q, kind })).resources.map((r) => r.title)
      expect(await titles()).toHaveLength(2)
      expect(await titles('天文')).toEqual(['走进佘山天文台'])
      expect(await titles('航天')).toEqual(['走进佘山天文台']) // a topic's label
      expect(await titles('ecology')).toEqual(['垃圾分类小课堂']) // the English label
      expect(await titles('松江 视频')).toEqual(['走进佘山天文台'])
      expect(await titles(undefined, 'ARTICLE')).toEqual(['垃圾分类小课堂'])
      expect(await titles('未公开')).toEqual([])
    })
    it('takes a cover through the storage module: checked by content, re-encoded and resized; shown as the resource is', async () => {
      const { mkdtempSync } = await import('node:fs')
      const { tmpdir } = await import('node:os')
      const path = await import('node:path')
      const sharp = (await import('sharp')).default
      const { localStore } = await import('~/utils/infra/storage/index.server')
      const store = localStore(mkdtempSync(path.join(tmpdir(), 'kepu-online-')))
      const { id } = await newResource({ published: false })
      const big = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#3366aa' } })
        .png()
        .toBuffer()
      await expect(
        resources.setResourceCover(staff('districtAdmin'), id, new TextEncoder().encode('<svg onload=alert(1)>'), store),
      ).rejects.toMatchObject({
        field: 'cover',
      })
      await expect(resources.setResourceCover(staff('otherDistrictAdmin'), id, new Uint8Array(big), store)).rejects.toMatchObject({
        status: 404,
      })
      const saved = await resources.setResourceCover(staff('districtAdmin'), id, new Uint8Array(big), store)
      expect(saved).toMatchObject({ contentType: 'image/jpeg', width: 1200, height: 800 })
      const { coverFileId } = await db.prisma.onlineResource.findUniqueOrThrow({ where: { id } })
      const viewer = (key: keyof StaffWorld['users'] | null) => ({ staff: key ? staff(key) : null, residentId: null })
      expect(await resources.onlineCoverAccess(coverFileId!, viewer(null))).toBeNull()
      expect(await resources.onlineCoverAccess(coverFileId!, viewer('otherDistrictAdmin'))).toBeNull()
      expect(await resources.onlineCoverAccess(coverFileId!, viewer('districtAdmin'))).toMatchObject({ visibility: 'private' })
      await db.prisma.onlineResource.update({ where: { id }, data: { published: true } })
      expect(await resources.onlineCoverAccess(coverFileId!, viewer(null))).toMatchObject({ visibility: 'public' })
    })
  })

  describe('reach', () => {
    it('counts a page view once per visitor per day: reloads, a second tab and a racing burst count once', async () => {
      const { id } = await newResource()
      expect(await view(id)).toBe('counted')
      expect(await view(id)).toBe('already-counted')
      const raced = await Promise.all(Array.from({ length: burst }, () => view(id)))
      expect(raced.every((outcome) => outcome === 'already-counted')).toBe(true)
      expect(await pageViews(id)).toBe(1)
      // Another visitor (another browser on the same address) counts; the same visitor the next day counts again.
      expect(await view(id, { userAgent: `${BROWSER} Firefox` })).toBe('counted')
      expect(await view(id, { now: new Date(now.getTime() + 24 * HOUR) })).toBe('counted')
      expect(await pageViews(id)).toBe(3)
    })

    it('keeps no address or user agent, and forgets the hashes of past days', async () => {
      const { id } = await newResource()
      await view(id)
      const [row] = await db.prisma.onlineReach.findMany({ where: { resourceId: id } })
      expect(row.visitor).toMatch(/^[0-9a-f]{32}$/)
      expect(JSON.stringify(row)).not.toContain('203.0.113.7')
      await view(id, { now: new Date(now.getTime() + 24 * HOUR) })
      const old = await db.prisma.onlineReach.findUniqueOrThrow({ where: { id: row.id } })
      expect(old.visitor).toBeNull()
      expect(old.count).toBe(1)
      expect(await db.prisma.onlineReachSalt.count()).toBe(1)
    })

    it('shares the day salt through the database: a process that starts later counts the same visitor as already seen', async () => {
      const { id } = await newResource()
      expect(await view(id)).toBe('counted')
      reach.dropCachedSalt() // as a second process would start, with nothing in memory
      expect(await view(id)).toBe('already-counted')
      expect(await db.prisma.onlineReachSalt.count()).toBe(1)
    })

    it('does not count crawlers, unpublished resources, or a flood from one address', async () => {
      const { id } = await newResource()
      const hidden = await newResource({ published: false })
      expect(await view(id, { userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1)' })).toBe('not-counted')
      expect(await view(id, { userAgent: '' })).toBe('not-counted')
      expect(await view(hidden.id)).toBe('already-counted')
      expect(await pageViews(hidden.id)).toBe(0)
      // A script that changes its user agent on every request: only the hour's allowance from one address counts.
      for (let i = 0; i < reach.VIEWS_PER_ADDRESS_HOUR + 5; i += 1)
        await view(id, { address: '198.51.100.9', userAgent: `${BROWSER} n${i}` })
      expect(await pageViews(id)).toBe(reach.VIEWS_PER_ADDRESS_HOUR)
    })

    it('writes views that arrive together as one batch with the same rules: the allowance per address, once per visitor, the resource by id or slug', async () => {
      const { id } = await newResource()
      const { slug } = await db.prisma.onlineResource.findUniqueOrThrow({ where: { id } })
      const hidden = await newResource({ published: false })
      const flood = Array.from({ length: reach.VIEWS_PER_ADDRESS_HOUR + 5 }, (_, i) =>
        view(id, { address: '198.51.100.77', userAgent: `${BROWSER} f${i}` }),
      )
      const others = Array.from({ length: 30 }, (_, i) =>
        reach.countResourceView({ slug, address: `192.0.2.${i + 1}`, userAgent: BROWSER, now }),
      )
      const twice = [view(id, { address: '192.0.2.200' }), view(id, { address: '192.0.2.200' })]
      const outcomes = await Promise.all([...flood, ...others, ...twice, view(hidden.id, { address: '192.0.2.201' })])
      const tally = (list: string[]) =>
        Object.fromEntries(['counted', 'already-counted', 'not-counted'].map((o) => [o, list.filter((x) => x === o).length]))
      expect(tally(outcomes.slice(0, flood.length))).toEqual({
        counted: reach.VIEWS_PER_ADDRESS_HOUR,
        'already-counted': 0,
        'not-counted': 5,
      })
      expect(tally(outcomes.slice(flood.length, flood.length + 30))).toEqual({ counted: 30, 'already-counted': 0, 'not-counted': 0 })
      expect([...outcomes.slice(flood.length + 30, flood.length + 32)].sort()).toEqual(['already-counted', 'counted'])
      expect(outcomes.at(-1)).toBe('already-counted')
      expect(await pageViews(id)).toBe(reach.VIEWS_PER_ADDRESS_HOUR + 30 + 1)
      expect(await pageViews(hidden.id)).toBe(0)
    })

    it('keeps each count with its source; staff entries need a reason, stay in scope and are audited; the dashboard sums by month', async () => {
      const { id } = await newResource({ kind: 'LIVE_STREAM' })
      await view(id)
      await reach.addStaffReach(staff('districtAdmin'), id, { count: 860, day: '2026-11-20', note: '直播平台后台观看人数' }, now)
      await expect(
        reach.addStaffReach(staff('otherDistrictAdmin'), id, { count: 5, day: '2026-11-20', note: '越权录入' }, now),
      ).rejects.toMatchObject({ status: 404 })
      await expect(
        reach.addStaffReach(staff('districtAdmin'), id, { count: 5, day: '2026-12-09', note: '未来的日子' }, now),
      ).rejects.toMatchObject({
        field: 'day',
      })
      const schema = (await import('~/models/online/admin-schema')).reachEntrySchema(tFor('zh-CN'))
      for (const count of ['-5', '0', '1000001', '1e9', 'abc'])
        expect(schema.safeParse({ count, day: '2026-11-20', note: '平台数字' }).success, count).toBe(false)
      expect(await reach.reachOfResource(id)).toEqual({ PAGE_VIEW: 1, STAFF_ENTRY: 860, POINT_REPORT: 0 })
      const months = await reach.reachByMonth(world.sj.id, 2026)
      expect(months[10]).toMatchObject({ month: 11, STAFF_ENTRY: 860, total: 860 })
      expect(months[11]).toMatchObject({ month: 12, PAGE_VIEW: 1, total: 1 })
      expect((await reach.reachByMonth(world.qp.id, 2026)).every((m) => m.total === 0)).toBe(true)
      const districts = await reach.reachByDistrict(2026)
      expect(districts.find((d) => d.districtId === world.sj.id)?.total).toBe(861)
      expect(await db.prisma.auditEntry.count({ where: { action: 'online_reach.entry' } })).toBe(1)
    })
  })

  describe('digital points', () => {
    const makePoint = async (name = '中山街道科普屏', districtId = world.sj.id) =>
      db.prisma.venue.create({
        data: {
          slug: `p-${Math.random().toString(36).slice(2, 10)}`,
          name,
          type: 'DIGITAL_POINT',
          districtId,
          lat: world.venue.lat,
          lng: world.venue.lng,
          source: 'test',
        },
      })
    const pointInput = (over: Record<string, unknown> = {}) => ({
      kind: 'SCREEN' as const,
      keeper: '中山街道社区党群服务中心',
      resourceIds: [] as string[],
      ...over,
    })
    const report = (pointId: string, token: string | null, body: unknown, over: Partial<{ address: string; now: Date }> = {}) =>
      points.receivePointReport({
        pointId,
        authorization: token === null ? null : `Bearer ${token}`,
        body,
        address: '203.0.113.50',
        now,
        ...over,
      })
    const plays = async (pointId: string) =>
      (await db.prisma.onlineReach.aggregate({ where: { pointId, source: 'POINT_REPORT' }, _sum: { count: true } }))._sum.count ?? 0
    const ready = async () => {
      const venue = await makePoint()
      const { id: resourceId } = await newResource()
      await points.savePoint(staff('districtAdmin'), venue.id, pointInput({ resourceIds: [resourceId] }))
      const token = await points.issuePointToken(staff('districtAdmin'), venue.id, now)
      return { venue, token, resourceId }
    }

    it('is kept by its district: what it shows, its keeper, and its token stored only as a hash', async () => {
      const { venue, token, resourceId } = await ready()
      expect(token).toMatch(/^kpt_[A-Za-z0-9_-]{43}$/)
      const row = await db.prisma.digitalPoint.findUniqueOrThrow({ where: { venueId: venue.id }, include: { resources: true } })
      expect(row).toMatchObject({ kind: 'SCREEN', keeper: '中山街道社区党群服务中心' })
      expect(row.resources.map((r) => r.resourceId)).toEqual([resourceId])
      expect(row.tokenHash).toBe(points.hashPointToken(token))
      expect(JSON.stringify(row)).not.toContain(token)
      // The venue page shows the published resources the point shows.
      const shown = await points.pointForVenue(venue.slug)
      expect(shown?.resources.map((r) => r.resource.title)).toEqual(['走进佘山天文台'])
      // Another district's admin does not find it; organisation staff keep no points; a resource of another district is refused.
      await expect(points.savePoint(staff('otherDistrictAdmin'), venue.id, pointInput())).rejects.toMatchObject({ status: 404 })
      await expect(points.issuePointToken(staff('otherDistrictAdmin'), venue.id, now)).rejects.toMatchObject({ status: 404 })
      await expect(points.savePoint(staff('staff'), venue.id, pointInput())).rejects.toMatchObject({ status: 403 })
      const qpResource = await resources.saveResource(staff('otherDistrictAdmin'), null, input())
      await expect(points.savePoint(staff('districtAdmin'), venue.id, pointInput({ resourceIds: [qpResource.id] }))).rejects.toMatchObject({
        field: 'resourceIds',
      })
      expect((await db.prisma.digitalPointResource.findMany({ where: { venueId: venue.id } })).map((r) => r.resourceId)).toEqual([
        resourceId,
      ])
      expect((await points.listPointsForStaff(staff('otherDistrictAdmin'))).map((p) => p.id)).toEqual([])
      expect((await points.listPointsForStaff(staff('platformAdmin'))).map((p) => p.id)).toEqual([venue.id])
      // A venue of another type is not a point.
      await expect(points.savePoint(staff('districtAdmin'), world.venue.id, pointInput())).rejects.toMatchObject({ status: 404 })
      // A token only after the point's facts are saved.
      const bare = await makePoint('未登记的点位')
      await expect(points.issuePointToken(staff('districtAdmin'), bare.id, now)).rejects.toMatchObject({ status: 409 })
      expect(await db.prisma.auditEntry.count({ where: { action: { startsWith: 'digital_point.' } } })).toBe(2)
    })

    it('counts a report with the right token once, into OnlineReach with its source and point', async () => {
      const { venue, token } = await ready()
      const answer = await report(venue.id, token, { reportId: 'r-1', day: '2026-12-01', plays: 42 })
      expect(answer).toEqual({ status: 201, body: { counted: 42, day: '2026-12-01', reportId: 'r-1' } })
      const [row] = await db.prisma.onlineReach.findMany({ where: { pointId: venue.id } })
      expect(row).toMatchObject({
        source: 'POINT_REPORT',
        districtId: world.sj.id,
        count: 42,
        reportId: 'r-1',
        resourceId: null,
        visitor: null,
      })
      // Replayed: refused and not counted again, also when the plays differ.
      expect((await report(venue.id, token, { reportId: 'r-1', day: '2026-12-01', plays: 42 })).status).toBe(409)
      expect((await report(venue.id, token, { reportId: 'r-1', day: '2026-11-30', plays: 500 })).status).toBe(409)
      expect(await plays(venue.id)).toBe(42)
      // Yesterday's report, late: counted.
      expect((await report(venue.id, token, { reportId: 'r-2', day: '2026-11-30', plays: 8 })).status).toBe(201)
      expect(await plays(venue.id)).toBe(50)
      // The dashboard's figures carry it.
      const months = await reach.reachByMonth(world.sj.id, 2026)
      expect(months[11]).toMatchObject({ POINT_REPORT: 42, total: 42 })
      expect(months[10]).toMatchObject({ POINT_REPORT: 8, total: 8 })
      const dashboard = await import('~/models/dashboard.server')
      expect(await dashboard.measure('reach:online', world.sj.id, 2026, { now })).toBe(50)
      expect(await dashboard.measure('reach:online', world.qp.id, 2026, { now })).toBe(0)
    })

    it("refuses a wrong, missing, another point's or an old token (401), and counts nothing", async () => {
      const { venue, token } = await ready()
      const other = await makePoint('另一块屏')
      await points.savePoint(staff('districtAdmin'), other.id, pointInput())
      const otherToken = await points.issuePointToken(staff('districtAdmin'), other.id, now)
      const body = { reportId: 'x-1', day: '2026-12-01', plays: 5 }
      for (const [what, given] of [
        ['no token', null],
        ['wrong token', `${token.slice(0, -2)}xx`],
        ["another point's token", otherToken],
        ['not a bearer token', ''],
      ] as const)
        expect((await report(venue.id, given, body)).status, what).toBe(401)
      expect((await report('no-such-point', token, body)).status).toBe(401)
      expect(
        (await points.receivePointReport({ pointId: venue.id, authorization: token, body, address: '203.0.113.50', now })).status,
      ).toBe(401)
      // Rotated: the old token stops working at once, the new one works.
      const fresh = await points.issuePointToken(staff('districtAdmin'), venue.id, now)
      expect((await report(venue.id, token, body)).status).toBe(401)
      expect(await plays(venue.id)).toBe(0)
      expect((await report(venue.id, fresh, body)).status).toBe(201)
      expect(await plays(venue.id)).toBe(5)
      // A venue that is no longer a digital point reports nothing.
      await db.prisma.venue.update({ where: { id: venue.id }, data: { type: 'COMMUNITY_ACADEMY' } })
      expect((await report(venue.id, fresh, { ...body, reportId: 'x-2' })).status).toBe(401)
      expect(await plays(venue.id)).toBe(5)
    })

    it('refuses negative, fractional, absurd, future, too old and malformed reports with a JSON message (400), counting none', async () => {
      const { venue, token } = await ready()
      const bad: Array<[unknown, string | undefined]> = [
        [{ reportId: 'b', day: '2026-12-01', plays: -3 }, 'plays'],
        [{ reportId: 'b', day: '2026-12-01', plays: 0 }, 'plays'],
        [{ reportId: 'b', day: '2026-12-01', plays: 2.5 }, 'plays'],
        [{ reportId: 'b', day: '2026-12-01', plays: points.MAX_PLAYS_PER_REPORT + 1 }, 'plays'],
        [{ reportId: 'b', day: '2026-12-01', plays: 1e12 }, 'plays'],
        [{ reportId: 'b', day: '2026-12-01', plays: '12' }, 'plays'],
        [{ reportId: 'b', day: '2026-12-02', plays: 3 }, 'day'], // tomorrow in Shanghai
        [{ reportId: 'b', day: '2026-10-01', plays: 3 }, 'day'], // older than a month
        [{ reportId: 'b', day: '2026-02-30', plays: 3 }, 'day'],
        [{ reportId: 'b', day: '1 Dec', plays: 3 }, 'day'],
        [{ reportId: '<script>', day: '2026-12-01', plays: 3 }, 'reportId'],
        [{ reportId: 'x'.repeat(65), day: '2026-12-01', plays: 3 }, 'reportId'],
        [{ day: '2026-12-01', plays: 3 }, 'reportId'],
        [[1, 2, 3], undefined],
        [undefined, undefined],
        ['plays=3', undefined],
      ]
      for (const [body, field] of bad) {
        const answer = await report(venue.id, token, body)
        expect(answer.status, JSON.stringify(body)).toBe(400)
        expect(answer.body, JSON.stringify(body)).toMatchObject({ message: expect.stringContaining(' / ') })
        if (field) expect(answer.body, JSON.stringify(body)).toMatchObject({ field })
      }
      expect(await plays(venue.id)).toBe(0)
      // The database holds the bound too, whatever a caller does.
      await expect(
        db.prisma.$executeRawUnsafe(
          `INSERT INTO "OnlineReach" (id, "districtId", source, day, count, "pointId", "reportId") VALUES ('raw', '${world.sj.id}', 'POINT_REPORT', '2026-12-01', 20000, '${venue.id}', 'raw')`,
        ),
      ).rejects.toThrow()
    })

    it('limits reports per point and per address; a refused report counts nothing', async () => {
      const { venue, token } = await ready()
      for (let i = 0; i < points.REPORTS_PER_POINT_HOUR; i++)
        expect(
          (await report(venue.id, token, { reportId: `h-${i}`, day: '2026-12-01', plays: 1 }, { address: `198.51.100.${i % 200}` })).status,
        ).toBe(201)
      const over = await report(venue.id, token, { reportId: 'h-over', day: '2026-12-01', plays: 1 }, { address: '198.51.100.250' })
      expect(over.status).toBe(429)
      expect(over.retryAfterSeconds).toBeGreaterThan(0)
      expect(await plays(venue.id)).toBe(points.REPORTS_PER_POINT_HOUR)
      // An hour later the point may report again.
      expect(
        (await report(venue.id, token, { reportId: 'h-next', day: '2026-12-01', plays: 1 }, { now: new Date(now.getTime() + HOUR) }))
          .status,
      ).toBe(201)

      // One address guessing tokens is stopped, and then its right token is refused too until the hour is over.
      const other = await makePoint('另一块屏')
      await points.savePoint(staff('districtAdmin'), other.id, pointInput())
      const otherToken = await points.issuePointToken(staff('districtAdmin'), other.id, now)
      const flood = '192.0.2.77'
      for (let i = 0; i < points.REPORTS_PER_ADDRESS_HOUR; i++)
        expect(
          (await report(other.id, `kpt_guess${i}xxxxxxxx`, { reportId: `g-${i}`, day: '2026-12-01', plays: 1 }, { address: flood })).status,
        ).toBe(401)
      expect((await report(other.id, otherToken, { reportId: 'g-right', day: '2026-12-01', plays: 1 }, { address: flood })).status).toBe(
        429,
      )
      expect(await plays(other.id)).toBe(0)
      expect(
        (await report(other.id, otherToken, { reportId: 'g-right', day: '2026-12-01', plays: 1 }, { address: '192.0.2.78' })).status,
      ).toBe(201)
    })

    it(`counts a report sent ${burst} times at once exactly once`, async () => {
      const { venue, token } = await ready()
      const answers = await Promise.all(
        Array.from({ length: burst }, (_, i) =>
          report(venue.id, token, { reportId: 'same', day: '2026-12-01', plays: 7 }, { address: `198.51.100.${i % 250}` }),
        ),
      )
      expect(answers.filter((a) => a.status === 201)).toHaveLength(1)
      // The others: a replay (409), or past the point's hourly limit (429).
      expect(answers.filter((a) => a.status === 409 || a.status === 429)).toHaveLength(burst - 1)
      expect(await plays(venue.id)).toBe(7)
    })
  })
}
