import { onlineRules } from './online-rules'

onlineRules('postgres', { burst: 100 })
