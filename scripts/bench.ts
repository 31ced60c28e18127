// `npm run bench`: figures for the booking rush, the list page and the map page's JavaScript.
//   1. A registration rush: 5,000 attempts (200 in flight) on one 100-seat session, on PGlite and PostgreSQL.
//   2. List-page server time: the built app's request handler rendering `/` (and filtered views) with
//      10,000 upcoming events at 5,000 venues, on PGlite and PostgreSQL.
//   3. The home page's JavaScript, gzipped, from the production build (run `npm run build` first).
//   4. Staff cancel a session with 2,000 registrations (cancelSession): time, and the messages it queued.
//   5. The message worker delivering queued SMS to the local fake Aliyun: messages/s.
//   6. Keyword search (q=) at 10,000 upcoming events: the model's query and the rendered home page (decision 017).
//   7. City scale (100,000 sessions), the home page over HTTP beside a bare server, the HTTP registration rush, and
//   8. a page's server CPU beside the floor, a bare Remix app rendering the same bytes (issue 31), in bench-results.json.
//   9. The yearly 考核 pre-fill of one base's report at city scale (issue 27).
//  10. Reach counting: the home page alone and beside 1,000 counted resource views a second, on PostgreSQL (decision 037).
//  11. 科普志愿者 at city scale: the open-roles list and map, and a volunteer's history, on PostgreSQL (decision 033).
// PostgreSQL parts use TEST_POSTGRES_URL's server (a throw-away database each) and are skipped if it is down.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { seedBenchData } from '../tests/helpers/bench-data'
import { createTestDatabase, type TestDatabaseKind } from '../tests/helpers/db'
import type { FloorPage } from './bench-floor/app/pages.server'
import type { PrismaClient } from '@prisma/client'

const HOUR = 3600_000

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}
const ms = (n: number) => `${n.toFixed(1)} ms`

/** Runs `attempts` calls of `attempt(i)` with `inFlight` at once; the time, latencies and outcomes. */
async function rushOf(attempts: number, inFlight: number, attempt: (i: number) => Promise<string>) {
  const latencies: number[] = []
  const outcomes: Record<string, number> = {}
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < attempts) {
        const i = next++
        const t0 = performance.now()
        const outcome = await attempt(i).catch((error: unknown) => (error as { code?: string }).code ?? String(error))
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1
        latencies.push(performance.now() - t0)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return { seconds, perSecond: attempts / seconds, latencies, outcomes }
}

/**
 * 1. The booking rush: the model (registerForSession) against one 100-seat session, and on PostgreSQL, in the same
 * run with the same clients and pool, a raw transaction of the same shape sent statement by statement with `pg`
 * (lock the session, check the phone, number the waitlist, insert the place, move the counter, queue a message).
 */
async function rush(kind: TestDatabaseKind) {
  const db = await createTestDatabase(kind)
  globalThis.__kepuPrisma = db.prisma
  try {
    const booking = await import('../app/models/registration/registration.server')
    const { env } = await import('../app/utils/infra/env.server')
    const prisma = db.prisma as PrismaClient
    const now = new Date()
    const place = { name: '基准区', nameEn: 'Bench', title: '基准', capacity: 100 }
    const session = await benchSession(prisma, { ...place, code: 319999, slug: 'bench' })
    const attempts = 5000
    const inFlight = 200
    // Every 50th attempt repeats an earlier phone: it must be refused.
    const phoneOf = (i: number) => `138${String(i % 50 === 49 ? i - 1 : i).padStart(8, '0')}`
    const model = await rushOf(attempts, inFlight, async (i) => {
      const r = await booking.registerForSession(
        session.id,
        { name: '居民', phone: phoneOf(i), adults: 1, children: 0, answers: {}, consent: true },
        { now },
      )
      return r.status
    })
    const { latencies } = model
    const after = await prisma.eventSession.findUniqueOrThrow({ where: { id: session.id } })
    const confirmed = await prisma.registration.count({ where: { sessionId: session.id, status: 'CONFIRMED' } })
    const queued = await prisma.message.count({ where: { subjectType: 'Registration' } })
    console.log(
      `rush on ${kind}: ${attempts} attempts, ${inFlight} in flight, 100 seats: ${model.seconds.toFixed(1)} s, ${model.perSecond.toFixed(0)} attempts/s; ` +
        `latency p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}`,
    )
    console.log(
      `  outcomes ${JSON.stringify(model.outcomes)}; seatsTaken ${after.seatsTaken}, confirmed ${confirmed}, messages queued ${queued}` +
        `${after.seatsTaken === 100 && confirmed === 100 ? ' (exact)' : ' (WRONG)'}`,
    )
    if (kind !== 'postgres') {
      recordResults({ rush: { modelPerSecondPglite: Math.round(model.perSecond) } })
      return
    }

    const raw = await import('pg')
    const pool = new raw.default.Pool({ connectionString: db.url!, max: env.DATABASE_POOL_SIZE })
    // Dropping the database at the end ends any connection still open: not an error of the measurement.
    pool.on('error', () => {})
    const rawSession = await benchSession(prisma, {
      ...place,
      code: 319997,
      slug: 'bench-raw',
      name: '基准区（原始）',
      nameEn: 'Bench raw',
    })
    const rawTransaction = async (i: number) => {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const {
          rows: [s],
        } = await client.query('SELECT capacity, "seatsTaken" FROM "EventSession" WHERE id = $1 FOR UPDATE', [rawSession.id])
        const phone = phoneOf(i)
        const held = await client.query(`SELECT 1 FROM "Registration" WHERE "sessionId" = $1 AND phone = $2 AND status <> 'CANCELLED'`, [
          rawSession.id,
          phone,
        ])
        if (held.rowCount) {
          await client.query('ROLLBACK')
          return 'DUPLICATE_PHONE'
        }
        const fits = s.capacity - s.seatsTaken >= 1
        let seq: number | null = null
        if (!fits) {
          const { rows } = await client.query(
            `SELECT COALESCE(MAX("waitlistSeq"), 0) + 1 AS seq, (SELECT count(*) FROM "Registration" WHERE "sessionId" = $1 AND status = 'WAITLISTED') AS waiting
             FROM "Registration" WHERE "sessionId" = $1 AND "waitlistSeq" IS NOT NULL`,
            [rawSession.id],
          )
          seq = rows[0].seq
        }
        const id = `raw${i}`
        await client.query(
          `INSERT INTO "Registration" (id, "sessionId", name, phone, adults, children, "partySize", status, "waitlistSeq", code, "manageTokenHash", "consentAt")
           VALUES ($1, $2, '居民', $3, 1, 0, 1, $4, $5, $6, $7, now())`,
          [id, rawSession.id, phone, fits ? 'CONFIRMED' : 'WAITLISTED', seq, `R${String(i).padStart(7, '0')}`, `raw-${i}`],
        )
        if (fits) await client.query('UPDATE "EventSession" SET "seatsTaken" = "seatsTaken" + 1 WHERE id = $1', [rawSession.id])
        await client.query(
          `INSERT INTO "Message" (id, channel, recipient, template, params, "subjectType", "subjectId") VALUES ($1, 'SMS', $2, 'registration.confirmed', '{}', 'Registration', $3)`,
          [`rawm${i}`, phone, id],
        )
        await client.query('COMMIT')
        return fits ? 'CONFIRMED' : 'WAITLISTED'
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {})
        throw error
      } finally {
        client.release()
      }
    }
    const rawRush = await rushOf(attempts, inFlight, rawTransaction)
    await pool.end()
    console.log(
      `  raw transaction of the same shape (pg, pool of ${env.DATABASE_POOL_SIZE}, ${inFlight} in flight): ${rawRush.perSecond.toFixed(0)}/s, ` +
        `p95 ${ms(percentile(rawRush.latencies, 95))}; outcomes ${JSON.stringify(rawRush.outcomes)}`,
    )
    console.log(`  the model reaches ${((100 * model.perSecond) / rawRush.perSecond).toFixed(0)}% of the raw transaction (goal: 50%)`)
    recordResults({ rush: { modelPerSecond: Math.round(model.perSecond), rawPerSecond: Math.round(rawRush.perSecond) } })
  } finally {
    await db.drop()
  }
}

/**
 * 1b. The booking rush end to end over HTTP on PostgreSQL: the portal as `npm start` runs it (a process per core),
 * clients that each fetch the form, post it and open the confirmation, as a browser without JavaScript does, with the
 * rate limits on. Every client comes from a test address of its own that the limits trust (TRUST_PROXY=loopback and
 * X-Forwarded-For), as residents reach a real portal from their own addresses.
 */
async function httpRushBench(kind: TestDatabaseKind) {
  if (kind !== 'postgres') return
  const { startServer } = await import('../tests/helpers/server')
  const { registerOverHttp } = await import('../tests/helpers/http-registration')
  const http = await import('node:http')
  const db = await createTestDatabase(kind)
  const dir = mkdtempSync(path.join(tmpdir(), 'kepu-bench-rush-'))
  const prisma = db.prisma as PrismaClient
  const attempts = 1500
  const clients = 100
  const seats = 500
  const session = await benchSession(prisma, {
    code: 319996,
    slug: 'bench-http',
    name: '基准区',
    nameEn: 'Bench',
    title: '基准',
    capacity: seats,
  })
  const server = await startServer({
    DATABASE_URL: db.url!,
    LOG_LEVEL: 'warn',
    MESSAGE_LOG: path.join(dir, 'messages.jsonl'),
    TRUST_PROXY: 'loopback',
    WEB_CONCURRENCY: String(availableParallelism()),
    METRICS_TOKEN: BENCH_METRICS_TOKEN,
  })
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients })
  // The server processes' CPU seconds, summed over them (server/cluster-metrics.ts).
  const serverCpuSeconds = async () => metricValue(await readServerMetrics(server.url), 'kepu_process_cpu_seconds_total')
  try {
    // Warm up: each worker process compiles and connects before the clock starts.
    for (let i = 0; i < 20; i++)
      await registerOverHttp(server.url, session.id, `139${String(i).padStart(8, '0')}`, { forwardedFor: `10.9.0.${i + 1}`, agent })
    const cpuBefore = await serverCpuSeconds()
    const result = await rushOf(attempts, clients, async (i) => {
      const outcome = await registerOverHttp(server.url, session.id, `138${String(i).padStart(8, '0')}`, {
        forwardedFor: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) + 1}`,
        agent,
      })
      return outcome.kind === 'refused' ? `HTTP ${outcome.status}` : outcome.kind
    })
    const cpuPerRegistration = ((await serverCpuSeconds()) - cpuBefore) / attempts
    const after = await prisma.eventSession.findUniqueOrThrow({ where: { id: session.id } })
    const confirmed = await prisma.registration.count({ where: { sessionId: session.id, status: 'CONFIRMED' } })
    const p95 = percentile(result.latencies, 95)
    console.log(
      `registration rush over HTTP on ${kind} (${availableParallelism()} worker processes, ${clients} clients, form + post + confirmation, rate limits on): ` +
        `${attempts} people in ${result.seconds.toFixed(1)} s, ${result.perSecond.toFixed(0)} registrations/s; ` +
        `p50 ${ms(percentile(result.latencies, 50))}, p95 ${ms(p95)}`,
    )
    console.log(
      `  outcomes ${JSON.stringify(result.outcomes)}; seatsTaken ${after.seatsTaken}, confirmed ${confirmed}` +
        `${after.seatsTaken === seats && confirmed === seats ? ' (exact)' : ' (WRONG)'}; goal 100/s with p95 under 1.5 s`,
    )
    console.log(
      `  server CPU per registration (three requests, all processes): ${(cpuPerRegistration * 1000).toFixed(1)} ms (goal 12); ` +
        `${availableParallelism()} cores give at most ${(availableParallelism() / cpuPerRegistration).toFixed(0)} registrations/s before PostgreSQL and the clients take their share`,
    )
    recordResults({
      rush: {
        httpPerSecond: Math.round(result.perSecond),
        httpP95Ms: Math.round(p95),
        httpServerCpuMsPerRegistration: Math.round(cpuPerRegistration * 1000),
      },
    })
  } finally {
    agent.destroy()
    await server.stop()
    await db.drop()
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * 7. City scale (issue 17): 100,000 upcoming sessions of 25,000 activities at 20,000 venues in all 16 districts,
 * written with batched inserts (time printed); the home page and its filters through the built app's request
 * handler (p95), and the map's viewport data at several zooms (size and p95).
 */
async function cityBench(kind: TestDatabaseKind) {
  const db = await createTestDatabase(kind)
  globalThis.__kepuPrisma = db.prisma
  try {
    const t0 = performance.now()
    const counts = await seedBenchData(db.prisma, {
      venues: 20_000,
      events: 25_000,
      sessionsPerEvent: 4,
      allDistricts: true,
      now: new Date(),
    })
    const seeded = (performance.now() - t0) / 1000
    const districts = await db.prisma.district.count({ where: { active: true } })
    console.log(
      `city scale on ${kind}: ${counts.sessions} sessions, ${counts.events} activities, ${counts.venues} venues in ${districts} districts, written in ${seeded.toFixed(1)} s`,
    )
    const build = await import(pathToFileURL(path.resolve('build/index.js')).href)
    const { createRequestHandler } = await import('@remix-run/node')
    const handler = createRequestHandler(build, 'production')
    const timed = async (url: string, rounds: number) => {
      const times: number[] = []
      let bytes = 0
      for (let i = 0; i < rounds + 10; i++) {
        const t = performance.now()
        const response = await handler(new Request(`http://localhost${url}`))
        const body = await response.text()
        if (response.status !== 200) throw new Error(`${url}: ${response.status}`)
        if (i >= 10) times.push(performance.now() - t) // the first 10 warm up
        bytes = Buffer.byteLength(body)
      }
      times.sort((a, b) => a - b)
      return { p50: percentile(times, 50), p95: percentile(times, 95), bytes }
    }
    const views = [
      '/',
      '/?when=weekend',
      '/?district=pudong&category=LECTURE&seatsLeft=1',
      '/?age=8&topic=天文',
      '/?near=31.23,121.47&reach=walk15',
      '/?page=40',
    ]
    let homeP95 = 0
    for (const view of views) {
      const r = await timed(view, 60)
      homeP95 = Math.max(homeP95, r.p95)
      console.log(`  ${view.padEnd(52)} p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  (${(r.bytes / 1024).toFixed(0)} KB)`)
    }
    console.log(`  home and filters: worst p95 ${ms(homeP95)} (goal: ${kind === 'postgres' ? 50 : 100} ms)`)
    // The map asks for what its viewport shows: all of Shanghai, a district, a town, a few streets.
    const viewports = [
      ['all of Shanghai', 9, '120.85,30.68,122.0,31.88'],
      ['a district', 11, '121.1,30.95,121.4,31.15'],
      ['a town', 13, '121.2,31.0,121.28,31.06'],
      ['a few streets', 16, '121.22,31.02,121.23,31.03'],
    ] as const
    let mapP95 = 0
    let mapKB = 0
    for (const [label, zoom, bbox] of viewports) {
      const r = await timed(`/api/map-points?bbox=${bbox}&zoom=${zoom}`, 40)
      mapP95 = Math.max(mapP95, r.p95)
      mapKB = Math.max(mapKB, r.bytes / 1024)
      console.log(
        `  map data, ${label.padEnd(16)} zoom ${String(zoom).padStart(2)}: p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  ${(r.bytes / 1024).toFixed(1)} KB`,
      )
    }
    console.log(`  map data: worst p95 ${ms(mapP95)}, largest ${mapKB.toFixed(1)} KB (goal: 30 ms, 50 KB)`)
    // The roll-up (decision 022) answers the default view; a filter counts the sessions it leaves live.
    const filtered = await timed(`/api/map-points?category=LECTURE&bbox=${viewports[0][2]}&zoom=9`, 20)
    console.log(
      `  map data, all of Shanghai, one category (counted live, no roll-up): p50 ${ms(filtered.p50)}  p95 ${ms(filtered.p95)}  ${(filtered.bytes / 1024).toFixed(1)} KB`,
    )
    recordResults({
      city: {
        homeP95Ms: { [kind]: Math.round(homeP95) },
        ...(kind === 'postgres' ? { mapP95Ms: Math.round(mapP95), mapKB: Math.round(mapKB) } : { mapP95MsPglite: Math.round(mapP95) }),
        seedSeconds: { [kind]: Math.round(seeded) },
      },
    })
  } finally {
    await db.drop()
  }
}

async function listPage(kind: TestDatabaseKind) {
  const db = await createTestDatabase(kind)
  globalThis.__kepuPrisma = db.prisma
  try {
    const t0 = performance.now()
    const counts = await seedBenchData(db.prisma, { venues: 5000, events: 10000, now: new Date() })
    console.log(
      `list page on ${kind}: seeded ${counts.venues} venues, ${counts.events} events, ${counts.sessions} sessions in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    )
    const build = await import(pathToFileURL(path.resolve('build/index.js')).href)
    const { createRequestHandler } = await import('@remix-run/node')
    const handler = createRequestHandler(build, 'production')
    const views = [
      '/',
      '/?when=weekend',
      '/?district=songjiang&category=LECTURE&seatsLeft=1',
      '/?age=8&topic=天文',
      '/?near=31.03,121.22&reach=walk15',
      '/?nearTown=TOWN&page=3',
    ]
    const town = await db.prisma.town.findFirstOrThrow()
    for (const view of views.map((v) => v.replace('TOWN', town.id))) {
      const times: number[] = []
      let bytes = 0
      for (let i = 0; i < 120; i++) {
        const t = performance.now()
        const response = await handler(new Request(`http://localhost${view}`))
        const body = await response.text()
        if (response.status !== 200) throw new Error(`${view}: ${response.status}`)
        times.push(performance.now() - t)
        bytes = body.length
      }
      const measured = times.slice(20).sort((a, b) => a - b) // the first 20 warm up
      console.log(
        `  ${view.padEnd(52)} p50 ${ms(percentile(measured, 50))}  p95 ${ms(percentile(measured, 95))}  (${(bytes / 1024).toFixed(0)} KiB HTML)`,
      )
    }
    const points: number[] = []
    const { searchMapPoints } = await import('../app/models/event/search.server')
    for (let i = 0; i < 30; i++) {
      const t = performance.now()
      const result = await searchMapPoints({ page: 1 })
      points.push(performance.now() - t)
      if (i === 0) console.log(`  map points for "/": ${result.length} places`)
    }
    points.sort((a, b) => a - b)
    console.log(
      `  /api/map-points (all upcoming)                       p50 ${ms(percentile(points, 50))}  p95 ${ms(percentile(points, 95))}`,
    )
  } finally {
    await db.drop()
  }
}

/** 6. Keyword search: searchSessions and the map's points with q=, and `/?q=` rendered, at 10,000 events. */
async function searchBench(kind: TestDatabaseKind) {
  const db = await createTestDatabase(kind)
  globalThis.__kepuPrisma = db.prisma
  try {
    await seedBenchData(db.prisma, { venues: 5000, events: 10000, now: new Date() })
    const { searchSessions, searchMapPoints } = await import('../app/models/event/search.server')
    const build = await import(pathToFileURL(path.resolve('build/index.js')).href)
    const { createRequestHandler } = await import('@remix-run/node')
    const handler = createRequestHandler(build, 'production')
    const time = async (label: string, run: () => Promise<unknown>) => {
      const times: number[] = []
      for (let i = 0; i < 120; i++) {
        const t = performance.now()
        await run()
        times.push(performance.now() - t)
      }
      const measured = times.slice(20).sort((a, b) => a - b) // the first 20 warm up
      console.log(`  ${label.padEnd(52)} p50 ${ms(percentile(measured, 50))}  p95 ${ms(percentile(measured, 95))}`)
    }
    console.log(`keyword search on ${kind} (10,000 upcoming events at 5,000 venues):`)
    await time('list, no q (for comparison)', () => searchSessions({ page: 1 }))
    for (const q of ['天文', '机器人 讲座', '基准场馆 123', '没有这个词', 'talk']) {
      const { total } = await searchSessions({ q, page: 1 })
      await time(`list q=${q} (${total} found)`, () => searchSessions({ q, page: 1 }))
    }
    await time('list q=天文&district=songjiang&when=week', () =>
      searchSessions({ q: '天文', district: 'songjiang', when: 'week', page: 1 }),
    )
    await time('map points q=天文', () => searchMapPoints({ q: '天文', page: 1 }))
    for (const view of ['/', `/?q=${encodeURIComponent('天文')}`]) {
      await time(`page ${decodeURIComponent(view)} (rendered)`, async () => {
        const response = await handler(new Request(`http://localhost${view}`))
        await response.text()
        if (response.status !== 200) throw new Error(`${view}: ${response.status}`)
      })
    }
  } finally {
    await db.drop()
  }
}

function mapPageJavaScript() {
  const dir = path.resolve('public/build')
  const manifestFile = existsSync(dir) ? readdirSync(dir).find((f) => /^manifest-.*\.js$/.test(f)) : undefined
  if (!manifestFile) return console.log('map page JS: no production build found (run `npm run build`)')
  const source = readFileSync(path.join(dir, manifestFile), 'utf8')
  const manifest = JSON.parse(source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1))
  const files = new Set<string>([manifest.entry.module, ...manifest.entry.imports])
  for (const id of ['root', 'routes/_find+/_index']) {
    const route = manifest.routes[id]
    files.add(route.module)
    for (const f of route.imports ?? []) files.add(f)
  }
  let raw = 0
  let gzipped = 0
  for (const file of files) {
    const content = readFileSync(path.join('public', file))
    raw += content.length
    gzipped += gzipSync(content, { level: 9 }).length
  }
  const css = readdirSync(path.join(dir, '_assets'))
    .filter((f) => f.endsWith('.css'))
    .map((f) => gzipSync(readFileSync(path.join(dir, '_assets', f))).length)
    .reduce((a, b) => a + b, 0)
  console.log(
    `map page JS (home: entry + root + route, ${files.size} files): ${(raw / 1024).toFixed(0)} KiB, ${(gzipped / 1024).toFixed(1)} KiB gzipped (aim < 250); CSS ${(css / 1024).toFixed(1)} KiB gzipped`,
  )
}

async function postgresUp(): Promise<boolean> {
  try {
    const db = await createTestDatabase('postgres')
    await db.drop()
    return true
  } catch {
    console.log('PostgreSQL not reachable: its parts are skipped')
    return false
  }
}

/** A published lecture in a district of its own, with one session two days ahead. */
async function benchSession(
  prisma: PrismaClient,
  place: { code: number; slug: string; name: string; nameEn: string; title: string; capacity: number; seatsTaken?: number },
) {
  const now = new Date()
  const district = await prisma.district.create({
    data: { code: place.code, slug: place.slug, name: place.name, nameEn: place.nameEn, active: true, centerLat: 31, centerLng: 121.2 },
  })
  const event = await prisma.event.create({
    data: {
      slug: place.slug,
      title: place.title,
      summary: 'x',
      description: 'x',
      category: 'LECTURE',
      topics: [],
      lat: 31,
      lng: 121.2,
      districtId: district.id,
      status: 'PUBLISHED',
      maxPartySize: 4,
    },
  })
  return prisma.eventSession.create({
    data: {
      eventId: event.id,
      key: 'k',
      startsAt: new Date(now.getTime() + 48 * HOUR),
      endsAt: new Date(now.getTime() + 49 * HOUR),
      capacity: place.capacity,
      seatsTaken: place.seatsTaken ?? 0,
    },
  })
}

/** An event with one session holding `count` confirmed registrations, and a platform admin. */
async function sessionWithRegistrations(prisma: PrismaClient, count: number) {
  const now = new Date()
  const session = await benchSession(prisma, {
    code: 319998,
    slug: 'bench-m',
    name: '消息区',
    nameEn: 'Messages',
    title: '基准讲座',
    capacity: count,
    seatsTaken: count,
  })
  await prisma.registration.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      sessionId: session.id,
      name: `居民${i}`,
      phone: `137${String(i).padStart(8, '0')}`,
      adults: 1,
      children: 0,
      partySize: 1,
      status: 'CONFIRMED' as const,
      code: `B${String(i).padStart(7, '0')}`,
      manageTokenHash: `bench-${i}`,
      consentAt: now,
    })),
  })
  const admin = await prisma.user.create({ data: { email: 'bench@kepu.test', name: 'bench', role: 'PLATFORM_ADMIN' } })
  const staff = {
    id: admin.id,
    name: admin.name,
    email: admin.email,
    role: admin.role,
    districtId: null,
    organisationId: null,
    sessionId: '-',
  }
  return { session, staff }
}

/** 4. Staff cancel a session with 2,000 registrations (the real cancelSession): time, and messages in the outbox. */
async function cancelBench(kind: TestDatabaseKind) {
  const db = await createTestDatabase(kind)
  globalThis.__kepuPrisma = db.prisma
  try {
    const { cancelSession } = await import('../app/models/event/admin.server')
    const { session, staff } = await sessionWithRegistrations(db.prisma, 2000)
    const started = performance.now()
    const { registrationsCancelled } = await cancelSession(staff, session.id)
    const took = performance.now() - started
    const queued = await db.prisma.message.count()
    console.log(`cancel a session (${kind}): ${registrationsCancelled} registrations in ${ms(took)}, ${queued} messages in the outbox`)
  } finally {
    await db.drop()
  }
}

/** 5. The worker delivering N queued SMS to the local fake Aliyun (signature checked on every request): messages/s. */
async function deliverBench(kind: TestDatabaseKind) {
  const count = kind === 'pglite' ? 500 : 2000
  const db = await createTestDatabase(kind)
  globalThis.__kepuPrisma = db.prisma
  const { startFakeAliyun } = await import('../tests/helpers/fake-sms')
  const credentials = { accessKeyId: 'bench', accessKeySecret: 'bench-secret' }
  const fake = await startFakeAliyun(credentials)
  try {
    const { queueMessages } = await import('../app/models/message/message.server')
    const { messageTemplates } = await import('../app/models/message/templates')
    const { startMessageWorker } = await import('../app/models/message/worker.server')
    const { AliyunSmsProvider } = await import('../app/models/message/providers/aliyun-sms.server')
    const params = { title: '基准讲座', time: '6月1日 19:00', place: '科技馆', code: 'AB12', link: 'https://kepu.example/r/x' }
    await queueMessages(
      db.prisma,
      Array.from({ length: count }, (_, i) => ({
        to: { phone: `136${String(i).padStart(8, '0')}`, language: 'zh-CN' as const },
        message: { template: 'registration.confirmed' as const, params, subjectType: 'Registration' as const, subjectId: null },
      })),
    )
    const templateCodes = Object.fromEntries(Object.keys(messageTemplates).map((key) => [key, 'SMS_1']))
    const provider = new AliyunSmsProvider({ ...credentials, signName: '科普', endpoint: fake.url, templateCodes, timeoutMs: 10_000 })
    const started = performance.now()
    const worker = await startMessageWorker({
      prisma: db.prisma,
      database: db.pglite ? { pglite: db.pglite } : { connectionString: db.url!, max: 4 },
      providers: { SMS: provider, EMAIL: provider },
      config: {
        retryLimit: 5,
        retryDelaySeconds: 1,
        retryBackoff: true,
        jobTimeoutSeconds: 120,
        relayIntervalMs: 100,
        pollIntervalMs: 100,
        concurrency: 20,
      },
    })
    while ((await db.prisma.message.count({ where: { status: 'SENT' } })) < count) await new Promise((r) => setTimeout(r, 100))
    const took = performance.now() - started
    await worker.stop()
    const doubled = [...fake.accepted.values()].filter((n) => n > 1).length
    console.log(
      `deliver ${count} SMS to the fake Aliyun (${kind}, 1 worker, 20 at once): ${(count / (took / 1000)).toFixed(0)} messages/s ` +
        `(${ms(took)} including pg-boss start), ${fake.rejected.length} refused, ${doubled} doubled`,
    )
  } finally {
    await fake.close()
    await db.drop()
  }
}

/** Merges figures into bench-results.json (git-ignored), so ratios can be read without parsing text. */
function recordResults(figures: Record<string, Record<string, unknown>>) {
  const file = path.resolve('bench-results.json')
  const results = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>) : {}
  // Two levels deep: city.homeP95Ms gets its postgres and pglite figures from two runs.
  const merge = (into: Record<string, unknown> = {}, values: Record<string, unknown>) => {
    const out = { ...into }
    for (const [key, value] of Object.entries(values))
      out[key] = value && typeof value === 'object' && !Array.isArray(value) ? { ...(out[key] as object), ...value } : value
    return out
  }
  for (const [part, values] of Object.entries(figures)) results[part] = merge(results[part], values)
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n')
}

/** METRICS_TOKEN of the servers the bench starts: their /metrics give memory and CPU seconds. */
const BENCH_METRICS_TOKEN = 'bench-metrics-token-0123456789'

/** A server's /metrics text; once more if the first try meets a kept-alive socket the server had just closed. */
function readServerMetrics(url: string): Promise<string> {
  const read = () => fetch(`${url}/metrics`, { headers: { Authorization: `Bearer ${BENCH_METRICS_TOKEN}` } }).then((r) => r.text())
  return read().catch(read)
}

/** The value of an unlabelled metric in a /metrics text; NaN if it is missing. */
const metricValue = (metrics: string, name: string) => Number(metrics.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1] ?? NaN)

/** wrk's requests per second and latency percentiles for one URL (`wrk` must be installed: apt-get install wrk). */
function wrk(url: string, connections: number, seconds = 10) {
  const output = execFileSync('wrk', ['-t2', `-c${connections}`, `-d${seconds}s`, '--latency', url], { encoding: 'utf8' })
  const perSecond = Number(output.match(/Requests\/sec:\s+([\d.]+)/)![1])
  const latency = (p: string) => {
    const match = output.match(new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`))
    if (!match) return NaN
    return Number(match[1]) * { us: 0.001, ms: 1, s: 1000 }[match[2] as 'us' | 'ms' | 's']
  }
  const errors = output.match(/Non-2xx or 3xx responses: (\d+)/)?.[1]
  return { perSecond, p50: latency('50'), p99: latency('99'), non2xx: Number(errors ?? 0) }
}

/** A database for the built server, migrated by the CLI and seeded as `npm run setup` does: its settings, and its drop. */
async function seededServerDatabase(kind: TestDatabaseKind, dir: string) {
  const { childEnv } = await import('../tests/helpers/env')
  let drop = async () => {}
  let env: Record<string, string>
  if (kind === 'postgres') {
    const { createEmptyPostgresDatabase } = await import('../tests/helpers/db')
    const database = await createEmptyPostgresDatabase()
    drop = database.drop
    env = { DATABASE_URL: database.url }
  } else {
    env = { PGLITE_DIR: path.join(dir, 'pglite') }
  }
  execFileSync('npx', ['prisma', 'migrate', 'deploy'], { env: childEnv(env), stdio: 'ignore' })
  execFileSync('npx', ['tsx', 'scripts/seed.ts'], { env: childEnv(env), stdio: 'ignore' })
  return { env, drop }
}

/**
 * 7. The home page over HTTP at 50 clients (wrk), beside a bare Node server sending the same bytes, measured in the
 * same run: the built server (`server/index.ts`) on the seeded database, with the shared page cache (decision 015)
 * and without it.
 */
async function homeBench(kind: TestDatabaseKind) {
  const { startServer } = await import('../tests/helpers/server')
  const { default: getPort } = await import('get-port')
  const dir = mkdtempSync(path.join(tmpdir(), 'kepu-bench-home-'))
  const { env: databaseEnv, drop: dropDatabase } = await seededServerDatabase(kind, dir)
  // As `npm start` runs: on PostgreSQL one process per core, on PGlite one.
  const serverEnv = {
    ...databaseEnv,
    LOG_LEVEL: 'warn',
    MESSAGE_LOG: path.join(dir, 'messages.jsonl'),
    // Read right after the load: the resident memory of the process that answers /metrics.
    METRICS_TOKEN: BENCH_METRICS_TOKEN,
    WEB_CONCURRENCY: kind === 'postgres' ? String(availableParallelism()) : '1',
  }
  let bare: ChildProcess | undefined
  try {
    const measure = async (cache: boolean) => {
      const server = await startServer({ ...serverEnv, PAGE_CACHE_SECONDS: cache ? '10' : '0' })
      try {
        const page = await fetch(`${server.url}/`)
        const bytes = Buffer.from(await page.arrayBuffer())
        wrk(`${server.url}/`, 10, 3) // warm up
        const load = wrk(`${server.url}/`, 50)
        const metrics = await readServerMetrics(server.url)
        const residentMB = metricValue(metrics, 'kepu_server_process_resident_memory_max_bytes') / 1024 / 1024
        return { bytes, residentMB, ...load }
      } finally {
        await server.stop()
      }
    }
    const uncached = await measure(false)
    const cached = await measure(true)
    // The bare server is a Node process of its own, as the portal is (wrk blocks this one while it runs).
    const page = path.join(dir, 'home.html')
    writeFileSync(page, cached.bytes)
    const barePort = await getPort()
    bare = spawn(process.execPath, [
      '-e',
      `const b = require('fs').readFileSync(${JSON.stringify(page)}); require('http').createServer((q, s) => { s.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': b.length }); s.end(b) }).listen(${barePort}, '127.0.0.1')`,
    ])
    const bareUrl = `http://127.0.0.1:${barePort}/`
    for (let i = 0; i < 50; i++) {
      if (
        await fetch(bareUrl).then(
          (r) => r.ok,
          () => false,
        )
      )
        break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    wrk(bareUrl, 10, 3)
    const baseline = wrk(bareUrl, 50)
    const line = (label: string, r: { perSecond: number; p50: number; p99: number }) =>
      `  ${label.padEnd(44)} ${r.perSecond.toFixed(0).padStart(6)} requests/s  p50 ${ms(r.p50)}  p99 ${ms(r.p99)}`
    console.log(`home page over HTTP on ${kind}, 50 clients (wrk, 10 s each; ${(cached.bytes.length / 1024).toFixed(0)} KB of HTML):`)
    console.log(line('bare Node server, same bytes', baseline))
    console.log(line('portal, shared page cache (decision 015)', cached))
    console.log(line('portal, cache off (PAGE_CACHE_SECONDS=0)', uncached))
    console.log(
      `  resident memory of the largest server process after the load: ${cached.residentMB.toFixed(0)} MB with the cache, ${uncached.residentMB.toFixed(0)} MB without`,
    )
    console.log(
      `  ratio to bare: ${((cached.perSecond / baseline.perSecond) * 100).toFixed(1)}% with the cache, ${((uncached.perSecond / baseline.perSecond) * 100).toFixed(2)}% without`,
    )
    if (kind === 'pglite')
      recordResults({
        home: { rps: cached.perSecond, bareRps: baseline.perSecond, uncachedRps: uncached.perSecond, residentMB: cached.residentMB },
      })
    else
      recordResults({
        home: { postgresRps: cached.perSecond, postgresUncachedRps: uncached.perSecond, postgresBareRps: baseline.perSecond },
      })
  } finally {
    bare?.kill()
    await dropDatabase()
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * 9. Reach counting (decision 037) on PostgreSQL: the home page over HTTP at 50 clients (wrk, page cache on, as
 * deployed) alone; beside a pacer in a process of its own posting VIEWS_PER_SECOND requests a second to a bare Node
 * server that answers 204 (the floor: what that many requests cost this machine, whatever they do); beside the same
 * pacer posting to a bare Node server that writes each view with the plain pg driver (the counting floor); then beside the
 * same pacer posting resource views (the beacon the cached resource page sends once open), each from a different
 * visitor (address by X-Forwarded-For from loopback, TRUST_PROXY=loopback; user agent), so every view is a new count.
 * Prints the views answered and counted per second and the home page's requests/s and p99 each way.
 */
const VIEWS_PER_SECOND = Number(process.env.BENCH_VIEWS_PER_SECOND) || 1000
async function onlineBench(kind: TestDatabaseKind) {
  if (kind !== 'postgres') return console.log('reach counting bench: PostgreSQL only')
  const { startServer } = await import('../tests/helpers/server')
  const { default: pg } = await import('pg')
  const query = async <Row>(url: string, text: string): Promise<Row[]> => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      return (await client.query(text)).rows as Row[]
    } finally {
      await client.end()
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'kepu-bench-online-'))
  const { env: databaseEnv, drop: dropDatabase } = await seededServerDatabase(kind, dir)
  const databaseUrl = databaseEnv.DATABASE_URL
  await query(
    databaseUrl,
    `INSERT INTO "OnlineResource" (id, slug, "districtId", kind, title, summary, url, topics, audiences, source, licence, published, "updatedAt")
     SELECT 'bench-resource', 'bench-video', id, 'VIDEO', '走进佘山天文台', '一段介绍佘山天文台的科普视频。', 'https://example.org/v',
       ARRAY['space'], ARRAY['pupils'], '松江区科协', '仅限浏览', true, now() FROM "District" ORDER BY code LIMIT 1`,
  )
  // The counting floor's own resource, so its rows are told apart from the portal's.
  await query(
    databaseUrl,
    `INSERT INTO "OnlineResource" (id, slug, "districtId", kind, title, summary, url, topics, audiences, source, licence, published, "updatedAt")
     SELECT 'bench-floor-resource', 'bench-floor', "districtId", kind, title, summary, url, topics, audiences, source, licence, true, now()
     FROM "OnlineResource" WHERE id = 'bench-resource'`,
  )
  const server = await startServer({
    ...databaseEnv,
    LOG_LEVEL: 'warn',
    MESSAGE_LOG: path.join(dir, 'messages.jsonl'),
    TRUST_PROXY: 'loopback',
    WEB_CONCURRENCY: String(availableParallelism()),
  })
  const counted = async () =>
    Number((await query<{ n: string }>(databaseUrl, `SELECT count(*)::text AS n FROM "OnlineReach" WHERE source = 'PAGE_VIEW'`))[0].n)
  // The pacer: open loop, VIEWS_PER_SECOND spread over 10 ms ticks, for 14 s; prints what was answered. Each view is
  // what a browser sends once the (cached) resource page is open: its beacon, a same-origin POST.
  const pace = (port: string, pathname: string) => {
    const pacer = spawn(
      process.execPath,
      [
        '-e',
        `const http = require('http'); const agent = new http.Agent({ keepAlive: true, maxSockets: 200 });
         let sent = 0, ok = 0, failed = 0; const started = Date.now(); const perTick = ${VIEWS_PER_SECOND} / 100;
         const rnd = (n) => Math.floor(Math.random() * n);
         const timer = setInterval(() => {
           if (Date.now() - started > 14000) { clearInterval(timer); setTimeout(() => { console.log(JSON.stringify({ sent, ok, failed })); process.exit(0) }, 3000); return }
           for (let i = 0; i < perTick; i++) { sent++;
             const req = http.request({ method: 'POST', host: '127.0.0.1', port: ${port}, path: '${pathname}', agent,
               headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '0', 'Sec-Fetch-Site': 'same-origin',
                 'X-Forwarded-For': (1 + rnd(223)) + '.' + rnd(256) + '.' + rnd(256) + '.' + (1 + rnd(254)), 'User-Agent': 'Mozilla/5.0 (bench ' + rnd(1e9) + ')' } },
               (res) => { res.resume(); res.statusCode === 204 ? ok++ : failed++ });
             req.on('error', () => failed++); req.end() }
         }, 10)`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let output = ''
    pacer.stdout?.on('data', (chunk) => (output += chunk))
    return {
      done: new Promise<{ sent?: number; ok?: number; failed?: number }>((resolve) =>
        pacer.once('exit', () => resolve(JSON.parse(output.trim() || '{}'))),
      ),
    }
  }
  // The floor: the same pacer against a bare Node server in a process of its own that answers each post 204 at once.
  // What the home page loses beside it is the cost of 1,000 requests a second on this machine, whatever they do.
  const bare = spawn(
    process.execPath,
    [
      '-e',
      `require('http').createServer((q, s) => { q.resume(); q.on('end', () => { s.writeHead(204); s.end() }) }).listen(0, '127.0.0.1', function () { console.log(this.address().port) })`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const barePort = await new Promise<string>((resolve) => bare.stdout!.once('data', (chunk) => resolve(String(chunk).trim())))
  // The counting floor: a bare Node server that writes what a view must (the address's allowance, then the visitor's
  // row for the day, deduplicated) with the plain pg driver, two statements on a pool of 10, then answers 204. What the
  // home page loses beside it is the least that counting that many views a second can cost here, whatever the stack.
  const bareCounting = spawn(
    process.execPath,
    [
      '-e',
      `const { Pool } = require('pg'); const crypto = require('crypto');
       const pool = new Pool({ connectionString: ${JSON.stringify(databaseUrl)}, max: 10 });
       require('http').createServer(async (q, s) => {
         q.resume();
         try {
           const address = String(q.headers['x-forwarded-for']); const now = Date.now();
           await pool.query('INSERT INTO "RateLimitBucket" (key, "windowStart", hits) VALUES ($1, $2, 1) ON CONFLICT (key, "windowStart") DO UPDATE SET hits = "RateLimitBucket".hits + 1 RETURNING hits',
             ['floor-view:' + address, new Date(Math.floor(now / 3600000) * 3600000)]);
           const visitor = crypto.createHash('sha256').update('salt' + address + q.headers['user-agent']).digest('base64url');
           await pool.query('INSERT INTO "OnlineReach" (id, "districtId", "resourceId", source, day, count, visitor) SELECT $1, r."districtId", r.id, $4::"OnlineReachSource", CURRENT_DATE, 1, $2 FROM "OnlineResource" r WHERE r.slug = $3 AND r.published ON CONFLICT ("resourceId", day, visitor) DO NOTHING',
             ['f' + crypto.randomBytes(12).toString('hex'), visitor, 'bench-floor', 'PAGE_VIEW']);
           s.writeHead(204); s.end()
         } catch (e) { s.writeHead(500); s.end() }
       }).listen(0, '127.0.0.1', function () { console.log(this.address().port) })`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const bareCountingPort = await new Promise<string>((resolve, reject) => {
    bareCounting.stdout!.once('data', (chunk) => resolve(String(chunk).trim()))
    bareCounting.once('exit', (code) => reject(new Error(`the bare counting server exited (${code})`)))
  })
  try {
    wrk(`${server.url}/`, 10, 3) // warm up
    // Three rounds of the four conditions, each round in the same order, and the median of each: one reading of the
    // home page alone swung from 5,500 to 8,000 requests/s on this machine from one minute to the next.
    type Reading = { perSecond: number; p50: number; p99: number }
    const rounds: Array<{ alone: Reading; besideBare: Reading; besideCountingFloor: Reading; withViews: Reading }> = []
    const beside = async (port: string, pathname: string) => {
      const pacer = pace(port, pathname)
      await new Promise((resolve) => setTimeout(resolve, 2000))
      const reading = wrk(`${server.url}/`, 50)
      return { reading, paced: await pacer.done }
    }
    let floorPaced: { sent?: number; ok?: number; failed?: number } = {}
    let countingFloorPaced: { sent?: number; ok?: number; failed?: number } = {}
    let paced: { sent?: number; ok?: number; failed?: number } = {}
    const countedPerSecondReadings: number[] = []
    let total = 0
    for (let round = 0; round < 3; round++) {
      const alone = wrk(`${server.url}/`, 50)
      const bareRun = await beside(barePort, '/views')
      floorPaced = bareRun.paced
      const countingRun = await beside(bareCountingPort, '/views')
      countingFloorPaced = countingRun.paced
      const before = await counted()
      const viewsPacer = pace(new URL(server.url).port, '/online/bench-video/views')
      await new Promise((resolve) => setTimeout(resolve, 2000))
      const t0 = performance.now()
      const countedAtStart = await counted()
      const withViews = wrk(`${server.url}/`, 50)
      const countedAtEnd = await counted()
      countedPerSecondReadings.push((countedAtEnd - countedAtStart) / ((performance.now() - t0) / 1000))
      paced = await viewsPacer.done
      total = (await counted()) - before
      rounds.push({ alone, besideBare: bareRun.reading, besideCountingFloor: countingRun.reading, withViews })
    }
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]
    const medianOf = (pick: (round: (typeof rounds)[number]) => Reading): Reading => ({
      perSecond: median(rounds.map((round) => pick(round).perSecond)),
      p50: median(rounds.map((round) => pick(round).p50)),
      p99: median(rounds.map((round) => pick(round).p99)),
    })
    const alone = medianOf((round) => round.alone)
    const besideBare = medianOf((round) => round.besideBare)
    const besideCountingFloor = medianOf((round) => round.besideCountingFloor)
    const withViews = medianOf((round) => round.withViews)
    const countedPerSecond = median(countedPerSecondReadings)
    const countedByFloor = Number(
      (
        await query<{ n: string }>(databaseUrl, `SELECT count(*)::text AS n FROM "OnlineReach" WHERE "resourceId" = 'bench-floor-resource'`)
      )[0].n,
    )
    const line = (label: string, r: { perSecond: number; p50: number; p99: number }) =>
      `  ${label.padEnd(50)} ${r.perSecond.toFixed(0).padStart(6)} requests/s  p50 ${ms(r.p50)}  p99 ${ms(r.p99)}`
    console.log(
      `reach counting on ${kind} (${availableParallelism()} cores, ${availableParallelism()} server processes; medians of 3 rounds):`,
    )
    console.log(line('home page alone, 50 clients', alone))
    console.log(line(`home page beside ${VIEWS_PER_SECOND} posts/s to a bare server`, besideBare))
    console.log(line(`home page beside ${VIEWS_PER_SECOND} counts/s by a bare pg server`, besideCountingFloor))
    console.log(line(`home page beside ${VIEWS_PER_SECOND} views/s asked`, withViews))
    const ratios = (pick: (round: (typeof rounds)[number]) => Reading) =>
      rounds.map((round) => `${((pick(round).perSecond / round.alone.perSecond) * 100).toFixed(0)}%`).join(', ')
    console.log(
      `  each round, of alone: bare server ${ratios((r) => r.besideBare)}; counting floor ${ratios((r) => r.besideCountingFloor)}; views ${ratios((r) => r.withViews)}`,
    )
    console.log(
      `  bare server (last round): ${floorPaced.sent ?? '?'} posts asked in 14 s, ${floorPaced.ok ?? '?'} answered, ${floorPaced.failed ?? '?'} failed`,
    )
    console.log(
      `  bare counting server (last round): ${countingFloorPaced.sent ?? '?'} posts asked in 14 s, ${countingFloorPaced.ok ?? '?'} answered, ${countingFloorPaced.failed ?? '?'} failed; ${countedByFloor} counted in all rounds`,
    )
    console.log(
      `  views (last round): ${paced.sent ?? '?'} asked in 14 s, ${paced.ok ?? '?'} answered 204, ${paced.failed ?? '?'} failed; ${total} counted; ${countedPerSecond.toFixed(0)} counted/s while the home page was measured (median)`,
    )
    console.log(
      `  home page requests/s beside the views: ${((withViews.perSecond / alone.perSecond) * 100).toFixed(1)}% of alone (goal: 90%); beside the bare server (the floor): ${((besideBare.perSecond / alone.perSecond) * 100).toFixed(1)}%; beside the bare counting server (the counting floor): ${((besideCountingFloor.perSecond / alone.perSecond) * 100).toFixed(1)}%`,
    )
    recordResults({
      online: {
        homeRpsAlone: alone.perSecond,
        homeRpsWithViews: withViews.perSecond,
        homeRpsBesideBareServer: besideBare.perSecond,
        homeRpsBesideCountingFloor: besideCountingFloor.perSecond,
        countingFloorAnswered: countingFloorPaced.ok ?? null,
        countingFloorCounted: countedByFloor,
        homeP99AloneMs: alone.p99,
        homeP99WithViewsMs: withViews.p99,
        viewsAskedPerSecond: VIEWS_PER_SECOND,
        viewsCountedPerSecond: countedPerSecond,
        viewsAnswered: paced.ok ?? null,
        viewsFailed: paced.failed ?? null,
      },
    })
  } finally {
    bare.kill()
    bareCounting.kill()
    await server.stop()
    await dropDatabase()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** CPU seconds (user and system) a process has used so far, from /proc (Linux). */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
}
const CLOCK_TICKS = 100

/**
 * The floor of issue 31: a minimal Remix app (scripts/bench-floor) built in a folder of its own with the project's
 * installed Remix, React and express, serving `pages` (see scripts/bench-floor/capture.ts) from one process.
 */
async function startFloor(dir: string, pages: Record<string, FloorPage>) {
  const { default: getPort } = await import('get-port')
  const floorDir = path.join(dir, 'floor')
  cpSync(path.resolve('scripts/bench-floor'), floorDir, { recursive: true })
  symlinkSync(path.resolve('node_modules'), path.join(floorDir, 'node_modules'))
  execFileSync(process.execPath, [path.resolve('node_modules/@remix-run/dev/dist/cli.js'), 'build'], {
    cwd: floorDir,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'ignore',
  })
  const pagesFile = path.join(dir, 'floor-pages.json')
  writeFileSync(pagesFile, JSON.stringify(pages))
  const port = await getPort()
  const child = spawn(process.execPath, ['server.js'], {
    cwd: floorDir,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), FLOOR_PAGES: pagesFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve())
    child.once('exit', (code) => reject(new Error(`the floor app exited (${code})`)))
  })
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => child.kill() }
}

/**
 * 8. A page's server CPU beside the floor (issue 31): the built portal (one process, page cache off, seeded data) and
 * the floor app (one process) rendering the same bytes, one request at a time over loopback HTTP, in alternating
 * rounds so both see the same machine: home, an event page, a registration form, the venue list, an admin session
 * page (signed in as a platform admin) and an empty resource route (robots.txt).
 */
async function pagesBench(kind: TestDatabaseKind) {
  const { startServer } = await import('../tests/helpers/server')
  const { httpRequest, submitPageForm } = await import('../tests/helpers/http-registration')
  const { childEnv } = await import('../tests/helpers/env')
  const { floorPageOf } = await import('./bench-floor/capture')
  const http = await import('node:http')
  const dir = mkdtempSync(path.join(tmpdir(), 'kepu-bench-pages-'))
  const { env: databaseEnv, drop: dropDatabase } = await seededServerDatabase(kind, dir)
  // A platform admin: admin:create's one-time link, whose form sets the password and signs in.
  const created = execFileSync('npx', ['tsx', 'scripts/admin-create.ts', '--email', 'bench@kepu.test', '--name', '基准'], {
    env: childEnv(databaseEnv),
    encoding: 'utf8',
  })
  const passwordLink = new URL(created.match(/https?:\/\/\S+\/admin\/set-password\/\S+/)![0]).pathname
  const server = await startServer({
    ...databaseEnv,
    LOG_LEVEL: 'warn',
    MESSAGE_LOG: path.join(dir, 'messages.jsonl'),
    PAGE_CACHE_SECONDS: '0',
  })
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  let floor: Awaited<ReturnType<typeof startFloor>> | undefined
  try {
    const password = 'bench password 0123456789'
    const signedIn = await submitPageForm(server.url, passwordLink, { password, confirmPassword: password })
    const staffCookie = (signedIn.posted.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ')
    if (!staffCookie.includes('kepu_staff=')) throw new Error(`signing in failed: ${signedIn.posted.status}`)
    // An event with a session that takes registrations, found through the pages as a resident would.
    const home = await httpRequest(server.url, '/', { agent })
    const form = home.body.match(/href="(\/sessions\/([^"/]+)\/register)"/)
    const event = home.body.match(/href="(\/events\/[^"/?#]+)"/)?.[1]
    if (!form || !event) throw new Error('the seeded home page links no event or registration form')
    const targets = [
      ['home', '/', {}],
      ['event', event, {}],
      ['registrationForm', form[1], {}],
      ['venues', '/venues', {}],
      ['adminSession', `/admin/sessions/${form[2]}`, { Cookie: staffCookie }],
      ['emptyRoute', '/robots.txt', {}],
    ] as const
    const pages: Record<string, FloorPage> = {}
    const kepuBytes: Record<string, number> = {}
    for (const [label, url, headers] of targets) {
      const answer = await httpRequest(server.url, url, { agent, headers })
      if (answer.status !== 200) throw new Error(`${url}: ${answer.status}`)
      kepuBytes[label] = Buffer.byteLength(answer.body)
      pages[label] = label === 'emptyRoute' ? { head: [], tree: [], data: null, text: answer.body } : floorPageOf(answer.body)
    }
    floor = await startFloor(dir, pages)
    const sides = [
      { name: 'kepu', url: server.url, pid: server.pid, path: (label: string, url: string) => url },
      {
        name: 'floor',
        url: floor.url,
        pid: floor.pid,
        path: (label: string) => (label === 'emptyRoute' ? `/empty/${label}` : `/p/${label}`),
      },
    ]
    const figures: Record<string, { cpuMs: number; floorCpuMs: number }> = {}
    console.log(
      `a page's server CPU on ${kind} beside the floor (a bare Remix app rendering the same bytes), one process each, one request at a time:`,
    )
    for (const [label, url, headers] of targets) {
      const perRequest: Record<string, number[]> = { kepu: [], floor: [] }
      const bytes: Record<string, number> = { kepu: kepuBytes[label], floor: 0 }
      // Warm up both, then alternate rounds: a change of load on the machine reaches both sides alike.
      for (const side of sides) for (let i = 0; i < 30; i++) await httpRequest(side.url, side.path(label, url), { agent, headers })
      for (let round = 0; round < 4; round++) {
        for (const side of sides) {
          const requests = 60
          const before = processCpuSeconds(side.pid)
          for (let i = 0; i < requests; i++) {
            const answer = await httpRequest(side.url, side.path(label, url), { agent, headers })
            if (answer.status !== 200) throw new Error(`${side.name} ${label}: ${answer.status}`)
            if (side.name === 'floor') bytes.floor = Buffer.byteLength(answer.body)
            if (process.env.BENCH_DEBUG) writeFileSync(`/tmp/perf-${side.name}-${label}.html`, answer.body)
          }
          perRequest[side.name].push(((processCpuSeconds(side.pid) - before) * 1000) / requests)
        }
      }
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
      const cpuMs = Math.round(median(perRequest.kepu) * 100) / 100
      const floorCpuMs = Math.round(median(perRequest.floor) * 100) / 100
      figures[label] = { cpuMs, floorCpuMs }
      console.log(
        `  ${label.padEnd(17)} ${url.slice(0, 40).padEnd(40)} ${ms(cpuMs).padStart(8)} CPU (${(bytes.kepu / 1024).toFixed(1)} KB), floor ${ms(floorCpuMs).padStart(8)} ` +
          `(${(bytes.floor / 1024).toFixed(1)} KB): ${(cpuMs / floorCpuMs).toFixed(2)}× (goal 2×)`,
      )
    }
    console.log(`  load on the machine: ${readFileSync('/proc/loadavg', 'utf8').trim()}`)
    recordResults({ pages: { [kind]: figures } })
  } finally {
    agent.destroy()
    floor?.stop()
    await server.stop()
    await dropDatabase()
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * 9. The yearly 考核 pre-fill (issue 27, decision 036) at city scale: the city's 100,000 sessions, plus 300 bases
 * each with 300 sessions held this year and 4 places on each (1,200 people a base, 360,000 registrations in all);
 * `measureVenueYear` (one statement) timed for each base. Goal: under 200 ms on PostgreSQL.
 */
async function baseReviewBench(kind: TestDatabaseKind) {
  const db = await createTestDatabase(kind)
  globalThis.__kepuPrisma = db.prisma
  try {
    const now = new Date()
    await seedBenchData(db.prisma, { venues: 20_000, events: 25_000, sessionsPerEvent: 4, allDistricts: true, now })
    const { measureVenueYear, yearBounds } = await import('../app/models/bases/figures.server')
    const year = Number(new Date(now.getTime() + 8 * HOUR).toISOString().slice(0, 4))
    const { from } = yearBounds(year)
    const t0 = performance.now()
    // The first 300 bench venues are the bases: an activity each, a session every day of the year's first 300 days.
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO "Event" (id, slug, title, summary, description, category, topics, "venueId", lat, lng, "districtId", status, "createdAt", "updatedAt")
      SELECT 'base-event-' || v.n, 'base-event-' || v.n, '基地常设活动', '基准', '基准', 'EXHIBITION', '{}', ve.id, ve.lat, ve.lng, ve."districtId", 'PUBLISHED', now(), now()
      FROM generate_series(0, 299) AS v(n) JOIN "Venue" ve ON ve.id = 'bench-venue-' || v.n`)
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "EventSession" (id, "eventId", key, "startsAt", "endsAt", capacity, "seatsTaken")
       SELECT 'base-session-' || v.n || '-' || d.n, 'base-event-' || v.n, 'd' || d.n, $1::timestamp + d.n * interval '1 day',
         $1::timestamp + d.n * interval '1 day' + interval '2 hours', 50, 4
       FROM generate_series(0, 299) AS v(n), generate_series(0, 299) AS d(n)`,
      new Date(from.getTime() + 2 * HOUR),
    )
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO "Registration" (id, "sessionId", name, phone, adults, children, "partySize", status, code, "manageTokenHash", "consentAt", "attendedAt")
      SELECT 'base-reg-' || s.id || '-' || k.n, s.id, '基准', '139' || lpad((k.n)::text, 8, '0'), 1, 0, 1,
        CASE WHEN k.n < 3 THEN 'ATTENDED'::"RegistrationStatus" ELSE 'CONFIRMED'::"RegistrationStatus" END,
        md5(s.id || k.n), md5('t' || s.id || k.n), now(), CASE WHEN k.n < 3 THEN s."startsAt" END
      FROM "EventSession" s, generate_series(0, 3) AS k(n) WHERE s.id LIKE 'base-session-%'`)
    await db.prisma.$executeRawUnsafe('ANALYZE')
    console.log(
      `base review pre-fill on ${kind}: 300 bases with 90,000 sessions and 360,000 registrations added in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    )
    const end = yearBounds(year).to
    const times: number[] = []
    let sample: Record<string, number> = {}
    for (let round = 0; round < 2; round++)
      for (let n = 0; n < 300; n++) {
        const t = performance.now()
        sample = await measureVenueYear(db.prisma, { id: `bench-venue-${n}`, organisationId: null }, year, end)
        if (round === 1) times.push(performance.now() - t) // the first round warms up
      }
    times.sort((a, b) => a - b)
    console.log(
      `  one report's pre-fill: p50 ${ms(percentile(times, 50))}  p95 ${ms(percentile(times, 95))}  max ${ms(times[times.length - 1])} (goal: 200 ms)`,
    )
    console.log(`  figures of the last base: ${JSON.stringify(sample)}`)
    recordResults({ baseReviewPrefillP95Ms: { [kind]: Math.round(percentile(times, 95)) } })
  } finally {
    await db.drop()
  }
}

/**
 * 11. 科普志愿者 at city scale (issue 26, decision 033), on PostgreSQL: 20,000 volunteers (resident accounts and
 * profiles), 2,000 roles a month over 12 months (ten past, two ahead: 4,000 open), about 170,000 shifts with
 * credited hours (a volunteer has 8 on average; `bench-vol-0` has 200, the one measured) and 500 lecturers. Timed
 * 120 times after 20 warm-ups: the open-roles list and the roles map (what `/volunteers` reads, also timed through
 * the built handler) and a volunteer's history (what `/volunteers/me` reads). Goals: 50, 50 and 30 ms p95.
 */
async function volunteersBench(kind: TestDatabaseKind) {
  if (kind !== 'postgres') {
    console.log(`volunteers on ${kind}: skipped (the goal is for PostgreSQL)`)
    return
  }
  const db = await createTestDatabase(kind)
  globalThis.__kepuPrisma = db.prisma
  try {
    const now = new Date()
    await seedBenchData(db.prisma, { venues: 400, events: 2000, allDistricts: true, now })
    const t0 = performance.now()
    const run = (sql: string, ...values: unknown[]) => db.prisma.$executeRawUnsafe(sql, ...values)
    const skills = `(ARRAY['guide','lab-assistant','usher','photography','foreign-language','sign-language'])`
    await run(`
      INSERT INTO "Resident" (id, phone, "passwordHash", "passportCode")
      SELECT 'bench-res-' || n, '137' || lpad(n::text, 8, '0'), 'bench', 'BV' || lpad(n::text, 8, '0') FROM generate_series(0, 19999) AS n`)
    await run(`
      WITH d AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i, count(*) OVER () AS c FROM "District")
      INSERT INTO "Volunteer" (id, "residentId", name, "districtIds", skills, "freeTimes", code, "updatedAt")
      SELECT 'bench-vol-' || n, 'bench-res-' || n, '志愿者' || n, ARRAY[d.id], ARRAY[${skills}[1 + n % 6]], '{WEEKEND_DAY}',
        'V' || lpad(n::text, 7, '0'), now()
      FROM generate_series(0, 19999) AS n JOIN d ON d.i = n % d.c`)
    // Role n starts 300 days ago plus n × 21.6 minutes: 24,000 roles over 360 days, the last 4,000 still to come.
    // Every tenth is on a session away from its venue (the map finds its place through the session), 1 in 50 cancelled.
    await run(
      `INSERT INTO "VolunteerRole" (id, "districtId", "sessionId", "venueId", title, headcount, filled, skills, "startsAt", "endsAt", briefing, "needsApproval", status)
       SELECT 'bench-role-' || n, COALESCE(v."districtId", e."districtId"), CASE WHEN n % 10 = 9 THEN s.id END, CASE WHEN n % 10 <> 9 THEN v.id END,
         '基准岗位 ' || n, 4 + n % 9,
         CASE WHEN n % 50 = 17 THEN 0 WHEN n < 20000 THEN 4 + n % 9 ELSE LEAST(n % 5, 4 + n % 9) END,
         ARRAY[${skills}[1 + n % 6]], $1::timestamp + n * interval '21.6 minutes', $1::timestamp + n * interval '21.6 minutes' + interval '3 hours',
         '基准', n % 4 = 0, CASE WHEN n % 50 = 17 THEN 'CANCELLED' ELSE 'OPEN' END::"VolunteerRoleStatus"
       FROM generate_series(0, 23999) AS n
       JOIN "Venue" v ON v.id = 'bench-venue-' || (n * 7 % 400)
       JOIN "EventSession" s ON s.id = 'bench-session-' || (n % 2000) || '-0'
       JOIN "Event" e ON e.id = s."eventId"`,
      new Date(now.getTime() - 300 * 24 * HOUR),
    )
    // The roles' places: accepted shifts, credited on past roles (1 in 20 too short); the first place of every
    // hundredth role is bench-vol-0's (200 past roles), the rest spread over the others.
    await run(`
      INSERT INTO "VolunteerShift" (id, "roleId", "volunteerId", status, seq, "plannedMinutes", "checkedInAt", "checkedOutAt", "creditedMinutes", credit, "creditedAt", "decidedAt")
      SELECT 'bench-shift-' || n || '-' || k, r.id,
        'bench-vol-' || CASE WHEN n % 100 = 0 AND k = 0 THEN 0 ELSE 1 + (n * 7 + k * 2003) % 19999 END,
        'ACCEPTED', k + 1, 180,
        CASE WHEN r."endsAt" < now() THEN r."startsAt" END,
        CASE WHEN r."endsAt" < now() THEN r."startsAt" + CASE WHEN (n + k) % 20 = 0 THEN interval '1 hour' ELSE interval '3 hours' END END,
        CASE WHEN r."endsAt" < now() THEN CASE WHEN (n + k) % 20 = 0 THEN 0 ELSE 180 END END,
        CASE WHEN r."endsAt" >= now() THEN 'NONE' WHEN (n + k) % 20 = 0 THEN 'TOO_SHORT' ELSE 'CREDITED' END::"VolunteerCredit",
        CASE WHEN r."endsAt" < now() THEN r."endsAt" END, r."createdAt"
      FROM generate_series(0, 23999) AS n JOIN "VolunteerRole" r ON r.id = 'bench-role-' || n, generate_series(0, 11) AS k
      WHERE k < r.filled`)
    await run(`
      WITH d AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i, count(*) OVER () AS c FROM "District")
      INSERT INTO "Lecturer" (id, "districtId", name, organisation, title, topics, audiences, "travelsTo", "monthlyCapacity", bio, published, "updatedAt")
      SELECT 'bench-lecturer-' || n, d.id, '讲师' || n, '基准单位', '研究员', '{}', '{}', '{}', 4, '基准', true, now()
      FROM generate_series(0, 499) AS n JOIN d ON d.i = n % d.c`)
    await run('ANALYZE')
    const [counts] = await db.prisma.$queryRawUnsafe<Array<Record<string, number>>>(`
      SELECT (SELECT count(*)::int FROM "Volunteer") AS volunteers, (SELECT count(*)::int FROM "VolunteerRole") AS roles,
        (SELECT count(*)::int FROM "VolunteerRole" WHERE status = 'OPEN' AND "startsAt" > now()) AS open,
        (SELECT count(*)::int FROM "VolunteerShift") AS shifts, (SELECT count(*)::int FROM "Lecturer") AS lecturers,
        (SELECT count(*)::int FROM "VolunteerShift" WHERE "volunteerId" = 'bench-vol-0') AS measured`)
    console.log(
      `volunteers on ${kind}: ${counts.volunteers} volunteers, ${counts.roles} roles (${counts.open} open), ${counts.shifts} shifts ` +
        `(${counts.measured} of the measured volunteer), ${counts.lecturers} lecturers, added in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    )

    const { listOpenRoles } = await import('../app/models/volunteers/roles.server')
    const { openRolePlaces, rolesAtPlace } = await import('../app/models/volunteers/map.server')
    const { volunteerRecord, latestCertificate } = await import('../app/models/volunteers/hours.server')
    const build = await import(pathToFileURL(path.resolve('build/index.js')).href)
    const { createRequestHandler } = await import('@remix-run/node')
    const handler = createRequestHandler(build, 'production')
    const district = (await db.prisma.district.findFirstOrThrow({ where: { venues: { some: { id: 'bench-venue-0' } } } })).slug
    const p95Of = async (label: string, call: () => Promise<unknown>, goal?: number) => {
      const times: number[] = []
      for (let i = 0; i < 140; i++) {
        const t = performance.now()
        await call()
        if (i >= 20) times.push(performance.now() - t) // the first 20 warm up
      }
      times.sort((a, b) => a - b)
      const p95 = percentile(times, 95)
      console.log(
        `  ${label.padEnd(58)} p50 ${ms(percentile(times, 50))}  p95 ${ms(p95)}` +
          (goal ? `  (goal ${goal} ms: ${p95 < goal ? 'met' : 'MISSED'})` : ''),
      )
      return Math.round(p95 * 10) / 10
    }
    const page = async (url: string) => {
      const response = await handler(new Request(`http://localhost${url}`))
      await response.text()
      if (response.status !== 200) throw new Error(`${url}: ${response.status}`)
    }
    const rolesListP95Ms = await p95Of('open-roles list (listOpenRoles, no filter)', () => listOpenRoles({}), 50)
    await p95Of(`open-roles list, district=${district}`, () => listOpenRoles({ district }))
    const rolesMapP95Ms = await p95Of('roles map (openRolePlaces, no filter)', () => openRolePlaces({}), 50)
    await p95Of(`roles map, district=${district}`, () => openRolePlaces({ district }))
    await p95Of('map popup (rolesAtPlace, /api/volunteer-place/venue/…)', () => rolesAtPlace({}, { kind: 'venue', key: 'bench-venue-0' }))
    const rolesPageP95Ms = await p95Of('/volunteers page (built handler: list + map + options)', () => page('/volunteers'))
    const historyP95Ms = await p95Of(
      `history of bench-vol-0, ${counts.measured} shifts (volunteerRecord + certificate)`,
      () => Promise.all([volunteerRecord('bench-vol-0'), latestCertificate('bench-vol-0')]),
      30,
    )
    recordResults({ volunteers: { [kind]: { rolesListP95Ms, rolesMapP95Ms, historyP95Ms, rolesPageP95Ms } } })
  } finally {
    await db.drop()
  }
}

// Each part runs in a process of its own: the app's Prisma client is bound to one database per process.
const [part, kind] = process.argv.slice(2) as [string | undefined, TestDatabaseKind | undefined]
const parts: Record<string, (kind: TestDatabaseKind) => Promise<void>> = {
  rush,
  'http-rush': httpRushBench,
  city: cityBench,
  list: listPage,
  cancel: cancelBench,
  deliver: deliverBench,
  search: searchBench,
  home: homeBench,
  pages: pagesBench,
  'base-review': baseReviewBench,
  volunteers: volunteersBench,
  online: onlineBench,
}
if (part && kind) {
  await parts[part](kind)
} else {
  mapPageJavaScript()
  const kinds: TestDatabaseKind[] = (await postgresUp()) ? ['pglite', 'postgres'] : ['pglite']
  for (const which of part
    ? [part]
    : ['home', 'pages', 'rush', 'http-rush', 'city', 'list', 'cancel', 'deliver', 'search', 'base-review', 'volunteers', 'online']) {
    for (const k of kinds) execFileSync(process.execPath, [...process.execArgv, process.argv[1], which, k], { stdio: 'inherit' })
  }
}
