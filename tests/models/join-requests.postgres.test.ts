import { joinRequestRules } from './join-requests-rules'

joinRequestRules('postgres')
