// Every .ics Kepu serves passes a strict reader written against RFC 5545 (issue 30; tests/helpers/ics-strict.ts),
// not only ical.js: lines of at most 75 octets folded between UTF-8 characters, CRLF, durations in the RFC's
// grammar, escaped TEXT and the required properties. The three routes: /calendar.ics (the feed),
// /r/:token/calendar.ics (a registration) and /school-visits/r/:token/calendar.ics (a school booking), with long
// Chinese names holding commas and semicolons.
import ICAL from 'ical.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { DURATION, readStrictly, unescapeText, type Component } from '../helpers/ics-strict'
import { addSchoolOffer, createStaffWorld, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase } from '../helpers/db'
import type { LoaderFunctionArgs } from '@remix-run/node'

const longTitle = '“产品变展品”主题展3.0：脑科学与人工智能，机器人会取代谁；青少年创新技能挑战赛·体验日（亲子场）'
const longVenue = '上海非凡生命科学科创研学基地（莘庄工业区），含展厅；实验室与户外科普长廊'

function events(calendar: Component): Component[] {
  return calendar.children.filter((c) => c.name === 'VEVENT')
}
const property = (component: Component, name: string) => component.properties.find((p) => p.name === name)?.value

describe('calendar files', () => {
  let db: TestDatabase
  let world: StaffWorld
  const now = new Date()
  const served: Record<string, string> = {}

  beforeAll(async () => {
    db = await useTestDatabaseForApp('pglite')
    world = await createStaffWorld(db.prisma, now)
    await addSchoolOffer(db.prisma, world)
    await db.prisma.event.update({ where: { id: world.event.id }, data: { title: longTitle } })
    await db.prisma.venue.update({
      where: { id: world.venue.id },
      data: { name: longVenue, address: '上海市闵行区莘庄工业区申富路 588 号，东门进' },
    })
    await db.prisma.studyCourse.updateMany({ where: { kind: 'ON_SITE' }, data: { title: `小小天文学家：${longTitle}` } })

    const registration = await import('~/models/registration/registration.server')
    const made = await registration.registerForSession(
      world.session.id,
      { name: '李阿姨', phone: '13900001111', adults: 1, children: 1, answers: {}, reminders: true, consent: true },
      { now },
    )
    const visits = await import('~/models/school-visit/school-visit.server')
    const admin = await import('~/models/school-visit/admin.server')
    const offer = (await visits.getOfferForVenue('venue-a'))!
    const date = new Date(now.getTime() + 7 * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10)
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7
    const booking = await visits.requestVisit(
      offer,
      {
        schoolName: '上海市闵行区莘庄工业区实验小学（东校区）',
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
    await admin.decideSchoolBooking({ ...world.users.staff, sessionId: 'test' }, booking.id, 'approve', null, now)

    const get = async (
      route: { loader: (args: LoaderFunctionArgs) => Promise<Response> },
      path: string,
      params: Record<string, string> = {},
    ) => {
      const response = await route.loader({ params, request: new Request(`https://kepu.example.cn${path}`), context: {} })
      expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
      return response.text()
    }
    served.feed = await get(await import('~/routes/_find+/calendar[.ics]'), '/calendar.ics?venue=venue-a')
    served.registration = await get(
      await import('~/routes/_registration+/r.$token.calendar[.ics]'),
      `/r/${made.manageToken}/calendar.ics`,
      {
        token: made.manageToken,
      },
    )
    served.schoolBooking = await get(
      await import('~/routes/_school-visits+/school-visits.r.$token.calendar[.ics]'),
      `/school-visits/r/${booking.manageToken}/calendar.ics`,
      { token: booking.manageToken },
    )
  })
  afterAll(async () => {
    await db?.drop()
  })

  it('the strict reader refuses what RFC 5545 does not allow', () => {
    const ok =
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTAMP:20261207T000000Z\r\nDTSTART:20261207T010000Z\r\nSUMMARY:a\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'
    expect(readStrictly(ok).problems).toEqual([])
    const broken = (from: string, to: string) => readStrictly(ok.replace(from, to)).problems
    expect(broken('SUMMARY:a', `SUMMARY:${'科'.repeat(30)}`)).toEqual(['line 8 is 98 octets long (at most 75)'])
    // Folded after 75 octets: "SUMMARY:" and 22 科 are 74, so the fold falls inside the 23rd (3 octets each).
    const folded = new TextEncoder().encode(`SUMMARY:${'科'.repeat(30)}`)
    const split = new Uint8Array([...folded.subarray(0, 75), 13, 10, 32, ...folded.subarray(75)])
    const file = new TextEncoder().encode(ok.replace('SUMMARY:a\r\n', '@'))
    const at = file.indexOf(64)
    expect(readStrictly(new Uint8Array([...file.subarray(0, at), ...split, 13, 10, ...file.subarray(at + 1)])).problems).toContain(
      'line 8 splits a UTF-8 character where it is folded, or is not UTF-8',
    )
    expect(broken('SUMMARY:a', 'SUMMARY:a,b')).toEqual(['VEVENT SUMMARY: "a,b" is not escaped TEXT'])
    expect(broken('UID:u\r\n', '')).toEqual(['VEVENT has 0 UID (exactly one)'])
    expect(broken('DTSTAMP:20261207T000000Z\r\n', '')).toEqual(['VEVENT has 0 DTSTAMP (exactly one)'])
    expect(broken('PRODID:x\r\n', '')).toEqual(['VCALENDAR has 0 PRODID (exactly one)'])
    expect(broken('SUMMARY:a\r\n', 'SUMMARY:a\n')).toContain('a line ends with a bare CR or LF')
    expect(broken('END:VEVENT', 'BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:d\r\nTRIGGER:-P1DT\r\nEND:VALARM\r\nEND:VEVENT')).toEqual([
      'VALARM TRIGGER: "-P1DT" is not a DURATION',
    ])
    for (const good of ['-P1D', '-PT24H', 'PT0S', '-P1DT2H30M', 'P2W', '+PT15M']) expect(good).toMatch(DURATION)
    for (const bad of ['-P1DT', 'P', 'PT', '-P1H', 'P1D2H', 'PT1H2S3M']) expect(bad).not.toMatch(DURATION)
  })

  for (const name of ['feed', 'registration', 'schoolBooking'])
    it(`serves the ${name} calendar as RFC 5545 allows it, which ical.js also reads`, () => {
      const { problems, calendars } = readStrictly(served[name])
      expect(problems).toEqual([])
      const [event] = events(calendars[0])
      expect(event).toBeDefined()
      // Long Chinese lines were folded, and unfolding gives back the names with their commas and semicolons.
      expect(served[name]).toMatch(/\r\n [^\r\n]/)
      const text = [property(event, 'SUMMARY'), property(event, 'LOCATION'), property(event, 'DESCRIPTION')]
        .map((v) => unescapeText(v ?? ''))
        .join('\n')
      expect(text).toContain(name === 'schoolBooking' ? `小小天文学家：${longTitle}` : longTitle)
      expect(text).toContain(longVenue)
      const read = new ICAL.Component(ICAL.parse(served[name]))
      expect(read.getAllSubcomponents('vevent')).toHaveLength(1)
      expect(new ICAL.Event(read.getAllSubcomponents('vevent')[0]).summary).toContain('脑科学与人工智能，机器人会取代谁；')
    })

  it('reminds a registration 2 hours before and a school booking 1 day before, in duration grammar', () => {
    const trigger = (name: string) =>
      property(
        events(readStrictly(served[name]).calendars[0])[0].children.find((c) => c.name === 'VALARM')!,
        'TRIGGER',
      )
    expect(trigger('registration')).toBe('-PT2H')
    expect(trigger('schoolBooking')).toBe('-P1D')
  })
})
