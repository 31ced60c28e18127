import { registrationRules } from './registration-rules'

registrationRules('postgres')
