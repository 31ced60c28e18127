// The one way every post is handled, public or staff (decision 030): who may post (`access`), then the form parsed
// with the zod schema the browser used, then the model called, and one reply (`FormReply`) for whatever stops it.
//   public: the CSRF check and the honeypot (one call, so the check can change without the pipeline), the rate
//           limits, messages in the reader's language;
//   staff:  the route's guard first (sign-in, role, the thing in the staff member's scope: 302, 403 or 404 before
//           anything is read), then the staff CSRF token (a forged post is thrown out as 403).
// A form that does not parse answers 400; a `Refusal` the model throws answers its own status (409 a rule said no,
// 404, 429 with Retry-After), its message next to its field or above the form. A post that succeeds redirects,
// usually with a notice (`redirectWithToast`); `ctx.done(message)` is that, back to the page that posted.
// A form with files names them (`files`, decision 038): after the guard, the multipart body is read with each file
// held to its limit while it streams, the token checked, then each file checked by its content; a refused file is a
// message next to its field (413 too large, 400 not a kind the field takes), the other fields kept, nothing stored.
// `submit` gets each file as a File typed by its content, and the model stores it through the storage module.
import { parseWithZod } from '@conform-to/zod'
import { json, type TypedResponse } from '@remix-run/node'
import { getResident } from '~/models/passport/account.server'
import { checkPublicForm, clientAddress, requireValidCsrf } from '~/utils/form-security.server'
import { getT } from '~/utils/i18n.server'
import { consumeRateLimits, type RateLimit } from '~/utils/infra/rate-limit.server'
import { checkUpload, readUploadForm, type FileRule } from '~/utils/infra/storage/read-upload.server'
import { Refusal, localized } from '~/utils/refusal'
import { formErrorMap } from '~/utils/text-field'
import { redirectWithToast } from '~/utils/toast.server'
import type { SubmissionResult } from '@conform-to/react'
import type { TFunction } from 'i18next'
import type { z } from 'zod'

/**
 * The one answer of a post that did not move on. `form`: which form of the page it belongs to (its intent, or what
 * the route's `formOf` says), so a page of several forms shows it beside the right one. `result`: conform's reply,
 * every value as typed and each message next to its field (the form's own messages under ''). `error`: the
 * form-level message, for forms of buttons that have no fields to put it beside. `message` and `until`: what a post
 * that keeps the form on the page says (an SMS code sent, and when the next may be asked for). `data`: what such a
 * post hands the page besides (a one-time link to copy, a number revealed): never a notice, never in a URL.
 */
export type FormReply<Data = null> = {
  form: string | null
  result: SubmissionResult<string[]>
  error: string | null
  message: string | null
  until: string | null
  data: Data | null
}

/** What `submit` returns to keep the page: a message, when to ask again, what the page needs; a reset form; headers
 *  for the answer (private links in `data`: never cached, never sent on as a referrer). A `refusal` caught by
 *  `submit` itself, for a page that must keep its `data` beside the refusal (a preview). */
export type Stay<Data> = { message?: string; until?: string; data?: Data; resetForm?: boolean; headers?: HeadersInit; refusal?: Refusal }

/** `numberCeiling`: the limit of a number from everywhere, refused with a message that says how to prove the number. */
export type Limit = { key: string; numberCeiling?: true } & RateLimit

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

/** Anyone may post: the CSRF token and the honeypot, then the limits. */
export type PublicAccess<Value> = {
  public: true
  /** The page renders the honeypot's inputs (forms anyone can post to create something): a post without them is refused. */
  honeypot?: boolean
  /** Limits by the client's address, and by what the value names (a phone) once it parses; `provenPhone`: the
   *  signed-in resident's number, which phoneLimits does not hold to the number's ceiling. */
  limits?: (address: string, value: Value | undefined, provenPhone: string | null) => Limit[]
}

/** Staff only: the route's guard (requireStaff, a role, the record in scope), which answers who is posting. */
export type StaffAccess<Actor> = { staff: (request: Request) => Promise<Actor> }

export type FormContext<Actor> = {
  t: TFunction
  address: string
  /** What the staff guard answered (the staff member and what it loaded); undefined on public forms. */
  actor: Actor
  /** The signed-in resident (read once per post, shared with the limits' proven number), or null. */
  resident: () => ReturnType<typeof getResident>
  /** Back to the page that posted (or `to`) with a notice shown once: the end of most staff posts. */
  done: (message: string, to?: string) => Promise<Response>
}

// `schema` before `access` in a call: TypeScript infers the value's type from the first, for the limits and `submit`.
type FormSpec<Schema extends z.ZodTypeAny, Actor, Data> = {
  access: PublicAccess<z.output<Schema>> | StaffAccess<Actor>
  /** The schema the browser used; a function of `t` where its messages are in the reader's language, and of what
   *  the staff guard loaded where the form depends on it (an activity's own questions). */
  schema: (t: TFunction, actor: Actor) => Schema
  /** Which form of the page a reply belongs to; by default the posted `intent`. */
  formOf?: (formData: FormData) => string | null
  /** The form's file fields, each with the kinds it takes (by content) and its limit in bytes (decision 038). The
   *  schema declares them (`uploadField`), so `submit` gets each as a checked File in the value. */
  files?: Record<string, FileRule>
  /** Fields never echoed back (passwords). */
  hideFields?: string[]
  /** For a post with no page of its own (a button on a list that posts to a resource route): the page to go back to,
   *  with the notice on success (`done`) and a refusal as an error notice there. */
  back?: (value: z.output<Schema>) => string
  /** Calls the model; a `Refusal` it throws becomes the reply, with the refusal's status. Returns a response (a
   *  redirect), or what the page says while keeping the form (an SMS code sent). */
  submit: (value: z.output<Schema>, context: FormContext<Actor>) => Promise<Response | Stay<Data>>
}

/** The public checks: CSRF token and honeypot, then the limits. Returns why the post must stop, or null. */
async function refusePublicPost(request: Request, formData: FormData, limits: Limit[], honeypot = false): Promise<Refusal | null> {
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

/** The page a post came from, to go back to: the `?index` Remix adds for index routes dropped. */
export function backTo(request: Request): string {
  const url = new URL(request.url)
  url.searchParams.delete('index')
  return url.pathname + url.search
}

export type PublicFormSpec<Schema extends z.ZodTypeAny, Data> = FormSpec<Schema, undefined, Data> & {
  access: PublicAccess<z.output<Schema>>
}
export type StaffFormSpec<Schema extends z.ZodTypeAny, Actor, Data> = FormSpec<Schema, Actor, Data> & { access: StaffAccess<Actor> }

export function handleForm<Schema extends z.ZodTypeAny, Data = null>(
  request: Request,
  spec: PublicFormSpec<Schema, Data>,
): Promise<TypedResponse<FormReply<Data>>>
export function handleForm<Schema extends z.ZodTypeAny, Actor, Data = null>(
  request: Request,
  spec: StaffFormSpec<Schema, Actor, Data>,
): Promise<TypedResponse<FormReply<Data>>>
export async function handleForm<Schema extends z.ZodTypeAny, Actor, Data>(
  request: Request,
  spec: FormSpec<Schema, Actor, Data>,
): Promise<TypedResponse<FormReply<Data>>> {
  // Staff: the guard before anything is read (an unsigned post is sent to sign in, one out of scope gets 403/404).
  const actor = 'staff' in spec.access ? await spec.access.staff(request) : (undefined as Actor)
  const t = await getT(request)
  // Files: each held to its limit while the body streams; a body that cannot be read stops here.
  let read: { formData: FormData; refused: Refusal[] }
  try {
    read = spec.files ? await readUploadForm(request, spec.files) : { formData: await request.formData(), refused: [] }
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    const empty = { status: 'error', initialValue: {}, error: { '': [error.translate(t)] } } satisfies SubmissionResult<string[]>
    return json(
      { form: null, result: empty, error: error.translate(t), message: null, until: null, data: null } satisfies FormReply<Data>,
      {
        status: error.status,
      },
    )
  }
  const { formData } = read
  if ('staff' in spec.access) await requireValidCsrf(request, formData)
  const schema = spec.schema(t, actor)
  let submission = parseWithZod(formData, { schema, errorMap: formErrorMap(t) })
  const intent = formData.get('intent')
  const form = spec.formOf ? spec.formOf(formData) : typeof intent === 'string' ? intent : null
  const reply = (
    errors: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; resetForm?: boolean },
    init: ResponseInit,
    extra: Partial<FormReply<Data>> = {},
  ) =>
    json(
      {
        form,
        result: capEcho(submission.reply({ ...errors, hideFields: spec.hideFields })),
        error: null,
        message: null,
        until: null,
        data: null,
        ...extra,
      } satisfies FormReply<Data>,
      init,
    )
  // A refusal answers its own status, with Retry-After when it says when to come back.
  const refuse = (refusal: Refusal, data: Data | null = null) =>
    reply(
      refusal.replyErrors(t),
      { status: refusal.status, headers: refusal.retryAfterSeconds ? { 'Retry-After': String(refusal.retryAfterSeconds) } : undefined },
      { error: refusal.translate(t), data },
    )

  const address = clientAddress(request)
  let signedIn: ReturnType<typeof getResident> | undefined
  const resident = () => (signedIn ??= getResident(request))
  if ('public' in spec.access) {
    const value = submission.status === 'success' ? submission.value : undefined
    const provenPhone = spec.access.limits ? ((await resident())?.phone ?? null) : null
    const stop = await refusePublicPost(request, formData, spec.access.limits?.(address, value, provenPhone) ?? [], spec.access.honeypot)
    if (stop) return refuse(stop)
  }
  // Files by content, once the post is known to be allowed: a refused one goes next to its field, the rest kept.
  if (spec.files) {
    const refused = [...read.refused]
    for (const [field, rule] of Object.entries(spec.files)) {
      const file = formData.get(field)
      if (!(file instanceof File)) continue
      try {
        formData.set(field, await checkUpload(field, file, rule))
      } catch (error) {
        if (!(error instanceof Refusal)) throw error
        formData.delete(field)
        refused.push(error)
      }
    }
    submission = parseWithZod(formData, { schema, errorMap: formErrorMap(t) })
    if (refused.length) {
      const fieldErrors = Object.fromEntries(refused.map((refusal) => [refusal.field!, [refusal.translate(t)]]))
      return reply({ fieldErrors }, { status: refused[0].status }, { error: refused[0].translate(t) })
    }
  }
  if (submission.status !== 'success') {
    // The form-level message: an intent the page's union does not name (a stale page) says so, else the first one.
    const messages = Object.entries(submission.error ?? {}).flatMap(([name, list]) =>
      name === 'intent' ? [t('site.unknownAction')] : (list ?? []),
    )
    return reply({}, { status: 400 }, { error: messages[0] ?? t('site.unknownAction') })
  }
  try {
    const next = await spec.submit(submission.value, {
      t,
      address,
      actor,
      resident,
      done: (message, to) => redirectWithToast(request, to ?? spec.back?.(submission.value) ?? backTo(request), message),
    })
    if (next instanceof Response) return next as TypedResponse<FormReply<Data>>
    if (next.refusal) return refuse(next.refusal, next.data ?? null)
    return reply(
      { resetForm: next.resetForm },
      { status: 200, headers: next.headers },
      { message: next.message ?? null, until: next.until ?? null, data: next.data ?? null },
    )
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    if (spec.back) return redirectWithToast(request, spec.back(submission.value), { type: 'error', message: error.translate(t) })
    return refuse(error)
  }
}
