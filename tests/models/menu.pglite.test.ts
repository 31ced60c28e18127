import { menuRules } from './menu-rules'

menuRules('pglite')
