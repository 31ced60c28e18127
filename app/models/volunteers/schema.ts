// 科普志愿者: the forms (shared by the browser and the server) and the figures every page reads the same way: the
// star ladder, the free-time choices, the shape of a volunteer code and a certificate number. Public forms speak
// the reader's language; staff forms are Chinese (decision 007).
import { z } from 'zod'
import { textField } from '~/utils/text-field'
import type { TFunction } from 'i18next'

/** Shanghai's volunteer star ladder (星级志愿者): credited hours for one to five stars. */
export const STAR_LADDER_HOURS = [100, 300, 600, 1000, 1500] as const

export function starLevel(creditedMinutes: number): { stars: number; nextAtHours: number | null } {
  const hours = creditedMinutes / 60
  const stars = STAR_LADDER_HOURS.filter((h) => hours >= h).length
  return { stars, nextAtHours: STAR_LADDER_HOURS[stars] ?? null }
}

export const FREE_TIMES = ['WEEKDAY_DAY', 'WEEKDAY_EVENING', 'WEEKEND_DAY', 'WEEKEND_EVENING'] as const
export type FreeTime = (typeof FREE_TIMES)[number]

/** Hours as people read them: one decimal, no trailing zero (90 minutes = 1.5). */
export function hoursOf(minutes: number): number {
  return Math.round(minutes / 6) / 10
}

/** A certificate number: 'VC' and 18 characters of the readable alphabet (about 89 random bits). */
export const CERTIFICATE_PATTERN = /^VC[2-9A-HJKMNP-Z]{18}$/

/** Only the masked form of an ID number is kept: the first 3 and last 4 characters. */
export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 3)}${'*'.repeat(Math.max(0, idNumber.length - 7))}${idNumber.slice(-4)}`
}

const ID_NUMBER = /^\d{17}[\dX]$/

const stringList = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(40)).max(30))

/** Becoming a volunteer (or changing one's profile). */
export function volunteerProfileSchema(t: TFunction) {
  return z.object({
    name: textField(t, {
      required: t('volunteers.errors.name'),
      max: [40, t('volunteers.errors.nameLong')],
    }),
    idNumber: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .pipe(z.string().regex(ID_NUMBER, t('volunteers.errors.idNumber')))
      .optional(),
    shVolunteerNo: z
      .string()
      .trim()
      .pipe(z.string().regex(/^[0-9A-Za-z-]{4,30}$/, t('volunteers.errors.shVolunteerNo')))
      .optional(),
    districtIds: stringList.pipe(z.array(z.string()).min(1, t('volunteers.errors.districts'))),
    skills: stringList,
    freeTimes: stringList.pipe(z.array(z.enum(FREE_TIMES))),
    consent: z.literal('on', { errorMap: () => ({ message: t('volunteers.errors.consent') }) }).optional(),
  })
}
export type VolunteerProfileInput = z.infer<ReturnType<typeof volunteerProfileSchema>>
