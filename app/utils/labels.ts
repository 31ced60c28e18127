// Chinese names for the data model's enums, for the staff pages (Chinese only). They are read from the zh-CN
// catalogue, so each name has one home; public pages translate the same keys with t() instead.
import zhCN from '~/locales/zh-CN'
import type { EventCategory, VenueLevel, VenueType } from '@prisma/client'

export const venueTypeLabel: Record<VenueType, string> = zhCN.venueType
export const venueLevelLabel: Record<VenueLevel, string> = zhCN.venueLevel
export const categoryLabel: Record<EventCategory, string> = zhCN.category
