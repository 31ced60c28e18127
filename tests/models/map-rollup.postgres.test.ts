import { mapRollupRules } from './map-rollup-rules'

mapRollupRules('postgres')
