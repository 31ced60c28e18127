// The registration form's rules, used by the browser (instant messages) and the server (the real check).
import { z } from 'zod'
import { defaultLanguage, tFor } from '~/utils/i18n'
import { textField } from '~/utils/text-field'
import type { TFunction } from 'i18next'

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

/** The mobile number every public form asks for, normalised first. */
export function phoneField(t: TFunction) {
  return z
    .string({ required_error: t('form.phone') })
    .transform(normaliseMobile)
    .pipe(z.string().regex(MOBILE_PATTERN, t('form.phoneInvalid')))
}

/** An optional e-mail address for messages besides the SMS: a valid address, or nothing. */
export function optionalEmailField(t: TFunction) {
  return z.string().trim().max(200, t('form.emailInvalid')).email(t('form.emailInvalid')).toLowerCase().optional()
}

/** The PIPL consent box every public form ends with. */
export function consentField(t: TFunction) {
  return z.boolean({ required_error: t('form.consent') }).refine((v) => v, t('form.consent'))
}

function answerSchema(q: RegistrationQuestion, t: TFunction) {
  const label = q.label
  const required = t('register.errors.answer', { label })
  if (q.kind === 'number') {
    const number = z
      .number({ required_error: required, invalid_type_error: t('register.errors.answerNumber', { label }) })
      .int(t('register.errors.answerInteger', { label }))
      .min(0, t('register.errors.answerNegative', { label }))
      .max(150, t('register.errors.answerTooBig', { label }))
    return q.required ? number : number.optional()
  }
  if (q.kind === 'choice' && q.options?.length) {
    const choose = t('register.errors.answerChoose', { label })
    const choice = z.enum(q.options as [string, ...string[]], { required_error: choose, invalid_type_error: choose })
    return q.required ? choice : choice.optional()
  }
  const max: [number, string] = [200, t('register.errors.answerLong', { label })]
  return q.required ? textField(t, { required, max }) : textField(t, { max }).optional()
}

/** The rules for one event's form; messages in the reader's language (Chinese for staff and by default). */
/** A registration's fields, and the rule across them (the party's size), apart so a staff page's intent union can reuse both. */
export function registrationRules(
  { maxPartySize, questions }: { maxPartySize: number; questions: RegistrationQuestion[] },
  t: TFunction = tFor(defaultLanguage),
) {
  const count = (who: string) =>
    z
      .number({ required_error: t('register.errors.count', { who }), invalid_type_error: t('register.errors.countNumber', { who }) })
      .int(t('register.errors.countInteger', { who }))
      .min(0, t('register.errors.countNegative', { who }))
      .max(maxPartySize, t('register.errors.partyMax', { max: maxPartySize }))
  const fields = z.object({
    name: textField(t, { required: t('register.errors.name'), max: [40, t('register.errors.nameLong')] }),
    phone: phoneField(t),
    adults: count(t('register.errors.adultsWho')),
    children: count(t('register.errors.childrenWho')),
    answers: z.object(Object.fromEntries(questions.map((q) => [q.key, answerSchema(q, t)]))).default({}),
    // A checkbox, ticked by default: unticked, nothing is sent, so it reads as no reminders.
    reminders: z.boolean().default(false),
    consent: consentField(t),
  })
  const checkParty = (value: { adults: number; children: number }, ctx: z.RefinementCtx) => {
    const party = value.adults + value.children
    if (party < 1) ctx.addIssue({ code: 'custom', path: ['adults'], message: t('register.errors.partyMin') })
    else if (party > maxPartySize)
      ctx.addIssue({ code: 'custom', path: ['children'], message: t('register.errors.partyTotal', { max: maxPartySize }) })
  }
  return { fields, checkParty }
}

export function registrationSchema(
  event: { maxPartySize: number; questions: RegistrationQuestion[] },
  t: TFunction = tFor(defaultLanguage),
) {
  const { fields, checkParty } = registrationRules(event, t)
  return fields.superRefine(checkParty)
}

export type RegistrationInput = z.infer<ReturnType<typeof registrationSchema>>

/** The 6-digit SMS code (decision 012); spaces typed between digits are dropped. */
export function smsCodeField(t: TFunction) {
  return z
    .string({ required_error: t('phoneCode.required') })
    .transform((value) => value.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, t('phoneCode.format')))
}

/** Asking for an SMS code: only the number is checked; the rest of the form comes back as typed. */
export function sendCodeSchema(t: TFunction) {
  return z.object({ intent: z.literal('send-code'), phone: phoneField(t) })
}

/**
 * The public registration page's one union: `send-code` (an activity marked 需要短信验证) and `register`, which
 * then needs the code as well.
 */
export function registrationPageSchema(
  event: { maxPartySize: number; questions: RegistrationQuestion[]; requiresSmsCode: boolean },
  t: TFunction = tFor(defaultLanguage),
) {
  const { fields, checkParty } = registrationRules(event, t)
  // A post without an intent (a script, an old page, Enter in a browser that skips the default button) registers.
  const registerByDefault = (value: unknown) =>
    value && typeof value === 'object' && !('intent' in value) ? { ...value, intent: 'register' } : value
  const union = z
    .discriminatedUnion('intent', [
      sendCodeSchema(t),
      fields.extend({ intent: z.literal('register'), smsCode: event.requiresSmsCode ? smsCodeField(t) : z.string().optional() }),
    ])
    .superRefine((value, ctx) => {
      if (value.intent === 'register') checkParty(value, ctx)
    })
  // Typed as the union: the preprocessing only fills in a missing intent, so what goes in and comes out is the same.
  return z.preprocess(registerByDefault, union) as unknown as typeof union
}

/** A registration code as typed: upper case, without the spaces or dashes people add ("k7mp 2qxa"). */
const REGISTRATION_CODE_PATTERN = /^[2-9A-Z]{8}$/

/** 找回我的报名: the phone the person registered with and the registration code, as /menu/track asks for an order. */
export function findRegistrationSchema(t: TFunction) {
  return z.object({
    phone: phoneField(t),
    code: z
      .string({ required_error: t('findRegistration.codeInvalid') })
      .transform((value) => value.toUpperCase().replace(/[\s-]/g, ''))
      .pipe(z.string().regex(REGISTRATION_CODE_PATTERN, t('findRegistration.codeInvalid'))),
  })
}

/**
 * 找回我的报名's one union: by phone and registration code (`find-by-code`), or by an SMS code to the phone
 * (`send-code`, then `find-by-sms`).
 */
export function findRegistrationPageSchema(t: TFunction) {
  return z.discriminatedUnion('intent', [
    findRegistrationSchema(t).extend({ intent: z.literal('find-by-code') }),
    sendCodeSchema(t),
    z.object({ intent: z.literal('find-by-sms'), phone: phoneField(t), smsCode: smsCodeField(t) }),
  ])
}
