// Names and free text as every public form reads them (decision 014): NFC, trimmed, line breaks as LF; refused
// with a message next to the field when they hold control characters (CR/LF too, in a one-line field), bidi
// overrides or nothing visible (only U+200B, U+3164 and the like). Used by the browser and the server alike.
import { z, type ZodErrorMap } from 'zod'
import type { TFunction } from 'i18next'

// eslint-disable-next-line no-control-regex
const CONTROL_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/
// eslint-disable-next-line no-control-regex
const CONTROL_MULTILINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/
const INVISIBLE = /[\s\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2060-\u2064\u2800\u3000\u3164\ufeff\uffa0]/gu

/** The form of a text everyone stores: NFC, CRLF as LF, no surrounding spaces. */
export function normaliseText(value: string): string {
  return value.normalize('NFC').replace(/\r\n?/g, '\n').trim()
}

/** Why a normalised text cannot be kept, as a message key, or null. */
export function textProblem(value: string, multiline = false): 'controlCharacters' | 'bidiCharacters' | 'invisibleOnly' | null {
  if ((multiline ? CONTROL_MULTILINE : CONTROL_ONE_LINE).test(value)) return 'controlCharacters'
  if (BIDI.test(value)) return 'bidiCharacters'
  if (value !== '' && value.replace(INVISIBLE, '') === '') return 'invisibleOnly'
  return null
}

type TextOptions = {
  /** Message when missing (empty counts as missing); absent: the field is optional. */
  required?: string
  min?: [number, string]
  max: [number, string]
  multiline?: boolean
}

/** A text field: normalised, then checked for control, bidi and invisible-only text, then its length. */
export function textField(t: TFunction, { required, min, max, multiline }: TextOptions) {
  let checked = z.string().max(max[0], max[1])
  if (min) checked = checked.min(min[0], min[1])
  else if (required) checked = checked.min(1, required)
  const text = z
    .string(required ? { required_error: required } : undefined)
    .transform(normaliseText)
    .superRefine((value, ctx) => {
      const problem = textProblem(value, multiline)
      if (problem) ctx.addIssue({ code: 'custom', message: t(`form.${problem}`), fatal: true })
    })
    .pipe(checked)
  return text
}

/** Zod's own messages are English and echo the input; every public form uses this map instead (reader's language). */
export function formErrorMap(t: TFunction): ZodErrorMap {
  return (issue, ctx) => {
    if (issue.code === 'invalid_enum_value' || issue.code === 'invalid_union_discriminator') return { message: t('form.choose') }
    if (issue.code === 'too_big' && issue.type === 'string') return { message: t('form.textTooLong', { max: Number(issue.maximum) }) }
    if (issue.code === 'too_small' && issue.type === 'string') return { message: t('form.textTooShort', { min: Number(issue.minimum) }) }
    // A message the schema chose (required_error and the like, in the reader's language already) stays.
    const english = z.defaultErrorMap(issue, { data: ctx.data, defaultError: '' }).message
    if (ctx.defaultError && ctx.defaultError !== english) return { message: ctx.defaultError }
    return { message: t('form.invalid') }
  }
}
