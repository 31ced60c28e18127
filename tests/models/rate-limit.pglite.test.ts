import { rateLimitRules } from './rate-limit-rules'

rateLimitRules('pglite', { burst: 20 })
