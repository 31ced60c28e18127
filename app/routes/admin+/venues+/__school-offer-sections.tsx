// The school-offer page's slot, closed-day and course sections (each list with its buttons and form); apart so the route stays thin.
import { RowActions } from '~/components/intent-form'
import { gradeRange, minuteLabel, WEEKDAYS } from '~/models/school-visit/schema'
import { ClosedForm, CourseForm, SlotForm } from '~/routes/admin+/venues+/__school-offer-forms'
import type { SubmissionResult } from '@conform-to/react'
import type { SerializeFrom } from '@remix-run/node'
import type { findVenueOfferForStaff } from '~/models/school-visit/admin.server'

/** The venue's school offer as the loader sends it. */
type SchoolOffer = NonNullable<SerializeFrom<NonNullable<Awaited<ReturnType<typeof findVenueOfferForStaff>>>>['schoolOffer']>
/** The offer, and the last answer of the action for a form of the page (by its id). */
type SectionProps = { offer: SchoolOffer; resultFor: (formId: string) => SubmissionResult<string[]> | undefined }

export function SlotsSection({ offer, resultFor }: SectionProps) {
  return (
    <section className="admin-section" aria-labelledby="slots-heading">
      <h2 id="slots-heading">每周开放时段</h2>
      <ul className="plain-list">
        {offer.slots.map((s) => (
          <li key={s.id}>
            {WEEKDAYS[s.weekday]} {minuteLabel(s.startMinute)}–{minuteLabel(s.endMinute)}
            <RowActions ids={{ id: s.id }}>
              <button
                type="submit"
                name="intent"
                value="remove-slot"
                className="link-button"
                aria-label={`移除${WEEKDAYS[s.weekday]} ${minuteLabel(s.startMinute)} 的时段`}
              >
                移除
              </button>
            </RowActions>
          </li>
        ))}
      </ul>
      <SlotForm lastResult={resultFor('slot')} />
    </section>
  )
}

export function ClosedDatesSection({ offer, resultFor }: SectionProps) {
  return (
    <section className="admin-section" aria-labelledby="closed-heading">
      <h2 id="closed-heading">不接待的日期</h2>
      <ul className="plain-list">
        {offer.closedDates.map((c) => (
          <li key={c.id}>
            {c.date}
            {c.reason ? `（${c.reason}）` : ''}
            <RowActions ids={{ id: c.id }}>
              <button type="submit" name="intent" value="remove-closed" className="link-button" aria-label={`恢复 ${c.date} 的接待`}>
                恢复接待
              </button>
            </RowActions>
          </li>
        ))}
      </ul>
      <ClosedForm lastResult={resultFor('closed')} />
    </section>
  )
}

export function CoursesSection({ offer, resultFor }: SectionProps) {
  return (
    <section className="admin-section" aria-labelledby="courses-heading">
      <h2 id="courses-heading">研学课程与进校园项目</h2>
      {offer.courses.map((c) => (
        <details key={c.id} className="session-admin">
          <summary>
            {c.title}（{c.kind === 'ON_SITE' ? '到馆' : '进校园'}，{c.durationMinutes} 分钟，{gradeRange(c.grades)}）
            {c.active ? '' : '【已下架】'}
          </summary>
          <CourseForm
            formId={`course-${c.id}`}
            lastResult={resultFor(`course-${c.id}`)}
            submitLabel="保存课程"
            defaultValue={{
              courseId: c.id,
              kind: c.kind,
              title: c.title,
              durationMinutes: String(c.durationMinutes),
              grades: c.grades,
              description: c.description,
            }}
          />
          <RowActions ids={{ id: c.id }}>
            <button type="submit" name="intent" value={c.active ? 'course-off' : 'course-on'}>
              {c.active ? '下架课程' : '重新上架'}
            </button>
          </RowActions>
        </details>
      ))}
      <h3>添加课程</h3>
      <CourseForm
        formId="course"
        lastResult={resultFor('course')}
        submitLabel="添加课程"
        defaultValue={{ kind: 'ON_SITE', durationMinutes: '90' }}
      />
    </section>
  )
}
