import { passportRules } from './passport-rules'

passportRules('postgres')
