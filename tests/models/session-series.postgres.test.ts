import { sessionSeriesRules } from './session-series-rules'

sessionSeriesRules('postgres')
