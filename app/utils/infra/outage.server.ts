// Requests that failed because the database was out of reach, so they are answered 503 with Retry-After instead
// of 500 (decision 014). entry.server's handleError marks them; entry.server (pages, data requests) and the HTTP
// server (resource routes) read the mark. Kept on globalThis because the server and the build each bundle their
// own copy of this module.
declare global {
  // eslint-disable-next-line no-var
  var __kepuDatabaseDown: WeakSet<Request> | undefined
}

const marked = (): WeakSet<Request> => (globalThis.__kepuDatabaseDown ??= new WeakSet())

export function markDatabaseDown(request: Request): void {
  marked().add(request)
}

/** The status to answer: 503 (and Retry-After, no-store) for a 500 that was the database being out of reach. */
export function outageStatus(request: Request, status: number, headers: Headers): number {
  if (status !== 500 || !marked().has(request)) return status
  headers.set('Retry-After', '5')
  headers.set('Cache-Control', 'no-store')
  return 503
}
