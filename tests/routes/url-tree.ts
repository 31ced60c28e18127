// The app's URL tree as Remix builds it from remix.config.js: one line per route, its full URL pattern and the
// URL of the route it renders inside. Route ids and files may change; these lines may not, because QR codes and
// private links are already in people's hands.
import { readConfig } from '@remix-run/dev/dist/config.js'

type ConfigRoute = { id: string; parentId?: string; path?: string; index?: boolean }

export async function urlTree(root = process.cwd()): Promise<string[]> {
  const config = await readConfig(root)
  const routes = config.routes as Record<string, ConfigRoute>
  const urlOf = (id: string | undefined): string => {
    if (!id || id === 'root') return '/'
    const route = routes[id]
    const parent = urlOf(route.parentId)
    if (!route.path) return parent
    return `${parent.replace(/\/$/, '')}/${route.path}`
  }
  // A pathless layout adds no URL: its children's lines name the nearest layout that has one.
  const withPath = (id: string | undefined): string | undefined => {
    let current = id
    while (current && current !== 'root' && !routes[current].path && !routes[current].index) current = routes[current].parentId
    return current
  }
  return Object.values(routes)
    .filter((r) => r.id !== 'root' && (r.path || r.index))
    .map((r) => `${urlOf(r.id)}${r.index ? ' (index)' : ''} in ${urlOf(withPath(r.parentId))}`)
    .sort()
}
