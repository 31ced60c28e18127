import { sessionSeriesRules } from './session-series-rules'

sessionSeriesRules('pglite')
