import { flatRoutes } from 'remix-flat-routes'

/** Remix v2 with the classic compiler. @type {import('@remix-run/dev').AppConfig} */
export default {
  // Routes come from remix-flat-routes (feature folders, as the Epic Stack does); see docs/decisions/010.
  ignoredRouteFiles: ['**/*'],
  routes: async (defineRoutes) =>
    flatRoutes('routes', defineRoutes, {
      // `__name` files are private modules beside the routes that use them; tests and dotfiles are not routes.
      ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}', '**/__*.*'],
    }),
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off: with lazy discovery a fetcher.load to a resource route not yet discovered (the map's points) raced the
    // filter navigation under load and answered a client-side 404, which the page then showed. The manifest is small.
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: false,
  },
}
