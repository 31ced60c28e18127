// `npm run profile`: where a page's time goes (issue 17, decision 023). On a seeded PostgreSQL database (or PGlite:
// `npm run profile -- pglite`), the built app's Remix handler in this process answers, one request at a time:
//   - the CPU time per request of an empty resource route, a 404 page (the layout alone), the home page, an event page
//     and a registration form;
//   - a CPU profile of the registration form, its time summed by package, and written to a .cpuprofile file that
//     Chrome DevTools opens.
// Run `npm run build` first (npm run profile does).
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { TestDatabaseKind } from '../tests/helpers/db'

type ProfileNode = { id: number; callFrame: { functionName: string; url: string }; children?: number[] }
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const kind = (process.argv[2] ?? 'postgres') as TestDatabaseKind
const { createSeededPostgresDatabase } = await import('../tests/helpers/db')
let drop = async () => {}
if (kind === 'postgres') {
  const database = await createSeededPostgresDatabase()
  process.env.DATABASE_URL = database.url
  drop = database.drop
} else {
  const { createTestDatabase } = await import('../tests/helpers/db')
  const { seedDatabase } = await import('../seeds/load')
  const { seedData } = await import('../seeds')
  const database = await createTestDatabase('pglite')
  await seedDatabase(database.prisma, seedData, { now: new Date() })
  globalThis.__kepuPrisma = database.prisma
  drop = database.drop
}
process.env.LOG_LEVEL ??= 'warn'
const build = await import(pathToFileURL(path.resolve('build/index.js')).href)
const { createRequestHandler } = await import('@remix-run/node')
const handler = createRequestHandler(build, 'production')
const get = async (url: string) => {
  const response = await handler(new Request(`http://localhost${url}`))
  return { status: response.status, body: await response.text() }
}

/** The package (or app file) a profile node's code belongs to. */
function packageOf(url: string, functionName: string): string {
  const inModules = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/)
  if (inModules) return inModules[1]
  if (url.includes('/build/')) return 'the app (build/index.js)'
  if (url.startsWith('wasm://')) return 'WebAssembly (Prisma query compiler, PGlite)'
  if (url.startsWith('node:')) return 'Node (' + url.slice(5).split('/')[0] + ')'
  return url ? path.relative(process.cwd(), url.replace('file://', '')) : functionName || '(native)'
}

try {
  const home = await get('/')
  const form = home.body.match(/href="(\/sessions\/[^"/]+\/register)"/)?.[1]
  const event = home.body.match(/href="(\/events\/[^"/?#]+)"/)?.[1]
  if (!form || !event) throw new Error('the seeded home page links no event or registration form')
  console.log(`CPU time per request on ${kind}, the built app's handler in this process, one request at a time:`)
  for (const [label, url] of [
    ['an empty resource route', '/robots.txt'],
    ['a 404 page (the layout alone)', '/no-such-page'],
    ['the home page', '/'],
    ['an event page', event],
    ['a registration form', form],
  ] as const) {
    for (let i = 0; i < 30; i++) await get(url) // warm up
    const rounds = 200
    const cpu = process.cpuUsage()
    const started = performance.now()
    for (let i = 0; i < rounds; i++) await get(url)
    const used = process.cpuUsage(cpu)
    console.log(
      `  ${label.padEnd(32)} ${((performance.now() - started) / rounds).toFixed(2).padStart(6)} ms wall, ` +
        `${((used.user + used.system) / 1000 / rounds).toFixed(2).padStart(6)} ms CPU (all threads)`,
    )
  }

  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  for (let i = 0; i < 300; i++) await get(form)
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile }
  session.disconnect()
  const file = path.join(tmpdir(), `kepu-registration-form-${Date.now()}.cpuprofile`)
  writeFileSync(file, JSON.stringify(profile))
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const byPackage = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, i) => {
    const node = nodes.get(id)!
    const name = packageOf(node.callFrame.url, node.callFrame.functionName)
    const micros = profile.timeDeltas[i] ?? 0
    if (name === '(idle)') return
    total += micros
    byPackage.set(name, (byPackage.get(name) ?? 0) + micros)
  })
  console.log(`\nthe registration form, 300 requests profiled (${file}); busy time by package, top 20:`)
  for (const [name, micros] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 20))
    console.log(`  ${((100 * micros) / total).toFixed(1).padStart(5)}%  ${(micros / 1000 / 300).toFixed(2)} ms/request  ${name}`)
} finally {
  await drop()
}
process.exit(0)
