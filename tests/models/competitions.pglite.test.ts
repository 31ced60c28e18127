import { competitionRules } from './competitions-rules'

competitionRules('pglite')
