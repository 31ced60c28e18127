// Prisma CLI configuration: migrations run through a driver adapter on Prisma's bundled WebAssembly
// schema engine (`engine: "js"`), on PGlite by default or on PostgreSQL when DATABASE_URL is set.
//
// Prisma 6 still looks for native engine binaries unless told where they are, and would try to download
// them; this network (like many government intranets) cannot reach the download host. With the js engine
// and driver adapters neither binary is ever run, so we point both variables at a file that exists (the
// Node binary itself) purely to stop that lookup. They must be set before Prisma reads its engines.
import path from 'node:path'
import { defineConfig } from 'prisma/config'
import { createAdapterFactory } from './app/utils/infra/db-adapter.server'

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= process.execPath

// The CLI may ask for the adapter more than once; every caller must share one PGlite.
let adapterFactory: ReturnType<typeof createAdapterFactory> | undefined

export default defineConfig({
  experimental: { adapter: true },
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  engine: 'js',
  adapter: async () => (adapterFactory ??= createAdapterFactory()),
})
