// Vitest global setup: the browser and fault suites start the built server (server/index.ts reads build/), and test
// files run two at a time, so the app is built once here, before any file starts, instead of by whichever file
// happens to run first.
import { execFileSync } from 'node:child_process'
import { childEnv } from './env'

export default function buildOnce() {
  execFileSync('npm', ['run', 'build'], { env: childEnv({ NODE_ENV: 'production' }), stdio: 'inherit', timeout: 600_000 })
}
