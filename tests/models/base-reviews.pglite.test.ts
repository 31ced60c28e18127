import { baseReviewsRules } from './base-reviews-rules'

baseReviewsRules('pglite')
