// `npm run admin:create` prints a link to set the first password: on the portal's public address (PUBLIC_URL), else
// on this machine at the port the portal listens on (PORT), never a fixed 3000.
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../helpers/db'
import { childEnv } from '../helpers/env'

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase('postgres')
})
afterAll(async () => {
  await db?.drop()
})

const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx')
const create = (email: string, extra: Record<string, string>) =>
  promisify(execFile)(tsx, ['scripts/admin-create.ts', '--email', email, '--name', '管理员'], {
    env: childEnv({ DATABASE_URL: db.url!, PUBLIC_URL: '', PORT: '', ...extra }),
  })

it('prints the link on PORT when PUBLIC_URL is unset, and says so', async () => {
  const { stdout, stderr } = await create('one@kepu.test', { PORT: '4567' })
  expect(stdout.trim().split('\n').pop()).toMatch(/^http:\/\/localhost:4567\/admin\/set-password\/[\w-]+$/)
  expect(stdout).not.toContain(':3000')
  expect(stderr).toContain('PUBLIC_URL is not set')
})

it('prints the link on PUBLIC_URL when it is set', async () => {
  const { stdout, stderr } = await create('two@kepu.test', { PORT: '4567', PUBLIC_URL: 'https://kepu.example.cn' })
  expect(stdout.trim().split('\n').pop()).toMatch(/^https:\/\/kepu\.example\.cn\/admin\/set-password\/[\w-]+$/)
  expect(stderr).not.toContain('PUBLIC_URL')
})
