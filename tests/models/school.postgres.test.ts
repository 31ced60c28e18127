import { schoolRules } from './school-rules'

schoolRules('postgres')
