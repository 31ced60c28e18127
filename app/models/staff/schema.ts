// Form rules for staff accounts, shared by the browser (instant messages) and the server (the real check).
import { z } from 'zod'

export const emailField = z
  .string({ required_error: '请填写邮箱' })
  .trim()
  .toLowerCase()
  .max(200, '邮箱太长')
  .email('请填写正确的邮箱，例如 name@example.cn')

/** NIST 800-63B: length over composition rules; at least 10 characters, and not the email. */
export const newPasswordFields = {
  password: z.string({ required_error: '请填写新密码' }).min(10, '密码至少 10 个字符').max(128, '密码最多 128 个字符'),
  confirmPassword: z.string({ required_error: '请再次填写新密码' }),
}

function passwordsMatch<T extends { password: string; confirmPassword: string }>(value: T, ctx: z.RefinementCtx) {
  if (value.password !== value.confirmPassword) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: '两次填写的密码不一致' })
  if (/^(.)\1+$/.test(value.password)) ctx.addIssue({ code: 'custom', path: ['password'], message: '密码不能是同一个字符的重复' })
}

export const loginSchema = z.object({
  email: emailField,
  password: z.string({ required_error: '请填写密码' }).max(128, '密码最多 128 个字符'),
  redirectTo: z.string().optional(),
})

export const setPasswordSchema = z.object(newPasswordFields).superRefine(passwordsMatch)

export const changePasswordSchema = z
  .object({ currentPassword: z.string({ required_error: '请填写当前密码' }), ...newPasswordFields })
  .superRefine(passwordsMatch)

export const newStaffSchema = z.object({
  email: emailField,
  name: z.string({ required_error: '请填写姓名' }).trim().min(1, '请填写姓名').max(40, '姓名请少于 40 字'),
  role: z.enum(['PLATFORM_ADMIN', 'DISTRICT_ADMIN', 'ORG_STAFF'], { required_error: '请选择角色', invalid_type_error: '请选择角色' }),
  districtId: z.string().optional(),
  organisationId: z.string().optional(),
  // Ticked: the set-password link is e-mailed to the account instead of shown once here.
  sendLink: z.boolean().default(false),
})
