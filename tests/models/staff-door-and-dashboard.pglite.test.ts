// Issue 30's smaller staff points, through the pages' own loaders: the check-in window said and its buttons only
// while it is open; one waitlist position for staff and the person (第 N 位); the dashboard opening on every district
// for a platform admin and counting people checked in before their session starts; plan sources in words; the
// messages page opening on all recent messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createStaffWorld, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase } from '../helpers/db'
import type { LoaderFunctionArgs } from '@remix-run/node'

const HOUR = 3600_000

describe('staff at the door and the dashboard', () => {
  let db: TestDatabase
  let world: StaffWorld
  const cookies: Record<string, string> = {}
  const now = new Date()

  beforeAll(async () => {
    db = await useTestDatabaseForApp('pglite')
    world = await createStaffWorld(db.prisma, now)
    const { startSession } = await import('~/utils/auth.server')
    for (const persona of ['platformAdmin', 'districtAdmin', 'staff'] as const)
      cookies[persona] = (await startSession(new Request('http://kepu.test/admin/login'), world.users[persona].id)).split(';')[0]
  })
  afterAll(async () => {
    await db?.drop()
  })

  async function load<T>(file: string, persona: string, path: string, params: Record<string, string> = {}): Promise<T> {
    const route = (await import(/* @vite-ignore */ `~/routes/${file}`)) as { loader: (args: LoaderFunctionArgs) => Promise<Response> }
    const response = await route.loader({
      request: new Request(`http://kepu.test${path}`, { headers: { Cookie: cookies[persona] } }),
      params,
      context: {},
    })
    return (await response.json()) as T
  }
  const register = async (sessionId: string, phone: string) => {
    const registration = await import('~/models/registration/registration.server')
    return registration.registerForSession(
      sessionId,
      { name: `家长${phone.slice(-2)}`, phone, adults: 1, children: 0, answers: {}, reminders: false, consent: true },
      { now },
    )
  }

  it('says when check-in opens and offers check-in only while it is open', async () => {
    type Page = { window: { opensAt: string; closesAt: string; state: string } }
    // The world's session starts in 48 hours: check-in opens 3 hours before.
    const before = await load<Page>('admin+/sessions+/$sessionId.check-in', 'staff', `/admin/sessions/${world.session.id}/check-in`, {
      sessionId: world.session.id,
    })
    expect(before.window.state).toBe('before')
    expect(new Date(before.window.opensAt).getTime()).toBe(world.session.startsAt.getTime() - 3 * HOUR)
    expect(new Date(before.window.closesAt).getTime()).toBe(world.session.endsAt.getTime() + 3 * HOUR)
    const list = await load<{ checkIn: { state: string } }>(
      'admin+/sessions+/$sessionId._index',
      'staff',
      `/admin/sessions/${world.session.id}`,
      { sessionId: world.session.id },
    )
    expect(list.checkIn.state).toBe('before')
    const admin = await import('~/models/registration/admin.server')
    const refused = await admin.checkIn({ ...world.users.staff, sessionId: 't' }, world.session.id, world.registration.code, now)
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('签到在活动开始前 3 小时开放') })

    await db.prisma.eventSession.update({
      where: { id: world.session.id },
      data: { startsAt: new Date(now.getTime() + 2 * HOUR), endsAt: new Date(now.getTime() + 4 * HOUR) },
    })
    const open = await load<Page>('admin+/sessions+/$sessionId.check-in', 'staff', `/admin/sessions/${world.session.id}/check-in`, {
      sessionId: world.session.id,
    })
    expect(open.window.state).toBe('open')
  })

  it('gives a waitlisted party the same place in the queue on the staff list and on its own page', async () => {
    const session = await db.prisma.eventSession.create({
      data: {
        eventId: world.event.id,
        key: 'small',
        startsAt: new Date(now.getTime() + 72 * HOUR),
        endsAt: new Date(now.getTime() + 74 * HOUR),
        capacity: 1,
      },
    })
    await register(session.id, '13900000001')
    const first = await register(session.id, '13900000002')
    const second = await register(session.id, '13900000003')
    expect([first.status, second.status]).toEqual(['WAITLISTED', 'WAITLISTED'])
    const registration = await import('~/models/registration/registration.server')
    await registration.cancelRegistration(first.manageToken, { now })

    const own = await registration.findRegistrationByToken(second.manageToken)
    expect(own?.waitlistPosition).toBe(1)
    const list = await load<{ registrations: Array<{ code: string; waitlistPosition: number | null }> }>(
      'admin+/sessions+/$sessionId._index',
      'staff',
      `/admin/sessions/${session.id}`,
      { sessionId: session.id },
    )
    expect(list.registrations.find((r) => r.code === second.code)?.waitlistPosition).toBe(1)
  })

  it('opens the dashboard on every district for a platform admin and on their own for a district admin', async () => {
    type Dashboard = { dashboard: { district: { id: string | null; name: string }; totals: { attended: number } } }
    const all = await load<Dashboard>('admin+/dashboard', 'platformAdmin', '/admin/dashboard')
    expect(all.dashboard.district).toEqual({ id: null, name: '全部区' })
    const own = await load<Dashboard>('admin+/dashboard', 'districtAdmin', '/admin/dashboard')
    expect(own.dashboard.district).toEqual({ id: world.sj.id, name: '松江区' })
    const qingpu = await load<Dashboard>('admin+/dashboard', 'platformAdmin', `/admin/dashboard?district=${world.qp.id}`)
    expect(qingpu.dashboard.district.name).toBe('青浦区')
  })

  it('counts people checked in today before their session has started', async () => {
    // The world's session starts in 2 hours: check-in is open; check in its registration.
    await db.prisma.eventSession.update({
      where: { id: world.session.id },
      data: { startsAt: new Date(now.getTime() + 2 * HOUR), endsAt: new Date(now.getTime() + 4 * HOUR) },
    })
    const admin = await import('~/models/registration/admin.server')
    const outcome = await admin.checkIn({ ...world.users.staff, sessionId: 't' }, world.session.id, world.registration.code, now)
    expect(outcome.ok).toBe(true)
    const { districtDashboard } = await import('~/models/dashboard.server')
    const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(world.session.startsAt))
    const figures = await districtDashboard(world.sj.id, year, { now, includeExamples: true })
    expect(figures.totals.attended).toBe(world.registration.partySize)
    expect((await districtDashboard(null, year, { now, includeExamples: true })).totals.attended).toBe(world.registration.partySize)
  })

  it('names a plan source by the plan’s title and section', async () => {
    const { planSourceInWords } = await import('~/utils/staff-text')
    expect(planSourceInWords('plan 001 §五(十五)')).toBe('《松江区科委2026年工作要点》第五部分（十五）')
    expect(planSourceInWords('plan 003 2024 一(四)')).toBe('《青浦区科委、科协2024年工作总结和2025年工作计划》2024年部分 第一部分（四）')
    expect(planSourceInWords('https://kxj.sh.gov.cn/page')).toBe('https://kxj.sh.gov.cn/page')
  })

  it('opens the messages page on all recent messages, failures one filter away', async () => {
    await db.prisma.message.create({
      data: {
        channel: 'SMS',
        recipient: '13900000009',
        locale: 'zh-CN',
        template: 'phone.code',
        params: {},
        status: 'SENT',
        districtId: world.sj.id,
        subjectType: 'PhoneCode',
      },
    })
    type Messages = { status: string; total: number }
    const page = await load<Messages>('admin+/messages+/_index', 'platformAdmin', '/admin/messages')
    expect(page.status).toBe('all')
    expect(page.total).toBeGreaterThan(0)
    const failed = await load<Messages>('admin+/messages+/_index', 'platformAdmin', '/admin/messages?status=FAILED')
    expect(failed).toMatchObject({ status: 'FAILED', total: 0 })
  })
})
