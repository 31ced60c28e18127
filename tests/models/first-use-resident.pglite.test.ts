// What a first-time resident relies on after registering (issue 18): calendar files that strict readers open,
// with and without an organiser, and the way back to a lost private link by phone and registration code.
import ICAL from 'ical.js'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { hashLinkSecret } from '~/utils/private-links.server'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { addSchoolOffer, createStaffWorld, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase } from '../helpers/db'

/** The file as ical.js reads it (it throws on anything RFC 5545 does not allow), with its one event. */
function readCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  const events = calendar.getAllSubcomponents('vevent')
  expect(events).toHaveLength(1)
  return { event: new ICAL.Event(events[0]), component: events[0] }
}

describe('first use by a resident', () => {
  let db: TestDatabase
  let world: StaffWorld
  let registration: typeof import('~/models/registration/registration.server')
  let calendar: typeof import('~/models/calendar.server')
  const now = new Date('2026-12-01T04:00:00Z')

  beforeAll(async () => {
    db = await useTestDatabaseForApp('pglite')
    registration = await import('~/models/registration/registration.server')
    calendar = await import('~/models/calendar.server')
  })
  afterAll(async () => {
    await db?.drop()
  })
  beforeEach(async () => {
    await db.prisma.$executeRawUnsafe(
      'TRUNCATE "SchoolBooking", "StudyCourse", "VisitSlot", "VisitClosedDate", "SchoolOffer", "AuditEntry", "Message", "Registration", "EventSession", "Event", "Venue", "User", "Organisation", "Town", "District" CASCADE',
    )
    world = await createStaffWorld(db.prisma, now)
  })

  const register = (phone: string) =>
    registration.registerForSession(
      world.session.id,
      { name: '李阿姨', phone, adults: 1, children: 1, answers: {}, reminders: true, consent: true },
      { now },
    )

  it('writes a registration calendar file that ical.js reads, with an organiser and without one', async () => {
    const made = await register('13900001111')
    const fileFor = async () =>
      calendar.registrationCalendar((await registration.findRegistrationByToken(made.manageToken))!, {
        origin: 'https://kepu.example',
        token: made.manageToken,
      })

    const withOrganiser = await fileFor()
    const { event, component } = readCalendar(withOrganiser)
    expect(event.summary).toBe('测试活动')
    expect(event.startDate.toJSDate().getTime()).toBe(world.session.startsAt.getTime())
    expect(event.description).toContain(`报名码 ${made.code}`)
    expect(event.description).toContain('主办：松江科技馆')
    expect(event.description).toContain(`https://kepu.example/r/${made.manageToken}`)
    expect(component.getFirstPropertyValue('status')).toBe('CONFIRMED')
    // ORGANIZER needs a cal-address Kepu does not have: none is written rather than one with no value.
    expect(component.getFirstProperty('organizer')).toBeNull()

    await db.prisma.event.update({ where: { id: world.event.id }, data: { organisationId: null } })
    const withoutOrganiser = readCalendar(await fileFor())
    expect(withoutOrganiser.event.description).not.toContain('主办')
    expect(withoutOrganiser.event.summary).toBe('测试活动')
  })

  it('marks a waitlisted registration tentative, with no alarm and no check-in words', async () => {
    await db.prisma.eventSession.update({ where: { id: world.session.id }, data: { capacity: 2 } })
    const made = await register('13900002222')
    expect(made.status).toBe('WAITLISTED')
    const text = calendar.registrationCalendar((await registration.findRegistrationByToken(made.manageToken))!, {
      origin: 'https://kepu.example',
      token: made.manageToken,
    })
    const { event, component } = readCalendar(text)
    expect(event.summary).toBe('【候补】测试活动')
    expect(component.getFirstPropertyValue('status')).toBe('TENTATIVE')
    expect(component.getAllSubcomponents('valarm')).toEqual([])
    expect(event.description).not.toContain('签到')
  })

  it('writes a school booking calendar file that ical.js reads', async () => {
    await addSchoolOffer(db.prisma, world)
    const visits = await import('~/models/school-visit/school-visit.server')
    const admin = await import('~/models/school-visit/admin.server')
    const offer = (await visits.getOfferForVenue('venue-a'))!
    const date = new Date(now.getTime() + 7 * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10)
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7
    const created = await visits.requestVisit(
      offer,
      {
        schoolName: '松江区实验小学',
        teacherName: '周老师',
        phone: '13711112222',
        grade: 'G4',
        students: 30,
        teachers: 2,
        courseId: offer.courses.find((c) => c.kind === 'ON_SITE')!.id,
        consent: true as const,
        slot: `${date}|${offer.slots.find((s) => s.weekday === weekday && s.startMinute === 570)!.id}`,
      },
      now,
    )
    await admin.decideSchoolBooking({ ...world.users.staff, sessionId: 'test' }, created.id, 'approve', null, now)
    const route = await import('~/routes/_school-visits+/school-visits.r.$token.calendar[.ics]')
    const response = await route.loader({
      params: { token: created.manageToken },
      request: new Request(`https://kepu.example/school-visits/r/${created.manageToken}/calendar.ics`),
      context: {},
    })
    const { event } = readCalendar(await response.text())
    expect(event.summary).toBe('研学参观：小小天文学家')
    expect(event.description).toContain(created.code)
  })

  it('finds a lost link by phone and registration code, the same answer for an unknown phone as a wrong one', async () => {
    const made = await register('13900003333')
    // As people type it: lower case, with a space.
    const typed = `${made.code.slice(0, 4).toLowerCase()} ${made.code.slice(4)}`
    const token = await registration.findRegistrationLink('13900003333', typed)
    expect(token).toBe(made.manageToken)
    expect((await registration.findRegistrationByToken(token!))?.id).toBe(made.id)
    // Another registration's phone, a phone with no registration, a made-up code, a malformed one: all null.
    expect(await registration.findRegistrationLink('13812345678', made.code)).toBeNull()
    expect(await registration.findRegistrationLink('13700009999', made.code)).toBeNull()
    expect(await registration.findRegistrationLink('13900003333', 'ZZZZZZZZ')).toBeNull()
    expect(await registration.findRegistrationLink('13900003333', 'short')).toBeNull()
  })

  it('lets staff show an example that takes no registrations online: the public form refuses, staff still add people', async () => {
    const events = await import('~/models/event/admin.server')
    const staff = { ...world.users.staff, sessionId: 'test' }
    const event = await db.prisma.event.findUniqueOrThrow({ where: { id: world.event.id } })
    const input = {
      title: event.title,
      summary: event.summary,
      description: event.description,
      category: event.category,
      topics: '',
      placeKind: 'venue' as const,
      venueId: world.venue.id,
      maxPartySize: 4,
      questions: [],
      requiresSmsCode: false,
    }
    await events.updateEvent(staff, world.event.id, { ...input, isExample: true, noOnlineRegistration: true }, { now })
    expect(await db.prisma.event.findUniqueOrThrow({ where: { id: world.event.id } })).toMatchObject({
      isExample: true,
      registersOnline: false,
    })
    await expect(register('13900004444')).rejects.toMatchObject({ code: 'NO_ONLINE_REGISTRATION', status: 409 })
    const page = await (await import('~/models/venue-and-event-pages.server')).getEventPage(event.slug, now)
    expect(page?.registersOnline).toBe(false)
    const byHand = await registration.registerForSession(
      world.session.id,
      { name: '电话报名', phone: '13900005555', adults: 1, children: 0, answers: {}, reminders: true, consent: true },
      { now, byStaff: { audit: async () => {} } },
    )
    expect(byHand.status).toBe('CONFIRMED')
    // Unticked boxes send nothing: the activity takes registrations again and is no longer an example.
    await events.updateEvent(staff, world.event.id, input, { now })
    expect(await db.prisma.event.findUniqueOrThrow({ where: { id: world.event.id } })).toMatchObject({
      isExample: false,
      registersOnline: true,
    })
    expect((await register('13900004444')).status).toBe('CONFIRMED')
  })

  it('lets the seed decide, activity by activity, whether an example takes registrations (yes unless it says no)', async () => {
    const { seedData } = await import('../../seeds')
    const { validateSeedData } = await import('../../seeds/load')
    const [first, ...rest] = seedData.events
    const parsed = validateSeedData({ ...seedData, events: [{ ...first, registersOnline: false }, ...rest] })
    expect(parsed.events[0].registersOnline).toBe(false)
    expect(parsed.events.slice(1).every((e) => e.registersOnline)).toBe(true)
  })

  it('gives a registration made before derived links a derived one when it is looked up', async () => {
    const old = world.registration // a random secret's hash, as before links were derived from codes
    const token = await registration.findRegistrationLink(old.phone, old.code)
    expect(token).not.toBeNull()
    const row = await db.prisma.registration.findUniqueOrThrow({ where: { id: old.id } })
    expect(row.manageTokenHash).toBe(hashLinkSecret(token!))
    expect(row.manageTokenHash).not.toBe(old.manageTokenHash)
    expect((await registration.findRegistrationByToken(token!))?.id).toBe(old.id)
    // Looking it up again gives the same link.
    expect(await registration.findRegistrationLink(old.phone, old.code)).toBe(token)
  })
})
