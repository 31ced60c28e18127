// The map's overview roll-up (decision 022), run on each database (map-rollup.pglite.test.ts,
// map-rollup.postgres.test.ts): it answers exactly what counting every session live answers, after changes, as time
// passes, and while another instance rebuilds it; seat counts do not rebuild it.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedData } from '../../seeds'
import { seedDatabase } from '../../seeds/load'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createSession } from '../helpers/fixtures'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'

const MINUTE = 60_000
const now = new Date('2026-11-23T02:00:00Z') // Monday 10:00 in Shanghai; the seed's week starts today
const shanghai = { west: 120.85, south: 30.68, east: 122.0, north: 31.88 }
const views = [
  { ...shanghai, zoom: 9 },
  { west: 121.1, south: 30.95, east: 121.4, north: 31.15, zoom: 11 },
  { west: 121.15, south: 31.0, east: 121.3, north: 31.1, zoom: 14 },
]

export function mapRollupRules(kind: TestDatabaseKind) {
  describe(`the map's roll-up on ${kind}`, () => {
    let db: TestDatabase
    let search: typeof import('~/models/event/search.server')

    beforeAll(async () => {
      db = await useTestDatabaseForApp(kind)
      await seedDatabase(db.prisma, seedData, { now })
      search = await import('~/models/event/search.server')
    })
    afterAll(async () => {
      await db?.drop()
    })

    const state = () => db.prisma.mapPlaceState.findUnique({ where: { id: 1 } })
    /** Every answer of the default map at `at`, from the roll-up and counted live, side by side. */
    async function expectSameAsLive(at: Date) {
      const fromRollup = await search.searchMapPoints({ page: 1 }, { now: at })
      const live = await search.searchMapPoints({ page: 1 }, { now: at, rollup: false })
      expect(fromRollup).toEqual(live)
      expect(live.length).toBeGreaterThan(0)
      for (const view of views) {
        const rolled = await search.searchMapCells({ page: 1 }, view, { now: at })
        expect(rolled, `zoom ${view.zoom}`).toEqual(await search.searchMapCells({ page: 1 }, view, { now: at, rollup: false }))
      }
      return fromRollup
    }
    const sessionsOf = (points: Array<{ sessions: number }>) => points.reduce((n, p) => n + p.sessions, 0)

    it('answers the default map exactly as counting live does, and is built once for many answers', async () => {
      await expectSameAsLive(now)
      const built = await state()
      expect(built?.asOf).toEqual(now)
      expect(await db.prisma.mapPlace.count()).toBeGreaterThan(0)
      await expectSameAsLive(new Date(now.getTime() + MINUTE))
      expect((await state())?.asOf).toEqual(now) // not rebuilt: still current a minute later
    })

    it('is rebuilt after a change to what the map shows, but not after a registration moves a seat count', async () => {
      const at = new Date(now.getTime() + 2 * MINUTE)
      const before = sessionsOf(await expectSameAsLive(at))
      const added = await createSession(db.prisma, now, { startsInHours: 30 })
      const after = await expectSameAsLive(at)
      expect(sessionsOf(after)).toBe(before + 1)
      expect((await state())?.asOf).toEqual(at)
      await db.prisma.eventSession.update({ where: { id: added.id }, data: { seatsTaken: 3 } })
      await expectSameAsLive(new Date(at.getTime() + MINUTE))
      expect((await state())?.asOf).toEqual(at)
      // A cancelled session leaves the map at once.
      await db.prisma.eventSession.update({ where: { id: added.id }, data: { status: 'CANCELLED' } })
      expect(sessionsOf(await expectSameAsLive(new Date(at.getTime() + MINUTE)))).toBe(before)
    })

    it('subtracts the sessions that have started since it was built, and is rebuilt when older than five minutes', async () => {
      const next = await db.prisma.eventSession.findFirstOrThrow({
        where: { startsAt: { gt: new Date(now.getTime() + 10 * MINUTE) }, status: 'SCHEDULED', event: { status: 'PUBLISHED' } },
        orderBy: { startsAt: 'asc' },
      })
      const builtAt = new Date(next.startsAt.getTime() - MINUTE)
      await search.rebuildMapRollup(builtAt)
      const before = sessionsOf(await search.searchMapPoints({ page: 1 }, { now: builtAt }))
      const started = new Date(next.startsAt.getTime() + 1)
      const startedTogether = await db.prisma.eventSession.count({
        where: { startsAt: { gt: builtAt, lte: started }, status: 'SCHEDULED', event: { status: 'PUBLISHED' } },
      })
      expect(startedTogether).toBeGreaterThan(0)
      expect(sessionsOf(await expectSameAsLive(started))).toBe(before - startedTogether)
      expect((await state())?.asOf).toEqual(builtAt) // answered by subtracting, not by rebuilding
      const later = new Date(builtAt.getTime() + 6 * MINUTE)
      await expectSameAsLive(later)
      expect((await state())?.asOf).toEqual(later)
    })

    if (kind === 'postgres')
      it('answers live, and right, while another instance holds the rebuild', async () => {
        const other = new pg.Client({ connectionString: db.url })
        await other.connect()
        try {
          await other.query('BEGIN')
          await other.query('SELECT pg_advisory_xact_lock(22022)')
          const at = new Date(now.getTime() + 20 * MINUTE)
          const stale = await state()
          await createSession(db.prisma, now, { startsInHours: 40 })
          await expectSameAsLive(at)
          expect(await state()).toEqual(stale) // nobody rebuilt it: the lock was held
          await other.query('ROLLBACK')
          await expectSameAsLive(at)
          expect((await state())?.asOf).toEqual(at)
        } finally {
          await other.end()
        }
      })
  })
}
