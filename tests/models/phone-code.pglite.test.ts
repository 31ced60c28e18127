import { phoneCodeRules } from './phone-code-rules'

phoneCodeRules('pglite')
