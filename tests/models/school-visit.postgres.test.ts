import { schoolVisitRules } from './school-visit-rules'

schoolVisitRules('postgres')
