// Rules of the spreadsheet import (decision 019), run on PGlite and on PostgreSQL: every problem named by row and
// column, nothing written while a row is wrong unless only the good rows are asked for, re-importing the same file
// changes nothing, a changed row updates its record, rows outside the staff member's scope are refused, and (on
// PostgreSQL) 5,000 rows import in under a minute.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createStaffWorld, QINGPU_POINT, SONGJIANG_POINT, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'

const VENUE_HEADINGS = ['编号', '场馆名称', '类型', '级别', '区', '街镇', '运营单位', '地址', '纬度', '经度', '对公众开放']
const EVENT_HEADINGS = [
  '活动编号',
  '活动名称',
  '一句话简介',
  '活动介绍',
  '类别',
  '场馆',
  '地点名称',
  '区',
  '纬度',
  '经度',
  '每份报名最多人数',
]
const SESSION_HEADINGS = ['场次编号', '开始时间', '结束时间', '名额']

type Cell = string | number | Date | null

async function xlsx(headings: string[], rows: Cell[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('场馆')
  sheet.addRow(headings)
  for (const row of rows) sheet.addRow(row)
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

const venueRow = (key: string, name: string, over: Partial<Record<string, Cell>> = {}): Cell[] => {
  const values: Record<string, Cell> = {
    编号: key,
    场馆名称: name,
    类型: '科普教育基地',
    级别: '区级',
    区: '松江区',
    街镇: '方松街道',
    运营单位: '松江科技馆',
    地址: '松江区某路 1 号',
    纬度: SONGJIANG_POINT.lat,
    经度: SONGJIANG_POINT.lng,
    对公众开放: '是',
    ...over,
  }
  return VENUE_HEADINGS.map((h) => values[h] ?? null)
}

export function spreadsheetImportRules(kind: TestDatabaseKind) {
  let db: TestDatabase
  let world: StaffWorld
  let app: {
    imports: typeof import('~/models/spreadsheet-import/spreadsheet-import.server')
    sheet: typeof import('~/utils/infra/spreadsheet.server')
    refusal: typeof import('~/utils/refusal')
  }

  beforeAll(async () => {
    db = await useTestDatabaseForApp(kind)
    app = {
      imports: await import('~/models/spreadsheet-import/spreadsheet-import.server'),
      sheet: await import('~/utils/infra/spreadsheet.server'),
      refusal: await import('~/utils/refusal'),
    }
  })
  afterAll(async () => {
    await db?.drop()
  })
  beforeEach(async () => {
    await db.prisma.$executeRawUnsafe(
      'TRUNCATE "SheetUpload", "AuditEntry", "UserSession", "Registration", "EventSession", "Event", "Venue", "User", "Organisation", "Town", "District" CASCADE',
    )
    world = await createStaffWorld(db.prisma)
  })

  const asStaff = (persona: keyof StaffWorld['users']) => ({ ...world.users[persona], sessionId: 'test' })

  async function upload(persona: keyof StaffWorld['users'], what: 'venues' | 'events', bytes: Uint8Array, name = 'data.xlsx') {
    const staff = asStaff(persona)
    const saved = await app.imports.saveUpload(staff, what, name, bytes)
    if (!saved.ok) throw new Error(saved.message)
    const found = (await app.imports.findUpload(staff, saved.id))!
    return { staff, upload: found, preview: await app.imports.previewImport(staff, found) }
  }

  const importedVenues = () => db.prisma.venue.findMany({ where: { importKey: { not: null } }, orderBy: { importKey: 'asc' } })

  describe('venues', () => {
    it('names every problem by row and column, and imports nothing while a row is wrong', async () => {
      const file = await xlsx(VENUE_HEADINGS, [
        venueRow('V1', '好的基地'),
        venueRow('V2', '未知区的基地', { 区: '火星区' }),
        venueRow('V3', '街镇不对的基地', { 街镇: '夏阳街道' }),
        venueRow('V4', '点在区外的基地', { 纬度: QINGPU_POINT.lat, 经度: QINGPU_POINT.lng }),
        venueRow('V1', '编号重复的基地'),
        venueRow('V6', '类型不对的基地', { 类型: '游乐场' }),
        venueRow('V7', '缺经度的基地', { 经度: null }),
      ])
      const { staff, upload: saved, preview } = await upload('districtAdmin', 'venues', file)
      expect(preview.rowCount).toBe(7)
      expect(preview.goodRows).toBe(1)
      expect(preview.counts).toEqual({ create: 1, update: 0, unchanged: 0 })
      const at = (row: number) => preview.problems.filter((p) => p.row === row).map((p) => [p.column, p.message])
      expect(at(2)).toEqual([])
      expect(at(3)).toEqual([['区', expect.stringContaining('「火星区」不是上海的区')]])
      expect(at(4)).toEqual([['街镇', expect.stringContaining('「夏阳街道」不是松江区的街镇')]])
      expect(at(5)).toEqual([['纬度', expect.stringContaining('不在松江区内')]])
      expect(at(6)).toEqual([['编号', '编号「V1」与第 2 行重复。']])
      expect(at(7)).toEqual([['类型', expect.stringContaining('「游乐场」不是可选的类型')]])
      expect(at(8)).toEqual([['经度', expect.any(String)]])
      const thrown = await app.imports.runImport(staff, saved, { onlyGood: false }).catch((e: unknown) => e)
      expect(thrown).toBeInstanceOf(app.refusal.Refusal)
      expect((thrown as Error).message).toContain('还有 6 行有问题')
      expect(await importedVenues()).toEqual([])
      expect(await db.prisma.auditEntry.count({ where: { action: 'import.venues' } })).toBe(0)
    })

    it('imports only the good rows when asked, in one go, with one audit entry', async () => {
      const file = await xlsx(VENUE_HEADINGS, [
        venueRow('V1', '第一基地'),
        venueRow('V2', '坏行', { 区: '火星区' }),
        venueRow('V3', '第三基地'),
      ])
      const { staff, upload: saved } = await upload('districtAdmin', 'venues', file)
      expect(await app.imports.runImport(staff, saved, { onlyGood: true })).toEqual({ create: 2, update: 0, unchanged: 0, skipped: 1 })
      const venues = await importedVenues()
      expect(venues.map((v) => [v.importKey, v.name, v.type, v.level, v.districtId, v.townId, v.organisationId, v.openToPublic])).toEqual([
        ['V1', '第一基地', 'EDUCATION_BASE', 'DISTRICT', world.sj.id, world.sjTown.id, world.orgA.id, true],
        ['V3', '第三基地', 'EDUCATION_BASE', 'DISTRICT', world.sj.id, world.sjTown.id, world.orgA.id, true],
      ])
      expect(await db.prisma.auditEntry.findMany({ where: { action: 'import.venues' }, select: { summary: true } })).toEqual([
        { summary: expect.stringContaining('新建 2 行，更新 0 行，未变 0 行，跳过有问题的 1 行') },
      ])
      // The upload is gone once imported.
      expect(await app.imports.findUpload(staff, saved.id)).toBeNull()
    })

    it('re-importing the same file changes nothing; a changed row updates its record', async () => {
      const rows = [venueRow('V1', '第一基地'), venueRow('V2', '第二基地')]
      const first = await upload('districtAdmin', 'venues', await xlsx(VENUE_HEADINGS, rows))
      await app.imports.runImport(first.staff, first.upload, { onlyGood: false })
      const before = await importedVenues()

      const again = await upload('districtAdmin', 'venues', await xlsx(VENUE_HEADINGS, rows))
      expect(again.preview.counts).toEqual({ create: 0, update: 0, unchanged: 2 })
      expect(await app.imports.runImport(again.staff, again.upload, { onlyGood: false })).toMatchObject({
        create: 0,
        update: 0,
        unchanged: 2,
      })
      expect(await importedVenues()).toEqual(before)

      const changed = await upload(
        'districtAdmin',
        'venues',
        await xlsx(VENUE_HEADINGS, [venueRow('V1', '第一基地（改名）', { 级别: '市级' }), venueRow('V2', '第二基地')]),
      )
      expect(changed.preview.rows.map((r) => r.action)).toEqual(['update', 'unchanged'])
      await app.imports.runImport(changed.staff, changed.upload, { onlyGood: false })
      const after = await importedVenues()
      expect(after.map((v) => v.id)).toEqual(before.map((v) => v.id))
      expect(after[0]).toMatchObject({ name: '第一基地（改名）', level: 'MUNICIPAL' })
      expect(after[1]).toEqual(before[1])
    })

    it('finds a venue already on the platform by its name in its district, keys it from then on, and moves its activities with it', async () => {
      const moved = { lat: SONGJIANG_POINT.lat + 0.001, lng: SONGJIANG_POINT.lng }
      const file = await xlsx(VENUE_HEADINGS, [venueRow('V9', '测试科技馆', { 类型: '科技馆', 级别: null, 纬度: moved.lat })])
      const { staff, upload: saved, preview } = await upload('districtAdmin', 'venues', file)
      expect(preview.rows[0].action).toBe('update')
      await app.imports.runImport(staff, saved, { onlyGood: false })
      expect(await db.prisma.venue.findUniqueOrThrow({ where: { id: world.venue.id } })).toMatchObject({
        importKey: 'V9',
        address: '松江区某路 1 号',
      })
      expect(await db.prisma.venue.count()).toBe(1)
      // Its activities stand where it stands now, as when the venue form moves it.
      expect(await db.prisma.event.findUniqueOrThrow({ where: { id: world.event.id } })).toMatchObject(moved)
    })

    it('refuses rows outside the staff member’s district or organisation, as the forms do', async () => {
      const rows = [venueRow('V1', '松江的基地')]
      const qingpu = await upload('otherDistrictAdmin', 'venues', await xlsx(VENUE_HEADINGS, rows))
      expect(qingpu.preview.problems).toEqual([
        { row: 2, column: '区', message: '只能导入本区的场馆，这一行是松江区。' },
        { row: 2, column: '运营单位', message: '只能选择本区的单位，「松江科技馆」不在本区。' },
      ])
      const otherOrg = await upload('otherOrgStaff', 'venues', await xlsx(VENUE_HEADINGS, rows))
      expect(otherOrg.preview.problems).toEqual([{ row: 2, column: '运营单位', message: '只能导入本单位（松江另一基地）的场馆。' }])
      // Organisation staff may leave the owner blank: it is their own organisation.
      const own = await upload('staff', 'venues', await xlsx(VENUE_HEADINGS, [venueRow('V1', '本单位的基地', { 运营单位: null })]))
      expect(own.preview.problems).toEqual([])
      await app.imports.runImport(own.staff, own.upload, { onlyGood: false })
      expect((await importedVenues())[0].organisationId).toBe(world.orgA.id)
      // A key another organisation's venue holds is not theirs to update.
      const taken = await upload('otherOrgStaff', 'venues', await xlsx(VENUE_HEADINGS, [venueRow('V1', '抢编号', { 运营单位: null })]))
      expect(taken.preview.problems).toEqual([{ row: 2, column: '编号', message: '编号「V1」已属于你管理范围以外的场馆。' }])
      // Another person's upload is not found at all.
      expect(await app.imports.findUpload(asStaff('platformAdmin'), taken.upload.id)).toBeNull()
    })

    it('reads a CSV saved by Excel on a Chinese Windows (GB18030) and refuses a file that is not what its name says', async () => {
      const csv = [
        VENUE_HEADINGS.join(','),
        venueRow('C1', '逗号,基地')
          .map((c) => (typeof c === 'string' && c.includes(',') ? `"${c}"` : (c ?? '')))
          .join(','),
      ].join('\r\n')
      const utf8 = new TextEncoder().encode(csv)
      const { preview } = await upload('districtAdmin', 'venues', utf8, 'data.csv')
      expect(preview.rows[0]).toMatchObject({ key: 'C1', label: '逗号,基地', action: 'create' })
      // 「编号,场馆名称,区」 as GB18030 bytes: not valid UTF-8, read as GB18030.
      const gb = Uint8Array.from(Buffer.from('b1e0bac52cb3a1b9ddc3fbb3c62cc7f8', 'hex'))
      const read = await app.sheet.readSpreadsheet('data.csv', gb)
      expect(read.ok && read.rows[0].cells).toEqual(['编号', '场馆名称', '区'])
      const staff = asStaff('districtAdmin')
      expect(await app.imports.saveUpload(staff, 'venues', 'data.xlsx', new TextEncoder().encode(csv))).toEqual({
        ok: false,
        message: expect.stringContaining('请上传 .xlsx 或 .csv 文件'),
      })
      expect(await app.imports.saveUpload(staff, 'venues', 'data.pdf', utf8)).toMatchObject({ ok: false })
      expect(await app.imports.saveUpload(staff, 'events', 'data.csv', utf8)).toEqual({
        ok: false,
        message: '这个文件像是「场馆」表，请在上面选择「场馆」后重新上传。',
      })
    })
  })

  describe('activities with their sessions', () => {
    const eventRow = (eventKey: string, sessionKey: string, starts: Cell, over: Partial<Record<string, Cell>> = {}): Cell[] => {
      const values: Record<string, Cell> = {
        活动编号: eventKey,
        活动名称: '星空讲座',
        一句话简介: '认识冬季星空',
        活动介绍: '天文老师带大家认识冬季星座。',
        类别: '讲座',
        场馆: '测试科技馆',
        每份报名最多人数: 4,
        场次编号: sessionKey,
        开始时间: starts,
        结束时间: '2027-01-09 16:00',
        名额: 30,
        ...over,
      }
      return [...EVENT_HEADINGS, ...SESSION_HEADINGS].map((h) => values[h] ?? null)
    }
    const headings = [...EVENT_HEADINGS, ...SESSION_HEADINGS]

    it('imports an activity with its sessions as a draft; the same file again changes nothing; a changed session updates', async () => {
      const rows = [
        eventRow('E1', 'S1', new Date(Date.UTC(2027, 0, 9, 14, 0))), // an Excel date cell: 14:00 Shanghai
        eventRow('E1', 'S2', '2027/1/9 15:00'),
        eventRow('E2', 'S1', '2027-01-10 09:00', {
          活动名称: '广场科学秀',
          场馆: null,
          地点名称: '方松广场',
          区: '松江区',
          纬度: SONGJIANG_POINT.lat,
          经度: SONGJIANG_POINT.lng,
          结束时间: '2027-01-10 10:00',
        }),
      ]
      const first = await upload('staff', 'events', await xlsx(headings, rows))
      expect(first.preview.problems).toEqual([])
      expect(await app.imports.runImport(first.staff, first.upload, { onlyGood: false })).toEqual({
        create: 3,
        update: 0,
        unchanged: 0,
        skipped: 0,
      })
      const events = await db.prisma.event.findMany({
        where: { importKey: { not: null } },
        orderBy: { importKey: 'asc' },
        include: { sessions: { orderBy: { key: 'asc' } } },
      })
      expect(events.map((e) => [e.importKey, e.status, e.venueId, e.placeName, e.organisationId, e.sessions.map((s) => s.key)])).toEqual([
        ['E1', 'DRAFT', world.venue.id, null, world.orgA.id, ['S1', 'S2']],
        ['E2', 'DRAFT', null, '方松广场', world.orgA.id, ['S1']],
      ])
      expect(events[0].sessions[0].startsAt.toISOString()).toBe('2027-01-09T06:00:00.000Z')
      expect(events[0].sessions[1].startsAt.toISOString()).toBe('2027-01-09T07:00:00.000Z')

      const again = await upload('staff', 'events', await xlsx(headings, rows))
      expect(again.preview.counts).toEqual({ create: 0, update: 0, unchanged: 3 })
      await app.imports.runImport(again.staff, again.upload, { onlyGood: false })
      const same = await db.prisma.event.findMany({
        where: { importKey: { not: null } },
        orderBy: { importKey: 'asc' },
        include: { sessions: { orderBy: { key: 'asc' } } },
      })
      expect(same).toEqual(events)

      rows[1] = eventRow('E1', 'S2', '2027/1/9 15:00', { 名额: 50 })
      const changed = await upload('staff', 'events', await xlsx(headings, rows))
      expect(changed.preview.rows.map((r) => r.action)).toEqual(['unchanged', 'update', 'unchanged'])
      await app.imports.runImport(changed.staff, changed.upload, { onlyGood: false })
      expect(await db.prisma.eventSession.findFirstOrThrow({ where: { key: 'S2', event: { importKey: 'E1' } } })).toMatchObject({
        id: events[0].sessions[1].id,
        capacity: 50,
      })
    })

    it('names bad dates, duplicate sessions and rows that disagree about their activity, by row and column', async () => {
      const file = await xlsx(headings, [
        eventRow('E1', 'S1', '2027-01-09 14:00'),
        eventRow('E1', 'S2', '下周六下午'),
        eventRow('E1', 'S1', '2027-01-09 15:00'),
        eventRow('E1', 'S3', '2027-01-09 15:00', { 活动名称: '另一个名字' }),
        eventRow('E2', 'S1', '2027-01-09 15:00', { 场馆: '不存在的馆' }),
        eventRow('E2', 'S2', '2027-01-09 15:00', { 场馆: '不存在的馆' }),
        eventRow('E3', 'S1', '2027-01-09 15:00', { 结束时间: '2027-01-09 14:00' }),
      ])
      const { staff, upload: saved, preview } = await upload('staff', 'events', file)
      const at = (row: number) => preview.problems.filter((p) => p.row === row).map((p) => [p.column, p.message])
      expect(at(2)).toEqual([])
      expect(at(3)).toEqual([['开始时间', '开始时间格式不对，例如 2026-12-05 14:00']])
      expect(at(4)).toEqual([['场次编号', '活动「E1」的场次编号「S1」与第 2 行重复。']])
      expect(at(5)).toEqual([['活动名称', expect.stringContaining('与第 2 行的同一活动（编号「E1」）不一致')]])
      expect(at(6)).toEqual([['场馆', expect.stringContaining('没有编号或名称为「不存在的馆」的场馆')]])
      expect(at(7)).toEqual([['活动编号', '这个活动在第 6 行有问题，修正后本行的场次才能导入。']])
      expect(at(8)).toEqual([['结束时间', '结束时间要晚于开始时间']])
      expect(await app.imports.runImport(staff, saved, { onlyGood: true })).toEqual({ create: 1, update: 0, unchanged: 0, skipped: 6 })
      expect(await db.prisma.eventSession.count({ where: { event: { importKey: { not: null } } } })).toBe(1)
    })

    it('refuses to change a session people have registered for (the session page tells them)', async () => {
      const rows = [eventRow('E1', 'S1', '2027-01-09 14:00')]
      const first = await upload('staff', 'events', await xlsx(headings, rows))
      await app.imports.runImport(first.staff, first.upload, { onlyGood: false })
      await db.prisma.eventSession.updateMany({ where: { key: 'S1', event: { importKey: 'E1' } }, data: { seatsTaken: 2 } })
      const changed = await upload('staff', 'events', await xlsx(headings, [eventRow('E1', 'S1', '2027-01-09 14:00', { 名额: 1 })]))
      expect(changed.preview.problems).toEqual([{ row: 2, column: '名额', message: expect.stringContaining('时间和名额请在场次页面修改') }])
      // Outside the organisation: the key is not theirs.
      const other = await upload(
        'otherOrgStaff',
        'events',
        await xlsx(headings, [
          eventRow('E1', 'S1', '2027-01-09 14:00', {
            场馆: null,
            地点名称: '某地',
            区: '松江区',
            纬度: SONGJIANG_POINT.lat,
            经度: SONGJIANG_POINT.lng,
          }),
        ]),
      )
      expect(other.preview.problems).toEqual([{ row: 2, column: '活动编号', message: '活动编号「E1」已属于你管理范围以外的活动。' }])
    })
  })

  if (kind === 'postgres') {
    it('imports 5,000 venues in under a minute, and 5,000 again unchanged', async () => {
      const rows = Array.from({ length: 5000 }, (_, i) =>
        venueRow(`B${String(i).padStart(5, '0')}`, `批量基地 ${i}`, {
          纬度: SONGJIANG_POINT.lat + (i % 50) * 0.0001,
          经度: SONGJIANG_POINT.lng,
        }),
      )
      const file = await xlsx(VENUE_HEADINGS, rows)
      const started = performance.now()
      const { staff, upload: saved, preview } = await upload('districtAdmin', 'venues', file)
      const previewed = performance.now()
      expect(preview.goodRows).toBe(5000)
      expect(await app.imports.runImport(staff, saved, { onlyGood: false })).toMatchObject({ create: 5000 })
      const imported = performance.now()
      const again = await upload('districtAdmin', 'venues', file)
      expect(again.preview.counts.unchanged).toBe(5000)
      const total = (imported - started) / 1000
      console.log(
        `5,000 venue rows on PostgreSQL: upload and preview ${((previewed - started) / 1000).toFixed(1)} s, import ${((imported - previewed) / 1000).toFixed(1)} s, total ${total.toFixed(1)} s`,
      )
      expect(total).toBeLessThan(60)
      expect(await db.prisma.venue.count({ where: { importKey: { startsWith: 'B' } } })).toBe(5000)

      // Every row changed: 5,000 updates in the one transaction.
      const renamed = await upload(
        'districtAdmin',
        'venues',
        await xlsx(
          VENUE_HEADINGS,
          rows.map((r) => r.map((c, i) => (i === 1 ? `${c}（新）` : c))),
        ),
      )
      expect(renamed.preview.counts.update).toBe(5000)
      const updating = performance.now()
      await app.imports.runImport(renamed.staff, renamed.upload, { onlyGood: false })
      const updated = (performance.now() - updating) / 1000
      console.log(`5,000 changed venue rows on PostgreSQL: import ${updated.toFixed(1)} s`)
      expect(updated).toBeLessThan(60)
    }, 240_000)

    it('imports 1,000 activities with 5,000 sessions in under a minute', async () => {
      const headings = [...EVENT_HEADINGS, ...SESSION_HEADINGS]
      const rows: Cell[][] = []
      for (let e = 0; e < 1000; e++) {
        for (let s = 0; s < 5; s++) {
          const day = String(1 + s).padStart(2, '0')
          const values: Record<string, Cell> = {
            活动编号: `E${e}`,
            活动名称: `批量活动 ${e}`,
            一句话简介: '批量导入的活动',
            活动介绍: '批量导入的活动介绍',
            类别: '讲座',
            场馆: '测试科技馆',
            每份报名最多人数: 4,
            场次编号: `S${s}`,
            开始时间: `2027-03-${day} 14:00`,
            结束时间: `2027-03-${day} 16:00`,
            名额: 30,
          }
          rows.push(headings.map((h) => values[h] ?? null))
        }
      }
      const started = performance.now()
      const { staff, upload: saved, preview } = await upload('districtAdmin', 'events', await xlsx(headings, rows))
      const previewed = performance.now()
      expect(preview.goodRows).toBe(5000)
      expect(await app.imports.runImport(staff, saved, { onlyGood: false })).toMatchObject({ create: 5000 })
      const imported = performance.now()
      const total = (imported - started) / 1000
      console.log(
        `1,000 activities / 5,000 session rows on PostgreSQL: upload and preview ${((previewed - started) / 1000).toFixed(1)} s, import ${((imported - previewed) / 1000).toFixed(1)} s, total ${total.toFixed(1)} s`,
      )
      expect(total).toBeLessThan(60)
      expect(await db.prisma.eventSession.count({ where: { event: { importKey: { startsWith: 'E' } } } })).toBe(5000)
    }, 240_000)
  }
}
