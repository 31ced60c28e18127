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

export default defineConfig({
  plugins: [emptyClientModules()],
  resolve: { alias: { '~': path.resolve(__dirname, 'app') } },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/build-once.ts'],
    environment: 'node',
    pool: 'forks',
    // Each file makes its own databases; two at a time suits the 2-core machines.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 120_000,
    // Browser tests poll the page for what a client-side navigation renders; on a loaded 2-core machine that can
    // take seconds, and expect.poll's default (1 s) failed there. A wrong page still fails, 20 s later.
    expect: { poll: { timeout: 20_000, interval: 100 } },
    hookTimeout: 180_000,
    env: { CHECKPOINT_DISABLE: '1' },
  },
})
