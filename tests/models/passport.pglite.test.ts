import { passportRules } from './passport-rules'

passportRules('pglite')
