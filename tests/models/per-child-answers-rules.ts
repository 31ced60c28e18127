// What a registration keeps of its answers to questions asked once per child (decision 020), run on each database
// (per-child-answers.pglite.test.ts, per-child-answers.postgres.test.ts): one answer per child who comes, in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createSession, person } from '../helpers/fixtures'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'

const questions = [
  { key: 'childAge', label: '孩子年龄', kind: 'number', required: true, perChild: true },
  { key: 'note', label: '备注', kind: 'text', required: false },
]

export function perChildAnswersRules(kind: TestDatabaseKind) {
  describe(`per-child answers on ${kind}`, () => {
    let db: TestDatabase
    let booking: typeof import('~/models/registration/registration.server')
    let admin: typeof import('~/models/registration/admin.server')
    const now = new Date('2026-11-23T02:00:00Z')

    beforeAll(async () => {
      db = await useTestDatabaseForApp(kind)
      booking = await import('~/models/registration/registration.server')
      admin = await import('~/models/registration/admin.server')
    })
    afterAll(async () => {
      await db?.drop()
    })

    const stored = async (id: string) => (await db.prisma.registration.findUniqueOrThrow({ where: { id } })).answers

    it('keeps one answer per child in order, none when no child comes, and no more than the children', async () => {
      const session = await createSession(db.prisma, now, { questions })
      const two = await booking.registerForSession(
        session.id,
        { ...person(1), children: 2, answers: { childAge: [5, 9], note: '轮椅' } },
        { now },
      )
      expect(await stored(two.id)).toEqual({ childAge: [5, 9], note: '轮椅' })
      const none = await booking.registerForSession(session.id, { ...person(1), answers: { childAge: [4] } }, { now })
      expect(await stored(none.id)).toEqual({})
      const one = await booking.registerForSession(session.id, { ...person(1), children: 1, answers: { childAge: [6, 7, 8] } }, { now })
      expect(await stored(one.id)).toEqual({ childAge: [6] })
    })

    it("shows each child's answer in the staff export, in the children's order", async () => {
      const session = await createSession(db.prisma, now, { questions })
      await booking.registerForSession(session.id, { ...person(1), children: 2, answers: { childAge: [5, 9] } }, { now })
      await booking.registerForSession(session.id, { ...person(2), answers: {} }, { now })
      const staff = await db.prisma.user.create({
        data: { email: `admin-${session.id}@example.cn`, name: '管理员', role: 'PLATFORM_ADMIN' },
      })
      const rows = await admin.registrationsRows(
        {
          id: staff.id,
          name: staff.name,
          email: staff.email,
          role: 'PLATFORM_ADMIN',
          districtId: null,
          organisationId: null,
          sessionId: 'test',
        },
        session.id,
        { fullPhones: false },
      )
      const column = rows[0].indexOf('孩子年龄')
      expect(column).toBeGreaterThan(0)
      expect(rows.slice(1).map((row) => row[column])).toEqual(['5、9', ''])
    })
  })
}
