// The registration form's rules, used by the browser (instant messages) and the server (the real check).
import { z } from 'zod'

export type RegistrationQuestion = {
  key: string
  label: string
  kind: 'text' | 'number' | 'choice'
  required: boolean
  options?: string[]
}

/** Reads an event's `questions` JSON, keeping only well-formed questions. */
export function readQuestions(value: unknown): RegistrationQuestion[] {
  const question = z.object({
    key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/),
    label: z.string().min(1),
    kind: z.enum(['text', 'number', 'choice']),
    required: z.boolean(),
    options: z.array(z.string()).optional(),
  })
  const parsed = z.array(z.unknown()).safeParse(value)
  if (!parsed.success) return []
  return parsed.data.flatMap((item) => {
    const q = question.safeParse(item)
    return q.success ? [q.data] : []
  })
}

/** Mainland China mobile numbers: 11 digits starting 13–19. Spaces, dashes and a +86 / 86 prefix are allowed. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/
export function normaliseMobile(value: string): string {
  const digits = value.replace(/[\s-]/g, '')
  return digits.replace(/^(\+?86)(?=1\d{10}$)/, '')
}

/** 138****5678: what lists and confirmations show. */
export function maskMobile(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****'
}

function answerSchema(q: RegistrationQuestion) {
  const required = `请填写“${q.label}”`
  if (q.kind === 'number') {
    const number = z.number({ required_error: required, invalid_type_error: `“${q.label}”请填写数字` }).int(`“${q.label}”请填写整数`).min(0, `“${q.label}”不能小于 0`).max(150, `“${q.label}”太大了`)
    return q.required ? number : number.optional()
  }
  if (q.kind === 'choice' && q.options?.length) {
    const choice = z.enum(q.options as [string, ...string[]], { required_error: `请选择“${q.label}”`, invalid_type_error: `请选择“${q.label}”` })
    return q.required ? choice : choice.optional()
  }
  const text = z.string({ required_error: required }).trim().max(200, `“${q.label}”请少于 200 字`)
  return q.required ? text.min(1, required) : text.optional()
}

export function registrationSchema({ maxPartySize, questions }: { maxPartySize: number; questions: RegistrationQuestion[] }) {
  const count = (label: string) =>
    z.number({ required_error: `请填写${label}人数`, invalid_type_error: `${label}人数请填写数字` })
      .int(`${label}人数请填写整数`).min(0, `${label}人数不能小于 0`).max(maxPartySize, `每份报名最多 ${maxPartySize} 人`)
  return z
    .object({
      name: z.string({ required_error: '请填写联系人姓名' }).trim().min(1, '请填写联系人姓名').max(40, '姓名请少于 40 字'),
      phone: z
        .string({ required_error: '请填写手机号' })
        .transform(normaliseMobile)
        .pipe(z.string().regex(MOBILE_PATTERN, '请填写 11 位中国大陆手机号，例如 13812345678')),
      adults: count('成人'),
      children: count('儿童'),
      answers: z.object(Object.fromEntries(questions.map((q) => [q.key, answerSchema(q)]))).default({}),
      consent: z.boolean({ required_error: '请阅读并同意个人信息的使用说明' }).refine((v) => v, '请阅读并同意个人信息的使用说明'),
    })
    .superRefine((value, ctx) => {
      const party = value.adults + value.children
      if (party < 1) ctx.addIssue({ code: 'custom', path: ['adults'], message: '至少 1 人参加' })
      else if (party > maxPartySize) ctx.addIssue({ code: 'custom', path: ['children'], message: `成人和儿童合计最多 ${maxPartySize} 人` })
    })
}

export type RegistrationInput = z.infer<ReturnType<typeof registrationSchema>>
