// Competitions (大赛): the forms teachers, the public and judges fill in, read the same way by the browser and the
// server. The rules that need the database (team size, grades, districts, one team per pupil, deadlines) are the
// models' (teams.server.ts); these only shape the input.
import { z } from 'zod'
import { plainDecimal } from '~/utils/number-field'
import { phoneField } from '~/utils/phone'
import { textField } from '~/utils/text-field'
import { uploadField } from '~/utils/upload-field'
import type { TFunction } from 'i18next'

/** Grades 1–12 as the school years run in Shanghai (5-4-3): 1–5 小学, 6–9 初中 (六至九年级), 10–12 高中. */
export const GRADES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const
/** The catalogue's grade code for a grade number (`grade.G3`, `grade.H1`). */
export function gradeCode(grade: number): `G${number}` | `H${number}` {
  return grade <= 9 ? `G${grade}` : `H${grade - 9}`
}

export const MAX_MEMBERS = 10

function wholeIn(t: TFunction, message: string, min: number, max: number) {
  return plainDecimal(z.number({ required_error: message, invalid_type_error: message }).int(message).min(min, message).max(max, message))
}

export function memberFields(t: TFunction) {
  return z.object({
    name: textField(t, { required: t('competition.field.personName'), max: [20, t('competition.field.personName')] }),
    school: textField(t, {
      required: t('competition.field.school'),
      min: [2, t('competition.field.school')],
      max: [60, t('competition.field.school')],
    }),
    districtId: z.string({ required_error: t('competition.field.district') }).min(1, t('competition.field.district')),
    grade: wholeIn(t, t('competition.field.grade'), 1, 12),
    share: wholeIn(t, t('competition.field.share'), 0, 100),
  })
}

/** The team form: the team, its advisor's declaration and its members (the roster). */
export function teamSchema(t: TFunction) {
  return z.object({
    name: textField(t, { required: t('competition.field.name'), max: [20, t('competition.field.name')] }),
    categoryId: z.string({ required_error: t('competition.refusal.category') }).min(1, t('competition.refusal.category')),
    advisorName: textField(t, { required: t('competition.field.personName'), max: [20, t('competition.field.personName')] }),
    advisorSchool: textField(t, {
      required: t('competition.field.school'),
      min: [2, t('competition.field.school')],
      max: [60, t('competition.field.school')],
    }),
    advisorPart: textField(t, {
      required: t('competition.field.advisorPart'),
      min: [4, t('competition.field.advisorPart')],
      max: [500, t('competition.field.advisorPart')],
      multiline: true,
    }),
    members: z
      .array(memberFields(t), { required_error: t('competition.field.members') })
      .min(1, t('competition.field.members'))
      .max(MAX_MEMBERS, t('competition.field.members')),
  })
}
export type TeamInput = z.infer<ReturnType<typeof teamSchema>>

/** An entry given as a link: https only (no javascript:, data: or plain http), at most 500 characters. */
export function entryLinkSchema(t: TFunction) {
  return z.object({
    url: z
      .string({ required_error: t('competition.field.link') })
      .trim()
      .max(500, t('competition.field.link'))
      .refine((value) => {
        if (!URL.canParse(value)) return false
        const url = new URL(value)
        return url.protocol === 'https:' && url.hostname.includes('.') && !url.username && !url.password
      }, t('competition.field.link')),
    note: textField(t, { max: [500, t('competition.field.note')], multiline: true }).optional(),
  })
}
export type EntryLinkInput = z.infer<ReturnType<typeof entryLinkSchema>>

/** An entry given as a file (decision 038): the pipeline checks it by content and holds it to its limit. */
export function entryFileSchema(t: TFunction) {
  return z.object({
    file: uploadField(t),
    note: textField(t, { max: [500, t('competition.field.note')], multiline: true }).optional(),
  })
}

export function objectionSchema(t: TFunction) {
  return z.object({
    name: textField(t, { required: t('competition.field.personName'), max: [20, t('competition.field.personName')] }),
    phone: phoneField(t),
    teamId: z.string().optional(),
    text: textField(t, {
      required: t('competition.field.objection'),
      min: [4, t('competition.field.objection')],
      max: [1000, t('competition.field.objection')],
      multiline: true,
    }),
  })
}
export type ObjectionInput = z.infer<ReturnType<typeof objectionSchema>>
