// Languages of the public pages: zh-CN first (the default), English second. Both catalogues are bundled, so a
// page renders in one pass on the server and hydrates without fetching anything. Each language has one i18next
// instance whose language never changes, so requests in different languages can share them safely.
import { createInstance, type i18n as I18n, type TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import en from '~/locales/en'
import zhCN from '~/locales/zh-CN'

export const supportedLanguages = ['zh-CN', 'en'] as const
export type Language = (typeof supportedLanguages)[number]
export const defaultLanguage: Language = 'zh-CN'

export const resources = { 'zh-CN': { translation: zhCN }, en: { translation: en } } as const

const instances = new Map<Language, I18n>()

export function isLanguage(value: unknown): value is Language {
  return supportedLanguages.includes(value as Language)
}

/** The shared instance for `language` (created on first use, synchronously: the resources are in memory). */
export function i18nFor(language: Language): I18n {
  let instance = instances.get(language)
  if (!instance) {
    instance = createInstance({
      lng: language,
      fallbackLng: defaultLanguage,
      supportedLngs: [...supportedLanguages],
      resources,
      // React escapes what it renders; the catalogue's strings are plain text.
      interpolation: { escapeValue: false },
      react: { useSuspense: false },
      initImmediate: false,
      returnNull: false,
    })
    void instance.init()
    instances.set(language, instance)
  }
  return instance
}

export function tFor(language: Language): TFunction {
  return i18nFor(language).t
}

/** For meta functions, which cannot use hooks: the language the root loader chose for this request. */
export function metaT(matches: ReadonlyArray<{ id: string; data: unknown }>): TFunction {
  const root = matches.find((m) => m.id === 'root')?.data as { language?: unknown } | undefined
  return tFor(isLanguage(root?.language) ? root.language : defaultLanguage)
}

/** A district as the reader knows it: 松江区 in Chinese, Songjiang in English (`nameEn` is in the data). */
export function districtName(district: { name: string; nameEn: string }, language: Language): string {
  return language === 'en' ? district.nameEn : district.name
}

/** In components: the translation function and the page's language (for dates). */
export function useLocale(): { t: TFunction; language: Language } {
  const { t, i18n } = useTranslation()
  return { t, language: isLanguage(i18n.language) ? i18n.language : defaultLanguage }
}
