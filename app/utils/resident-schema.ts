// Resident account forms (科普护照), shared by the browser and the server.
import { z } from 'zod'
import { MOBILE_PATTERN, normaliseMobile } from '~/utils/registration-schema'

const phone = z.string({ required_error: '请填写手机号' }).transform(normaliseMobile).pipe(z.string().regex(MOBILE_PATTERN, '请填写 11 位中国大陆手机号，例如 13812345678'))

export const residentSignUpSchema = z
  .object({
    phone,
    password: z.string({ required_error: '请设置密码' }).min(8, '密码至少 8 个字符').max(128, '密码最多 128 个字符'),
    confirmPassword: z.string({ required_error: '请再次填写密码' }),
    consent: z.boolean({ required_error: '请阅读并同意个人信息的使用说明' }).refine((v) => v, '请阅读并同意个人信息的使用说明'),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: '两次填写的密码不一致' })

export const residentLoginSchema = z.object({
  phone,
  password: z.string({ required_error: '请填写密码' }).max(128, '密码最多 128 个字符'),
  redirectTo: z.string().optional(),
})

export const claimSchema = z.object({ code: z.string({ required_error: '请填写报名码' }).trim().min(8, '报名码是 8 位').max(12, '报名码是 8 位') })
