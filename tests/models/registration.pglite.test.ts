import { registrationRules } from './registration-rules'

registrationRules('pglite')
