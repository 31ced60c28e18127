// 申请入驻 (decision 040): the public form a new organisation fills in to join, shared by the browser and the server;
// messages in the reader's language. Two steps on one form, as resident sign-up: ask for a code to the contact's
// mobile number (`send-code`), then send the request with it (`join`).
import { z } from 'zod'
import { phoneField, sendCodeSchema, smsCodeField } from '~/utils/phone'
import { consentField } from '~/utils/public-fields'
import { textField } from '~/utils/text-field'
import type { TFunction } from 'i18next'

export const ORGANISATION_KINDS = [
  'SCIENCE_COMMITTEE',
  'SCIENCE_ASSOCIATION',
  'MUSEUM',
  'BASE_OPERATOR',
  'RESEARCH_INSTITUTE',
  'UNIVERSITY',
  'ENTERPRISE',
  'SCHOOL',
  'COMMUNITY',
  'OTHER',
] as const

export function joinRequestFields(t: TFunction) {
  return {
    organisationName: textField(t, {
      required: t('join.errors.organisationName'),
      min: [4, t('join.errors.organisationNameShort')],
      max: [40, t('join.errors.organisationNameLong')],
    }),
    kind: z.enum(ORGANISATION_KINDS, { required_error: t('join.errors.kind'), invalid_type_error: t('join.errors.kind') }),
    districtId: z.string({ required_error: t('join.errors.district') }).max(40, t('join.errors.district')),
    venueName: textField(t, {
      required: t('join.errors.venueName'),
      min: [2, t('join.errors.venueName')],
      max: [60, t('join.errors.venueNameLong')],
    }),
    venueAddress: textField(t, {
      required: t('join.errors.venueAddress'),
      min: [4, t('join.errors.venueAddress')],
      max: [200, t('join.errors.venueAddressLong')],
    }),
    contactName: textField(t, { required: t('join.errors.contactName'), max: [40, t('join.errors.contactNameLong')] }),
    contactEmail: z
      .string({ required_error: t('join.errors.contactEmail') })
      .trim()
      .max(200, t('join.errors.contactEmailInvalid'))
      .email(t('join.errors.contactEmailInvalid'))
      .toLowerCase(),
    phone: phoneField(t),
    smsCode: smsCodeField(t),
    note: textField(t, {
      required: t('join.errors.note'),
      min: [20, t('join.errors.noteShort')],
      max: [500, t('join.errors.noteLong')],
      multiline: true,
    }),
    consent: consentField(t),
  }
}

export function joinRequestSchema(t: TFunction) {
  return z.discriminatedUnion('intent', [sendCodeSchema(t), z.object({ intent: z.literal('join'), ...joinRequestFields(t) })])
}

export type JoinRequestInput = Omit<Extract<z.output<ReturnType<typeof joinRequestSchema>>, { intent: 'join' }>, 'intent' | 'consent'>
