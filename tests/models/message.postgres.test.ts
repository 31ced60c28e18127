import { messageRules } from './message-rules'

messageRules('postgres', { bulk: 2000 })
