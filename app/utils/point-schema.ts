// A point picked on the map or typed, WGS-84, inside Shanghai; every "where is it" form uses these fields.
import { z } from 'zod'
import { plainDecimal } from '~/utils/number-field'
import type { TFunction } from 'i18next'

/** Shanghai's extent with a little margin (WGS-84). */
export const SHANGHAI_BOUNDS = { minLat: 30.6, maxLat: 31.9, minLng: 120.8, maxLng: 122.3 } as const

export function pointFields(t: TFunction) {
  return {
    lat: plainDecimal(
      z
        .number({ required_error: t('form.latitudeRequired'), invalid_type_error: t('form.latitudeNumber') })
        .min(SHANGHAI_BOUNDS.minLat, t('form.latitudeRange'))
        .max(SHANGHAI_BOUNDS.maxLat, t('form.latitudeRange')),
    ),
    lng: plainDecimal(
      z
        .number({ required_error: t('form.longitudeRequired'), invalid_type_error: t('form.longitudeNumber') })
        .min(SHANGHAI_BOUNDS.minLng, t('form.longitudeRange'))
        .max(SHANGHAI_BOUNDS.maxLng, t('form.longitudeRange')),
    ),
  }
}
