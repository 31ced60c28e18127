// 科普基地: the staff pages' words for the states (Chinese, decision 007), shared by the server and the pages.
import type { BaseApplicationStatus, BaseDesignationStatus, BaseReviewStatus } from '@prisma/client'

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
