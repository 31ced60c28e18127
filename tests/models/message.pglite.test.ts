import { messageRules } from './message-rules'

messageRules('pglite', { bulk: 500 })
