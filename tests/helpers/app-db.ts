// Points the app's one Prisma client (app/utils/infra/db.server.ts keeps it on globalThis) at a test database.
// Must run before any app module is imported, so test files import models dynamically after calling it.
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from './db'

export async function useTestDatabaseForApp(kind: TestDatabaseKind): Promise<TestDatabase> {
  const db = await createTestDatabase(kind)
  globalThis.__kepuPrisma = db.prisma
  return db
}
