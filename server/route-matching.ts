// Route matching that is done once per process instead of on every request (issue 31, decision 039).
// @remix-run/router 1.x flattens and ranks every route of the app and compiles a regular expression for each route it
// tries, on every call of matchRoutes, and Remix calls it three times per page (server-runtime, the static handler,
// React Router's render). With Kepu's ~120 routes that was a quarter of a page's CPU (`tmp` profiles in decision 039).
// This loads the router's CommonJS file with two memos added before anything requires it:
//   - the ranked branches of a routes array, kept per array (WeakMap): the server build's and the static handler's
//     arrays live as long as the process; React Router's render makes a new array per render and still ranks it;
//   - compilePath's [RegExp, params] per (path, caseSensitive, end): route patterns are a finite set; bounded anyway.
// Both values are only read by their callers (matchRouteBranch, matchPath). If the router's text changes on an
// upgrade the patch is skipped with a warning and Remix works unpatched (tests/units/route-matching.test.ts fails, so
// the upgrade is noticed). server/index.ts installs it before anything loads @remix-run/*.
import { readFileSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import path from 'node:path'

const BRANCHES = '  let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);\n'
const COMPILE = 'function compilePath(path, caseSensitive, end) {'
const MEMOS = `
var kepuRankedBranchesCache = new WeakMap();
function kepuRankedBranches(routes) {
  var branches = kepuRankedBranchesCache.get(routes);
  if (!branches) {
    branches = flattenRoutes(routes);
    rankRouteBranches(branches);
    kepuRankedBranchesCache.set(routes, branches);
  }
  return branches;
}
var kepuCompiledPaths = new Map();
function compilePath(path, caseSensitive, end) {
  var key = (caseSensitive ? "1" : "0") + (end === false ? "0" : "1") + path;
  var compiled = kepuCompiledPaths.get(key);
  if (!compiled) {
    compiled = kepuCompilePathUncached(path, caseSensitive, end);
    if (kepuCompiledPaths.size < 5000) kepuCompiledPaths.set(key, compiled);
  }
  return compiled;
}
exports.UNSAFE_kepuMemoized = true;
`

/** The router's source with the memos, or null when its text is not the one this was written for. */
export function memoizedRouterSource(source: string): string | null {
  if (source.split(BRANCHES).length !== 2 || source.split(COMPILE).length !== 2) return null
  return (
    source
      .replace(BRANCHES, '  let branches = kepuRankedBranches(routes);\n')
      .replace(COMPILE, 'function kepuCompilePathUncached(path, caseSensitive, end) {')
      .replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n') + MEMOS
  )
}

type LoadableModule = Module & { _compile(source: string, filename: string): void; loaded: boolean; paths: string[] }
type ModuleStatics = { _nodeModulePaths(from: string): string[]; _cache: Record<string, Module> }

/** The file of @remix-run/router that Remix loads (resolved from @remix-run/server-runtime). */
export function routerFilename(): string {
  const require = createRequire(import.meta.url)
  return createRequire(require.resolve('@remix-run/server-runtime')).resolve('@remix-run/router')
}

/** A new module of the router with the memos (not in the module cache), or null when its text is unknown. */
export function loadMemoizedRouter(filename = routerFilename()): LoadableModule | null {
  const source = memoizedRouterSource(readFileSync(filename, 'utf8'))
  if (!source) return null
  const loaded = new Module(filename) as LoadableModule
  loaded.filename = filename
  loaded.paths = (Module as unknown as ModuleStatics)._nodeModulePaths(path.dirname(filename))
  loaded._compile(source, filename)
  loaded.loaded = true
  return loaded
}

/** Puts the memoized router in the module cache; false (and nothing changed) if it is loaded already or unknown. */
export function installMemoizedRouteMatching(): boolean {
  const filename = routerFilename()
  const cache = (Module as unknown as ModuleStatics)._cache
  if (cache[filename]) return Boolean((cache[filename].exports as { UNSAFE_kepuMemoized?: boolean }).UNSAFE_kepuMemoized)
  const loaded = loadMemoizedRouter(filename)
  if (!loaded) return false
  cache[filename] = loaded
  return true
}
