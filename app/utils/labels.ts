// Chinese names for the data model's enums, for the staff pages and exports (Chinese only). Every one is read from
// the zh-CN catalogue, so each name has one home; public pages translate the same keys with t() instead.
import zhCN from '~/locales/zh-CN'
import type {
  CancelReason,
  EventCategory,
  EventStatus,
  RegistrationStatus,
  SchoolBookingStatus,
  VenueLevel,
  VenueType,
} from '@prisma/client'

export const venueTypeLabel: Record<VenueType, string> = zhCN.venueType
export const venueLevelLabel: Record<VenueLevel, string> = zhCN.venueLevel
export const categoryLabel: Record<EventCategory, string> = zhCN.category
export const eventStatusLabel: Record<EventStatus, string> = zhCN.eventStatus
export const registrationStatusLabel: Record<RegistrationStatus, string> = zhCN.registrationStatus
export const cancelReasonLabel: Record<CancelReason, string> = zhCN.cancelReason
export const schoolStatusLabel: Record<SchoolBookingStatus, string> = zhCN.schoolVisitStatus
