// 讲师团 and the 菜单 order loop on PGlite and PostgreSQL (decision 034): rosters kept per district, 派单 by the
// order's district staff, 接单 or decline by the lecturer it was dispatched to and nobody else, delivery, 评单 once,
// the figures staff dispatch by, and what the public pages show. A photo refused by the storage module changes
// nothing.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createStaffWorld, SONGJIANG_POINT, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'
import type { Staff } from '~/utils/auth.server'

const DAY = 86400_000

export function lecturerRules(kind: TestDatabaseKind) {
  let db: TestDatabase
  let world: StaffWorld
  let menu: typeof import('~/models/menu/menu.server')
  let roster: typeof import('~/models/lecturers/roster.server')
  let dispatch: typeof import('~/models/lecturers/dispatch.server')
  let storage: typeof import('~/utils/infra/storage/index.server')
  let files: string
  let itemId: string
  const now = new Date('2026-12-01T04:00:00Z')
  const at = (days: number, hour = 6) => new Date(now.getTime() + days * DAY + (hour - 4) * 3600_000)

  beforeAll(async () => {
    db = await useTestDatabaseForApp(kind)
    menu = await import('~/models/menu/menu.server')
    roster = await import('~/models/lecturers/roster.server')
    dispatch = await import('~/models/lecturers/dispatch.server')
    storage = await import('~/utils/infra/storage/index.server')
    files = await mkdtemp(path.join(tmpdir(), 'kepu-lecturer-files-'))
  })
  afterAll(async () => {
    await db?.drop()
    if (files) await rm(files, { recursive: true, force: true })
  })
  beforeEach(async () => {
    await db.prisma.$executeRawUnsafe(
      'TRUNCATE "MenuOrder", "MenuItem", "Lecturer", "StoredFile", "AuditEntry", "Registration", "EventSession", "Event", "Venue", "User", "Resident", "Organisation", "Town", "PlanFigure", "District" CASCADE',
    )
    world = await createStaffWorld(db.prisma)
    itemId = (
      await menu.saveMenuItem(as(world.users.staff), null, {
        title: '身边的人工智能',
        kind: 'LECTURE',
        topics: '人工智能',
        audience: '社区居民',
        durationMinutes: 90,
        minGroup: 10,
        maxGroup: 200,
        leadDays: 5,
        deliversTo: [world.sj.id, world.qp.id],
        description: '讲师上门讲人工智能在生活里的用处。',
        active: true,
      })
    ).id
  })

  const as = (user: {
    id: string
    name: string
    email: string
    role: Staff['role']
    districtId: string | null
    organisationId: string | null
  }): Staff => ({
    ...user,
    sessionId: 't',
  })
  const sjAdmin = () => as(world.users.districtAdmin)
  const qpAdmin = () => as(world.users.otherDistrictAdmin)
  const lecturerInput = (over: Record<string, unknown> = {}) => ({
    name: '李讲师',
    organisation: '松江区中心医院',
    title: '主任医师',
    topics: ['health' as const, 'ai' as const],
    audiences: ['adults' as const, 'seniors' as const],
    monthlyCapacity: 2,
    bio: '从事心血管科普二十年，讲过三百多场社区讲座。',
    travelsTo: [] as string[],
    published: true,
    ...over,
  })
  let phones = 0
  const resident = () =>
    db.prisma.resident.create({
      data: { phone: `1390000${String(++phones).padStart(4, '0')}`, passwordHash: 'x', passportCode: `P${phones}${Date.now()}` },
    })
  /** A lecturer in 松江's roster with a linked account. */
  async function linkedLecturer(over: Record<string, unknown> = {}) {
    const { id } = await roster.saveLecturer(sjAdmin(), null, lecturerInput(over))
    const account = await resident()
    const secret = await roster.issueLecturerLink(sjAdmin(), id, now)
    await roster.redeemLecturerLink(secret, account.id, now)
    return { id, residentId: account.id }
  }
  const order = (over: Record<string, unknown> = {}) => ({
    siteName: '方松社区',
    siteKind: 'VILLAGE' as const,
    districtId: world.sj.id,
    siteAddress: '松江区某路 8 号',
    townId: world.sjTown.id,
    lat: SONGJIANG_POINT.lat,
    lng: SONGJIANG_POINT.lng,
    contactName: '钱书记',
    phone: '13698765432',
    preferredDates: '12月中旬',
    expectedAudience: 60,
    consent: true as const,
    ...over,
  })
  async function placed(over: Record<string, unknown> = {}) {
    const { manageToken } = await menu.placeOrder(itemId, order(over), now)
    const found = (await menu.findOrderByToken(manageToken))!
    return { id: found.id, token: manageToken }
  }

  it('keeps each district roster to its own staff: another district sees and changes nothing, organisation staff are refused', async () => {
    const { id } = await roster.saveLecturer(sjAdmin(), null, lecturerInput({ travelsTo: [world.qp.id, world.sj.id] }))
    const saved = await db.prisma.lecturer.findUniqueOrThrow({ where: { id } })
    expect(saved).toMatchObject({ districtId: world.sj.id, travelsTo: [world.qp.id], published: true })
    expect((await roster.listLecturersForStaff(qpAdmin())).map((l) => l.id)).toEqual([])
    expect(await roster.findLecturerForStaff(qpAdmin(), id)).toBeNull()
    await expect(roster.saveLecturer(qpAdmin(), id, lecturerInput({ name: '改名' }))).rejects.toMatchObject({ status: 404 })
    await expect(roster.issueLecturerLink(qpAdmin(), id, now)).rejects.toMatchObject({ status: 404 })
    await expect(roster.saveLecturer(as(world.users.staff), null, lecturerInput())).rejects.toMatchObject({ status: 403 })
    expect((await roster.listLecturersForStaff(as(world.users.platformAdmin))).map((l) => l.id)).toEqual([id])
    // A district admin adds to their own roster whatever district the form names.
    const other = await roster.saveLecturer(sjAdmin(), null, { ...lecturerInput({ name: '王讲师' }), districtId: world.qp.id })
    expect((await db.prisma.lecturer.findUniqueOrThrow({ where: { id: other.id } })).districtId).toBe(world.sj.id)
    expect((await db.prisma.lecturer.findUniqueOrThrow({ where: { id } })).name).toBe('李讲师')
  })

  it('links an account with a one-time link that works once, and a lecturer edits only their own page', async () => {
    const a = await linkedLecturer()
    const b = await linkedLecturer({ name: '赵讲师' })
    const stranger = await resident()
    const secret = await roster.issueLecturerLink(sjAdmin(), a.id, now)
    await expect(roster.redeemLecturerLink(secret, b.residentId, now)).rejects.toMatchObject({ status: 409 }) // b already keeps a page
    await roster.redeemLecturerLink(secret, stranger.id, now)
    await expect(roster.redeemLecturerLink(secret, stranger.id, now)).rejects.toMatchObject({ status: 410 })
    const late = await roster.issueLecturerLink(sjAdmin(), b.id, now)
    await expect(roster.redeemLecturerLink(late, stranger.id, new Date(now.getTime() + 73 * 3600_000))).rejects.toMatchObject({
      status: 410,
    })
    expect((await db.prisma.lecturer.findUniqueOrThrow({ where: { id: a.id } })).residentId).toBe(stranger.id)
    // The account edits the page it is linked to; nothing names another lecturer.
    await roster.saveOwnProfile(b.residentId, { ...lecturerInput({ name: '赵讲师（新）', monthlyCapacity: 5 }) })
    expect(await db.prisma.lecturer.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ name: '赵讲师（新）', monthlyCapacity: 5 })
    expect((await db.prisma.lecturer.findUniqueOrThrow({ where: { id: a.id } })).name).toBe('李讲师')
    const nobody = await resident()
    await expect(roster.saveOwnProfile(nobody.id, lecturerInput())).rejects.toMatchObject({ status: 403 })
  })

  it('stores a photo re-encoded, replaces it, refuses a non-image storing nothing, and shows an unpublished photo only to its lecturer and roster staff', async () => {
    const store = storage.localStore(files)
    const a = await linkedLecturer({ published: false })
    const jpeg = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#3366aa' } })
      .jpeg()
      .toBuffer()
    await roster.setOwnPhoto(a.residentId, new Uint8Array(jpeg), store)
    const first = await db.prisma.lecturer.findUniqueOrThrow({ where: { id: a.id }, include: { photo: true } })
    expect(first.photo).toMatchObject({ purpose: 'lecturer-photo', contentType: 'image/jpeg', width: 800, height: 600 })
    expect(await store.get(first.photo!.key)).not.toBeNull()
    await expect(roster.setOwnPhoto(a.residentId, new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF')), store)).rejects.toMatchObject({
      field: 'photo',
      code: 'upload-not-image',
    })
    expect(await db.prisma.storedFile.count()).toBe(1)
    await roster.setLecturerPhotoByStaff(sjAdmin(), a.id, new Uint8Array(jpeg), store)
    const second = await db.prisma.lecturer.findUniqueOrThrow({ where: { id: a.id }, include: { photo: true } })
    expect(second.photo!.key).not.toBe(first.photo!.key)
    expect(await store.get(first.photo!.key)).toBeNull()
    expect(await db.prisma.storedFile.count()).toBe(1)
    await expect(roster.setLecturerPhotoByStaff(qpAdmin(), a.id, new Uint8Array(jpeg), store)).rejects.toMatchObject({ status: 404 })
    const fileId = second.photoFileId!
    expect(await roster.lecturerPhotoAccess(fileId, { staff: null, residentId: null })).toBeNull()
    expect(await roster.lecturerPhotoAccess(fileId, { staff: qpAdmin(), residentId: null })).toBeNull()
    expect(await roster.lecturerPhotoAccess(fileId, { staff: sjAdmin(), residentId: null })).toMatchObject({ visibility: 'private' })
    expect(await roster.lecturerPhotoAccess(fileId, { staff: null, residentId: a.residentId })).toMatchObject({ visibility: 'private' })
    await db.prisma.lecturer.update({ where: { id: a.id }, data: { published: true } })
    expect(await roster.lecturerPhotoAccess(fileId, { staff: null, residentId: null })).toMatchObject({ visibility: 'public' })
  })

  it('派单 → 接单 → delivery → 评单: each step by whom it belongs to, from the state it starts in', async () => {
    const a = await linkedLecturer()
    const b = await linkedLecturer({ name: '赵讲师' })
    const unlinked = await roster.saveLecturer(sjAdmin(), null, lecturerInput({ name: '未关联' }))
    const farAway = await roster.saveLecturer(qpAdmin(), null, lecturerInput({ name: '青浦讲师' }))
    const { id, token } = await placed()
    await expect(dispatch.dispatchOrder(qpAdmin(), { orderId: id, lecturerId: a.id }, now)).rejects.toMatchObject({ status: 404 })
    await expect(dispatch.dispatchOrder(as(world.users.staff), { orderId: id, lecturerId: a.id }, now)).rejects.toMatchObject({
      status: 403,
    })
    await expect(dispatch.dispatchOrder(sjAdmin(), { orderId: id, lecturerId: farAway.id }, now)).rejects.toMatchObject({
      field: 'lecturerId',
    })
    await expect(dispatch.dispatchOrder(sjAdmin(), { orderId: id, lecturerId: unlinked.id }, now)).rejects.toMatchObject({
      field: 'lecturerId',
    })
    // An item that names its lecturers is dispatched to one of them only.
    await roster.setItemLecturers(sjAdmin(), itemId, [a.id, b.id])
    await expect(roster.setItemLecturers(qpAdmin(), itemId, [farAway.id])).rejects.toMatchObject({ status: 404 })
    const c = await linkedLecturer({ name: '钱讲师' })
    await expect(dispatch.dispatchOrder(sjAdmin(), { orderId: id, lecturerId: c.id }, now)).rejects.toMatchObject({ field: 'lecturerId' })

    // Refusals above queued nothing for any lecturer.
    const toLecturer = () =>
      db.prisma.message.findMany({ where: { template: 'lecturer.dispatched', subjectId: id }, orderBy: { createdAt: 'asc' } })
    expect(await toLecturer()).toHaveLength(0)
    // The message is part of the dispatch's transaction: when the dispatch fails at its last write (its audit entry,
    // made to fail here by a trigger), no message is left behind and the order is untouched.
    await db.prisma.$executeRawUnsafe(
      `CREATE FUNCTION refuse_dispatch_audit() RETURNS trigger AS $$ BEGIN IF NEW.action = 'menu_order.dispatch' THEN RAISE EXCEPTION 'audit down'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
    )
    await db.prisma.$executeRawUnsafe(
      'CREATE TRIGGER refuse_dispatch_audit BEFORE INSERT ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION refuse_dispatch_audit()',
    )
    try {
      await expect(dispatch.dispatchOrder(sjAdmin(), { orderId: id, lecturerId: a.id }, now)).rejects.toThrow()
    } finally {
      await db.prisma.$executeRawUnsafe('DROP TRIGGER refuse_dispatch_audit ON "AuditEntry"')
      await db.prisma.$executeRawUnsafe('DROP FUNCTION refuse_dispatch_audit()')
    }
    expect(await toLecturer()).toHaveLength(0)
    expect(await db.prisma.menuOrder.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'REQUESTED', lecturerId: null })

    await dispatch.dispatchOrder(sjAdmin(), { orderId: id, lecturerId: a.id }, now, 'https://kepu.example.cn')
    expect(await db.prisma.menuOrder.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'DISPATCHED', lecturerId: a.id })
    // Exactly one message per dispatch, to the lecturer's linked number, with a link to their page.
    const aPhone = (await db.prisma.resident.findUniqueOrThrow({ where: { id: a.residentId } })).phone
    const sent = await toLecturer()
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ recipient: aPhone, channel: 'SMS', subjectType: 'MenuOrder' })
    expect((sent[0].params as Record<string, string>).link).toBe('https://kepu.example.cn/lecturer')
    // Only the lecturer it is dispatched to answers.
    await expect(dispatch.answerDispatch(b.residentId, { intent: 'accept', orderId: id, startsAt: at(10) }, now)).rejects.toMatchObject({
      status: 409,
    })
    // A decline sends it back for another dispatch, with the reason kept.
    await dispatch.answerDispatch(a.residentId, { intent: 'decline', orderId: id, reason: '那周出差' }, now)
    expect(await db.prisma.menuOrder.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'REQUESTED', lecturerId: null })
    await expect(dispatch.answerDispatch(a.residentId, { intent: 'accept', orderId: id, startsAt: at(10) }, now)).rejects.toMatchObject({
      status: 409,
    })
    await dispatch.dispatchOrder(sjAdmin(), { orderId: id, lecturerId: b.id }, now)
    // The second dispatch (after the decline) is the second message, to the second lecturer.
    const bPhone = (await db.prisma.resident.findUniqueOrThrow({ where: { id: b.residentId } })).phone
    expect((await toLecturer()).map((m) => m.recipient)).toEqual([aPhone, bPhone])
    // Too early for the item's notice, or in the past: refused next to the date.
    await expect(dispatch.answerDispatch(b.residentId, { intent: 'accept', orderId: id, startsAt: at(2) }, now)).rejects.toMatchObject({
      field: 'startsAt',
    })
    // Accept and decline at once: exactly one wins.
    const outcomes = await Promise.allSettled([
      dispatch.answerDispatch(b.residentId, { intent: 'accept', orderId: id, startsAt: at(10) }, now),
      dispatch.answerDispatch(b.residentId, { intent: 'decline', orderId: id, reason: '临时有事' }, now),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    let current = await db.prisma.menuOrder.findUniqueOrThrow({ where: { id } })
    if (current.status === 'REQUESTED') {
      await dispatch.dispatchOrder(sjAdmin(), { orderId: id, lecturerId: b.id }, now)
      await dispatch.answerDispatch(b.residentId, { intent: 'accept', orderId: id, startsAt: at(10) }, now)
      current = await db.prisma.menuOrder.findUniqueOrThrow({ where: { id } })
    }
    expect(current).toMatchObject({ status: 'ACCEPTED', lecturerId: b.id })
    const event = await db.prisma.event.findUniqueOrThrow({ where: { id: current.eventId! }, include: { sessions: true } })
    expect(event).toMatchObject({ status: 'PUBLISHED', districtId: world.sj.id })
    expect(event.sessions[0].startsAt).toEqual(at(10))
    const history = await db.prisma.menuOrderDispatch.findMany({ where: { orderId: id }, orderBy: { dispatchedAt: 'asc' } })
    expect(history.map((h) => h.answer)).toContain('DECLINED')
    expect(history.at(-1)).toMatchObject({ lecturerId: b.id, answer: 'ACCEPTED' })

    // Not rated before delivery; delivery only after the start and only by the district's staff.
    await expect(dispatch.rateOrder(token, { rating: 5 }, now)).rejects.toMatchObject({ field: 'rating' })
    await expect(dispatch.markDelivered(sjAdmin(), { orderId: id, attendance: 50 }, now)).rejects.toThrow('活动开始后')
    await expect(dispatch.markDelivered(qpAdmin(), { orderId: id, attendance: 50 }, at(11))).rejects.toMatchObject({ status: 404 })
    await dispatch.markDelivered(sjAdmin(), { orderId: id, attendance: 50 }, at(11))
    // 评单 once, whatever the concurrency.
    const ratings = await Promise.allSettled([
      dispatch.rateOrder(token, { rating: 4, comment: '讲得生动' }, at(12)),
      dispatch.rateOrder(token, { rating: 1 }, at(12)),
    ])
    expect(ratings.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    await expect(dispatch.rateOrder(token, { rating: 2 }, at(13))).rejects.toMatchObject({ status: 409 })
    const rated = await db.prisma.menuOrder.findUniqueOrThrow({ where: { id } })
    expect([1, 4]).toContain(rated.rating)
    expect(await db.prisma.auditEntry.count({ where: { entityId: id, action: { startsWith: 'menu_order.' } } })).toBeGreaterThanOrEqual(5)
    // The site can withdraw while dispatched, nothing being agreed yet.
    const other = await placed({ siteName: '撤回社区', phone: '13611112222' })
    await dispatch.dispatchOrder(sjAdmin(), { orderId: other.id, lecturerId: a.id }, now)
    expect(await menu.withdrawOrder(other.token)).toBe('CANCELLED')
    await expect(
      dispatch.answerDispatch(a.residentId, { intent: 'accept', orderId: other.id, startsAt: at(10) }, now),
    ).rejects.toMatchObject({ status: 409 })
  })

  it('shows staff each lecturer load this month against capacity, the 街镇 with nothing yet, and the dashboard figures', async () => {
    const a = await linkedLecturer({ monthlyCapacity: 1 })
    const b = await linkedLecturer({ name: '赵讲师' })
    const emptyTown = await db.prisma.town.create({
      data: { districtId: world.sj.id, name: '泖港镇', kind: 'TOWN', centerLat: 30.95, centerLng: 121.2 },
    })
    const first = await placed()
    const second = await placed({ siteName: '第二个社区', phone: '13611113333', townId: emptyTown.id })
    const third = await placed({ siteName: '第三个社区', phone: '13611114444' })
    await dispatch.dispatchOrder(sjAdmin(), { orderId: first.id, lecturerId: a.id }, now)
    await dispatch.answerDispatch(a.residentId, { intent: 'accept', orderId: first.id, startsAt: at(10) }, now)
    await dispatch.markDelivered(sjAdmin(), { orderId: first.id, attendance: 40 }, at(11))
    await dispatch.rateOrder(first.token, { rating: 5, comment: '很好' }, at(12))
    await dispatch.dispatchOrder(sjAdmin(), { orderId: second.id, lecturerId: b.id }, at(12))
    const board = await dispatch.dispatchBoard(sjAdmin(), at(12))
    const loadOf = (id: string) => board.lecturers.find((l) => l.id === id)
    expect(loadOf(a.id)).toMatchObject({ load: 1, monthlyCapacity: 1, linked: true })
    expect(loadOf(b.id)).toMatchObject({ load: 1 })
    expect(board.orders.map((o) => o.id).sort()).toEqual([second.id, third.id].sort())
    expect(board.orders.find((o) => o.id === third.id)).toMatchObject({ status: 'REQUESTED', firstForSite: true, ageHours: 12 * 24 + 2 })
    expect(board.unservedTowns.map((t) => t.name)).toEqual(['泖港镇'])
    // Another district's staff see none of it.
    const elsewhere = await dispatch.dispatchBoard(qpAdmin(), at(12))
    expect(elsewhere.orders).toEqual([])
    expect(elsewhere.lecturers).toEqual([])
    // Figures: talks per lecturer with their average, average per item, orders waiting for dispatch and their age.
    await roster.setItemLecturers(sjAdmin(), itemId, [a.id, b.id])
    const figures = await dispatch.lecturerFigures([world.sj.id], { from: now, to: at(30) }, at(12))
    expect(figures.perLecturer).toEqual([{ lecturerId: a.id, name: '李讲师', delivered: 1, averageRating: 5 }])
    expect(figures.perItem).toMatchObject([{ menuItemId: itemId, ratings: 1, averageRating: 5 }])
    expect(figures.waiting).toEqual({ count: 1, oldestHours: 12 * 24 + 2, averageHours: 12 * 24 + 2 })
    expect((await dispatch.lecturerFigures([world.qp.id], { from: now, to: at(30) }, at(12))).perLecturer).toEqual([])
  })

  it('lists published lecturers publicly, with talks given and upcoming activities, and never a phone', async () => {
    const a = await linkedLecturer()
    await roster.saveLecturer(sjAdmin(), null, lecturerInput({ name: '隐藏讲师', published: false }))
    const { id } = await placed()
    await dispatch.dispatchOrder(sjAdmin(), { orderId: id, lecturerId: a.id }, now)
    await dispatch.answerDispatch(a.residentId, { intent: 'accept', orderId: id, startsAt: at(10) }, now)
    const listed = await roster.listPublicLecturers({ district: 'songjiang' })
    expect(listed.map((l) => l.name)).toEqual(['李讲师'])
    expect(await roster.listPublicLecturers({ topic: 'space' })).toEqual([])
    const page = await roster.publicLecturer(a.id, now)
    expect(page?.upcoming).toHaveLength(1)
    expect(page?.delivered).toBe(0)
    expect(JSON.stringify(page)).not.toMatch(/1390000|phone|residentId/)
    const hidden = await db.prisma.lecturer.findFirstOrThrow({ where: { name: '隐藏讲师' } })
    expect(await roster.publicLecturer(hidden.id, now)).toBeNull()
  })
}
