import { basesRules } from './bases-rules'

basesRules('pglite')
