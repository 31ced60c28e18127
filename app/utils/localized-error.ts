// Errors a person can fix, thrown by the models and shown next to a field or above a form. Public pages show
// them in the reader's language: the error carries a catalogue key and its values, and `message` holds the
// Chinese text for staff pages and logs. Staff-only rules may still pass plain Chinese text.
import type { ParseKeys, TFunction } from 'i18next'
import { defaultLanguage, tFor } from '~/utils/i18n'

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

export class LocalizedError extends Error {
  readonly localized?: Localized
  constructor(message: string | Localized, readonly field?: string, readonly status = 400) {
    super(typeof message === 'string' ? message : tFor(defaultLanguage)(message.key, message.values ?? {}))
    if (typeof message !== 'string') this.localized = message
  }

  /** The message in the reader's language. */
  translate(t: TFunction): string {
    return this.localized ? say(t, this.localized) : this.message
  }

  /** For conform's `submission.reply`: the message next to its field, or above the form when it has none. */
  replyErrors(t: TFunction): { fieldErrors: Record<string, string[]> } | { formErrors: string[] } {
    const message = this.translate(t)
    return this.field ? { fieldErrors: { [this.field]: [message] } } : { formErrors: [message] }
  }
}
