import { competitionRules } from './competitions-rules'

competitionRules('postgres')
