import { menuRules } from './menu-rules'

menuRules('postgres')
