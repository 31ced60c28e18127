import { basesRules } from './bases-rules'

basesRules('postgres')
