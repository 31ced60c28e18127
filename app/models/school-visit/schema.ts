// Grades and the school forms' rules, shared by the browser and the server; messages in the reader's language.
import { z } from 'zod'
import zhCN from '~/locales/zh-CN'
import { defaultLanguage, tFor } from '~/utils/i18n'
import { plainDecimal } from '~/utils/number-field'
import { phoneField } from '~/utils/phone'
import { pointFields } from '~/utils/point-schema'
import { consentField, optionalEmailField } from '~/utils/public-fields'
import { textField } from '~/utils/text-field'
import type { TFunction } from 'i18next'

/** Shanghai's 5-4-3 school years, plus kindergarten; their names are the catalogue's `grade.<code>`. */
export const GRADE_CODES = Object.keys(zhCN.grade) as [string, ...string[]]
export type GradeCode = keyof typeof zhCN.grade
/** Chinese names, for the staff pages. */
export const GRADES = GRADE_CODES.map((code) => ({ code, label: zhCN.grade[code as GradeCode] }))

const zh = tFor(defaultLanguage)
export const gradeLabel = (code: string, t: TFunction = zh): string => (code in zhCN.grade ? t(`grade.${code as GradeCode}`) : code)

/** "三年级至六年级" / "Grade 3 to Grade 6", or the grades listed, for codes in school order. */
export function gradeRange(codes: string[], t: TFunction = zh): string {
  const sorted = GRADE_CODES.filter((code) => codes.includes(code))
  if (sorted.length === 0) return t('gradeAny')
  const first = GRADE_CODES.indexOf(sorted[0])
  const contiguous = sorted.every((code, i) => GRADE_CODES[first + i] === code)
  if (contiguous && sorted.length > 2)
    return t('gradeSpan', { first: gradeLabel(sorted[0], t), last: gradeLabel(sorted[sorted.length - 1], t) })
  return sorted.map((code) => gradeLabel(code, t)).join(t('site.listSeparator'))
}

/** Teachers a class needs: one for every `studentsPerTeacher` students, rounded up. */
export function teachersNeeded(students: number, studentsPerTeacher: number): number {
  return Math.ceil(students / studentsPerTeacher)
}

/** ISO weekday (1 = Monday) to its short name. */
const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export const weekdayLabel = (weekday: number, t: TFunction = zh): string =>
  weekday >= 1 && weekday <= 7 ? t(`weekday.${WEEKDAY_KEYS[weekday - 1]}`) : ''
/** Chinese names by ISO weekday, for the staff pages (index 0 unused). */
export const WEEKDAYS: string[] = ['', ...[1, 2, 3, 4, 5, 6, 7].map((d) => weekdayLabel(d))]
export const minuteLabel = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`

function teacherFields(t: TFunction) {
  const people = (label: string, max: number) =>
    plainDecimal(
      z
        .number({ required_error: t('form.required', { label }), invalid_type_error: t('form.number', { label }) })
        .int(t('form.integer', { label }))
        .min(1, t('school.errors.peopleMin', { label }))
        .max(max, t('school.errors.peopleMax', { label, max })),
    )
  return {
    schoolName: textField(t, {
      required: t('school.errors.schoolName'),
      min: [2, t('school.errors.schoolNameFull')],
      max: [60, t('school.errors.schoolNameLong')],
    }),
    teacherName: textField(t, { required: t('school.errors.teacherName'), max: [40, t('school.errors.teacherNameLong')] }),
    phone: phoneField(t),
    email: optionalEmailField(t),
    grade: z.enum(GRADE_CODES, { required_error: t('school.errors.grade'), invalid_type_error: t('school.errors.grade') }),
    students: people(t('school.students'), 1000),
    teachers: people(t('school.teachers'), 200),
    needs: textField(t, { max: [500, t('school.errors.needsLong')], multiline: true }).optional(),
    courseId: z.string({ required_error: t('school.errors.course') }),
    consent: consentField(t),
  }
}

/** A class visit: the slot field holds "YYYY-MM-DD|slotId" from the availability list. */
export function visitRequestSchema(t: TFunction) {
  return z.object({
    ...teacherFields(t),
    slot: z.string({ required_error: t('school.errors.slot') }).regex(/^\d{4}-\d{2}-\d{2}\|[A-Za-z0-9_-]+$/, t('school.errors.slot')),
  })
}
export type VisitRequestInput = z.infer<ReturnType<typeof visitRequestSchema>>

/** 进校园: the programme comes to the school, on a date and at a time the school proposes. */
export function outreachRequestSchema(t: TFunction) {
  const point = pointFields(t)
  return z.object({
    ...teacherFields(t),
    date: z.string({ required_error: t('school.errors.date') }).regex(/^\d{4}-\d{2}-\d{2}$/, t('school.errors.date')),
    startTime: z.string({ required_error: t('school.errors.startTime') }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, t('school.errors.startTime')),
    schoolAddress: textField(t, {
      required: t('school.errors.address'),
      min: [4, t('school.errors.address')],
      max: [200, t('school.errors.addressLong')],
    }),
    lat: point.lat,
    lng: point.lng,
  })
}
export type OutreachRequestInput = z.infer<ReturnType<typeof outreachRequestSchema>>

/** Either request, told apart by the form's hidden `kind` field (visit when absent). */
export function schoolRequestSchema(t: TFunction) {
  const requests = z.discriminatedUnion('kind', [
    visitRequestSchema(t).extend({ kind: z.literal('visit') }),
    outreachRequestSchema(t).extend({ kind: z.literal('outreach') }),
  ])
  return z.preprocess(
    (form) =>
      typeof form === 'object' && form !== null && 'kind' in form && form.kind === 'outreach'
        ? form
        : { ...(form as object), kind: 'visit' },
    requests,
  )
}
