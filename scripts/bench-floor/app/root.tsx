// The floor's document: what every Remix page has (meta, links, the outlet, scroll restoration, the scripts), and the
// portal's head elements for the page.
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useParams } from '@remix-run/react'
import { pages } from './pages.server'
import { render } from './render'

export default function App() {
  // The portal's own <head> (title, meta, stylesheets, structured data) for the page being rendered.
  const head = pages[useParams().page ?? '']?.head ?? []
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {head.map(render)}
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  )
}
