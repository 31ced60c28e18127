import { staffRules } from './staff-rules'

staffRules('postgres')
