// The library as open data (decision 037): the same filters as the list page, as JSON (paged, read-only, any site
// may read it) and as RSS 2.0. Links out are the resources' own https: links; covers are Kepu's.
import { Feed } from 'feed'
import zhCN from '~/locales/zh-CN'
import { API_MAX_PAGE_SIZE } from '~/models/open-data.server'
import { listPublicResources, type PublicResourceFilters } from './resources.server'

export async function resourcesPage(
  filters: PublicResourceFilters & { page: number },
  { origin, pageSize }: { origin: string; pageSize: number },
) {
  const { resources, total, page } = await listPublicResources(filters, pageSize)
  const next = page * pageSize < total ? page + 1 : null
  const search = (p: number) => {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries({ q: filters.q, kind: filters.kind, district: filters.district }))
      if (value) params.set(key, String(value))
    params.set('page', String(p))
    params.set('pageSize', String(pageSize))
    return `${origin}/api/v1/online-resources?${params.toString()}`
  }
  return {
    data: resources.map((r) => ({
      slug: r.slug,
      kind: r.kind,
      kindLabel: zhCN.online.kind[r.kind],
      title: r.title,
      summary: r.summary,
      url: r.url,
      page: `${origin}/online/${r.slug}`,
      topics: r.topics,
      audiences: r.audiences,
      source: r.source,
      licence: r.licence,
      cover: r.coverFileId ? `${origin}/files/${r.coverFileId}` : null,
      district: r.district.name,
      isExample: r.isExample,
      updatedAt: r.updatedAt.toISOString(),
    })),
    page,
    pageSize,
    total,
    next: next ? search(next) : null,
  }
}

export async function resourcesRss(filters: PublicResourceFilters, { origin, self }: { origin: string; self: string }) {
  const { resources } = await listPublicResources({ ...filters, page: 1 }, API_MAX_PAGE_SIZE)
  const feed = new Feed({
    id: self,
    title: zhCN.online.feedTitle,
    link: `${origin}/online`,
    description: zhCN.online.intro,
    language: 'zh-CN',
    copyright: '科普地图',
    generator: false,
    feedLinks: { rss: self },
  })
  for (const r of resources) {
    feed.addItem({
      id: `${origin}/online/${r.slug}`,
      guid: `${origin}/online/${r.slug}`,
      title: `${zhCN.online.kind[r.kind]} · ${r.title}`,
      link: `${origin}/online/${r.slug}`,
      date: r.updatedAt,
      description: [r.summary, r.source, r.licence, r.district.name].join(' · '),
    })
  }
  return feed.rss2()
}
