// The floor app of `npm run bench` (part `pages`, issue 31): Remix v2 with the classic compiler and the portal's
// future flags, nothing else. The bench copies this folder to a temporary one and builds it there.
/** @type {import('@remix-run/dev').AppConfig} */
export default {
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: false,
  },
}
