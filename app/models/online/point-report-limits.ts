// The digital points' report endpoint as the HTTP server sees it (decision 037), with no server-only imports: the
// one path that takes a JSON body (every other post is a form) and how large that body may be.
export const POINT_REPORT_PATH = /^\/api\/v1\/points\/[^/]+\/reports$/
/** A report is a few dozen bytes of JSON. */
export const POINT_REPORT_MAX_BYTES = 2048
