// School visit staff forms: the venue's offer, slots, closed days, courses and decisions. Chinese only.
import { z } from 'zod'
import { GRADE_CODES } from '~/models/school-visit/schema'
import { plainDecimal } from '~/utils/number-field'

export const offerSchema = z.object({
  maxStudentsPerSlot: plainDecimal(
    z
      .number({ required_error: '请填写每个时段最多学生数', invalid_type_error: '请填写数字' })
      .int('请填写整数')
      .min(1, '至少 1 人')
      .max(2000, '最多 2000 人'),
  ),
  studentsPerTeacher: plainDecimal(
    z.number({ required_error: '请填写师生比', invalid_type_error: '请填写数字' }).int('请填写整数').min(1, '至少 1').max(100, '最多 100'),
  ),
  minNoticeDays: plainDecimal(
    z
      .number({ required_error: '请填写需提前的天数', invalid_type_error: '请填写数字' })
      .int('请填写整数')
      .min(0, '不能小于 0')
      .max(180, '最多 180 天'),
  ),
  grades: z.array(z.enum(GRADE_CODES)).min(1, '请至少选择一个年级'),
  notes: z.string().trim().max(1000, '说明请少于 1000 字').optional(),
  outreachPerDay: plainDecimal(
    z.number({ invalid_type_error: '请填写数字' }).int('请填写整数').min(0, '不能小于 0').max(20, '最多 20'),
  ).default(0),
  active: z.boolean().default(false),
})

const clock = z.string({ required_error: '请填写时间' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式如 09:30')
/** A weekly slot's fields; `checkSlot` holds the rule across them (the offer page's intent union reuses both). */
export const slotFields = z.object({
  weekday: plainDecimal(z.number({ required_error: '请选择星期' }).int().min(1, '请选择星期').max(7, '请选择星期')),
  start: clock,
  end: clock,
})

export function checkSlot(value: z.output<typeof slotFields>, ctx: z.RefinementCtx): void {
  if (value.start >= value.end) ctx.addIssue({ code: 'custom', path: ['end'], message: '结束时间要晚于开始时间' })
}

export const slotSchema = slotFields.superRefine(checkSlot)

export const closedDateSchema = z.object({
  date: z.string({ required_error: '请选择日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '请选择日期'),
  reason: z.string().trim().max(60, '原因请少于 60 字').optional(),
})

export const courseSchema = z.object({
  courseId: z.string().optional(),
  kind: z.enum(['ON_SITE', 'OUTREACH'], { required_error: '请选择课程类型' }),
  title: z.string({ required_error: '请填写课程名称' }).trim().min(2, '课程名称至少 2 个字').max(60, '课程名称请少于 60 字'),
  durationMinutes: plainDecimal(
    z
      .number({ required_error: '请填写时长', invalid_type_error: '时长请填写数字' })
      .int('请填写整数')
      .min(15, '至少 15 分钟')
      .max(480, '最多 480 分钟'),
  ),
  grades: z.array(z.enum(GRADE_CODES)).min(1, '请至少选择一个年级'),
  description: z.string({ required_error: '请填写课程内容' }).trim().min(4, '请写几句课程内容').max(2000, '课程内容请少于 2000 字'),
})

export const decisionSchema = z.object({
  bookingId: z.string(),
  message: z.string().trim().max(300, '留言请少于 300 字').optional(),
})

export const doneSchema = z.object({
  bookingId: z.string(),
  attendedStudents: plainDecimal(
    z
      .number({ required_error: '请填写实到学生数', invalid_type_error: '请填写数字' })
      .int('请填写整数')
      .min(0, '不能小于 0')
      .max(2000, '太多了'),
  ),
  attendedTeachers: plainDecimal(
    z
      .number({ required_error: '请填写实到老师数', invalid_type_error: '请填写数字' })
      .int('请填写整数')
      .min(0, '不能小于 0')
      .max(500, '太多了'),
  ),
})
