// 线上 reach, counted honestly (decision 037). The rules:
// - A resource page view counts once per visitor per Shanghai day. The visitor is an HMAC of the client's address
//   (by its rate-limit bucket) and user agent under the day's salt, kept in OnlineReachSalt so every process (and
//   every instance) makes the same hash; no cookie is set and no address is stored. When a new day's salt is made,
//   older salts are deleted and older days' hashes are set to NULL: yesterday's visitors cannot be recomputed.
// - The count is one statement (INSERT … ON CONFLICT DO NOTHING on the unique resource/day/visitor index), so two
//   tabs opening the page at once still count once. Crawlers are not counted, and one address counts at most
//   VIEWS_PER_ADDRESS_HOUR new views an hour (a script that changes its user agent on every request).
// - Every count keeps its source: PAGE_VIEW, STAFF_ENTRY (a platform's figure staff enter, with where it came
//   from, audited) or POINT_REPORT (plays a digital point reported with its token: points.server.ts).
import { createHmac, randomBytes } from 'node:crypto'
import { Prisma } from '@prisma/client'
import { recordAudit } from '~/models/audit.server'
import { addressBucket } from '~/utils/infra/client-address.server'
import { prisma } from '~/utils/infra/db.server'
import { consumeRateLimitBatch } from '~/utils/infra/rate-limit.server'
import { Refusal } from '~/utils/refusal'
import { parseShanghaiDate, shanghaiDateKey } from '~/utils/shanghai-time'
import { onlineResourceScope, requireOnlineStaff } from './resources.server'
import type { ReachEntryInput } from './admin-schema'
import type { OnlineReachSource } from '@prisma/client'
import type { Staff } from '~/utils/auth.server'

export const VIEWS_PER_ADDRESS_HOUR = 120
const CRAWLER = /bot|crawl|spider|slurp|curl|wget|python-requests|headless(?!chrome)|preview/i

/** The counting rule, as the dashboard prints it next to the figures. */
export const REACH_RULE =
  '线上触达 = 资源页浏览（同一访客同一天同一资源只计 1 次：按当天轮换的加盐散列识别访客，不设 Cookie、不存地址；爬虫和同一地址每小时超过 120 次的新浏览不计）+ 工作人员录入的平台数字（注明出处，记入审计日志）+ 数字科普点位用各自密钥上报的播放次数（同一上报编号只计 1 次，每次最多 10000 次）。'

/** The visitor's hash for one day: no address or user agent is kept, only this. */
export function visitorHash(salt: string, address: string, userAgent: string): string {
  return createHmac('sha256', salt)
    .update(`${addressBucket(address)}\n${userAgent.slice(0, 400)}`)
    .digest('hex')
    .slice(0, 32)
}

let cachedSalt: { day: string; salt: Promise<string> } | undefined

/** The salt of a Shanghai day (`YYYY-MM-DD`), made by the first process that needs it and read by every other. */
export function daySalt(day: string): Promise<string> {
  if (cachedSalt?.day === day) return cachedSalt.salt
  const salt = loadDaySalt(day).catch((error) => {
    cachedSalt = undefined
    throw error
  })
  cachedSalt = { day, salt }
  return salt
}

async function loadDaySalt(day: string): Promise<string> {
  const made = await prisma.$queryRaw<Array<{ day: Date }>>`
    INSERT INTO "OnlineReachSalt" (day, salt) VALUES (CAST(${day} AS date), ${randomBytes(32).toString('base64url')})
    ON CONFLICT (day) DO NOTHING RETURNING day`
  if (made.length) await forgetOlderVisitors(day)
  const [row] = await prisma.$queryRaw<Array<{ salt: string }>>`SELECT salt FROM "OnlineReachSalt" WHERE day = CAST(${day} AS date)`
  return row.salt
}

/** Older days' salts and visitor hashes go: a count stays, who it was can no longer be worked out. */
export async function forgetOlderVisitors(day: string): Promise<void> {
  await prisma.$executeRaw`DELETE FROM "OnlineReachSalt" WHERE day < CAST(${day} AS date)`
  await prisma.$executeRaw`UPDATE "OnlineReach" SET visitor = NULL WHERE visitor IS NOT NULL AND day < CAST(${day} AS date)`
}

/** For tests: forget this process's copy of the salt (another process would not have it). */
export function dropCachedSalt(): void {
  cachedSalt = undefined
}

export type ViewOutcome = 'counted' | 'already-counted' | 'not-counted'

/** Where the resource page posts its view beacon: answered by the HTTP server before Remix (server/app.ts). */
export const RESOURCE_VIEW_PATH = '/online/:slug/views'

/** The most views one statement writes; more wait for the next. */
const MOST_VIEWS_PER_WRITE = 500

type WaitingView = {
  id: string
  resourceId: string | null
  slug: string | null
  day: string
  visitor: string
  address: string
  now: Date
  settle: (outcome: ViewOutcome) => void
  fail: (error: unknown) => void
}

/** Views asked for while a write is under way: the next write takes them all. */
let waitingViews: WaitingView[] = []
let writingViews = false

/**
 * Counts a published resource's page view: once per visitor per day. `address` is the trusted client address
 * (clientAddress), never a header the client chose. The resource is named by its id or (the page's beacon) its slug.
 * Views are written together (group commit): the first one in a quiet moment is written at once; those that arrive
 * while a write is under way wait for it, then go in one rate-limit statement and one insert. Each caller's promise
 * settles only once its view is stored, so a beacon is answered after the write, as before: nothing is acknowledged
 * that lives only in this process's memory. Under load this is what keeps 1,000 views a second affordable (decision
 * 037); when quiet it adds nothing.
 */
export async function countResourceView({
  resourceId,
  slug,
  address,
  userAgent,
  now = new Date(),
}: {
  resourceId?: string
  slug?: string
  address: string
  userAgent: string
  now?: Date
}): Promise<ViewOutcome> {
  if (!userAgent || CRAWLER.test(userAgent)) return 'not-counted'
  if (resourceId === undefined && slug === undefined) return 'not-counted'
  const day = shanghaiDateKey(now)
  const visitor = visitorHash(await daySalt(day), address, userAgent)
  const id = `v${randomBytes(12).toString('hex')}`
  return new Promise<ViewOutcome>((settle, fail) => {
    waitingViews.push({ id, resourceId: resourceId ?? null, slug: slug ?? null, day, visitor, address, now, settle, fail })
    if (writingViews) return
    writingViews = true
    void writeWaitingViews()
  })
}

async function writeWaitingViews(): Promise<void> {
  try {
    while (waitingViews.length) {
      const views = waitingViews.slice(0, MOST_VIEWS_PER_WRITE)
      waitingViews = waitingViews.slice(MOST_VIEWS_PER_WRITE)
      await writeViews(views).catch((error) => views.forEach((view) => view.fail(error)))
    }
  } finally {
    writingViews = false
  }
}

/** One address's allowance for every view, then every allowed view's row: two statements for the lot. */
async function writeViews(views: WaitingView[]): Promise<void> {
  const allowance = await consumeRateLimitBatch(
    views.map((view) => ({
      key: `online-view:${addressBucket(view.address)}`,
      limit: VIEWS_PER_ADDRESS_HOUR,
      windowSeconds: 3600,
      now: view.now,
    })),
  )
  const admitted = views.filter((_, index) => allowance[index].allowed)
  const counted = new Set<string>()
  if (admitted.length) {
    const rows = admitted.map(
      (view) =>
        Prisma.sql`(${view.id}::text, ${view.resourceId}::text, ${view.slug}::text, CAST(${view.day} AS date), ${view.visitor}::text)`,
    )
    // Two views of one visitor in one statement: ON CONFLICT DO NOTHING keeps the first, RETURNING says which.
    const inserted = await prisma.$queryRaw<Array<{ id: string }>>`
      INSERT INTO "OnlineReach" (id, "districtId", "resourceId", source, day, count, visitor)
      SELECT v.id, r."districtId", r.id, 'PAGE_VIEW'::"OnlineReachSource", v.day, 1, v.visitor
      FROM (VALUES ${Prisma.join(rows)}) AS v (id, "resourceId", slug, day, visitor)
      JOIN "OnlineResource" r ON (r.id = v."resourceId" OR r.slug = v.slug) AND r.published
      ON CONFLICT ("resourceId", day, visitor) DO NOTHING
      RETURNING id`
    for (const { id } of inserted) counted.add(id)
  }
  views.forEach((view, index) =>
    view.settle(!allowance[index].allowed ? 'not-counted' : counted.has(view.id) ? 'counted' : 'already-counted'),
  )
}

/** A figure staff enter from a platform (a live stream's viewers), with where it came from; audited. */
export async function addStaffReach(staff: Staff, resourceId: string, input: ReachEntryInput, now = new Date()): Promise<void> {
  requireOnlineStaff(staff)
  const resource = await prisma.onlineResource.findFirst({
    where: { AND: [{ id: resourceId }, onlineResourceScope(staff)] },
    select: { id: true, title: true, districtId: true },
  })
  if (!resource) throw new Refusal('找不到这个资源，或不在你的管理范围内。', undefined, 404)
  const day = parseShanghaiDate(input.day)
  if (!day || day.getTime() > now.getTime()) throw new Refusal('日期不能晚于今天。', 'day')
  await prisma.$transaction(async (tx) => {
    await tx.onlineReach.create({
      data: {
        districtId: resource.districtId,
        resourceId: resource.id,
        source: 'STAFF_ENTRY',
        day: new Date(`${input.day}T00:00:00Z`),
        count: input.count,
        staffId: staff.id,
        note: input.note,
      },
    })
    await recordAudit(tx, staff.id, {
      action: 'online_reach.entry',
      entityType: 'online_resource',
      entityId: resource.id,
      districtId: resource.districtId,
      summary: `录入「${resource.title}」${input.day} 线上人数 ${input.count}（${input.note}）`,
    })
  })
}

export type ReachMonthRow = { month: number } & Record<OnlineReachSource, number> & { total: number }

/** Reach in a year by Shanghai month and source; `districtId` null is every district. */
export async function reachByMonth(districtId: string | null, year: number): Promise<ReachMonthRow[]> {
  const rows = await prisma.$queryRaw<Array<{ month: number; source: OnlineReachSource; total: number }>>`
    SELECT EXTRACT(MONTH FROM day)::int AS month, source, COALESCE(sum(count), 0)::int AS total
    FROM "OnlineReach"
    WHERE ${districtId ? Prisma.sql`"districtId" = ${districtId}` : Prisma.sql`true`}
      AND day >= CAST(${`${year}-01-01`} AS date) AND day < CAST(${`${year + 1}-01-01`} AS date)
    GROUP BY 1, 2`
  return Array.from({ length: 12 }, (_, i) => {
    const of = (source: OnlineReachSource) => rows.find((r) => r.month === i + 1 && r.source === source)?.total ?? 0
    const row = { month: i + 1, PAGE_VIEW: of('PAGE_VIEW'), STAFF_ENTRY: of('STAFF_ENTRY'), POINT_REPORT: of('POINT_REPORT') }
    return { ...row, total: row.PAGE_VIEW + row.STAFF_ENTRY + row.POINT_REPORT }
  })
}

/** A year's reach per district (platform admins compare districts). */
export async function reachByDistrict(year: number): Promise<Array<{ districtId: string; name: string; total: number }>> {
  return prisma.$queryRaw`
    SELECT d.id AS "districtId", d.name, COALESCE(sum(r.count), 0)::int AS total
    FROM "District" d LEFT JOIN "OnlineReach" r ON r."districtId" = d.id
      AND r.day >= CAST(${`${year}-01-01`} AS date) AND r.day < CAST(${`${year + 1}-01-01`} AS date)
    WHERE d.active GROUP BY d.id, d.name, d.code ORDER BY d.code`
}

/** How many times one resource was reached, by source (its staff page). */
export async function reachOfResource(resourceId: string) {
  const rows = await prisma.onlineReach.groupBy({ by: ['source'], where: { resourceId }, _sum: { count: true } })
  const of = (source: OnlineReachSource) => rows.find((r) => r.source === source)?._sum.count ?? 0
  return { PAGE_VIEW: of('PAGE_VIEW'), STAFF_ENTRY: of('STAFF_ENTRY'), POINT_REPORT: of('POINT_REPORT') }
}

/** A district's (null: every district's) 线上 reach in a year, every source. */
export async function onlineReachTotal(districtId: string | null, year: number): Promise<number> {
  const [row] = await prisma.$queryRaw<[{ total: number }]>`
    SELECT COALESCE(sum(count), 0)::int AS total FROM "OnlineReach"
    WHERE ${districtId ? Prisma.sql`"districtId" = ${districtId}` : Prisma.sql`true`}
      AND day >= CAST(${`${year}-01-01`} AS date) AND day < CAST(${`${year + 1}-01-01`} AS date)`
  return row.total
}
