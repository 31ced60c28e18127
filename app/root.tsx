import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from '@remix-run/node'
import { Form, Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from '@remix-run/react'
import { I18nextProvider } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Toast } from '~/components/toast'
import { demoBannerShown } from '~/models/examples.server'
import appStyles from '~/styles/app.css'
import { defaultLanguage, i18nFor, isLanguage, metaT, useLocale, type Language } from '~/utils/i18n'
import { pageLanguage } from '~/utils/i18n.server'
import { tileConfig } from '~/utils/infra/map-config.server'
import { useNonce } from '~/utils/infra/nonce-provider'
import { prefersLargeText } from '~/utils/infra/preferences.server'
import { readToast } from '~/utils/toast.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: appStyles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return [{ title: t('site.title') }, { name: 'description', content: t('site.description') }]
}

/** Settings the browser needs: only public ones, the reader's text size and language; and the notice of a post, once. */
export async function loader({ request }: LoaderFunctionArgs) {
  const [{ language, headers }, largeText, demo, { toast, headers: toastHeaders }] = await Promise.all([
    pageLanguage(request),
    prefersLargeText(request),
    demoBannerShown(),
    readToast(request),
  ])
  const answer = new Headers(headers)
  if (toastHeaders) answer.append('Set-Cookie', toastHeaders['Set-Cookie'])
  return json({ tiles: tileConfig(undefined, language), largeText, language, demo, toast }, { headers: answer })
}

/** A header switch: a plain form post to a settings route (works without JavaScript), which returns to this page. */
function PreferenceSwitch({
  action,
  name,
  value,
  children,
}: {
  action: string
  name: string
  value: string
  children: React.ReactElement
}) {
  const location = useLocation()
  return (
    <Form method="post" action={action} className="text-size-switch" reloadDocument>
      <input type="hidden" name="back" value={location.pathname + location.search} />
      <input type="hidden" name={name} value={value} />
      {children}
    </Form>
  )
}

/** 大字模式 (适老化): remembered in a cookie; everything is sized in rem, so it all grows. */
function TextSizeSwitch({ large }: { large: boolean }) {
  const { t } = useLocale()
  return (
    <PreferenceSwitch action="/settings/text-size" name="size" value={large ? 'standard' : 'large'}>
      <button type="submit" aria-pressed={large}>
        {large ? t('site.standardText') : t('site.largeText')}
      </button>
    </PreferenceSwitch>
  )
}

/** 中文 / English: named in the language it switches to, so a reader who cannot read the page still finds it. */
function LanguageSwitch() {
  const { t } = useLocale()
  const other = t('site.switchLanguageName')
  return (
    <PreferenceSwitch action="/settings/language" name="language" value={other}>
      <button type="submit" lang={other} aria-label={t('site.switchLanguageLabel')}>
        {t('site.switchLanguage')}
      </button>
    </PreferenceSwitch>
  )
}

function Document({ children }: { children: React.ReactNode }) {
  // Absent in the error boundary when the root loader itself failed: standard size and Chinese then.
  const data = useRouteLoaderData('root') as SerializeFrom<typeof loader> | undefined
  const language: Language = isLanguage(data?.language) ? data.language : defaultLanguage
  const location = useLocation()
  const staffPage = location.pathname.startsWith('/admin')
  const nonce = useNonce()
  return (
    <I18nextProvider i18n={i18nFor(language)}>
      <html lang={language} className={data?.largeText ? 'large-text' : undefined}>
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <Meta />
          <Links />
        </head>
        <body>
          <Frame largeText={data?.largeText ?? false} staffPage={staffPage} demo={data?.demo ?? false}>
            <Toast toast={data?.toast ?? null} />
            {children}
          </Frame>
          <ScrollRestoration nonce={nonce} />
          <Scripts nonce={nonce} />
        </body>
      </html>
    </I18nextProvider>
  )
}

/** While demonstration content is in the database (SEED_EXAMPLES), every page says so before anything else. */
function DemoBanner() {
  const { t } = useLocale()
  return (
    <aside className="demo-banner" aria-label={t('site.demoLabel')}>
      <strong>{t('site.demoTitle')}</strong> {t('site.demoText')}
    </aside>
  )
}

function Frame({
  largeText,
  staffPage,
  demo,
  children,
}: {
  largeText: boolean
  staffPage: boolean
  demo: boolean
  children: React.ReactNode
}) {
  const { t } = useLocale()
  return (
    <>
      <a className="skip-link" href="#main">
        {t('site.skipLink')}
      </a>
      {demo ? <DemoBanner /> : null}
      <header className="site-header">
        <a href="/" className="brand">
          {t('site.name')}
          <span className="brand-sub">{t('site.tagline')}</span>
        </a>
        <nav aria-label={t('site.mainNav')} className="site-nav">
          <a href="/">{t('site.nav.find')}</a>
          <a href="/venues">{t('site.nav.venues')}</a>
          <a href="/school-visits">{t('site.nav.schools')}</a>
          <a href="/menu">{t('site.nav.menu')}</a>
          <a href="/passport">{t('site.nav.passport')}</a>
          <a href="/volunteers">{t('site.nav.volunteers')}</a>
          <a href="/online">{t('site.nav.online')}</a>
          <a href="/lecturers">{t('site.nav.lecturers')}</a>
          <a href="/competitions">{t('site.nav.competitions')}</a>
        </nav>
        <div className="header-switches">
          <TextSizeSwitch large={largeText} />
          {/* Staff pages are Chinese only (decision 007). */}
          {staffPage ? null : <LanguageSwitch />}
        </div>
      </header>
      <main id="main">{children}</main>
      <footer className="site-footer">
        <p>{t('site.footerData')}</p>
        {staffPage ? null : (
          <p>
            <a href="/r/find">{t('site.findRegistration')}</a>
          </p>
        )}
        <p>
          <a href="/admin">{t('site.staffEntry')}</a>
        </p>
      </footer>
    </>
  )
}

export default function App() {
  return (
    <Document>
      <Outlet />
    </Document>
  )
}

/** Users see a short message in their language, never a stack trace. */
export function ErrorBoundary() {
  return (
    <Document>
      <GeneralErrorBoundary />
    </Document>
  )
}
