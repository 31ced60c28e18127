import { phoneCodeRules } from './phone-code-rules'

phoneCodeRules('postgres')
