import { perChildAnswersRules } from './per-child-answers-rules'

perChildAnswersRules('postgres')
