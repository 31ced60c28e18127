import { registrationStatementRules } from './registration-statement-rules'

registrationStatementRules('pglite')
