// 科普菜单: the kinds of items and sites, and the order form a site fills in (browser and server alike).
import { z } from 'zod'
import zhCN from '~/locales/zh-CN'
import { plainDecimal } from '~/utils/number-field'
import { phoneField } from '~/utils/phone'
import { pointFields } from '~/utils/point-schema'
import { consentField, optionalEmailField } from '~/utils/public-fields'
import { textField } from '~/utils/text-field'
import type { TFunction } from 'i18next'

export const MENU_KINDS = ['LECTURE', 'SCIENCE_SHOW', 'EXHIBITION', 'HANDS_ON_KIT', 'POSTER', 'SMART_BOX', 'SCIENCE_BUS', 'OTHER'] as const
export const SITE_KINDS = ['COMMUNITY_ACADEMY', 'PARTY_SERVICE_CENTER', 'SCHOOL', 'VILLAGE', 'OTHER'] as const
export type MenuOrderStatusKey = keyof typeof zhCN.menuOrderStatus
// Chinese names for the staff pages, from the catalogue; public pages use t('menuKind.…') and friends.
export const menuKindLabel: Record<(typeof MENU_KINDS)[number], string> = zhCN.menuKind
export const siteKindLabel: Record<(typeof SITE_KINDS)[number], string> = zhCN.siteKind
export const menuOrderStatusLabel: Record<MenuOrderStatusKey, string> = zhCN.menuOrderStatus
export const sitePrecisionLabel: Record<keyof typeof zhCN.sitePrecision, string> = zhCN.sitePrecision

export function menuOrderSchema(t: TFunction) {
  const point = pointFields(t)
  const expected = t('menu.expectedAudience')
  return z
    .object({
      siteName: textField(t, {
        required: t('menu.errors.siteName'),
        min: [2, t('menu.errors.siteNameFull')],
        max: [60, t('menu.errors.siteNameLong')],
      }),
      siteKind: z.enum(SITE_KINDS, { required_error: t('menu.errors.siteKind'), invalid_type_error: t('menu.errors.siteKind') }),
      districtId: z.string({ required_error: t('menu.errors.district') }),
      siteAddress: textField(t, {
        required: t('menu.errors.address'),
        min: [4, t('menu.errors.address')],
        max: [200, t('menu.errors.addressLong')],
      }),
      townId: z.string().optional(),
      // Optional (issue 30): without a point the order stands at the 街镇's or the district's centre, by its address.
      lat: point.lat.optional(),
      lng: point.lng.optional(),
      contactName: textField(t, { required: t('menu.errors.contactName'), max: [40, t('menu.errors.contactNameLong')] }),
      phone: phoneField(t),
      email: optionalEmailField(t),
      preferredDates: textField(t, {
        required: t('menu.errors.preferredDates'),
        min: [2, t('menu.errors.preferredDates')],
        max: [200, t('menu.errors.preferredDatesLong')],
      }),
      expectedAudience: plainDecimal(
        z
          .number({ required_error: t('form.required', { label: expected }), invalid_type_error: t('form.number', { label: expected }) })
          .int(t('form.integer', { label: expected }))
          .min(1, t('form.atLeast', { label: expected, min: 1 }))
          .max(5000, t('form.atMost', { label: expected, max: 5000 })),
      ),
      notes: textField(t, { max: [500, t('menu.errors.notesLong')], multiline: true }).optional(),
      consent: consentField(t),
    })
    .superRefine((value, context) => {
      if ((value.lat === undefined) !== (value.lng === undefined))
        context.addIssue({ code: 'custom', path: [value.lat === undefined ? 'lat' : 'lng'], message: t('menu.errors.pointPair') })
    })
}
export type MenuOrderInput = z.infer<ReturnType<typeof menuOrderSchema>>

/** Looking an order up by its code and the last four digits of the contact's number (menu.track). */
export function menuTrackSchema(t: TFunction) {
  return z.object({
    code: z
      .string({ required_error: t('menu.errors.trackCode') })
      .trim()
      .max(20, t('menu.errors.trackCode')),
    last4: z
      .string({ required_error: t('menu.errors.trackLast4') })
      .trim()
      .regex(/^\d{4}$/, t('menu.errors.trackLast4')),
  })
}
