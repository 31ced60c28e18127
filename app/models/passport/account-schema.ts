// Resident account forms (科普护照), shared by the browser and the server; messages in the reader's language.
import { z } from 'zod'
import { tFor } from '~/utils/i18n'
import { phoneField, sendCodeSchema, smsCodeField } from '~/utils/phone'
import { consentField } from '~/utils/public-fields'
import type { TFunction } from 'i18next'

function newPasswordFields(t: TFunction) {
  return {
    password: z
      .string({ required_error: t('account.errors.setPassword') })
      .min(8, t('account.errors.passwordShort'))
      .max(128, t('account.errors.passwordLong')),
    confirmPassword: z.string({ required_error: t('account.errors.confirmPassword') }),
  }
}

const passwordsMatch = (t: TFunction) => (value: { intent: string; password?: string; confirmPassword?: string }, ctx: z.RefinementCtx) => {
  if (value.intent !== 'send-code' && value.password !== value.confirmPassword)
    ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: t('account.errors.passwordMismatch') })
}

/** Sign-up: ask for a code to the number (`send-code`), then sign up with it (`sign-up`). */
export function residentSignUpSchema(t: TFunction) {
  return z
    .discriminatedUnion('intent', [
      sendCodeSchema(t),
      z.object({
        intent: z.literal('sign-up'),
        phone: phoneField(t),
        smsCode: smsCodeField(t),
        ...newPasswordFields(t),
        consent: consentField(t),
      }),
    ])
    .superRefine(passwordsMatch(t))
}

/** 忘记密码: ask for a code to the number (`send-code`), then set a new password with it (`reset`). */
export function resetPasswordSchema(t: TFunction) {
  return z
    .discriminatedUnion('intent', [
      sendCodeSchema(t),
      z.object({ intent: z.literal('reset'), phone: phoneField(t), smsCode: smsCodeField(t), ...newPasswordFields(t) }),
    ])
    .superRefine(passwordsMatch(t))
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
    smsCode: smsCodeField(t),
  })
}

/** The account page's two forms. Either language's word confirms deletion: the reader may have switched language after the page loaded. */
export function accountSchema(t: TFunction) {
  const words = [tFor('zh-CN')('account.deleteWord'), tFor('en')('account.deleteWord')]
  const confirmError = t('account.deleteConfirmError', { word: t('account.deleteWord') })
  return z.discriminatedUnion('intent', [
    z.object({ intent: z.literal('claim-code') }),
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
