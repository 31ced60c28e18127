// School visits (馆校合作) and 进校园 from the school's side, and the rules both sides share: which dates and
// slots still have room, the teacher ratio, grades, notice, closed dates. Only approved bookings hold room; an
// approval takes a transaction-scoped advisory lock on its slot and day, so concurrent approvals are counted one
// at a time and a slot never holds more students than it may.
import { defaultOrigin, queueSchoolMessage, queueSchoolRequestToStaff, type MessageContext } from '~/models/message/notify.server'
import { teachersNeeded, type OutreachRequestInput, type VisitRequestInput } from '~/models/school-visit/schema'
import { readableCode } from '~/utils/codes.server'
import { prisma, type Tx } from '~/utils/infra/db.server'
import { createOnce, SAME_SUBMISSION_MS } from '~/utils/infra/once.server'
import { linkKey } from '~/utils/infra/secrets.server'
import { derivedLinkSecret, hashLinkSecret, isLinkSecretShape } from '~/utils/private-links.server'
import { Refusal, localized } from '~/utils/refusal'
import { addDays, parseShanghaiDate, shanghaiDateKey as dateKey, shanghaiWeekday, startOfShanghaiDay } from '~/utils/shanghai-time'
import type { Prisma, SchoolBookingStatus } from '@prisma/client'

/** How many days ahead teachers may book. */
export const BOOKING_HORIZON_DAYS = 56

/** 1 = Monday … 7 = Sunday for a YYYY-MM-DD day in Shanghai. */
export function isoWeekday(day: Date): number {
  return shanghaiWeekday(day) === 0 ? 7 : shanghaiWeekday(day)
}

/** The first day a request made now may ask for: today + the venue's notice. */
export function earliestDay(minNoticeDays: number, now: Date): Date {
  return addDays(startOfShanghaiDay(now), Math.max(minNoticeDays, 1))
}

export async function getOfferForVenue(venueSlug: string) {
  const offer = await prisma.schoolOffer.findFirst({
    where: { active: true, venue: { slug: venueSlug, takesSchoolVisits: true } },
    include: {
      venue: { select: { id: true, slug: true, name: true, address: true, districtId: true, district: { select: { name: true } } } },
      slots: { where: { active: true }, orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }] },
      closedDates: true,
      courses: { where: { active: true }, orderBy: { title: 'asc' } },
    },
  })
  return offer
}

export type Offer = NonNullable<Awaited<ReturnType<typeof getOfferForVenue>>>

/** Approved students per "date|slotId" in a date range. */
async function approvedLoad(offerId: string, from: string, to: string): Promise<Map<string, number>> {
  const rows = await prisma.schoolBooking.groupBy({
    by: ['visitDate', 'slotId'],
    where: { offerId, kind: 'VISIT', status: { in: ['APPROVED', 'DONE'] }, visitDate: { gte: from, lte: to } },
    _sum: { students: true },
  })
  return new Map(rows.map((r) => [`${r.visitDate}|${r.slotId}`, r._sum.students ?? 0]))
}

export type SlotDay = {
  date: string
  weekday: number
  slots: Array<{ slotId: string; start: number; end: number; room: number; value: string }>
  closed?: boolean
  closedReason?: string | null
}

/** The next weeks' bookable days: each slot with the students it still has room for (0 = full). */
export async function availability(offer: Offer, now = new Date(), days = BOOKING_HORIZON_DAYS): Promise<SlotDay[]> {
  const first = earliestDay(offer.minNoticeDays, now)
  const last = addDays(startOfShanghaiDay(now), days)
  const load = await approvedLoad(offer.id, dateKey(first), dateKey(last))
  const closed = new Map(offer.closedDates.map((c) => [c.date, c.reason]))
  const result: SlotDay[] = []
  for (let day = first; day <= last; day = addDays(day, 1)) {
    const weekday = isoWeekday(day)
    const slots = offer.slots.filter((s) => s.weekday === weekday)
    if (slots.length === 0) continue
    const date = dateKey(day)
    if (closed.has(date)) {
      result.push({ date, weekday, slots: [], closed: true, closedReason: closed.get(date) ?? null })
      continue
    }
    result.push({
      date,
      weekday,
      slots: slots.map((s) => ({
        slotId: s.id,
        start: s.startMinute,
        end: s.endMinute,
        room: Math.max(0, offer.maxStudentsPerSlot - (load.get(`${date}|${s.id}`) ?? 0)),
        value: `${date}|${s.id}`,
      })),
    })
  }
  return result
}

/** Rules that need no lock: grade, ratio, the slot's day, notice, closed dates. Returns the slot and course. */
function checkRequest(
  offer: Offer,
  input: { grade: string; students: number; teachers: number; courseId: string },
  kind: 'ON_SITE' | 'OUTREACH',
) {
  const course = offer.courses.find((c) => c.id === input.courseId && c.kind === kind)
  if (!course) throw new Refusal(localized('school.errors.courseOfVenue'), 'courseId')
  if (!course.grades.includes(input.grade) || !offer.grades.includes(input.grade)) {
    throw new Refusal(localized('school.errors.gradeNotTaken', { course: course.title, grade: input.grade }), 'grade')
  }
  const needed = teachersNeeded(input.students, offer.studentsPerTeacher)
  if (input.teachers < needed) {
    throw new Refusal(
      localized('school.errors.tooFewTeachers', { ratio: offer.studentsPerTeacher, students: input.students, needed }),
      'teachers',
    )
  }
  return course
}

function checkDay(offer: Offer, date: string, now: Date, field: string): Date {
  const day = parseShanghaiDate(date)
  if (!day) throw new Refusal(localized('school.errors.date'), field)
  if (day < startOfShanghaiDay(now)) throw new Refusal(localized('school.errors.pastDate'), field)
  if (day < earliestDay(offer.minNoticeDays, now))
    throw new Refusal(
      localized('school.errors.tooSoon', {
        days: Math.max(offer.minNoticeDays, 1),
        earliest: dateKey(earliestDay(offer.minNoticeDays, now)),
      }),
      field,
    )
  if (day > addDays(startOfShanghaiDay(now), BOOKING_HORIZON_DAYS))
    throw new Refusal(localized('school.errors.tooFar', { days: BOOKING_HORIZON_DAYS }), field)
  const closed = offer.closedDates.find((c) => c.date === date)
  if (closed)
    throw new Refusal(
      closed.reason
        ? localized('school.errors.closed', { date, reason: closed.reason })
        : localized('school.errors.closedNoReason', { date }),
      field,
    )
  return day
}

/** Approved students in one slot on one day, read after the slot-day lock is held. */
async function slotLoad(tx: Tx, offerId: string, date: string, slotId: string): Promise<number> {
  const { _sum } = await tx.schoolBooking.aggregate({
    where: { offerId, visitDate: date, slotId, status: { in: ['APPROVED', 'DONE'] } },
    _sum: { students: true },
  })
  return _sum.students ?? 0
}

/** Serialises approvals of one slot (or one outreach day) across every app instance until the transaction ends. */
export async function lockSlotDay(tx: Tx, offerId: string, date: string, slotKey: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`school:${offerId}:${date}:${slotKey}`}))`
}

/** The booking's code, and its private link's secret derived from it (so later messages carry the same link). */
async function newBookingSecrets() {
  const code = readableCode(8, 'S')
  const { secret: manageToken, hash: manageTokenHash } = derivedLinkSecret(await linkKey(), 'school-booking', code)
  return { manageToken, manageTokenHash, code }
}

/** Writes the request and tells the teacher and the venue's staff, in one transaction. */
async function createBooking(
  data: Omit<Prisma.SchoolBookingUncheckedCreateInput, 'code' | 'manageTokenHash' | 'locale'>,
  { origin = defaultOrigin(), language = 'zh-CN' }: MessageContext,
): Promise<BookingCreated> {
  const secrets = await newBookingSecrets()
  // A double submit (two identical posts at once) makes one request: decision 014.
  const same = {
    offerId: data.offerId,
    phone: data.phone,
    schoolName: data.schoolName,
    visitDate: data.visitDate,
    startsAt: data.startsAt,
    grade: data.grade,
    students: data.students,
  }
  return createOnce(
    `school:${JSON.stringify(same)}`,
    (tx) => recentlyRequested(tx, same, new Date(data.createdAt ?? Date.now())),
    async (tx) => {
      const booking = await tx.schoolBooking.create({
        data: { ...data, code: secrets.code, manageTokenHash: secrets.manageTokenHash, locale: language },
        select: { id: true, code: true },
      })
      await queueSchoolMessage(tx, booking.id, 'school.received', { origin })
      await queueSchoolRequestToStaff(tx, booking.id, origin)
      return { ...booking, manageToken: secrets.manageToken }
    },
  )
}

/** An identical request from the same number moments ago (a double submit), still waiting for the venue. */
function recentlyRequested(tx: Prisma.TransactionClient, same: Prisma.SchoolBookingWhereInput, now: Date) {
  return tx.schoolBooking.findFirst({
    where: { ...same, status: 'PENDING', createdAt: { gte: new Date(now.getTime() - SAME_SUBMISSION_MS) } },
    select: { id: true },
  })
}

export type BookingCreated = { id: string; code: string; manageToken: string }

/**
 * A class visit request. Refused when the slot has no room for the class now (pending requests hold nothing;
 * staff check again when they approve), with too few teachers, a grade the course does not take, a past or
 * too-soon date, a closed day, or a slot that is not on that weekday.
 */
export async function requestVisit(
  offer: Offer,
  input: VisitRequestInput,
  now = new Date(),
  context: MessageContext = {},
): Promise<BookingCreated> {
  const course = checkRequest(offer, input, 'ON_SITE')
  const [date, slotId] = input.slot.split('|')
  const day = checkDay(offer, date, now, 'slot')
  const slot = offer.slots.find((s) => s.id === slotId)
  if (!slot || slot.weekday !== isoWeekday(day)) throw new Refusal(localized('school.errors.slotNotThatDay'), 'slot')
  if (input.students > offer.maxStudentsPerSlot)
    throw new Refusal(localized('school.errors.slotMax', { max: offer.maxStudentsPerSlot }), 'students')
  const room = offer.maxStudentsPerSlot - (await slotLoad(prisma, offer.id, date, slot.id))
  if (input.students > room)
    throw new Refusal(room > 0 ? localized('school.errors.slotRoom', { room }) : localized('school.errors.slotFull'), 'slot')
  const startsAt = new Date(day.getTime() + slot.startMinute * 60_000)
  return createBooking(
    {
      kind: 'VISIT',
      offerId: offer.id,
      venueId: offer.venue.id,
      courseId: course.id,
      slotId: slot.id,
      visitDate: date,
      startsAt,
      endsAt: new Date(day.getTime() + slot.endMinute * 60_000),
      schoolName: input.schoolName,
      teacherName: input.teacherName,
      phone: input.phone,
      email: input.email ?? null,
      grade: input.grade,
      students: input.students,
      teachers: input.teachers,
      needs: input.needs ?? null,
      consentAt: now,
      createdAt: now,
    },
    context,
  )
}

/** 进校园: the venue's programme at the school on a day and time the school proposes. */
export async function requestOutreach(
  offer: Offer,
  input: OutreachRequestInput,
  now = new Date(),
  context: MessageContext = {},
): Promise<BookingCreated> {
  if (offer.outreachPerDay < 1) throw new Refusal(localized('school.errors.noOutreach'), 'courseId')
  const course = checkRequest(offer, input, 'OUTREACH')
  const day = checkDay(offer, input.date, now, 'date')
  const [hours, minutes] = input.startTime.split(':').map(Number)
  if (hours < 7 || hours > 18) throw new Refusal(localized('school.errors.outreachHours'), 'startTime')
  const startsAt = new Date(day.getTime() + (hours * 60 + minutes) * 60_000)
  return createBooking(
    {
      kind: 'OUTREACH',
      offerId: offer.id,
      venueId: offer.venue.id,
      courseId: course.id,
      visitDate: input.date,
      startsAt,
      endsAt: new Date(startsAt.getTime() + course.durationMinutes * 60_000),
      schoolName: input.schoolName,
      teacherName: input.teacherName,
      phone: input.phone,
      email: input.email ?? null,
      grade: input.grade,
      students: input.students,
      teachers: input.teachers,
      needs: input.needs ?? null,
      schoolAddress: input.schoolAddress,
      schoolLat: input.lat,
      schoolLng: input.lng,
      consentAt: now,
      createdAt: now,
    },
    context,
  )
}

/**
 * Approves a pending request: under the slot-day lock, the slot must still have room for the class (or the
 * venue a free outreach team that day).
 */
export async function approveBooking(
  tx: Tx,
  bookingId: string,
  deciderId: string,
  message: string | null,
  now = new Date(),
): Promise<void> {
  const booking = await tx.schoolBooking.findUniqueOrThrow({
    where: { id: bookingId },
    select: { offerId: true, kind: true, visitDate: true, slotId: true },
  })
  await lockSlotDay(tx, booking.offerId, booking.visitDate, booking.kind === 'VISIT' ? booking.slotId! : 'outreach')
  // Read after the lock: an approval that finished while we waited is counted.
  const current = await tx.schoolBooking.findUniqueOrThrow({
    where: { id: bookingId },
    select: { status: true, students: true, startsAt: true, offer: { select: { maxStudentsPerSlot: true, outreachPerDay: true } } },
  })
  if (current.status !== 'PENDING') throw new Refusal('这份申请已处理过了。')
  if (current.startsAt <= now) throw new Refusal('参观时间已过，不能再批准。')
  if (booking.kind === 'VISIT') {
    const load = await slotLoad(tx, booking.offerId, booking.visitDate, booking.slotId!)
    if (load + current.students > current.offer.maxStudentsPerSlot) {
      throw new Refusal(
        `这个时段已批准 ${load} 名学生，再加 ${current.students} 名会超过上限 ${current.offer.maxStudentsPerSlot}。请拒绝并建议其他时段。`,
      )
    }
  } else {
    const sameDay = await tx.schoolBooking.count({
      where: { offerId: booking.offerId, kind: 'OUTREACH', visitDate: booking.visitDate, status: { in: ['APPROVED', 'DONE'] } },
    })
    if (sameDay >= current.offer.outreachPerDay) throw new Refusal(`这一天已安排 ${sameDay} 场进校园，达到每天上限。请拒绝并建议其他日期。`)
  }
  await tx.schoolBooking.update({
    where: { id: bookingId },
    data: { status: 'APPROVED', staffMessage: message, decidedAt: now, decidedById: deciderId },
  })
}

/** What the teacher's private link shows. */
export async function findSchoolBookingByToken(token: string) {
  if (!isLinkSecretShape(token)) return null
  return prisma.schoolBooking.findUnique({
    where: { manageTokenHash: hashLinkSecret(token) },
    include: {
      venue: { select: { slug: true, name: true, address: true, lat: true, lng: true } },
      course: { select: { title: true, durationMinutes: true } },
    },
  })
}

/** The teacher cancels a pending or approved booking before it starts; cancelling twice changes nothing. */
export async function cancelSchoolBooking(token: string, now = new Date(), origin = defaultOrigin()): Promise<SchoolBookingStatus> {
  const booking = await findSchoolBookingByToken(token)
  if (!booking) throw new Refusal(localized('school.errors.notFound'))
  if (booking.status === 'CANCELLED') return 'CANCELLED'
  if (booking.status !== 'PENDING' && booking.status !== 'APPROVED') throw new Refusal(localized('school.errors.ended'))
  if (booking.startsAt <= now) throw new Refusal(localized('school.errors.started'))
  const count = await prisma.$transaction(async (tx) => {
    const { count } = await tx.schoolBooking.updateMany({
      where: { id: booking.id, status: { in: ['PENDING', 'APPROVED'] } },
      data: { status: 'CANCELLED', cancelledAt: now },
    })
    if (count === 1) await queueSchoolMessage(tx, booking.id, 'school.cancelled-by-teacher', { origin })
    return count
  })
  return count === 1 ? 'CANCELLED' : (await prisma.schoolBooking.findUniqueOrThrow({ where: { id: booking.id } })).status
}

/** Venues that take school groups, for the teachers' entry page. */
export function listSchoolOffers() {
  return prisma.schoolOffer.findMany({
    where: { active: true, venue: { takesSchoolVisits: true } },
    orderBy: [{ venue: { district: { code: 'asc' } } }, { venue: { name: 'asc' } }],
    select: {
      maxStudentsPerSlot: true,
      grades: true,
      outreachPerDay: true,
      minNoticeDays: true,
      isExample: true,
      venue: { select: { slug: true, name: true, lat: true, lng: true, district: { select: { name: true, nameEn: true } } } },
      courses: { where: { active: true }, select: { title: true, kind: true } },
    },
  })
}

/**
 * Venues that receive school groups but take no online bookings (no active offer): the school page lists them with
 * how to reach them, so a teacher always has a way in.
 */
export function schoolVenuesToContact() {
  return prisma.venue.findMany({
    where: { takesSchoolVisits: true, OR: [{ schoolOffer: null }, { schoolOffer: { active: false } }] },
    orderBy: [{ district: { code: 'asc' } }, { name: 'asc' }],
    select: {
      slug: true,
      name: true,
      address: true,
      phone: true,
      lat: true,
      lng: true,
      locationApproximate: true,
      district: { select: { name: true, nameEn: true } },
    },
  })
}

/** Approved and done 进校园 visits, drawn at the schools on the public map. */
export function outreachOnMap(now = new Date()) {
  return prisma.schoolBooking.findMany({
    where: { kind: 'OUTREACH', status: { in: ['APPROVED', 'DONE'] }, startsAt: { gte: addDays(now, -365) } },
    orderBy: { startsAt: 'desc' },
    take: 500,
    select: {
      id: true,
      schoolName: true,
      schoolLat: true,
      schoolLng: true,
      startsAt: true,
      status: true,
      venue: { select: { name: true, slug: true } },
      course: { select: { title: true } },
    },
  })
}
