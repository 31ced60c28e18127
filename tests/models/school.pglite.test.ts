import { schoolRules } from './school-rules'

schoolRules('pglite')
