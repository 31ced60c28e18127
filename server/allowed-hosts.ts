// Which Host the portal answers (issue 24). Links never take their host from a request (publicOrigin), and on top
// of that a request for a host nobody configured is refused: without PUBLIC_URL only this machine's own names, so
// a portal started with the defaults cannot be reached under a forged or rebinding DNS name and mistaken for a
// public site; with it, its host plus ALLOWED_HOSTS. The health check answers any host (load balancers probe by
// address). req.hostname is the Host header, or X-Forwarded-Host only from a proxy TRUST_PROXY names.
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'

const LOCAL_NAMES = ['localhost', '127.0.0.1', '[::1]', '::1']

export function allowedHostNames(publicUrl: string | undefined, extra: string[] = []): Set<string> {
  const names = new Set([...LOCAL_NAMES, ...extra.map((name) => name.toLowerCase())])
  if (publicUrl) names.add(new URL(publicUrl).hostname.toLowerCase())
  return names
}

export function allowedHosts(names: Set<string>) {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const host = (req.hostname ?? '').toLowerCase()
    if (names.has(host) || req.path === '/healthz') return next()
    res
      .status(421)
      .set({ 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
      .end(
        '此地址未配置为本站地址。管理员：请把公开地址设为 PUBLIC_URL（或加入 ALLOWED_HOSTS）。\n' +
          "This host name is not one this portal is configured for. Administrators: set PUBLIC_URL to the portal's public address (or add the name to ALLOWED_HOSTS).\n",
      )
  }
}
