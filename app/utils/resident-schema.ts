// Resident account forms (科普护照), shared by the browser and the server; messages in the reader's language.
import type { TFunction } from 'i18next'
import { z } from 'zod'
import { consentField, phoneField } from '~/utils/registration-schema'

export function residentSignUpSchema(t: TFunction) {
  return z
    .object({
      phone: phoneField(t),
      password: z.string({ required_error: t('account.errors.setPassword') }).min(8, t('account.errors.passwordShort')).max(128, t('account.errors.passwordLong')),
      confirmPassword: z.string({ required_error: t('account.errors.confirmPassword') }),
      consent: consentField(t),
    })
    .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: t('account.errors.passwordMismatch') })
}

export function residentLoginSchema(t: TFunction) {
  return z.object({
    phone: phoneField(t),
    password: z.string({ required_error: t('account.errors.password') }).max(128, t('account.errors.passwordLong')),
    redirectTo: z.string().optional(),
  })
}

export function claimSchema(t: TFunction) {
  return z.object({ code: z.string({ required_error: t('account.errors.code') }).trim().min(8, t('account.errors.codeLength')).max(12, t('account.errors.codeLength')) })
}
