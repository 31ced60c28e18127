import { PrismaClient } from '@prisma/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseIsReachable } from '~/models/health.server'
import { createPostgresAdapterFactory } from '~/utils/infra/db-adapter.server'
import { createTestDatabase, type TestDatabase } from './helpers/db'

describe('database health', () => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase('pglite')
  })
  afterAll(async () => {
    await db?.drop()
  })

  it('is reachable on a working database', async () => {
    expect(await databaseIsReachable(db.prisma)).toBe(true)
  })

  it('is unreachable when no server answers', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const down = new PrismaClient({ adapter: createPostgresAdapterFactory('postgresql://postgres@127.0.0.1:1/none') })
    expect(await databaseIsReachable(down, 2000)).toBe(false)
    await down.$disconnect().catch(() => {})
  })
})
