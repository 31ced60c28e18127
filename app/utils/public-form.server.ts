// The one way a public form is handled: CSRF token and honeypot checked, rate limits applied, the form parsed
// with the same zod schema the browser used, the model called, and a refusal put next to its field, all in the
// reader's language. Routes say only what differs: the schema, the limits and what to do with the value.
import { parseWithZod } from '@conform-to/zod'
import { json, type TypedResponse } from '@remix-run/node'
import { checkPublicForm, clientAddress } from '~/utils/form-security.server'
import { getT } from '~/utils/i18n.server'
import { consumeRateLimits, type RateLimit } from '~/utils/rate-limit.server'
import { Refusal } from '~/utils/refusal'
import { formErrorMap } from '~/utils/text-field'
import type { SubmissionResult } from '@conform-to/react'
import type { TFunction } from 'i18next'
import type { z } from 'zod'

export type FormReply = { result: SubmissionResult<string[]> }
type Limit = { key: string } & RateLimit

/**
 * A number's budget no stranger can use up (decision 014): `perAddress` tries for the number from one address, and
 * a ceiling of four times that for the number from everywhere, which takes a spread of addresses to reach.
 */
export function phoneLimits(prefix: string, phone: string, address: string, perAddress: number, windowSeconds: number): Limit[] {
  return [
    { key: `${prefix}:phone:${phone}:${address}`, limit: perAddress, windowSeconds },
    { key: `${prefix}:phone:${phone}`, limit: perAddress * 4, windowSeconds },
  ]
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
  /** Limits by the client's address, and by what the value names (a phone) once it parses. */
  limits: (address: string, value: z.output<Schema> | undefined) => Limit[]
  /** Fields never echoed back (passwords). */
  hideFields?: string[]
  /** Calls the model; a `Refusal` it throws is put next to its field. Returns the next response (a redirect). */
  submit: (value: z.output<Schema>, context: { t: TFunction; address: string }) => Promise<Response>
}

/**
 * The checks every public post passes first: CSRF token and honeypot, then the limits. Returns why it must stop
 * (in the reader's language, with the status to answer), or null.
 */
async function refusePost(
  request: Request,
  formData: FormData,
  t: TFunction,
  limits: Limit[],
): Promise<{ message: string; status: number } | null> {
  const problem = await checkPublicForm(request, formData)
  if (problem) return { message: problem, status: 403 }
  const limit = await consumeRateLimits(limits)
  if (!limit.allowed) return { message: t('site.tooManyTries', { minutes: Math.ceil(limit.retryAfterSeconds / 60) }), status: 429 }
  return null
}

export async function handlePublicForm<Schema extends z.ZodTypeAny>(
  request: Request,
  form: PublicForm<Schema>,
): Promise<TypedResponse<FormReply>> {
  const formData = await request.formData()
  const t = await getT(request)
  const submission = parseWithZod(formData, { schema: form.schema(t), errorMap: formErrorMap(t) })
  const reply = (errors: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }, status: number) =>
    json({ result: capEcho(submission.reply({ ...errors, hideFields: form.hideFields })) }, { status })

  const address = clientAddress(request)
  const stop = await refusePost(request, formData, t, form.limits(address, submission.status === 'success' ? submission.value : undefined))
  if (stop) return reply({ formErrors: [stop.message] }, stop.status)
  if (submission.status !== 'success') return reply({}, 400)
  try {
    return (await form.submit(submission.value, { t, address })) as TypedResponse<FormReply>
  } catch (error) {
    if (error instanceof Refusal) return reply(error.replyErrors(t), error.status)
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
  limits?: (address: string, value: z.output<Schema> | undefined) => Limit[]
  /** Fields never echoed back (passwords). */
  hideFields?: string[]
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
  const reply = (body: Partial<IntentReply>, status = 200, errors: Parameters<typeof submission.reply>[0] = {}) =>
    json(
      { error: null, message: null, result: submission.reply({ ...errors, hideFields: form.hideFields }), ...body } satisfies IntentReply,
      {
        status,
      },
    )

  const address = clientAddress(request)
  const stop = await refusePost(
    request,
    formData,
    t,
    form.limits?.(address, submission.status === 'success' ? submission.value : undefined) ?? [],
  )
  if (stop) return reply({ error: stop.message }, stop.status, { formErrors: [stop.message] })
  if (submission.status !== 'success') {
    // An intent the union does not name (a stale page) says so; otherwise the first field's message.
    const messages = Object.entries(submission.error ?? {}).flatMap(([name, list]) =>
      name === 'intent' ? [t('site.unknownAction')] : (list ?? []),
    )
    return reply({ error: messages[0] ?? t('site.unknownAction') }, 400)
  }
  try {
    const next = await form.submit(submission.value, { t, address })
    return next instanceof Response
      ? (next as TypedResponse<IntentReply>)
      : reply({ message: next?.message ?? null, until: next?.until ?? null })
  } catch (error) {
    if (error instanceof Refusal) return reply({ error: error.translate(t) }, error.status, error.replyErrors(t))
    throw error
  }
}
