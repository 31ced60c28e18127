import { staffRules } from './staff-rules'

staffRules('pglite')
