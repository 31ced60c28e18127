// Languages of the public pages: zh-CN first (the default), English second. Both catalogues are bundled, so a
// page renders in one pass on the server and hydrates without fetching anything. Each language has one i18next
// instance whose language never changes, so requests in different languages can share them safely.
import { createInstance, type i18n as I18n, type TFunction } from 'i18next'
import { useContext } from 'react'
import { I18nContext } from 'react-i18next'
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

const memoized = new Map<Language, TFunction>()
// A list page asks for the same few hundred texts on every render, and i18next's t() costs microseconds a call
// (measured: about 15 µs on this machine, some 5 ms a home page). The texts of a language never change while the
// process runs, so a key alone, or a key with numbers only (seats, counts), is looked up once. Texts holding other
// values are not kept: those carry names, titles and phone numbers, which have no place in a process-wide cache.
const CACHE_LIMIT = 20_000

/** The translation function for `language`, with its answers cached. */
export function tFor(language: Language): TFunction {
  let t = memoized.get(language)
  if (!t) {
    const translate = i18nFor(language).t as (key: unknown, options?: unknown) => unknown
    const cache = new Map<string, unknown>()
    t = ((key: unknown, options?: unknown) => {
      const numbersOnly =
        options === undefined ||
        (typeof options === 'object' && options !== null && Object.values(options).every((v) => typeof v === 'number'))
      if (typeof key !== 'string' || !numbersOnly) return translate(key, options)
      const id = options === undefined ? key : `${key}\u0000${JSON.stringify(options)}`
      let text = cache.get(id)
      if (text === undefined) {
        if (cache.size >= CACHE_LIMIT) cache.clear()
        text = translate(key, options)
        cache.set(id, text)
      }
      return text
    }) as TFunction
    memoized.set(language, t)
  }
  return t
}

/** For meta functions, which cannot use hooks: the language the root loader chose for this request. */
export function metaT(matches: ReadonlyArray<{ id: string; data: unknown }>): TFunction {
  return tFor(metaLanguage(matches))
}

/** The page's language in a `meta` function (the root loader's), for names the data holds in both languages. */
export function metaLanguage(matches: ReadonlyArray<{ id: string; data: unknown }>): Language {
  const root = matches.find((m) => m.id === 'root')?.data as { language?: unknown } | undefined
  return isLanguage(root?.language) ? root.language : defaultLanguage
}

/** A district as the reader knows it: 松江区 in Chinese, Songjiang in English (`nameEn` is in the data). */
export function districtName(district: { name: string; nameEn: string }, language: Language): string {
  return language === 'en' ? district.nameEn : district.name
}

/** A 街镇 as the reader knows it: 佘山镇 in Chinese, Sheshan Town in English (its Chinese name while it has no other). */
export function townName(town: { name: string; nameEn: string }, language: Language): string {
  return language === 'en' && town.nameEn ? town.nameEn : town.name
}

/** In components: the translation function and the page's language (for dates). */
export function useLocale(): { t: TFunction; language: Language } {
  // The provider's instance, read from the context: useTranslation() also checked on every call that the
  // namespaces had loaded (they are bundled) and subscribed to language changes (an instance's never changes),
  // about a millisecond of a page's server time (issue 31).
  const i18n = useContext(I18nContext)?.i18n
  const language = isLanguage(i18n?.language) ? i18n.language : defaultLanguage
  return { t: tFor(language), language }
}
