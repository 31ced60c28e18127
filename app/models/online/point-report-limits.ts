// The digital points' report endpoint as the HTTP server sees it (decision 037), with no server-only imports: the
// one path that takes a JSON body (every other post is a form) and how large that body may be.
export const POINT_REPORT_PATH = /^\/api\/v1\/points\/[^/]+\/reports$/
/** A report is a few dozen bytes of JSON. */
export const POINT_REPORT_MAX_BYTES = 2048
/** The most plays one report may carry (a screen looping a 30-second film all day plays it under 3,000 times); the
 *  database holds the same bound (migration 0029). */
export const MAX_PLAYS_PER_REPORT = 10_000
/** A device that was offline may report late, up to this many days. */
export const REPORT_MAX_AGE_DAYS = 31
