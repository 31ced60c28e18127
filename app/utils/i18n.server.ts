// Which language a request is served in: `?lng=en` (a link that asks for English, e.g. one shared from the English
// pages), otherwise the reader's choice from the header switch, kept in a cookie; otherwise Chinese. The browser's Accept-Language
// is not consulted: zh-CN stays the default for everyone until they choose (decision 007).
// Staff pages are Chinese only, whatever the reader chose.
import { createCookie } from '@remix-run/node'
import { RemixI18Next } from 'remix-i18next/server'
import { defaultLanguage, isLanguage, supportedLanguages, tFor, type Language } from '~/utils/i18n'
import type { TFunction } from 'i18next'

const languageCookie = createCookie('kepu_lang', { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 365 * 86400 })

const detector = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage: defaultLanguage,
    cookie: languageCookie,
    order: ['searchParams', 'cookie'],
  },
})

export async function getLanguage(request: Request): Promise<Language> {
  if (new URL(request.url).pathname.startsWith('/admin')) return defaultLanguage
  const language = await detector.getLocale(request)
  return isLanguage(language) ? language : defaultLanguage
}

/** The translation function for this request's language (actions' messages, loaders' texts). */
export async function getT(request: Request): Promise<TFunction> {
  return tFor(await getLanguage(request))
}

export function languageCookieHeader(language: Language): Promise<string> {
  return languageCookie.serialize(language)
}

/**
 * For the root loader: the page's language, and the cookie that remembers it when a `?lng=` link asked for another
 * one than the reader had, so the next page (often a client-side navigation without the parameter) stays in it.
 */
export async function pageLanguage(request: Request): Promise<{ language: Language; headers?: Record<string, string> }> {
  const language = await getLanguage(request)
  const asked = new URL(request.url).searchParams.get('lng')
  if (!isLanguage(asked) || asked !== language) return { language }
  const remembered = await languageCookie.parse(request.headers.get('Cookie'))
  if (remembered === language || (!remembered && language === defaultLanguage)) return { language }
  return { language, headers: { 'Set-Cookie': await languageCookieHeader(language) } }
}
