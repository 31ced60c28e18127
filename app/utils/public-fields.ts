// Fields every public form ends with besides the phone (app/utils/phone.ts): an optional e-mail and the PIPL consent.
import { z } from 'zod'
import type { TFunction } from 'i18next'

/** An optional e-mail address for messages besides the SMS: a valid address, or nothing. */
export function optionalEmailField(t: TFunction) {
  return z.string().trim().max(200, t('form.emailInvalid')).email(t('form.emailInvalid')).toLowerCase().optional()
}

/** The PIPL consent box every public form ends with. */
export function consentField(t: TFunction) {
  return z.boolean({ required_error: t('form.consent') }).refine((v) => v, t('form.consent'))
}
