import { onlineRules } from './online-rules'

onlineRules('pglite', { burst: 20 })
