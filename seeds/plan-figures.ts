// Counts the plans report and targets they set, for the staff dashboards.
import type { PlanFigureSeed } from './schema'

export const planFigureSeeds: PlanFigureSeed[] = [
  // Songjiang
  { key: 'sj-2021-bases', district: '松江区', year: 2021, kind: 'REPORTED', metric: 'venues:EDUCATION_BASE', label: '科普基地数量', value: 72, source: 'plan 002 (十四五规划) 回顾(六)' },
  { key: 'sj-2025-open-venues', district: '松江区', year: 2025, kind: 'TARGET', metric: 'venues_open_to_public', label: '向公众开放的科研机构、实验室、科普基地等科普设施', value: 60, atLeast: true, source: 'plan 000 §五(十四)' },
  { key: 'sj-2025-new-district-bases', district: '松江区', year: 2025, kind: 'TARGET', metric: 'new_bases:DISTRICT', label: '新创建区级科普教育基地', value: 3, atLeast: true, source: 'plan 000 §五(十五)' },
  { key: 'sj-2025-municipal-academy', district: '松江区', year: 2025, kind: 'TARGET', metric: 'new_venues:COMMUNITY_ACADEMY:MUNICIPAL', label: '创建市级社区书院', value: 1, atLeast: true, source: 'plan 000 §五(十五)' },
  { key: 'sj-2025-municipal-courtyard', district: '松江区', year: 2025, kind: 'TARGET', metric: 'new_venues:SCIENCE_COURTYARD:MUNICIPAL', label: '创建市级科技小院', value: 1, atLeast: true, source: 'plan 000 §五(十五)' },
  { key: 'sj-2026-new-district-bases', district: '松江区', year: 2026, kind: 'TARGET', metric: 'new_bases:DISTRICT', label: '新建区级科普基地', value: 3, atLeast: true, source: 'plan 001 §五(十五)' },
  { key: 'sj-2026-municipal-academies', district: '松江区', year: 2026, kind: 'TARGET', metric: 'new_venues:COMMUNITY_ACADEMY:MUNICIPAL', label: '新建市级社区书院（1–2家）', value: 1, atLeast: true, source: 'plan 001 §五(十五)' },
  { key: 'sj-2026-municipal-courtyard', district: '松江区', year: 2026, kind: 'TARGET', metric: 'new_venues:SCIENCE_COURTYARD:MUNICIPAL', label: '新建市级科技小院', value: 1, atLeast: true, source: 'plan 001 §五(十五)' },
  // Qingpu
  { key: 'qp-2024-bases', district: '青浦区', year: 2024, kind: 'REPORTED', metric: 'venues:EDUCATION_BASE', label: '科普基地', value: 77, source: 'plan 003 2024 一(四)' },
  { key: 'qp-2024-science-villages', district: '青浦区', year: 2024, kind: 'REPORTED', metric: 'venues:SCIENCE_VILLAGE', label: '科普村居', value: 141, source: 'plan 003 2024 一(四)' },
  { key: 'qp-2024-demo-villages', district: '青浦区', year: 2024, kind: 'REPORTED', metric: 'venues:DEMO_SCIENCE_VILLAGE', label: '科普示范村居', value: 52, source: 'plan 003 2024 一(四)' },
  { key: 'qp-2024-academies', district: '青浦区', year: 2024, kind: 'REPORTED', metric: 'venues:COMMUNITY_ACADEMY', label: '社区书院', value: 18, source: 'plan 003 2024 一(四)' },
  { key: 'qp-2024-courtyards', district: '青浦区', year: 2024, kind: 'REPORTED', metric: 'venues:SCIENCE_COURTYARD', label: '科技小院', value: 1, source: 'plan 003 2024 一(四)' },
  { key: 'qp-2024-digital-points', district: '青浦区', year: 2024, kind: 'REPORTED', metric: 'venues:DIGITAL_POINT', label: '数字科普点位', value: 100, source: 'plan 003 2024 一(四)' },
  { key: 'qp-2024-passport-bases', district: '青浦区', year: 2024, kind: 'REPORTED', metric: 'passport_venues', label: '示范区科普护照入选科普基地', value: 23, source: 'plan 003 2024 一(四)' },
  { key: 'qp-2024-delivered-activities', district: '青浦区', year: 2024, kind: 'REPORTED', metric: 'activities:delivered', label: '配送科普直通车、社区科普大学、科技下乡等活动课程', value: 98, source: 'plan 003 2024 一(四)' },
  { key: 'qp-2024-social-activities', district: '青浦区', year: 2024, kind: 'REPORTED', metric: 'activities:social', label: '引纳社会资源参与科普活动', value: 220, source: 'plan 003 2024 一(四)' },
  { key: 'qp-2024-museum-activities', district: '青浦区', year: 2024, kind: 'REPORTED', metric: 'activities:SCIENCE_MUSEUM', label: '区科技馆线下科普活动', value: 330, source: 'plan 003 2024 一(四)' },
  { key: 'qp-2024-museum-participants', district: '青浦区', year: 2024, kind: 'REPORTED', metric: 'participants:SCIENCE_MUSEUM', label: '区科技馆活动参与人次', value: 15000, atLeast: true, source: 'plan 003 2024 一(四)' },
  { key: 'qp-2024-new-themed-halls', district: '青浦区', year: 2024, kind: 'REPORTED', metric: 'new_venues:THEMED_HALL', label: '新认定科技主题馆', value: 2, source: 'plan 003 2024 一(四)' },
  { key: 'qp-2025-participants', district: '青浦区', year: 2025, kind: 'TARGET', metric: 'participants', label: '主题科普活动线上线下覆盖人数', value: 600000, atLeast: true, source: 'plan 003 2025 三(三)' },
  { key: 'qp-2025-quality-venues', district: '青浦区', year: 2025, kind: 'TARGET', metric: 'new_venues', label: '创建高质量科普阵地', value: 10, atLeast: true, source: 'plan 003 2025 三(三)' },
]
