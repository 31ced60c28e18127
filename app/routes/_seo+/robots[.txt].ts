import { publicOrigin } from '~/utils/links.server'

// Staff pages and private registration links stay out of search engines; everything public is in the sitemap.
export function loader() {
  const body = [
    'User-agent: *',
    'Disallow: /admin',
    'Disallow: /r/',
    'Disallow: /sessions/',
    'Disallow: /volunteers/me',
    'Disallow: /volunteers/verify/',
    `Sitemap: ${publicOrigin()}/sitemap.xml`,
    '',
  ].join('\n')
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' } })
}
