// Mobile numbers, one home for every feature (registration, school visits, 菜单, accounts, staff look-ups): the
// pattern, normalising what people type, the mask lists show, and the form fields that ask for a number or its code.
import { z } from 'zod'
import type { TFunction } from 'i18next'

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
