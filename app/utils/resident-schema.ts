// Resident account forms (科普护照), shared by the browser and the server; messages in the reader's language.
import { z } from 'zod'
import { tFor } from '~/utils/i18n'
import { consentField, phoneField } from '~/utils/registration-schema'
import type { TFunction } from 'i18next'

export function residentSignUpSchema(t: TFunction) {
  return z
    .object({
      phone: phoneField(t),
      password: z
        .string({ required_error: t('account.errors.setPassword') })
        .min(8, t('account.errors.passwordShort'))
        .max(128, t('account.errors.passwordLong')),
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
  return z.object({
    code: z
      .string({ required_error: t('account.errors.code') })
      .trim()
      .min(8, t('account.errors.codeLength'))
      .max(12, t('account.errors.codeLength')),
  })
}

/** The account page's two forms. Either language's word confirms deletion: the reader may have switched language after the page loaded. */
export function accountSchema(t: TFunction) {
  const words = [tFor('zh-CN')('account.deleteWord'), tFor('en')('account.deleteWord')]
  const confirmError = t('account.deleteConfirmError', { word: t('account.deleteWord') })
  return z.discriminatedUnion('intent', [
    claimSchema(t).extend({ intent: z.literal('claim') }),
    z.object({
      intent: z.literal('delete'),
      confirm: z
        .string({ required_error: confirmError })
        .trim()
        .refine((word) => words.includes(word), confirmError),
    }),
  ])
}
