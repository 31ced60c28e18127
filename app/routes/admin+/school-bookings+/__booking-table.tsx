// The school bookings table (pending and this month) with each row's decision forms; apart so the route stays thin.
import { Form, Link } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { DataTable } from '~/components/data-table'
import { gradeLabel } from '~/models/school-visit/schema'
import { RevealPhone } from '~/routes/admin+/__reveal-phone'
import { formatDay } from '~/utils/format'
import { schoolStatusLabel } from '~/utils/labels'
import type { SerializeFrom } from '@remix-run/node'
import type { ReactNode } from 'react'
import type { listSchoolBookings } from '~/models/school-visit/admin.server'

/** A booking as the loader sends it (dates as strings). */
export type BookingRowData = SerializeFrom<Awaited<ReturnType<typeof listSchoolBookings>>[number]>

/** The action's answer, shown beside the booking it is about. */
export type BookingAnswer = { bookingId: string; error?: string | null; message?: string | null }

export function BookingTable({
  caption,
  prefix,
  bookings,
  answer,
}: {
  caption?: ReactNode
  prefix: string
  bookings: BookingRowData[]
  answer?: BookingAnswer
}) {
  return (
    <DataTable caption={caption} headings={['时间', '场馆与课程', '学校', '带队老师', '状态', '处理']}>
      {bookings.map((b) => (
        <BookingRow key={b.id} prefix={prefix} b={b} answer={answer} />
      ))}
    </DataTable>
  )
}

function BookingRow({ prefix, b, answer }: { prefix: string; b: BookingRowData; answer?: BookingAnswer }) {
  return (
    <tr id={`${prefix}-${b.id}`}>
      <td>
        {formatDay(b.startsAt)}
        <br />
        <small>{b.kind === 'VISIT' ? '到馆' : '进校园'}</small>
      </td>
      <td>
        {b.venue.name}
        <br />
        <small>{b.course?.title}</small>
      </td>
      <td>
        {b.schoolName}，{gradeLabel(b.grade)}
        <br />
        学生 {b.students}，老师 {b.teachers}
        {b.needs ? (
          <>
            <br />
            <small>需求：{b.needs}</small>
          </>
        ) : null}
      </td>
      <td>
        {b.teacherName}
        <br />
        <RevealPhone recordId={b.id} masked={b.phoneMasked} purpose="联系学校" kind="school" />
      </td>
      <td>
        <span
          className={`pill pill-${b.status === 'APPROVED' || b.status === 'DONE' ? 'published' : b.status === 'PENDING' ? 'draft' : 'cancelled'}`}
        >
          {schoolStatusLabel[b.status]}
        </span>{' '}
        <Link to={`/admin/messages/of/SchoolBooking/${b.id}`}>消息</Link>
        {b.status === 'DONE' ? (
          <>
            <br />
            <small>
              实到 {b.attendedStudents} + {b.attendedTeachers}
            </small>
          </>
        ) : null}
      </td>
      <td>
        {answer?.bookingId === b.id && answer.error ? (
          <p className="field-error" role="alert">
            {answer.error}
          </p>
        ) : null}
        {answer?.bookingId === b.id && answer.message ? <p role="status">{answer.message}</p> : null}
        {b.status === 'PENDING' || b.status === 'APPROVED' ? (
          <Form method="post" className="decision-form">
            <CsrfInput />
            <input type="hidden" name="bookingId" value={b.id} />
            <label htmlFor={`${prefix}-message-${b.id}`}>给老师的留言</label>
            <input id={`${prefix}-message-${b.id}`} name="message" type="text" />
            {b.status === 'PENDING' ? (
              <>
                <button type="submit" name="intent" value="approve" className="primary">
                  批准
                </button>
                <button type="submit" name="intent" value="decline" className="danger">
                  拒绝
                </button>
              </>
            ) : (
              <button type="submit" name="intent" value="cancel" className="danger">
                取消预约
              </button>
            )}
          </Form>
        ) : null}
        {b.status === 'APPROVED' && new Date(b.startsAt).getTime() <= Date.now() ? (
          <Form method="post" className="decision-form">
            <CsrfInput />
            <input type="hidden" name="bookingId" value={b.id} />
            <label htmlFor={`${prefix}-students-${b.id}`}>实到学生</label>
            <input id={`${prefix}-students-${b.id}`} name="attendedStudents" type="number" min={0} defaultValue={b.students} />
            <label htmlFor={`${prefix}-teachers-${b.id}`}>实到老师</label>
            <input id={`${prefix}-teachers-${b.id}`} name="attendedTeachers" type="number" min={0} defaultValue={b.teachers} />
            <button type="submit" name="intent" value="done">
              登记完成
            </button>
          </Form>
        ) : null}
      </td>
    </tr>
  )
}
