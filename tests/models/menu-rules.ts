// 科普菜单 on PGlite and PostgreSQL: ordering rules, every state of an order, the activity an accepted order
// becomes, and the delivered figure on the dashboard.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createStaffWorld, QINGPU_POINT, SONGJIANG_POINT, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'

const DAY = 86400_000

export function menuRules(kind: TestDatabaseKind) {
  let db: TestDatabase
  let world: StaffWorld
  let menu: typeof import('~/models/menu/menu.server')
  let dashboard: typeof import('~/models/dashboard.server')
  let itemId: string
  const now = new Date('2026-12-01T04:00:00Z')

  beforeAll(async () => {
    db = await useTestDatabaseForApp(kind)
    menu = await import('~/models/menu/menu.server')
    dashboard = await import('~/models/dashboard.server')
  })
  afterAll(async () => {
    await db?.drop()
  })
  beforeEach(async () => {
    await db.prisma.$executeRawUnsafe(
      'TRUNCATE "MenuOrder", "MenuItem", "AuditEntry", "Registration", "EventSession", "Event", "Venue", "User", "Organisation", "Town", "PlanFigure", "District" CASCADE',
    )
    world = await createStaffWorld(db.prisma)
    const staff = { ...world.users.staff, sessionId: 't' }
    itemId = (
      await menu.saveMenuItem(staff, null, {
        title: '会跳舞的静电',
        kind: 'SCIENCE_SHOW',
        topics: '物理、静电',
        audience: '社区亲子家庭',
        durationMinutes: 60,
        minGroup: 20,
        maxGroup: 120,
        leadDays: 7,
        deliversTo: [world.sj.id],
        description: '科学老师带着范德格拉夫起电机上门表演。',
        active: true,
        organisationId: world.orgB.id,
      })
    ).id
  })

  const staff = () => ({ ...world.users.staff, sessionId: 't' })
  const order = (over: Record<string, unknown> = {}) => ({
    siteName: '方松社区书院',
    siteKind: 'COMMUNITY_ACADEMY' as const,
    districtId: world.sj.id,
    siteAddress: '松江区某路 8 号',
    lat: SONGJIANG_POINT.lat,
    lng: SONGJIANG_POINT.lng,
    contactName: '钱老师',
    phone: '13698765432',
    preferredDates: '12月中旬周六下午',
    expectedAudience: 60,
    consent: true as const,
    ...over,
  })
  const at = (days: number, hour = 6) => new Date(now.getTime() + days * DAY + (hour - 4) * 3600_000) // hour is UTC; 6 = 14:00 Shanghai

  it('staff publish items only for their own organisation', async () => {
    const item = await db.prisma.menuItem.findUniqueOrThrow({ where: { id: itemId } })
    expect(item.organisationId).toBe(world.orgA.id) // asked for org B, saved for the staff member's own
    expect(item.topics).toEqual(['物理', '静电'])
    expect((await menu.listMenu({ district: 'songjiang' })).map((i) => i.id)).toEqual([itemId])
    expect(await menu.listMenu({ district: 'qingpu' })).toEqual([])
  })

  it('refuses a district the item does not reach, a point outside the district and a group size it does not take', async () => {
    await expect(
      menu.placeOrder(itemId, order({ districtId: world.qp.id, lat: QINGPU_POINT.lat, lng: QINGPU_POINT.lng }), now),
    ).rejects.toMatchObject({ field: 'districtId', message: '这个项目暂不配送到青浦区。' })
    await expect(menu.placeOrder(itemId, order({ lat: QINGPU_POINT.lat, lng: QINGPU_POINT.lng }), now)).rejects.toMatchObject({
      field: 'lat',
    })
    await expect(menu.placeOrder(itemId, order({ expectedAudience: 200 }), now)).rejects.toMatchObject({
      field: 'expectedAudience',
      message: '这个项目每次适合 20–120 人。',
    })
    expect(await db.prisma.menuOrder.count()).toBe(0)
  })

  it('places an order without a map point at its 街镇 centre, else its district centre, and records which (issue 30)', async () => {
    const noPoint = { lat: undefined, lng: undefined }
    const atTown = await menu.placeOrder(itemId, order({ ...noPoint, townId: world.sjTown.id, siteName: '无图社区书院' }), now)
    expect(await db.prisma.menuOrder.findUniqueOrThrow({ where: { code: atTown.code } })).toMatchObject({
      townId: world.sjTown.id,
      siteLat: world.sjTown.centerLat,
      siteLng: world.sjTown.centerLng,
      sitePrecision: 'TOWN_CENTRE',
    })
    const atDistrict = await menu.placeOrder(itemId, order({ ...noPoint, siteName: '只有地址的村委会' }), now)
    expect(await db.prisma.menuOrder.findUniqueOrThrow({ where: { code: atDistrict.code } })).toMatchObject({
      townId: null,
      siteLat: world.sj.centerLat,
      siteLng: world.sj.centerLng,
      sitePrecision: 'DISTRICT_CENTRE',
    })
    const picked = await menu.placeOrder(itemId, order({ townId: world.sjTown.id, siteName: '标了点的书院' }), now)
    expect(await db.prisma.menuOrder.findUniqueOrThrow({ where: { code: picked.code } })).toMatchObject({
      siteLat: SONGJIANG_POINT.lat,
      sitePrecision: 'POINT',
    })
    // A 街镇 of another district is refused next to its field.
    await expect(menu.placeOrder(itemId, order({ ...noPoint, townId: world.qpTown.id, siteName: '错街镇' }), now)).rejects.toMatchObject({
      field: 'townId',
    })
    // The activity an accepted order becomes stands in the order's 街镇.
    const id = (await menu.findOrderByToken(atTown.manageToken))!.id
    const { eventSlug } = await menu.decideOrder(staff(), { intent: 'accept', orderId: id, startsAt: at(10), capacity: 50 }, now)
    expect(await db.prisma.event.findUniqueOrThrow({ where: { slug: eventSlug } })).toMatchObject({
      townId: world.sjTown.id,
      lat: world.sjTown.centerLat,
    })
  })

  it('makes one order of identical submissions sent at once (a double click), and refuses the others with 409', async () => {
    const same = order({ siteName: '双击社区书院', phone: '13611112222' })
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map(() => menu.placeOrder(itemId, same, now)))
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ status: 409 })
    expect(await db.prisma.menuOrder.count({ where: { siteName: '双击社区书院' } })).toBe(1)
    // A different order from the same number is its own.
    await menu.placeOrder(itemId, { ...same, preferredDates: '1月上旬' }, now)
    expect(await db.prisma.menuOrder.count({ where: { siteName: '双击社区书院' } })).toBe(2)
  })

  describe("an order's life", () => {
    it('accepted with a date: a published activity at the site takes registrations; delivered with attendance; counted on the dashboard', async () => {
      const placed = await menu.placeOrder(itemId, order(), now)
      const id = (await menu.findOrderByToken(placed.manageToken))!.id
      await expect(menu.decideOrder(staff(), { intent: 'accept', orderId: id, startsAt: at(3), capacity: 60 }, now)).rejects.toThrow(
        '需要提前 7 天',
      )
      const { eventSlug } = await menu.decideOrder(
        staff(),
        { intent: 'accept', orderId: id, startsAt: at(10), capacity: 50, message: '带 2 台设备' },
        now,
      )
      const event = await db.prisma.event.findUniqueOrThrow({ where: { slug: eventSlug }, include: { sessions: true } })
      expect(event).toMatchObject({
        status: 'PUBLISHED',
        placeName: '方松社区书院',
        districtId: world.sj.id,
        lat: SONGJIANG_POINT.lat,
        category: 'SCIENCE_SHOW',
        organisationId: world.orgA.id,
      })
      expect(event.sessions).toEqual([
        expect.objectContaining({ capacity: 50, startsAt: at(10), endsAt: new Date(at(10).getTime() + 3600_000) }),
      ])
      const booking = await import('~/models/registration/registration.server')
      expect(
        (
          await booking.registerForSession(
            event.sessions[0].id,
            { name: '居民', phone: '13900001234', adults: 1, children: 1, answers: {}, consent: true },
            { now },
          )
        ).status,
      ).toBe('CONFIRMED')
      // Twice is refused: the order has moved on.
      await expect(menu.decideOrder(staff(), { intent: 'decline', orderId: id, message: 'x' }, now)).rejects.toThrow('已确定')
      await expect(menu.decideOrder(staff(), { intent: 'deliver', orderId: id, attendance: 48 }, now)).rejects.toThrow('开始后才能登记')
      await menu.decideOrder(staff(), { intent: 'deliver', orderId: id, attendance: 48 }, at(10, 8))
      expect(await menu.findOrderByCode(placed.code, '5432')).toMatchObject({
        status: 'DELIVERED',
        attendance: 48,
        providerMessage: '带 2 台设备',
      })
      expect(await menu.findOrderByCode(placed.code, '0000')).toBeNull()
      const year = at(10).getUTCFullYear()
      await db.prisma.planFigure.create({
        data: {
          key: 'd',
          districtId: world.sj.id,
          year,
          kind: 'TARGET',
          metric: 'activities:delivered',
          label: '配送',
          value: 1,
          atLeast: true,
          source: 't',
        },
      })
      const figures = await dashboard.districtDashboard(world.sj.id, year, { now: at(11) })
      expect(figures.plan.find((p) => p.key === 'd')).toMatchObject({ measured: 1, met: true })
      expect(await db.prisma.auditEntry.count({ where: { action: { startsWith: 'menu_order.' } } })).toBe(2)
    })

    it('proposed another date: the site accepts it (the activity is created) or withdraws; declines carry a reason', async () => {
      const a = await menu.placeOrder(itemId, order(), now)
      const aId = (await menu.findOrderByToken(a.manageToken))!.id
      await menu.decideOrder(staff(), { intent: 'propose', orderId: aId, startsAt: at(14), message: '周六已排满，改到下周日' }, now)
      expect(await menu.findOrderByToken(a.manageToken)).toMatchObject({ status: 'PROPOSED', providerMessage: '周六已排满，改到下周日' })
      await menu.acceptProposal(a.manageToken, now)
      const accepted = (await menu.findOrderByToken(a.manageToken))!
      expect(accepted.status).toBe('ACCEPTED')
      expect(accepted.event!.sessions[0]).toMatchObject({ startsAt: at(14), capacity: 60 })
      await expect(menu.withdrawOrder(a.manageToken)).rejects.toThrow('日期已确定')

      const b = await menu.placeOrder(itemId, order({ siteName: '岳阳党群服务中心', siteKind: 'PARTY_SERVICE_CENTER' }), now)
      expect(await menu.withdrawOrder(b.manageToken)).toBe('CANCELLED')
      expect(await menu.withdrawOrder(b.manageToken)).toBe('CANCELLED')

      const c = await menu.placeOrder(itemId, order({ siteName: '某村委会', siteKind: 'VILLAGE' }), now)
      const cId = (await menu.findOrderByToken(c.manageToken))!.id
      await expect(
        menu.decideOrder({ ...world.users.otherOrgStaff, sessionId: 't' }, { intent: 'decline', orderId: cId, message: '不是我们的' }, now),
      ).rejects.toMatchObject({ status: 404 })
      await menu.decideOrder(staff(), { intent: 'decline', orderId: cId, message: '设备维修中' }, now)
      expect(await menu.findOrderByToken(c.manageToken)).toMatchObject({ status: 'DECLINED', providerMessage: '设备维修中' })
      await expect(menu.acceptProposal(c.manageToken, now)).rejects.toThrow('没有待确认的改期建议')
      expect(await db.prisma.event.count({ where: { source: { startsWith: '科普菜单订单' } } })).toBe(1)
    })

    it("exports orders with contacts' phones masked", async () => {
      await menu.placeOrder(itemId, order(), now)
      const csv = await menu.menuOrdersCsv(staff())
      expect(csv.charCodeAt(0)).toBe(0xfeff)
      expect(csv).toContain('136****5432')
      expect(csv).not.toContain('13698765432')
    })
  })
}
