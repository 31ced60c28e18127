// 科普基地: the staff pages' words for the states (Chinese, decision 007), shared by the server and the pages.
import type { BaseApplicationStatus, BaseDesignationStatus, BaseReviewStatus, OrganisationJoinStatus } from '@prisma/client'

export const designationStatusLabel: Record<BaseDesignationStatus, string> = {
  ACTIVE: '有效',
  RECTIFY: '整改中',
  REVOKED: '已撤销',
}

export const applicationStatusLabel: Record<BaseApplicationStatus, string> = {
  DRAFT: '草稿',
  SUBMITTED: '已提交',
  RETURNED: '退回修改',
  UNDER_REVIEW: '评审中',
  APPROVED: '已通过',
  DECLINED: '未通过',
}

export const reviewStatusLabel: Record<BaseReviewStatus, string> = {
  OPEN: '填报中',
  SUBMITTED: '已提交',
  RETURNED: '退回修改',
  APPROVED: '已审定',
}

// ——— The yearly 考核: the figures of a report ———

/** The figures Kepu measures, in the order the report shows them. */
export const MEASURED_FIGURES = [
  { key: 'openDays', label: '开放天数（有场次的日子）', unit: '天' },
  { key: 'activities', label: '举办活动', unit: '项' },
  { key: 'sessions', label: '举办场次', unit: '场' },
  { key: 'registered', label: '报名人数', unit: '人' },
  { key: 'checkedIn', label: '签到人数', unit: '人' },
  { key: 'schoolVisits', label: '接待学校团体', unit: '批' },
  { key: 'schoolPupils', label: '学校团体实到学生', unit: '人' },
  { key: 'menuDeliveries', label: '科普菜单配送（本单位）', unit: '次' },
  { key: 'passportStamps', label: '科普护照盖章', unit: '个' },
  { key: 'volunteerHours', label: '志愿服务时长（已认定）', unit: '小时' },
] as const

/** The figures only the base can state. */
export const DECLARED_FIGURES = [
  { key: 'areaSqm', label: '场地面积', unit: '平方米', max: 10_000_000 },
  { key: 'staffCount', label: '专兼职人员数', unit: '人', max: 100_000 },
  { key: 'mediaReports', label: '媒体报道', unit: '篇', max: 100_000 },
  { key: 'exhibitsRenewed', label: '更新展品', unit: '件', max: 100_000 },
] as const

export type MeasuredKey = (typeof MEASURED_FIGURES)[number]['key']
export type DeclaredKey = (typeof DECLARED_FIGURES)[number]['key']
export type Figures = Partial<Record<MeasuredKey | DeclaredKey, number>>

/** The most an override of a measured figure may be (it is a count of a year at one venue). */
export const OVERRIDE_MAX = 10_000_000

export const figureLabel: Record<string, string> = Object.fromEntries(
  [...MEASURED_FIGURES, ...DECLARED_FIGURES].map((f) => [f.key, f.label]),
)

// ——— The district's scoring sheet (sheet.server.ts) ———

/** The most criteria a sheet has, and the blank rows its form offers for new ones. */
export const SHEET_MAX_CRITERIA = 20
export const SHEET_BLANK_ROWS = 3

/** The figures a criterion may read. */
export const SHEET_FIGURES: string[] = [...MEASURED_FIGURES.map((f) => f.key), ...DECLARED_FIGURES.map((f) => f.key)]

export const joinStatusLabel: Record<OrganisationJoinStatus, string> = { PENDING: '待审核', APPROVED: '已通过', DECLINED: '未通过' }

/** The most 申报 criteria a level has. */
export const MAX_LEVEL_CRITERIA = 20

/** A level's 申报 criteria as the platform admin writes them: one `名称=分值` a line (parseLevelCriteria reads it back). */
export function criteriaText(criteria: Array<{ label: string; points: number }>): string {
  return criteria.map((c) => `${c.label}=${c.points}`).join('\n')
}
