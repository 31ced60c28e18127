import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useLocation, useRouteError, useRouteLoaderData } from '@remix-run/react'
import appStyles from '~/styles/app.css'
import { tileConfig } from '~/utils/map-config.server'
import { prefersLargeText } from '~/utils/preferences.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: appStyles }, { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' }]

export const meta: MetaFunction = () => [
  { title: '科普地图 · 上海各区科普活动与场馆' },
  { name: 'description', content: '松江、青浦、闵行的科普场馆、科普教育基地与科普活动，一张地图查找、预约。' },
]

/** Settings the browser needs: only public ones, and the reader's text size. */
export async function loader({ request }: LoaderFunctionArgs) {
  return json({ tiles: tileConfig(), largeText: await prefersLargeText(request) })
}

/** 大字模式 (适老化): a switch in the header, remembered in a cookie; everything is sized in rem, so it all grows. */
function TextSizeSwitch({ large }: { large: boolean }) {
  const location = useLocation()
  return (
    <Form method="post" action="/settings/text-size" className="text-size-switch" reloadDocument>
      <input type="hidden" name="back" value={location.pathname + location.search} />
      <input type="hidden" name="size" value={large ? 'standard' : 'large'} />
      <button type="submit" aria-pressed={large}>{large ? '标准字号' : '大字模式'}</button>
    </Form>
  )
}

function Document({ children }: { children: React.ReactNode }) {
  // Absent in the error boundary when the root loader itself failed: standard size then.
  const largeText = (useRouteLoaderData('root') as { largeText?: boolean } | undefined)?.largeText ?? false
  return (
    <html lang="zh-CN" className={largeText ? 'large-text' : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">跳到正文</a>
        <header className="site-header">
          <a href="/" className="brand">科普地图<span className="brand-sub">上海各区科普活动</span></a>
          <nav aria-label="主导航" className="site-nav">
            <a href="/">找活动</a>
            <a href="/venues">场馆</a>
            <a href="/school-visits">学校预约</a>
            <a href="/menu">科普菜单</a>
            <a href="/passport">科普护照</a>
          </nav>
          <TextSizeSwitch large={largeText} />
        </header>
        <main id="main">{children}</main>
        <footer className="site-footer">
          <p>数据来自松江、青浦、闵行区科委（科协）工作计划与公开资料；标注“位置为近似”的场馆尚无公开坐标。</p>
          <p><a href="/admin">工作人员入口</a></p>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  )
}

export default function App() {
  return (
    <Document>
      <Outlet />
    </Document>
  )
}

/** Users see a short message in Chinese, never a stack trace. */
export function ErrorBoundary() {
  const error = useRouteError()
  const notFound = isRouteErrorResponse(error) && error.status === 404
  return (
    <Document>
      <h1>{notFound ? '找不到这个页面' : '出了点问题'}</h1>
      <p>{notFound ? '链接可能已失效。' : '请稍后再试。如果问题一直出现，请联系我们。'}</p>
      <p><a href="/">返回首页</a></p>
    </Document>
  )
}
