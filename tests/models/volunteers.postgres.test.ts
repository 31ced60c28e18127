import { volunteerRules } from './volunteers-rules'

volunteerRules('postgres', { rush: 200 })
