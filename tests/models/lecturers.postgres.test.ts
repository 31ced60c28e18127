import { lecturerRules } from './lecturer-rules'

lecturerRules('postgres')
