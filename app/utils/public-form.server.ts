// The one way a public form is handled: CSRF token and honeypot checked, rate limits applied, the form parsed
// with the same zod schema the browser used, the model called, and a refusal put next to its field, all in the
// reader's language. Routes say only what differs: the schema, the limits and what to do with the value.
import { parseWithZod } from '@conform-to/zod'
import { json, type TypedResponse } from '@remix-run/node'
import { getResident } from '~/models/passport/account.server'
import { checkPublicForm, clientAddress } from '~/utils/form-security.server'
import { getT } from '~/utils/i18n.server'
import { consumeRateLimits, type RateLimit } from '~/utils/infra/rate-limit.server'
import { Refusal, localized } from '~/utils/refusal'
import { formErrorMap } from '~/utils/text-field'
import type { SubmissionResult } from '@conform-to/react'
import type { TFunction } from 'i18next'
import type { z } from 'zod'

export type FormReply = { result: SubmissionResult<string[]> }
/** `numberCeiling`: the limit of a number from everywhere, refused with a message that says how to prove the number. */
type Limit = { key: string; numberCeiling?: true } & RateLimit

/**
 * A number's budget no stranger can use up (decision 014, issue 24): `perAddress` posts for the number from one
 * address, and a ceiling of four times that for the number from everywhere, which takes a spread of addresses to
 * reach and which holds only posts that have not proven the number: a resident signed in with that number
 * (`provenPhone`, proven by SMS at sign-up) is not counted by it, and the refusal says so.
 */
export function phoneLimits(
  prefix: string,
  phone: string,
  address: string,
  { perAddress, windowSeconds, provenPhone }: { perAddress: number; windowSeconds: number; provenPhone: string | null },
): Limit[] {
  const own: Limit = { key: `${prefix}:phone:${phone}:${address}`, limit: perAddress, windowSeconds }
  if (phone === provenPhone) return [own]
  return [own, { key: `${prefix}:phone:${phone}`, limit: perAddress * 4, windowSeconds, numberCeiling: true }]
}

/** The longest text any public field takes (a note of 500 characters) with room to spare: no echo is longer. */
export const MAX_ECHO_CHARACTERS = 1000

/** A refused form comes back with what was typed, each value cut to MAX_ECHO_CHARACTERS (decision 014). */
export function capEcho<Result extends SubmissionResult<string[]>>(result: Result): Result {
  const cap = (value: unknown): unknown =>
    typeof value === 'string'
      ? value.slice(0, MAX_ECHO_CHARACTERS)
      : Array.isArray(value)
        ? value.slice(0, 50).map(cap)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, cap(inner)]))
          : value
  return result.initialValue ? { ...result, initialValue: cap(result.initialValue) as Result['initialValue'] } : result
}

export type PublicForm<Schema extends z.ZodTypeAny> = {
  schema: (t: TFunction) => Schema
  /** Limits by the client's address, and by what the value names (a phone) once it parses; `provenPhone`: the
   *  signed-in resident's number, which phoneLimits does not hold to the number's ceiling. */
  limits: (address: string, value: z.output<Schema> | undefined, provenPhone: string | null) => Limit[]
  /** Fields never echoed back (passwords). */
  hideFields?: string[]
  /** The page renders the honeypot's inputs (forms anyone can post to create something): a post without them is refused. */
  honeypot?: boolean
  /** Calls the model; a `Refusal` it throws is put next to its field. Returns the next response (a redirect). */
  submit: (value: z.output<Schema>, context: { t: TFunction; address: string }) => Promise<Response>
}

/**
 * The checks every public post passes first: CSRF token and honeypot, then the limits. Returns why it must stop
 * (in the reader's language, with the status to answer), or null.
 */
async function refusePost(request: Request, formData: FormData, limits: Limit[], honeypot = false): Promise<Refusal | null> {
  const problem = await checkPublicForm(request, formData, { honeypot })
  if (problem) return new Refusal(problem, undefined, 403)
  // The client's own limits first: a post they refuse never counts against the number's ceiling.
  for (const [group, key] of [
    [limits.filter((limit) => !limit.numberCeiling), 'site.tooManyTries'],
    [limits.filter((limit) => limit.numberCeiling), 'site.numberBusy'],
  ] as const) {
    const limit = await consumeRateLimits(group)
    if (!limit.allowed)
      return new Refusal(
        localized(key, { minutes: Math.ceil(limit.retryAfterSeconds / 60) }),
        undefined,
        429,
        'RATE_LIMIT',
        limit.retryAfterSeconds,
      )
  }
  return null
}

/** The signed-in resident's number (proven by SMS when the account was made), or null. */
async function provenPhone(request: Request): Promise<string | null> {
  return (await getResident(request))?.phone ?? null
}

/** The answer's status, with Retry-After when the refusal says when to come back. */
function refusalInit(refusal: Refusal): ResponseInit {
  return { status: refusal.status, headers: refusal.retryAfterSeconds ? { 'Retry-After': String(refusal.retryAfterSeconds) } : undefined }
}

export async function handlePublicForm<Schema extends z.ZodTypeAny>(
  request: Request,
  form: PublicForm<Schema>,
): Promise<TypedResponse<FormReply>> {
  const formData = await request.formData()
  const t = await getT(request)
  const submission = parseWithZod(formData, { schema: form.schema(t), errorMap: formErrorMap(t) })
  const reply = (errors: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }, init: ResponseInit) =>
    json({ result: capEcho(submission.reply({ ...errors, hideFields: form.hideFields })) }, init)

  const address = clientAddress(request)
  const value = submission.status === 'success' ? submission.value : undefined
  const stop = await refusePost(request, formData, form.limits(address, value, await provenPhone(request)), form.honeypot)
  if (stop) return reply(stop.replyErrors(t), refusalInit(stop))
  if (submission.status !== 'success') return reply({}, { status: 400 })
  try {
    return (await form.submit(submission.value, { t, address })) as TypedResponse<FormReply>
  } catch (error) {
    if (error instanceof Refusal) return reply(error.replyErrors(t), refusalInit(error))
    throw error
  }
}

/**
 * What a page of buttons shows after a post: a refusal or a confirmation, in the reader's language. `result` is
 * conform's reply for pages whose forms have fields (every value as typed, each message next to its field), so a
 * post that only asks for something (an SMS code) re-renders the whole form without JavaScript. `until` is an
 * instant the message names (when the next code may be sent), for a countdown.
 */
export type IntentReply = { error: string | null; message: string | null; result?: SubmissionResult<string[]>; until?: string | null }

export type PublicIntent<Schema extends z.ZodTypeAny> = {
  /** A `z.discriminatedUnion('intent', [...])`: each form of the page names its intent in a hidden input or its button. */
  schema: (t: TFunction) => Schema
  limits?: (address: string, value: z.output<Schema> | undefined, provenPhone: string | null) => Limit[]
  /** Fields never echoed back (passwords). */
  hideFields?: string[]
  /** The page renders the honeypot's inputs: a post without them is refused. */
  honeypot?: boolean
  /** Calls the model; a `Refusal` it throws becomes the reply's error, with the refusal's status. Returns a
   *  response (a redirect), a message to confirm, or nothing. */
  submit: (
    value: z.output<Schema>,
    context: { t: TFunction; address: string },
  ) => Promise<Response | { message: string; until?: string } | void>
}

/**
 * The twin of `handlePublicForm` for private-link and account pages whose forms are buttons (cancel, accept,
 * claim): the same checks, one reply shape `{ error, message }` shown above the buttons rather than beside fields.
 */
export async function handlePublicIntent<Schema extends z.ZodTypeAny>(
  request: Request,
  form: PublicIntent<Schema>,
): Promise<TypedResponse<IntentReply>> {
  const formData = await request.formData()
  const t = await getT(request)
  const submission = parseWithZod(formData, { schema: form.schema(t), errorMap: formErrorMap(t) })
  const reply = (body: Partial<IntentReply>, init: ResponseInit = {}, errors: Parameters<typeof submission.reply>[0] = {}) =>
    json(
      {
        error: null,
        message: null,
        result: capEcho(submission.reply({ ...errors, hideFields: form.hideFields })),
        ...body,
      } satisfies IntentReply,
      init,
    )

  const address = clientAddress(request)
  const value = submission.status === 'success' ? submission.value : undefined
  const stop = await refusePost(request, formData, form.limits?.(address, value, await provenPhone(request)) ?? [], form.honeypot)
  if (stop) return reply({ error: stop.translate(t) }, refusalInit(stop), stop.replyErrors(t))
  if (submission.status !== 'success') {
    // An intent the union does not name (a stale page) says so; otherwise the first field's message.
    const messages = Object.entries(submission.error ?? {}).flatMap(([name, list]) =>
      name === 'intent' ? [t('site.unknownAction')] : (list ?? []),
    )
    return reply({ error: messages[0] ?? t('site.unknownAction') }, { status: 400 })
  }
  try {
    const next = await form.submit(submission.value, { t, address })
    return next instanceof Response
      ? (next as TypedResponse<IntentReply>)
      : reply({ message: next?.message ?? null, until: next?.until ?? null })
  } catch (error) {
    if (error instanceof Refusal) return reply({ error: error.translate(t) }, refusalInit(error), error.replyErrors(t))
    throw error
  }
}
