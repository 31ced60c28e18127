import { keywordSearchRules } from './keyword-search-rules'

keywordSearchRules('postgres')
