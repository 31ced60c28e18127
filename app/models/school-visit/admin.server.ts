// Venue staff run their school offer: slots, closed days, courses; and decide on requests (approve, decline,
// cancel with a message), mark visits done with the numbers who came, and export. Scope follows the venue.
import { recordAudit } from '~/models/audit.server'
import { defaultOrigin, queueSchoolMessage } from '~/models/message/notify.server'
import { gradeLabel, minuteLabel } from '~/models/school-visit/schema'
import { approveBooking } from '~/models/school-visit/school-visit.server'
import { excelCsv, type ExportRows } from '~/utils/infra/csv.server'
import { prisma } from '~/utils/infra/db.server'
import { schoolStatusLabel } from '~/utils/labels'
import { venueScope } from '~/utils/permissions.server'
import { maskMobile } from '~/utils/phone'
import { Refusal } from '~/utils/refusal'
import type { Prisma, SchoolBookingStatus } from '@prisma/client'
import type { z } from 'zod'
import type { courseSchema, offerSchema } from '~/models/school-visit/admin-schema'
import type { Staff } from '~/utils/auth.server'

export async function findVenueOfferForStaff(staff: Staff, venueId: string) {
  const venue = await prisma.venue.findFirst({
    where: { AND: [{ id: venueId }, venueScope(staff)] },
    select: {
      id: true,
      name: true,
      slug: true,
      districtId: true,
      takesSchoolVisits: true,
      schoolOffer: {
        include: {
          slots: { where: { active: true }, orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }] },
          closedDates: { orderBy: { date: 'asc' } },
          courses: { orderBy: [{ kind: 'asc' }, { title: 'asc' }] },
        },
      },
    },
  })
  return venue
}

type Venue = NonNullable<Awaited<ReturnType<typeof findVenueOfferForStaff>>>

async function requireVenue(staff: Staff, venueId: string): Promise<Venue> {
  const venue = await findVenueOfferForStaff(staff, venueId)
  if (!venue) throw new Refusal('找不到这个场馆，或不在你的管理范围内。', undefined, 404)
  return venue
}

function requireOffer(venue: Venue) {
  if (!venue.schoolOffer) throw new Refusal('请先保存接待设置。')
  return venue.schoolOffer
}

export async function saveOffer(staff: Staff, venueId: string, input: z.infer<typeof offerSchema>): Promise<void> {
  const venue = await requireVenue(staff, venueId)
  const data = { ...input, notes: input.notes ?? null }
  await prisma.$transaction(async (tx) => {
    // Saving an example offer (SEED_EXAMPLES) makes it the venue's own: `examples:remove` keeps it from then on.
    await tx.schoolOffer.upsert({ where: { venueId }, create: { ...data, venueId }, update: { ...data, isExample: false } })
    if (input.active && !venue.takesSchoolVisits) await tx.venue.update({ where: { id: venueId }, data: { takesSchoolVisits: true } })
    await recordAudit(tx, staff.id, {
      action: 'school_offer.save',
      entityType: 'venue',
      entityId: venueId,
      districtId: venue.districtId,
      summary: `保存「${venue.name}」的学校接待设置：每时段 ${input.maxStudentsPerSlot} 人，每 ${input.studentsPerTeacher} 名学生 1 名老师`,
    })
  })
}

const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))

export async function addSlot(staff: Staff, venueId: string, input: { weekday: number; start: string; end: string }): Promise<void> {
  const venue = await requireVenue(staff, venueId)
  const offer = requireOffer(venue)
  await prisma.$transaction(async (tx) => {
    await tx.visitSlot.create({
      data: { offerId: offer.id, weekday: input.weekday, startMinute: toMinutes(input.start), endMinute: toMinutes(input.end) },
    })
    await recordAudit(tx, staff.id, {
      action: 'school_offer.slot_add',
      entityType: 'venue',
      entityId: venueId,
      districtId: venue.districtId,
      summary: `「${venue.name}」添加时段 ${input.start}–${input.end}（星期 ${input.weekday}）`,
    })
  })
}

/** A slot with bookings is retired rather than deleted, so those bookings keep their time. */
export async function removeSlot(staff: Staff, venueId: string, slotId: string): Promise<void> {
  const venue = await requireVenue(staff, venueId)
  const offer = requireOffer(venue)
  const slot = offer.slots.find((s) => s.id === slotId)
  if (!slot) throw new Refusal('找不到这个时段。')
  await prisma.$transaction(async (tx) => {
    const used = await tx.schoolBooking.count({ where: { slotId } })
    if (used > 0) await tx.visitSlot.update({ where: { id: slotId }, data: { active: false } })
    else await tx.visitSlot.delete({ where: { id: slotId } })
    await recordAudit(tx, staff.id, {
      action: 'school_offer.slot_remove',
      entityType: 'venue',
      entityId: venueId,
      districtId: venue.districtId,
      summary: `「${venue.name}」移除时段 ${minuteLabel(slot.startMinute)}–${minuteLabel(slot.endMinute)}`,
    })
  })
}

export async function addClosedDate(staff: Staff, venueId: string, input: { date: string; reason?: string }): Promise<void> {
  const venue = await requireVenue(staff, venueId)
  const offer = requireOffer(venue)
  if (offer.closedDates.some((c) => c.date === input.date)) throw new Refusal('这一天已经是不接待日。', 'date')
  await prisma.$transaction(async (tx) => {
    await tx.visitClosedDate.create({ data: { offerId: offer.id, date: input.date, reason: input.reason ?? null } })
    await recordAudit(tx, staff.id, {
      action: 'school_offer.closed_add',
      entityType: 'venue',
      entityId: venueId,
      districtId: venue.districtId,
      summary: `「${venue.name}」${input.date} 不接待学校团体`,
    })
  })
}

export async function removeClosedDate(staff: Staff, venueId: string, closedId: string): Promise<void> {
  const venue = await requireVenue(staff, venueId)
  const offer = requireOffer(venue)
  const closed = offer.closedDates.find((c) => c.id === closedId)
  if (!closed) throw new Refusal('找不到这个日期。')
  await prisma.$transaction(async (tx) => {
    await tx.visitClosedDate.delete({ where: { id: closedId } })
    await recordAudit(tx, staff.id, {
      action: 'school_offer.closed_remove',
      entityType: 'venue',
      entityId: venueId,
      districtId: venue.districtId,
      summary: `「${venue.name}」${closed.date} 恢复接待`,
    })
  })
}

export async function saveCourse(staff: Staff, venueId: string, input: z.infer<typeof courseSchema>): Promise<void> {
  const venue = await requireVenue(staff, venueId)
  const offer = requireOffer(venue)
  const { courseId, ...data } = input
  if (courseId && !offer.courses.some((c) => c.id === courseId)) throw new Refusal('找不到这门课程。')
  await prisma.$transaction(async (tx) => {
    if (courseId) await tx.studyCourse.update({ where: { id: courseId }, data })
    else await tx.studyCourse.create({ data: { ...data, offerId: offer.id } })
    await recordAudit(tx, staff.id, {
      action: courseId ? 'school_offer.course_update' : 'school_offer.course_add',
      entityType: 'venue',
      entityId: venueId,
      districtId: venue.districtId,
      summary: `「${venue.name}」${courseId ? '修改' : '添加'}课程「${input.title}」`,
    })
  })
}

export async function setCourseActive(staff: Staff, venueId: string, courseId: string, active: boolean): Promise<void> {
  const venue = await requireVenue(staff, venueId)
  const course = requireOffer(venue).courses.find((c) => c.id === courseId)
  if (!course) throw new Refusal('找不到这门课程。')
  await prisma.$transaction(async (tx) => {
    await tx.studyCourse.update({ where: { id: courseId }, data: { active } })
    await recordAudit(tx, staff.id, {
      action: active ? 'school_offer.course_on' : 'school_offer.course_off',
      entityType: 'venue',
      entityId: venueId,
      districtId: venue.districtId,
      summary: `「${venue.name}」${active ? '上架' : '下架'}课程「${course.title}」`,
    })
  })
}

const bookingSelect = {
  id: true,
  code: true,
  kind: true,
  status: true,
  visitDate: true,
  startsAt: true,
  endsAt: true,
  schoolName: true,
  teacherName: true,
  phone: true,
  grade: true,
  students: true,
  teachers: true,
  needs: true,
  schoolAddress: true,
  staffMessage: true,
  attendedStudents: true,
  attendedTeachers: true,
  createdAt: true,
  venue: { select: { id: true, name: true, districtId: true } },
  course: { select: { title: true } },
} satisfies Prisma.SchoolBookingSelect

export async function listSchoolBookings(
  staff: Staff,
  { status, from, to }: { status?: SchoolBookingStatus; from?: Date; to?: Date } = {},
) {
  const rows = await prisma.schoolBooking.findMany({
    where: {
      venue: venueScope(staff),
      ...(status ? { status } : {}),
      startsAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) },
    },
    orderBy: [{ startsAt: 'asc' }],
    take: 500,
    select: bookingSelect,
  })
  return rows.map(({ phone, ...row }) => ({ ...row, phoneMasked: maskMobile(phone) }))
}

async function requireBooking(tx: Prisma.TransactionClient | typeof prisma, staff: Staff, bookingId: string) {
  const booking = await tx.schoolBooking.findFirst({ where: { id: bookingId, venue: venueScope(staff) }, select: bookingSelect })
  if (!booking) throw new Refusal('找不到这份预约，或不在你的管理范围内。', undefined, 404)
  return booking
}

/** A teacher's full number, on purpose; logged like a resident's. */
export async function revealSchoolPhone(staff: Staff, bookingId: string, purpose: string): Promise<{ phone: string }> {
  const booking = await requireBooking(prisma, staff, bookingId)
  await recordAudit(prisma, staff.id, {
    action: 'school_booking.reveal_phone',
    entityType: 'school_booking',
    entityId: bookingId,
    districtId: booking.venue.districtId,
    summary: `查看完整手机号：${booking.teacherName}（${maskMobile(booking.phone)}），${booking.schoolName}，用途：${purpose}`,
  })
  return { phone: booking.phone }
}

const describe = (b: { schoolName: string; grade: string; students: number; visitDate: string; venue: { name: string } }) =>
  `${b.schoolName} ${gradeLabel(b.grade)} ${b.students} 人，${b.visitDate}，${b.venue.name}`

export async function decideSchoolBooking(
  staff: Staff,
  bookingId: string,
  decision: 'approve' | 'decline' | 'cancel',
  message: string | null,
  now = new Date(),
  origin = defaultOrigin(),
): Promise<void> {
  if (decision !== 'approve' && !message)
    throw new Refusal(decision === 'decline' ? '请写明拒绝的原因（老师会看到）。' : '请写明取消的原因（老师会看到）。', 'message')
  await prisma.$transaction(
    async (tx) => {
      const booking = await requireBooking(tx, staff, bookingId)
      if (decision === 'approve') {
        await approveBooking(tx, bookingId, staff.id, message, now)
      } else {
        const allowed: SchoolBookingStatus[] = decision === 'decline' ? ['PENDING'] : ['APPROVED']
        const { count } = await tx.schoolBooking.updateMany({
          where: { id: bookingId, status: { in: allowed } },
          data: {
            status: decision === 'decline' ? 'DECLINED' : 'CANCELLED',
            staffMessage: message,
            decidedAt: now,
            decidedById: staff.id,
            ...(decision === 'cancel' ? { cancelledAt: now } : {}),
          },
        })
        if (count !== 1) throw new Refusal(decision === 'decline' ? '只能拒绝待处理的申请。' : '只能取消已批准的预约。')
      }
      const template = ({ approve: 'school.approved', decline: 'school.declined', cancel: 'school.cancelled' } as const)[decision]
      await queueSchoolMessage(tx, bookingId, template, { origin, message })
      await recordAudit(tx, staff.id, {
        action: `school_booking.${decision}`,
        entityType: 'school_booking',
        entityId: bookingId,
        districtId: booking.venue.districtId,
        summary: `${{ approve: '批准', decline: '拒绝', cancel: '取消' }[decision]}学校预约：${describe(booking)}${message ? `。留言：${message}` : ''}`,
      })
    },
    { maxWait: 30_000, timeout: 30_000 },
  )
}

export async function markSchoolVisitDone(
  staff: Staff,
  bookingId: string,
  attended: { attendedStudents: number; attendedTeachers: number },
  now = new Date(),
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const booking = await requireBooking(tx, staff, bookingId)
    if (booking.startsAt > now) throw new Refusal('参观开始后才能登记完成。')
    const { count } = await tx.schoolBooking.updateMany({
      where: { id: bookingId, status: 'APPROVED' },
      data: { status: 'DONE', doneAt: now, ...attended },
    })
    if (count !== 1) throw new Refusal('只能登记已批准的预约。')
    await recordAudit(tx, staff.id, {
      action: 'school_booking.done',
      entityType: 'school_booking',
      entityId: bookingId,
      districtId: booking.venue.districtId,
      summary: `登记完成：${describe(booking)}，实到学生 ${attended.attendedStudents} 人、老师 ${attended.attendedTeachers} 人`,
    })
  })
}

/** School bookings as CSV for Excel (UTF-8 with BOM); teachers' phones masked. */
export async function schoolBookingsCsv(staff: Staff, filter: Parameters<typeof listSchoolBookings>[1] = {}): Promise<string> {
  return excelCsv(await schoolBookingsRows(staff, filter))
}

/** The export's rows (heading first), for the CSV and the .xlsx alike; teachers' phones masked. */
export async function schoolBookingsRows(staff: Staff, filter: Parameters<typeof listSchoolBookings>[1] = {}): Promise<ExportRows> {
  const rows = await listSchoolBookings(staff, filter)
  const header = [
    '预约码',
    '类型',
    '状态',
    '场馆',
    '课程',
    '日期',
    '开始',
    '结束',
    '学校',
    '年级',
    '学生',
    '老师',
    '带队老师',
    '手机号',
    '实到学生',
    '实到老师',
    '需求',
    '留言',
  ]
  const body = rows.map((r) => [
    r.code,
    r.kind === 'VISIT' ? '到馆参观' : '进校园',
    schoolStatusLabel[r.status],
    r.venue.name,
    r.course?.title ?? '',
    r.visitDate,
    r.startsAt,
    r.endsAt,
    r.schoolName,
    gradeLabel(r.grade),
    r.students,
    r.teachers,
    r.teacherName,
    r.phoneMasked,
    r.attendedStudents ?? '',
    r.attendedTeachers ?? '',
    r.needs ?? '',
    r.staffMessage ?? '',
  ])
  return [header, ...body]
}
