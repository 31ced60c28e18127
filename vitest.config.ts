import path from 'node:path'
import { defineConfig, type Plugin } from 'vitest/config'

/** Like Remix's server build: `.client` modules (Leaflet, the camera, charts) are empty outside the browser. */
function emptyClientModules(): Plugin {
  return {
    name: 'empty-client-modules',
    enforce: 'pre',
    load(id) {
      if (/\.client\.(ts|tsx)$/.test(id)) return 'export default function ClientOnlyModule() { return null }'
    },
  }
}

// Two projects, so a run sets up only what its files need: `app` (units, models on PGlite and PostgreSQL, migrations,
// routes; the app's modules in-process) builds nothing, `e2e` (the built server, most of it in Chromium) builds the app
// once before any file starts. Both get the run's one PostgreSQL server (tests/helpers/postgres-server.ts).
export default defineConfig({
  plugins: [emptyClientModules()],
  resolve: { alias: { '~': path.resolve(__dirname, 'app') } },
  test: {
    environment: 'node',
    pool: 'forks',
    // Each file makes its own databases; two at a time (over both projects) suits the 2-core machines.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 120_000,
    // Browser tests poll the page for what a client-side navigation renders; on a loaded 2-core machine that can
    // take seconds, and expect.poll's default (1 s) failed there. A wrong page still fails, 20 s later.
    expect: { poll: { timeout: 20_000, interval: 100 } },
    hookTimeout: 180_000,
    env: { CHECKPOINT_DISABLE: '1' },
    projects: [
      {
        extends: true,
        test: {
          name: 'app',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**'],
          globalSetup: ['tests/helpers/postgres-server.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/helpers/postgres-server.ts', 'tests/helpers/build-once.ts', 'tests/helpers/browser-once.ts'],
        },
      },
    ],
  },
})
