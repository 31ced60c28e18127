// A resident registering through the real pages over HTTP, as a browser without JavaScript does: fetch the form
// (its CSRF cookie, token and honeypot fields), post it, and follow the answer to the private confirmation link.
import http from 'node:http'

export type HttpAnswer = { status: number; headers: http.IncomingHttpHeaders; body: string }

/** One request; `forwardedFor` sets X-Forwarded-For (believed only by a server with TRUST_PROXY naming us). */
export function httpRequest(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; forwardedFor?: string; agent?: http.Agent } = {},
): Promise<HttpAnswer> {
  const url = new URL(path, baseUrl)
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: options.method ?? 'GET',
        agent: options.agent,
        headers: { ...options.headers, ...(options.forwardedFor ? { 'X-Forwarded-For': options.forwardedFor } : {}) },
      },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk) => (body += chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }))
        response.on('error', reject)
      },
    )
    request.on('error', reject)
    request.end(options.body)
  })
}

export type RegistrationOutcome =
  { kind: 'registered'; privatePath: string } | { kind: 'refused'; status: number } | { kind: 'failed'; error: string }

/**
 * Posts one of a page's forms as a browser without JavaScript does: fetches the page (its CSRF cookie, token and
 * honeypot fields), then posts `fields` with them. `headers` go on both requests.
 */
export async function submitPageForm(
  baseUrl: string,
  path: string,
  fields: Record<string, string>,
  { forwardedFor, agent, headers = {} }: { forwardedFor?: string; agent?: http.Agent; headers?: Record<string, string> } = {},
): Promise<{ page: HttpAnswer; posted: HttpAnswer; cookie: string }> {
  const page = await httpRequest(baseUrl, path, { forwardedFor, agent, headers })
  // The cookies sent with the page, with those it set in their place.
  const jar = new Map(
    [...(headers.Cookie?.split('; ') ?? []), ...(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0])]
      .filter(Boolean)
      .map((pair) => [pair.split('=')[0], pair] as const),
  )
  const cookie = [...jar.values()].join('; ')
  const hidden = Object.fromEntries(
    [...page.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)]
      .map((m) => [m[1], m[2].replaceAll('&amp;', '&')])
      .filter(([name]) => name === 'csrf' || name.includes('confirm') || name === 'website_url'),
  )
  const posted = await httpRequest(baseUrl, path, {
    method: 'POST',
    forwardedFor,
    agent,
    headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: new URLSearchParams({ ...hidden, ...fields }).toString(),
  })
  return { page, posted, cookie }
}

/** Registers `phone` for the session through its form; the answer says what the person saw. */
export async function registerOverHttp(
  baseUrl: string,
  sessionId: string,
  phone: string,
  {
    forwardedFor,
    adults = 1,
    agent,
    headers,
  }: { forwardedFor?: string; adults?: number; agent?: http.Agent; headers?: Record<string, string> } = {},
): Promise<RegistrationOutcome> {
  const formPath = `/sessions/${sessionId}/register`
  try {
    const fields = { website_url: '', intent: 'register', name: '压力测试', phone, adults: String(adults), children: '0', consent: 'on' }
    const { page, posted, cookie } = await submitPageForm(baseUrl, formPath, fields, { forwardedFor, agent, headers })
    if (page.status !== 200) return { kind: 'refused', status: page.status }
    const location = posted.headers.location
    if (posted.status < 300 || posted.status >= 400 || !location) return { kind: 'refused', status: posted.status }
    const confirmation = await httpRequest(baseUrl, location, { forwardedFor, agent, headers: { ...headers, Cookie: cookie } })
    if (confirmation.status !== 200) return { kind: 'refused', status: confirmation.status }
    return { kind: 'registered', privatePath: new URL(location, baseUrl).pathname }
  } catch (error) {
    return { kind: 'failed', error: (error as Error).message }
  }
}

/**
 * Waits until at least `marginMs` are left in the current fixed window of `windowSeconds` (the rate limits count in
 * fixed windows on the server's clock, which is this machine's): a test that counts tries must not straddle a window
 * boundary, where every count starts again.
 */
export async function awayFromWindowEdge(windowSeconds: number, marginMs: number): Promise<void> {
  const windowMs = windowSeconds * 1000
  const left = windowMs - (Date.now() % windowMs)
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 1000))
}
