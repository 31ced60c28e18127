// The registration form's rules, used by the browser (instant messages) and the server (the real check).
import { z } from 'zod'
import { defaultLanguage, tFor } from '~/utils/i18n'
import { plainDecimal } from '~/utils/number-field'
import { phoneField, sendCodeSchema, smsCodeField } from '~/utils/phone'
import { consentField } from '~/utils/public-fields'
import { textField } from '~/utils/text-field'
import type { TFunction } from 'i18next'

export type RegistrationQuestion = {
  key: string
  label: string
  kind: 'text' | 'number' | 'choice'
  required: boolean
  options?: string[]
  /** Asked once per child (a child's age or grade): none when no children come, N answers for N children. */
  perChild?: boolean
}

/** Reads an event's `questions` JSON, keeping only well-formed questions. */
export function readQuestions(value: unknown): RegistrationQuestion[] {
  const question = z.object({
    key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/),
    label: z.string().min(1),
    kind: z.enum(['text', 'number', 'choice']),
    required: z.boolean(),
    options: z.array(z.string()).optional(),
    perChild: z.boolean().optional(),
  })
  const parsed = z.array(z.unknown()).safeParse(value)
  if (!parsed.success) return []
  return parsed.data.flatMap((item) => {
    const q = question.safeParse(item)
    return q.success ? [q.data] : []
  })
}

/** One answer: a question's whole answer, or one child's answer to a per-child question. */
function answerSchema(q: RegistrationQuestion, t: TFunction) {
  const label = q.label
  const required = t('register.errors.answer', { label })
  if (q.kind === 'number') {
    const number = plainDecimal(
      z
        .number({ required_error: required, invalid_type_error: t('register.errors.answerNumber', { label }) })
        .int(t('register.errors.answerInteger', { label }))
        .min(0, t('register.errors.answerNegative', { label }))
        .max(150, t('register.errors.answerTooBig', { label })),
    )
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

/**
 * A per-child question's answers, one per child in order: the form has an input per child (`answers.childAge[0]`,
 * `answers.childAge[1]` …). Before parsing the list is made as long as the children typed (`fitPerChildAnswers`),
 * so a required answer left empty, or missing because the count grew after the page drew its inputs, is refused next
 * to that child's input in the same pass as every other field's message.
 */
function perChildSchema(q: RegistrationQuestion, t: TFunction) {
  return z.array(answerSchema(q, t)).optional()
}

/**
 * Answers as they are kept: a per-child question's answers cut to the number of children (none when no child comes,
 * so answers typed for a child then taken off the form are not kept); the other questions as given. Used on the raw
 * form before parsing (an input left over for a child no longer counted is neither checked nor kept) and by the
 * model before storing.
 */
export function answersForParty(questions: RegistrationQuestion[], answers: unknown, children: number): Record<string, unknown> {
  const given = answers && typeof answers === 'object' && !Array.isArray(answers) ? (answers as Record<string, unknown>) : {}
  const count = Number.isInteger(children) && children > 0 ? children : 0
  const kept = { ...given }
  for (const q of questions) {
    if (!q.perChild) continue
    const list = Array.isArray(given[q.key]) ? (given[q.key] as unknown[]).slice(0, count) : []
    if (list.length) kept[q.key] = list
    else delete kept[q.key]
  }
  return kept
}

/**
 * Before parsing: each per-child question's answers as many as the children typed (at most the party's limit), cut
 * or filled with empty answers; left as they are while the number of children is not a whole number.
 */
function fitPerChildAnswers(questions: RegistrationQuestion[], maxPartySize: number) {
  return (value: unknown) => {
    if (!questions.some((q) => q.perChild) || !value || typeof value !== 'object') return value
    const form = value as Record<string, unknown>
    const children = typeof form.children === 'string' && /^\s*\d+\s*$/.test(form.children) ? Number(form.children) : form.children
    if (typeof children !== 'number' || !Number.isInteger(children)) return value
    const count = Math.max(0, Math.min(children, maxPartySize))
    const answers = answersForParty(questions, form.answers, count)
    for (const q of questions)
      if (q.perChild && count > 0) {
        const given = (answers[q.key] as unknown[] | undefined) ?? []
        answers[q.key] = Array.from({ length: count }, (_, i) => given[i])
      }
    return { ...form, answers }
  }
}

/**
 * How an answer reads in lists, exports and the private page: a per-child question's answers in children's order,
 * joined by the reader's list separator.
 */
export function answerText(value: unknown, separator: string): string {
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) return value.map((item) => answerText(item, separator)).join(separator)
  return String(value)
}

/** A registration's fields, and the rule across them (the party's size), apart so a staff page's intent union can reuse both. */
export function registrationRules(
  { maxPartySize, questions }: { maxPartySize: number; questions: RegistrationQuestion[] },
  t: TFunction = tFor(defaultLanguage),
) {
  const count = (who: string) =>
    plainDecimal(
      z
        .number({ required_error: t('register.errors.count', { who }), invalid_type_error: t('register.errors.countNumber', { who }) })
        .int(t('register.errors.countInteger', { who }))
        .min(0, t('register.errors.countNegative', { who }))
        .max(maxPartySize, t('register.errors.partyMax', { max: maxPartySize })),
    )
  const fields = z.object({
    name: textField(t, { required: t('register.errors.name'), max: [40, t('register.errors.nameLong')] }),
    phone: phoneField(t),
    adults: count(t('register.errors.adultsWho')),
    children: count(t('register.errors.childrenWho')),
    answers: z
      .object(Object.fromEntries(questions.map((q) => [q.key, q.perChild ? perChildSchema(q, t) : answerSchema(q, t)])))
      .default({}),
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
  /** The raw form before parsing, as the schemas below read it (one per-child answer per child typed). */
  const prepare = fitPerChildAnswers(questions, maxPartySize)
  return { fields, checkParty, prepare }
}

export function registrationSchema(
  event: { maxPartySize: number; questions: RegistrationQuestion[] },
  t: TFunction = tFor(defaultLanguage),
) {
  const { fields, checkParty, prepare } = registrationRules(event, t)
  // Typed as the object: the preprocessing only cuts per-child answers, so what goes in and comes out is the same.
  return z.preprocess(prepare, fields.superRefine(checkParty)) as unknown as z.ZodEffects<typeof fields>
}

export type RegistrationInput = z.infer<ReturnType<typeof registrationSchema>>

/**
 * The public registration page's one union: `send-code` (an activity marked 需要短信验证) and `register`, which
 * then needs the code as well.
 */
export function registrationPageSchema(
  event: { maxPartySize: number; questions: RegistrationQuestion[]; requiresSmsCode: boolean },
  t: TFunction = tFor(defaultLanguage),
) {
  const { fields, checkParty, prepare } = registrationRules(event, t)
  // A post without an intent (a script, an old page, Enter in a browser that skips the default button) registers.
  const registerByDefault = (value: unknown) =>
    prepare(value && typeof value === 'object' && !('intent' in value) ? { ...value, intent: 'register' } : value)
  const union = z
    .discriminatedUnion('intent', [
      sendCodeSchema(t),
      fields.extend({ intent: z.literal('register'), smsCode: event.requiresSmsCode ? smsCodeField(t) : z.string().optional() }),
    ])
    .superRefine((value, ctx) => {
      if (value.intent === 'register') checkParty(value, ctx)
    })
  // Typed as the union: the preprocessing only fills in a missing intent and cuts per-child answers, so what goes in
  // and comes out is the same.
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
