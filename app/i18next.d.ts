// Types the keys of t(): a key that is not in the Chinese catalogue fails `tsc`.
import 'i18next'
import type zhCN from '~/locales/zh-CN'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof zhCN }
    returnNull: false
  }
}
