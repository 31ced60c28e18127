// Open Graph tags for pages people paste into WeChat and other chats: the card shows a title, a line and an image.
import type { MetaDescriptor } from '@remix-run/node'
import type { TFunction } from 'i18next'

/** The image every card shows: the site's own mark, served by the portal (no third party sees who shares). */
export const OPEN_GRAPH_IMAGE = '/favicon.svg'

export function openGraph(
  t: TFunction,
  {
    title,
    description,
    origin,
    path,
    type = 'website',
  }: { title: string; description: string; origin: string; path: string; type?: string },
): MetaDescriptor[] {
  const url = `${origin}${path}`
  return [
    { property: 'og:type', content: type },
    { property: 'og:site_name', content: t('site.name') },
    { property: 'og:title', content: title },
    { property: 'og:description', content: description },
    { property: 'og:url', content: url },
    { property: 'og:image', content: `${origin}${OPEN_GRAPH_IMAGE}` },
    { property: 'og:image:alt', content: t('site.name') },
    { tagName: 'link', rel: 'canonical', href: url },
  ]
}
