// The venue form's rules, shared by the browser and the server. Points are WGS-84 and must lie in Shanghai;
// the server also checks the point is inside the chosen district's outline.
import { z } from 'zod'

export const VENUE_TYPES = [
  'SCIENCE_MUSEUM', 'EDUCATION_BASE', 'COMMUNITY_ACADEMY', 'SCIENCE_COURTYARD', 'THEMED_HALL', 'SCIENCE_VILLAGE',
  'DEMO_SCIENCE_VILLAGE', 'DIGITAL_POINT', 'RESEARCH_LAB', 'EXPERT_WORKSTATION', 'PARTY_SERVICE_CENTER', 'SCHOOL',
  'YOUTH_CENTER', 'PUBLIC_SPACE',
] as const
export const VENUE_LEVELS = ['NATIONAL', 'MUNICIPAL', 'DISTRICT'] as const

/** Shanghai's extent with a little margin (WGS-84). */
export const SHANGHAI_BOUNDS = { minLat: 30.6, maxLat: 31.9, minLng: 120.8, maxLng: 122.3 } as const

const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label}请少于 ${max} 字`).optional()

export const latitudeField = z
  .number({ required_error: '请在地图上选点或填写纬度', invalid_type_error: '纬度请填写数字，例如 31.0321' })
  .min(SHANGHAI_BOUNDS.minLat, '这个纬度不在上海范围内（约 30.6–31.9）')
  .max(SHANGHAI_BOUNDS.maxLat, '这个纬度不在上海范围内（约 30.6–31.9）')
export const longitudeField = z
  .number({ required_error: '请在地图上选点或填写经度', invalid_type_error: '经度请填写数字，例如 121.2275' })
  .min(SHANGHAI_BOUNDS.minLng, '这个经度不在上海范围内（约 120.8–122.3）')
  .max(SHANGHAI_BOUNDS.maxLng, '这个经度不在上海范围内（约 120.8–122.3）')

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
  phone: z.string().trim().regex(/^[0-9+\-\s()（）转]{7,30}$/, '电话请填写数字，例如 021-57812345').optional(),
  website: z.string().trim().url('网址请以 http:// 或 https:// 开头').max(300, '网址太长').optional(),
  accessibility: optionalText(300, '无障碍说明'),
  description: optionalText(2000, '简介'),
  openToPublic: z.boolean().default(false),
  takesSchoolVisits: z.boolean().default(false),
  stampsPassport: z.boolean().default(false),
  recognisedYear: z.number({ invalid_type_error: '认定年份请填写数字' }).int('认定年份请填写整数').min(1950, '认定年份不早于 1950').max(2100, '认定年份不晚于 2100').optional(),
})

export type VenueInput = z.infer<typeof venueSchema>
