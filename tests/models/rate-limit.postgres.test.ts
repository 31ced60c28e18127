import { rateLimitRules } from './rate-limit-rules'

rateLimitRules('postgres', { burst: 200 })
