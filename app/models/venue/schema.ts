// The venue form's rules, shared by the browser and the server. Points are WGS-84 and must lie in Shanghai;
// the server also checks the point is inside the chosen district's outline.
import { z } from 'zod'
import { defaultLanguage, tFor } from '~/utils/i18n'
import { wholeNumber } from '~/utils/number-field'
import { pointFields } from '~/utils/point-schema'

export const VENUE_TYPES = [
  'SCIENCE_MUSEUM',
  'EDUCATION_BASE',
  'COMMUNITY_ACADEMY',
  'SCIENCE_COURTYARD',
  'THEMED_HALL',
  'SCIENCE_VILLAGE',
  'DEMO_SCIENCE_VILLAGE',
  'DIGITAL_POINT',
  'RESEARCH_LAB',
  'EXPERT_WORKSTATION',
  'PARTY_SERVICE_CENTER',
  'SCHOOL',
  'YOUTH_CENTER',
  'PUBLIC_SPACE',
] as const
export const VENUE_LEVELS = ['NATIONAL', 'MUNICIPAL', 'DISTRICT'] as const

// Staff forms are Chinese only: the shared point fields with the Chinese messages.
const point = pointFields(tFor(defaultLanguage))
export const latitudeField = point.lat
export const longitudeField = point.lng

const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label}请少于 ${max} 字`).optional()

export const venueSchema = z.object({
  name: z.string({ required_error: '请填写场馆名称' }).trim().min(2, '场馆名称至少 2 个字').max(80, '场馆名称请少于 80 字'),
  type: z.enum(VENUE_TYPES, { required_error: '请选择场馆类型', invalid_type_error: '请选择场馆类型' }),
  level: z.enum(VENUE_LEVELS, { invalid_type_error: '请选择级别' }).optional(),
  districtId: z.string({ required_error: '请选择所在区' }),
  townId: z.string().optional(),
  organisationId: z.string().optional(),
  address: optionalText(200, '地址'),
  lat: latitudeField,
  lng: longitudeField,
  openingHours: optionalText(200, '开放时间'),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-\s()（）转]{7,30}$/, '电话请填写数字，例如 021-57812345')
    .optional(),
  website: z.string().trim().url('网址请以 http:// 或 https:// 开头').max(300, '网址太长').optional(),
  accessibility: optionalText(300, '无障碍说明'),
  description: optionalText(2000, '简介'),
  openToPublic: z.boolean().default(false),
  takesSchoolVisits: z.boolean().default(false),
  stampsPassport: z.boolean().default(false),
  recognisedYear: wholeNumber({
    notNumber: '认定年份请填写数字',
    notWhole: '认定年份请填写整数',
    min: [1950, '认定年份不早于 1950'],
    max: [2100, '认定年份不晚于 2100'],
  }).optional(),
})

export type VenueInput = z.infer<typeof venueSchema>
