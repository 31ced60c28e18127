import { lecturerRules } from './lecturer-rules'

lecturerRules('pglite')
