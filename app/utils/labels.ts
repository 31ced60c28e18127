// Chinese names for the data model's enums, shared by every page.
import type { EventCategory, VenueLevel, VenueType } from '@prisma/client'

export const venueTypeLabel: Record<VenueType, string> = {
  SCIENCE_MUSEUM: '科技馆',
  EDUCATION_BASE: '科普教育基地',
  COMMUNITY_ACADEMY: '社区书院',
  SCIENCE_COURTYARD: '科技小院',
  THEMED_HALL: '科技主题馆',
  SCIENCE_VILLAGE: '科普村居',
  DEMO_SCIENCE_VILLAGE: '科普示范村居',
  DIGITAL_POINT: '数字科普点位',
  RESEARCH_LAB: '开放的科研院所与实验室',
  EXPERT_WORKSTATION: '院士专家工作站',
  PARTY_SERVICE_CENTER: '党群服务中心',
  SCHOOL: '学校与高校',
  YOUTH_CENTER: '青少年活动中心',
  PUBLIC_SPACE: '科普公园与活动场地',
}

export const venueLevelLabel: Record<VenueLevel, string> = {
  NATIONAL: '国家级',
  MUNICIPAL: '市级',
  DISTRICT: '区级',
}

export const categoryLabel: Record<EventCategory, string> = {
  LECTURE: '讲座',
  HANDS_ON: '动手做',
  EXHIBITION: '展览',
  SCIENCE_SHOW: '科学秀',
  COMPETITION: '赛事',
  OPEN_DAY: '开放日',
  STUDY_TOUR: '研学',
  SALON: '沙龙',
  READING: '阅读',
  COURSE: '课程',
}
