// 科普护照: stamps at passport venues, once per venue per day per person, when the account holder is checked in
// at an activity there or stamped by staff at the door; programmes (named sets of venues) and progress; claiming
// registrations into the account; and deleting the account, which keeps only counts.
import { randomUUID } from 'node:crypto'
import { recordAudit } from '~/models/audit.server'
import { defaultOrigin, skipReminders } from '~/models/message/notify.server'
import { checkPhoneCode, sendPhoneCode, verifyPhoneCode, type SendResult } from '~/models/phone-code.server'
import { lockSession, promoteWaitlist, TX_OPTIONS } from '~/models/registration/registration.server'
import { forgetVolunteer } from '~/models/volunteers/roles.server'
import { normaliseCode } from '~/utils/codes.server'
import { prisma, type Tx } from '~/utils/infra/db.server'
import { consumeRateLimits } from '~/utils/infra/rate-limit.server'
import { venueScope } from '~/utils/permissions.server'
import { Refusal, localized } from '~/utils/refusal'
import { shanghaiDateKey } from '~/utils/shanghai-time'
import type { Prisma } from '@prisma/client'
import type { Resident } from '~/models/passport/account.server'
import type { Staff } from '~/utils/auth.server'
import type { Language } from '~/utils/i18n'

/** Inserts a stamp unless this person already has one for the venue today. Returns whether one was added. */
async function addStamp(
  tx: Tx,
  stamp: { residentId: string; venueId: string; via: 'CHECK_IN' | 'DOOR'; registrationId?: string; staffId: string; now: Date },
): Promise<boolean> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    INSERT INTO "PassportStamp" (id, "residentId", "venueId", "stampedOn", "stampedAt", via, "registrationId", "staffId")
    VALUES (${`stamp_${randomUUID()}`}, ${stamp.residentId}, ${stamp.venueId}, ${shanghaiDateKey(stamp.now)}, ${stamp.now}, ${stamp.via}::"StampSource", ${stamp.registrationId ?? null}, ${stamp.staffId})
    ON CONFLICT ("residentId", "venueId", "stampedOn") DO NOTHING
    RETURNING id`
  return rows.length === 1
}

/** At check-in (inside its transaction): a stamp when the registration is in an account and the venue stamps passports. */
export async function stampOnCheckIn(tx: Tx, registrationId: string, staffId: string, now: Date): Promise<boolean> {
  const registration = await tx.registration.findUniqueOrThrow({
    where: { id: registrationId },
    select: { residentId: true, session: { select: { event: { select: { venue: { select: { id: true, stampsPassport: true } } } } } } },
  })
  const venue = registration.session.event.venue
  if (!registration.residentId || !venue?.stampsPassport) return false
  return addStamp(tx, { residentId: registration.residentId, venueId: venue.id, via: 'CHECK_IN', registrationId, staffId, now })
}

/** Staff at a passport venue's door stamp a passport by its code (shown on the resident's passport page). */
export async function stampAtDoor(
  staff: Staff,
  venueId: string,
  rawCode: string,
  now = new Date(),
): Promise<{ stamped: boolean; venueName: string }> {
  const venue = await prisma.venue.findFirst({
    where: { AND: [{ id: venueId, stampsPassport: true }, venueScope(staff)] },
    select: { id: true, name: true, districtId: true },
  })
  if (!venue) throw new Refusal('请选择你管理的科普护照盖章点。', 'venueId')
  const code = normaliseCode(rawCode)
  const resident = await prisma.resident.findUnique({ where: { passportCode: code }, select: { id: true } })
  if (!resident) throw new Refusal(`没有护照码 ${code}。`, 'code')
  return prisma.$transaction(async (tx) => {
    const stamped = await addStamp(tx, { residentId: resident.id, venueId: venue.id, via: 'DOOR', staffId: staff.id, now })
    if (stamped)
      await recordAudit(tx, staff.id, {
        action: 'passport.stamp',
        entityType: 'venue',
        entityId: venue.id,
        districtId: venue.districtId,
        summary: `科普护照盖章：${venue.name}`,
      })
    return { stamped, venueName: venue.name }
  })
}

/** Venues a staff member can stamp at. */
export function stampVenuesFor(staff: Staff) {
  return prisma.venue.findMany({
    where: { AND: [{ stampsPassport: true }, venueScope(staff)] },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  })
}

/** Every 护照 programme by name, with the venues that stamp for it (admins set them on the staff passport page). */
export async function listPassportProgrammes() {
  const programmes = await prisma.passportProgramme.findMany({
    orderBy: { name: 'asc' },
    select: { slug: true, name: true, venues: { select: { venueId: true } } },
  })
  return programmes.map((p) => ({ slug: p.slug, name: p.name, venueIds: p.venues.map((v) => v.venueId) }))
}

/** The stamp points every visitor may see before signing in: venues that stamp passports, by district. */
export function stampPoints() {
  return prisma.venue.findMany({
    where: { stampsPassport: true },
    orderBy: [{ district: { code: 'asc' } }, { name: 'asc' }],
    select: {
      slug: true,
      name: true,
      lat: true,
      lng: true,
      locationApproximate: true,
      district: { select: { name: true, nameEn: true } },
    },
  })
}

/** The passport page: every stamp, and each programme's venues with which are done; only what the page shows. */
export async function passportView(residentId: string) {
  const [stamps, programmes] = await Promise.all([
    prisma.passportStamp.findMany({
      where: { residentId },
      orderBy: { stampedAt: 'desc' },
      select: {
        stampedOn: true,
        via: true,
        venue: { select: { slug: true, name: true, lat: true, lng: true, locationApproximate: true } },
      },
    }),
    prisma.passportProgramme.findMany({
      orderBy: { name: 'asc' },
      select: {
        slug: true,
        name: true,
        description: true,
        venues: { select: { venue: { select: { slug: true, name: true, district: { select: { name: true } } } } } },
      },
    }),
  ])
  const stampedVenues = new Set(stamps.map((s) => s.venue.slug))
  return {
    stamps,
    programmes: programmes.map((p) => {
      const venues = p.venues.map(({ venue }) => ({
        slug: venue.slug,
        name: venue.name,
        districtName: venue.district.name,
        stamped: stampedVenues.has(venue.slug),
      }))
      return { slug: p.slug, name: p.name, description: p.description, venues, done: venues.filter((v) => v.stamped).length }
    }),
  }
}

/** The SMS code that proves the account holder holds the account's phone, for claiming a registration. */
export function sendClaimCode(resident: Resident, request: { address: string; language: Language; now?: Date }): Promise<SendResult> {
  return sendPhoneCode(resident.phone, 'CLAIM', request)
}

/**
 * Claims a registration into the account. Two proofs (decision 012): the SMS code sent to the account's number
 * (it is the account holder's phone), and the registration's own code from its confirmation (the number alone
 * still finds nothing, as in decision 006: a number passes from person to person, and a registration made
 * under it by its former holder is not the new holder's). The registration's number must be the account's.
 * Limited per account and per address so codes cannot be guessed in bulk.
 */
export async function claimRegistration(
  resident: Resident,
  input: { code: string; smsCode: string },
  address: string,
  now = new Date(),
): Promise<{ title: string }> {
  const limit = await consumeRateLimits([
    { key: `resident-claim:account:${resident.id}`, limit: 10, windowSeconds: 3600 },
    { key: `resident-claim:addr:${address}`, limit: 30, windowSeconds: 3600 },
  ])
  if (!limit.allowed)
    throw new Refusal(localized('account.errors.tooManyTries', { minutes: Math.ceil(limit.retryAfterSeconds / 60) }), 'code', 429)
  const code = normaliseCode(input.code)
  const registration = await prisma.registration.findUnique({
    where: { code },
    select: { id: true, phone: true, residentId: true, session: { select: { event: { select: { title: true } } } } },
  })
  if (!registration || registration.phone !== resident.phone) throw new Refusal(localized('account.errors.claimNotFound'), 'code', 404)
  if (registration.residentId && registration.residentId !== resident.id)
    throw new Refusal(localized('account.errors.claimedByOther'), 'code', 404)
  const checked = await checkPhoneCode(resident.phone, 'CLAIM', input.smsCode, now)
  await prisma.$transaction(async (tx) => {
    await verifyPhoneCode(tx, checked, now)
    // Claimed by another account meanwhile: that one keeps it.
    const { count } = await tx.registration.updateMany({
      where: { id: registration.id, phone: resident.phone, OR: [{ residentId: null }, { residentId: resident.id }] },
      data: { residentId: resident.id },
    })
    if (count !== 1) throw new Refusal(localized('account.errors.claimedByOther'), 'code', 404)
  })
  return { title: registration.session.event.title }
}

/**
 * The account's own registrations, for the "my data" page (PIPL right to know): those made while signed in and
 * those claimed with their code. Never found by the phone number, which is not proven.
 */
export function accountRegistrations(resident: Resident) {
  return prisma.registration.findMany({
    where: { residentId: resident.id },
    orderBy: { createdAt: 'desc' },
    select: { name: true, status: true, partySize: true, session: { select: { startsAt: true, event: { select: { title: true } } } } },
  })
}

/**
 * Deletes the account and its own data: places in the account still to come are cancelled (seats go to the
 * waitlist); every registration in the account loses name, number and answers but keeps its counts; stamps stay
 * as anonymous counts. Registrations outside the account are untouched, even with the same number: the number is
 * not proven, so it must not let a stranger cancel or erase someone else's place.
 */
export async function deleteResident(
  resident: Resident,
  now = new Date(),
  origin = defaultOrigin(),
): Promise<{ cancelled: number; anonymised: number }> {
  const mine = { residentId: resident.id } satisfies Prisma.RegistrationWhereInput
  const upcoming = await prisma.registration.findMany({
    where: { ...mine, status: { in: ['CONFIRMED', 'WAITLISTED'] }, session: { startsAt: { gt: now } } },
    orderBy: { sessionId: 'asc' },
    select: { id: true, sessionId: true },
  })
  return prisma.$transaction(async (tx) => {
    for (const r of upcoming) {
      const session = await lockSession(tx, r.sessionId)
      if (!session) continue
      const current = await tx.registration.findUniqueOrThrow({ where: { id: r.id }, select: { status: true, partySize: true } })
      if (current.status !== 'CONFIRMED' && current.status !== 'WAITLISTED') continue
      await tx.registration.update({ where: { id: r.id }, data: { status: 'CANCELLED', cancelledAt: now, cancelReason: 'BY_PERSON' } })
      const seatsTaken = session.seatsTaken - (current.status === 'CONFIRMED' ? current.partySize : 0)
      if (seatsTaken !== session.seatsTaken) await tx.eventSession.update({ where: { id: r.sessionId }, data: { seatsTaken } })
      if (session.status === 'SCHEDULED')
        await promoteWaitlist(tx, { id: r.sessionId, capacity: session.capacity, seatsTaken }, { origin, now })
    }
    // Nothing more reaches the number of a deleted account.
    await skipReminders(tx, { registrationIds: upcoming.map((r) => r.id) })
    const rows = await tx.registration.findMany({ where: mine, select: { id: true } })
    for (const { id } of rows) {
      // A placeholder per row keeps "one place per number per session" satisfiable; it is not a phone number.
      await tx.registration.update({ where: { id }, data: { name: '（已注销）', phone: `deleted:${id}`, answers: {}, residentId: null } })
    }
    await tx.passportStamp.updateMany({ where: { residentId: resident.id }, data: { residentId: null } })
    // A volunteer's places still to come are given up and the profile kept only as anonymous counts.
    await forgetVolunteer(tx, resident.id, now, origin)
    await tx.resident.delete({ where: { id: resident.id } })
    await recordAudit(tx, null, {
      action: 'resident.delete',
      entityType: 'resident',
      summary: `居民注销账号：取消 ${upcoming.length} 份未开始的报名，匿名化 ${rows.length} 份报名记录`,
    })
    return { cancelled: upcoming.length, anonymised: rows.length }
  }, TX_OPTIONS)
}

/** Programme membership, edited by platform and district admins among the passport venues they manage. */
export async function setProgrammeVenues(staff: Staff, programmeSlug: string, venueIds: string[]): Promise<void> {
  const programme = await prisma.passportProgramme.findUnique({ where: { slug: programmeSlug }, select: { id: true, name: true } })
  if (!programme) throw new Refusal('找不到这个护照项目。')
  const manageable = await prisma.venue.findMany({ where: { AND: [{ stampsPassport: true }, venueScope(staff)] }, select: { id: true } })
  const allowed = new Set(manageable.map((v) => v.id))
  if (venueIds.some((id) => !allowed.has(id))) throw new Refusal('只能选择你管理的科普护照盖章点。')
  await prisma.$transaction(async (tx) => {
    await tx.passportProgrammeVenue.deleteMany({ where: { programmeId: programme.id, venueId: { in: [...allowed] } } })
    if (venueIds.length)
      await tx.passportProgrammeVenue.createMany({ data: venueIds.map((venueId) => ({ programmeId: programme.id, venueId })) })
    await recordAudit(tx, staff.id, {
      action: 'passport.programme_venues',
      entityType: 'passport_programme',
      entityId: programme.id,
      districtId: staff.districtId,
      summary: `「${programme.name}」的盖章点：${venueIds.length} 个（在管理范围内）`,
    })
  })
}
