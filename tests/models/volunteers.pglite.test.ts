import { volunteerRules } from './volunteers-rules'

volunteerRules('pglite', { rush: 40 })
