// The memoized route matching (server/route-matching.ts, decision 039) must answer exactly as @remix-run/router does,
// for the app's own routes, and must apply to the installed router (an upgrade that changes its text fails here).
import { createRequire } from 'node:module'
import { readConfig } from '@remix-run/dev/dist/config.js'
import { describe, expect, it } from 'vitest'
import { loadMemoizedRouter, routerFilename } from '../../server/route-matching'

type ConfigRoute = { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean }
type RouteObject = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: RouteObject[] }
type Router = { matchRoutes: (routes: RouteObject[], location: string, basename?: string) => Array<Record<string, unknown>> | null }

/** The app's route tree as Remix builds it, in the shape matchRoutes takes. */
async function appRoutes(): Promise<{ tree: RouteObject[]; patterns: string[] }> {
  const config = await readConfig(process.cwd())
  const routes = Object.values(config.routes as Record<string, ConfigRoute>)
  const childrenOf = (parentId: string | undefined): RouteObject[] =>
    routes
      .filter((route) => route.parentId === parentId)
      .map((route) => {
        const children = childrenOf(route.id)
        return {
          id: route.id,
          path: route.path,
          index: route.index,
          caseSensitive: route.caseSensitive,
          ...(children.length ? { children } : {}),
        }
      })
  const urlOf = (route: ConfigRoute | undefined): string =>
    !route ? '' : `${urlOf(routes.find((r) => r.id === route.parentId))}${route.path ? `/${route.path}` : ''}`
  return { tree: childrenOf(undefined), patterns: routes.map((route) => urlOf(route) || '/') }
}

/** Paths for every pattern: parameters filled in, optional segments with and without, trailing slashes, odd cases. */
function samplePaths(patterns: string[]): string[] {
  const filled = patterns.flatMap((pattern) => {
    const base = pattern
      .replace(/\/:[\w-]+\?/g, '/opt')
      .replace(/:[\w-]+/g, 'abc123')
      .replace(/\*$/, 'x/y/z')
    const without = pattern
      .replace(/\/:[\w-]+\?/g, '')
      .replace(/:[\w-]+/g, 'abc123')
      .replace(/\*$/, '')
    return [base, without, `${base}/`, base.toUpperCase(), `${base}/extra`]
  })
  return [...new Set([...filled, '/', '', '/nope', '/admin/nope/deeper', '/%E4%B8%AD%E6%96%87', '/events/%20x', '//events//a'])]
}

describe('memoized route matching', () => {
  it('applies to the installed @remix-run/router', () => {
    expect(loadMemoizedRouter()?.exports).toMatchObject({ UNSAFE_kepuMemoized: true })
  })

  it('matches every URL of the app exactly as the router does, the first time and from the memo', async () => {
    const original = createRequire(import.meta.url)(routerFilename()) as Router
    const memoized = loadMemoizedRouter()!.exports as Router
    expect(original).not.toBe(memoized)
    const { tree, patterns } = await appRoutes()
    const paths = samplePaths(patterns)
    expect(paths.length).toBeGreaterThan(400)
    const shape = (matches: ReturnType<Router['matchRoutes']>) =>
      matches?.map((match) => ({
        id: (match.route as RouteObject).id,
        params: match.params,
        pathname: match.pathname,
        base: match.pathnameBase,
      }))
    // The same tree with every list of children reversed: the answer depends on the router's ranking, not on the
    // order the files happen to be listed in.
    const reversed = (routes: RouteObject[]): RouteObject[] =>
      [...routes].reverse().map((route) => (route.children ? { ...route, children: reversed(route.children) } : route))
    for (const routes of [tree, reversed(tree)]) {
      for (const round of [1, 2]) {
        for (const pathname of paths) {
          expect(shape(memoized.matchRoutes(routes, pathname)), `${pathname} (round ${round})`).toEqual(
            shape(original.matchRoutes(routes, pathname)),
          )
        }
      }
    }
    // A basename, and a new routes array (as React Router's render makes) are matched afresh, not from another's memo.
    expect(shape(memoized.matchRoutes(tree, '/kepu/events/a', '/kepu'))).toEqual(
      shape(original.matchRoutes(tree, '/kepu/events/a', '/kepu')),
    )
    const other: RouteObject[] = [{ id: 'only', path: '/only/:x' }]
    expect(shape(memoized.matchRoutes(other, '/events/a'))).toBeUndefined()
    expect(shape(memoized.matchRoutes(other, '/only/1'))).toEqual([
      { id: 'only', params: { x: '1' }, pathname: '/only/1', base: '/only/1' },
    ])
  })
})
