// Refusals: errors a person can fix, thrown by the models and shown next to a field or above a form. Public pages
// show them in the reader's language: a refusal carries a catalogue key and its values, and `message` holds the
// Chinese text for staff pages and logs. Staff-only rules may pass plain Chinese text. Every model throws this one
// class; `status` says how a route answers it (409 a rule said no, 404 not found or out of scope, 429 too many).
import { defaultLanguage, tFor } from '~/utils/i18n'
import type { ParseKeys, TFunction } from 'i18next'

export type MessageKey = ParseKeys
export type MessageValues = Record<string, string | number>
export type Localized = { key: MessageKey; values?: MessageValues }

export function localized(key: MessageKey, values?: MessageValues): Localized {
  return { key, values }
}

/** A localized message in the reader's language. */
export function say(t: TFunction, message: Localized): string {
  return t(message.key, message.values ?? {})
}

export class Refusal extends Error {
  readonly localized?: Localized
  /**
   * @param field the form field the message belongs next to; none: above the form.
   * @param code a stable name for the rule (registration rules have one), for the JSON API and tests.
   * @param retryAfterSeconds for a 429: when to try again, sent as Retry-After.
   */
  constructor(
    message: string | Localized,
    readonly field?: string,
    readonly status = 409,
    readonly code?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(typeof message === 'string' ? message : tFor(defaultLanguage)(message.key, message.values ?? {}))
    if (typeof message !== 'string') this.localized = message
  }

  /** The message in the reader's language (staff pages: Chinese). */
  translate(t?: TFunction): string {
    return this.localized && t ? say(t, this.localized) : this.message
  }

  /** For conform's `submission.reply`: the message next to its field, or above the form when it has none. */
  replyErrors(t?: TFunction): { fieldErrors: Record<string, string[]> } | { formErrors: string[] } {
    const message = this.translate(t)
    return this.field ? { fieldErrors: { [this.field]: [message] } } : { formErrors: [message] }
  }
}
