// Grades and the school forms' rules, shared by the browser and the server.
import { z } from 'zod'
import { MOBILE_PATTERN, normaliseMobile } from '~/utils/registration-schema'
import { latitudeField, longitudeField } from '~/utils/venue-schema'

/** Shanghai's 5-4-3 school years, plus kindergarten. */
export const GRADES = [
  { code: 'K', label: '幼儿园' },
  { code: 'G1', label: '一年级' }, { code: 'G2', label: '二年级' }, { code: 'G3', label: '三年级' }, { code: 'G4', label: '四年级' },
  { code: 'G5', label: '五年级' }, { code: 'G6', label: '六年级' }, { code: 'G7', label: '七年级' }, { code: 'G8', label: '八年级' },
  { code: 'G9', label: '九年级' }, { code: 'H1', label: '高一' }, { code: 'H2', label: '高二' }, { code: 'H3', label: '高三' },
] as const
export const GRADE_CODES = GRADES.map((g) => g.code) as [string, ...string[]]
export const gradeLabel = (code: string) => GRADES.find((g) => g.code === code)?.label ?? code

/** "三年级–六年级", or the single grade, for lists of codes in school order. */
export function gradeRange(codes: string[]): string {
  const sorted = GRADES.filter((g) => codes.includes(g.code))
  if (sorted.length === 0) return '不限'
  const first = GRADES.findIndex((g) => g.code === sorted[0].code)
  const contiguous = sorted.every((g, i) => GRADES[first + i]?.code === g.code)
  if (contiguous && sorted.length > 2) return `${sorted[0].label}至${sorted[sorted.length - 1].label}`
  return sorted.map((g) => g.label).join('、')
}

/** Teachers a class needs: one for every `studentsPerTeacher` students, rounded up. */
export function teachersNeeded(students: number, studentsPerTeacher: number): number {
  return Math.ceil(students / studentsPerTeacher)
}

export const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日']
export const minuteLabel = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`

const people = (label: string, max: number) =>
  z.number({ required_error: `请填写${label}`, invalid_type_error: `${label}请填写数字` }).int(`${label}请填写整数`).min(1, `${label}至少 1 人`).max(max, `${label}最多 ${max} 人`)

const teacherFields = {
  schoolName: z.string({ required_error: '请填写学校名称' }).trim().min(2, '请填写学校全称').max(60, '学校名称请少于 60 字'),
  teacherName: z.string({ required_error: '请填写带队老师姓名' }).trim().min(1, '请填写带队老师姓名').max(40, '姓名请少于 40 字'),
  phone: z.string({ required_error: '请填写手机号' }).transform(normaliseMobile).pipe(z.string().regex(MOBILE_PATTERN, '请填写 11 位中国大陆手机号，例如 13812345678')),
  grade: z.enum(GRADE_CODES, { required_error: '请选择年级', invalid_type_error: '请选择年级' }),
  students: people('学生人数', 1000),
  teachers: people('带队老师人数', 200),
  needs: z.string().trim().max(500, '需求说明请少于 500 字').optional(),
  courseId: z.string({ required_error: '请选择课程' }),
  consent: z.boolean({ required_error: '请阅读并同意个人信息的使用说明' }).refine((v) => v, '请阅读并同意个人信息的使用说明'),
}

/** A class visit: the slot field holds "YYYY-MM-DD|slotId" from the availability list. */
export const visitRequestSchema = z.object({
  ...teacherFields,
  slot: z.string({ required_error: '请选择参观日期和时段' }).regex(/^\d{4}-\d{2}-\d{2}\|[A-Za-z0-9_-]+$/, '请选择参观日期和时段'),
})
export type VisitRequestInput = z.infer<typeof visitRequestSchema>

/** 进校园: the programme comes to the school, on a date and at a time the school proposes. */
export const outreachRequestSchema = z.object({
  ...teacherFields,
  date: z.string({ required_error: '请选择日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '请选择日期'),
  startTime: z.string({ required_error: '请选择开始时间' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, '请选择开始时间'),
  schoolAddress: z.string({ required_error: '请填写学校地址' }).trim().min(4, '请填写学校地址').max(200, '地址请少于 200 字'),
  lat: latitudeField,
  lng: longitudeField,
})
export type OutreachRequestInput = z.infer<typeof outreachRequestSchema>

export const offerSchema = z.object({
  maxStudentsPerSlot: z.number({ required_error: '请填写每个时段最多学生数', invalid_type_error: '请填写数字' }).int('请填写整数').min(1, '至少 1 人').max(2000, '最多 2000 人'),
  studentsPerTeacher: z.number({ required_error: '请填写师生比', invalid_type_error: '请填写数字' }).int('请填写整数').min(1, '至少 1').max(100, '最多 100'),
  minNoticeDays: z.number({ required_error: '请填写需提前的天数', invalid_type_error: '请填写数字' }).int('请填写整数').min(0, '不能小于 0').max(180, '最多 180 天'),
  grades: z.array(z.enum(GRADE_CODES)).min(1, '请至少选择一个年级'),
  notes: z.string().trim().max(1000, '说明请少于 1000 字').optional(),
  outreachPerDay: z.number({ invalid_type_error: '请填写数字' }).int('请填写整数').min(0, '不能小于 0').max(20, '最多 20').default(0),
  active: z.boolean().default(false),
})

const clock = z.string({ required_error: '请填写时间' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式如 09:30')
export const slotSchema = z
  .object({ weekday: z.number({ required_error: '请选择星期' }).int().min(1, '请选择星期').max(7, '请选择星期'), start: clock, end: clock })
  .refine((v) => v.start < v.end, { path: ['end'], message: '结束时间要晚于开始时间' })

export const closedDateSchema = z.object({
  date: z.string({ required_error: '请选择日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '请选择日期'),
  reason: z.string().trim().max(60, '原因请少于 60 字').optional(),
})

export const courseSchema = z.object({
  courseId: z.string().optional(),
  kind: z.enum(['ON_SITE', 'OUTREACH'], { required_error: '请选择课程类型' }),
  title: z.string({ required_error: '请填写课程名称' }).trim().min(2, '课程名称至少 2 个字').max(60, '课程名称请少于 60 字'),
  durationMinutes: z.number({ required_error: '请填写时长', invalid_type_error: '时长请填写数字' }).int('请填写整数').min(15, '至少 15 分钟').max(480, '最多 480 分钟'),
  grades: z.array(z.enum(GRADE_CODES)).min(1, '请至少选择一个年级'),
  description: z.string({ required_error: '请填写课程内容' }).trim().min(4, '请写几句课程内容').max(2000, '课程内容请少于 2000 字'),
})

export const decisionSchema = z.object({
  bookingId: z.string(),
  message: z.string().trim().max(300, '留言请少于 300 字').optional(),
})

export const doneSchema = z.object({
  bookingId: z.string(),
  attendedStudents: z.number({ required_error: '请填写实到学生数', invalid_type_error: '请填写数字' }).int('请填写整数').min(0, '不能小于 0').max(2000, '太多了'),
  attendedTeachers: z.number({ required_error: '请填写实到老师数', invalid_type_error: '请填写数字' }).int('请填写整数').min(0, '不能小于 0').max(500, '太多了'),
})
