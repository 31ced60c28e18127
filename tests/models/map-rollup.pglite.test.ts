import { mapRollupRules } from './map-rollup-rules'

mapRollupRules('pglite')
