// Every environment variable the app and its scripts read, checked once by one zod schema (decision 009). The
// first import parses process.env; a wrong value stops the process there with the variable, what it must be and
// what it was, so a typo fails the start instead of a page hours later. Nothing else reads process.env.
// Imported relatively by db-adapter.server.ts so the Prisma CLI (prisma.config.ts) loads it without the `~` alias.
import { z } from 'zod'
import { parseTrustProxy } from './client-address.server'

/**
 * A value read from its text; `expected` finishes "X must be …". `shown` says what was given without printing a
 * secret into logs.
 */
function checked<T>(expected: string, read: (raw: string) => T | undefined, shown = (raw: string) => `'${raw}'`) {
  return z.string().transform((raw, ctx) => {
    const value = read(raw.trim())
    if (value === undefined) ctx.addIssue({ code: 'custom', message: `must be ${expected}, got ${shown(raw)}` })
    return value as T
  })
}

const wholeNumber = (min: number, max: number, expected = `a whole number from ${min} to ${max}`) =>
  checked(expected, (raw) => (/^\d+$/.test(raw) && Number(raw) >= min && Number(raw) <= max ? Number(raw) : undefined))

const oneOf = <T extends string>(...words: T[]) =>
  checked(
    words
      .map((word) => `'${word}'`)
      .join(' or ')
      .replace(/ or (?=.* or )/g, ', '),
    (raw) => words.find((word) => word === raw),
  )

/** An http(s) origin, kept without its trailing slash; a path, query or fragment is a mistake (the app is served at the root). */
const httpOrigin = checked('an http(s) origin such as https://kepu.example.cn', (raw) => {
  const url = URL.canParse(raw) ? new URL(raw) : undefined
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.hash || url.username)
    return undefined
  return url.origin
})

export const envSchema = z.object({
  PORT: wholeNumber(1, 65535).default('3000'),
  // Server processes on PostgreSQL (unset: one per core); PGlite always runs one.
  WEB_CONCURRENCY: wholeNumber(1, 64).optional(),
  // The address to listen on; unset: every interface.
  HOST: z.string().optional(),
  DATABASE_URL: checked(
    'a postgresql:// URL such as postgresql://user@host:5432/db',
    (raw) => (/^postgres(ql)?:\/\//.test(raw) && URL.canParse(raw) ? raw : undefined),
    (raw) => `'${raw.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@')}'`,
  ).optional(),
  DATABASE_POOL_SIZE: wholeNumber(1, 100).default('10'),
  // How long a request waits for a PostgreSQL connection before it is answered 503.
  DATABASE_CONNECT_TIMEOUT_MS: wholeNumber(100, 60000, 'milliseconds from 100 to 60000').default('30000'),
  PGLITE_DIR: z.string().default('./data/pglite'),
  // Long enough that guessing it is hopeless (`openssl rand -base64 32` gives 44 characters).
  SESSION_SECRET: checked(
    'at least 32 characters',
    (raw) => (raw.length >= 32 ? raw : undefined),
    (raw) => `${raw.length}`,
  ).optional(),
  // Derives the secrets in private links (registration, school booking, 菜单 order); unset: made once and kept in the database.
  LINK_SECRET: checked(
    'at least 32 characters',
    (raw) => (raw.length >= 32 ? raw : undefined),
    (raw) => `${raw.length}`,
  ).optional(),
  // Which proxies in front may say who the client is (X-Forwarded-For): a hop count or addresses/CIDRs; unset: none.
  TRUST_PROXY: checked(
    "a number of proxies (1-10), 'false', or addresses/CIDR ranges such as 10.0.0.0/8,127.0.0.1 (or loopback, linklocal, uniquelocal)",
    parseTrustProxy,
  ).optional(),
  COOKIE_SECURE: checked("'true' or 'false'", (raw) => (raw === 'true' ? true : raw === 'false' ? false : undefined)).optional(),
  RETENTION_DAYS: wholeNumber(1, 36500, 'a whole number of days, at least 1').default('180'),
  PUBLIC_URL: httpOrigin.optional(),
  // Other host names the portal answers besides PUBLIC_URL's and the local ones (comma-separated, e.g. an intranet
  // name or the address a load balancer's health check uses); any other Host is refused with 421 (issue 24).
  ALLOWED_HOSTS: checked('host names separated by commas, such as kepu.intranet,10.1.2.3', (raw) => {
    const names = raw
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean)
    return names.every((name) => /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/.test(name)) ? names : undefined
  }).optional(),
  // Sites that may frame the activities widget (/embed/…, decision 037): origins or host patterns separated by
  // spaces or commas (https://www.example.cn, https://*.gov.cn). Unset: any site (`*`). Every other page: none.
  EMBED_FRAME_ANCESTORS: checked('origins such as https://www.example.cn https://*.gov.cn, separated by spaces or commas', (raw) => {
    const sources = raw
      .split(/[\s,]+/)
      .map((source) => source.trim())
      .filter(Boolean)
    const valid = sources.every((source) => source === '*' || /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i.test(source))
    return valid && sources.length ? sources.join(' ') : undefined
  }).optional(),
  // Demonstration activities and example school-visit slots in the seed (decision 026). Unset: on for a
  // local start, off for a production one (PUBLIC_URL set: the portal has a public address). See seedExamples().
  SEED_EXAMPLES: checked("'on' or 'off'", (raw) =>
    raw === 'on' || raw === 'true' ? true : raw === 'off' || raw === 'false' ? false : undefined,
  ).optional(),
  // Hours before a session's start when its reminder goes out (moved earlier out of quiet hours).
  REMINDER_HOURS: wholeNumber(1, 168).default('24'),
  // Seconds before a second SMS code may go to the same number from the same address (decision 012). SMS providers
  // refuse faster resends to one number (Aliyun: one a minute by default), so below 60 only for tests.
  PHONE_CODE_RESEND_SECONDS: wholeNumber(1, 3600).default('60'),
  MAP_TILE_PROVIDER: oneOf('osm', 'tianditu', 'amap').default('osm'),
  TIANDITU_KEY: z.string().optional(),
  // A Leaflet URL template: {z}, {x} and {y} (or {-y} for TMS) are filled in per tile, {s} from MAP_TILE_SUBDOMAINS.
  MAP_TILE_URL: checked('an http(s) tile URL with {z}, {x} and {y}, such as https://{s}.tiles.example/{z}/{x}/{y}.png', (raw) =>
    /^https?:\/\/./.test(raw) && raw.includes('{z}') && raw.includes('{x}') && /\{-?y\}/.test(raw) ? raw : undefined,
  ).optional(),
  MAP_TILE_SUBDOMAINS: z.string().default('abc'),
  MAP_TILE_MAX_ZOOM: wholeNumber(1, 22).default('18'),
  MAP_TILE_DATUM: oneOf('WGS84', 'GCJ02').default('WGS84'),
  MAP_TILE_ATTRIBUTION: z.string().optional(),
  // Messages (decision 011). The worker runs in the app process unless `off` (then run `npm run worker`, PostgreSQL only).
  MESSAGE_WORKER: oneOf('in-process', 'off').default('in-process'),
  MESSAGE_LOG: z.string().default('./data/messages.jsonl'),
  SMS_PROVIDER: oneOf('log', 'aliyun', 'tencent').default('log'),
  EMAIL_PROVIDER: oneOf('log', 'smtp').default('log'),
  MESSAGE_RELAY_INTERVAL_MS: wholeNumber(10, 600_000).default('1000'),
  MESSAGE_POLL_INTERVAL_MS: wholeNumber(10, 600_000).default('1000'),
  MESSAGE_CONCURRENCY: wholeNumber(1, 200).default('10'),
  MESSAGE_RETRY_LIMIT: wholeNumber(0, 100).default('5'),
  MESSAGE_RETRY_DELAY_SECONDS: wholeNumber(1, 86_400).default('30'),
  MESSAGE_RETRY_BACKOFF: checked("'true' or 'false'", (raw) => (raw === 'true' ? true : raw === 'false' ? false : undefined)).default(
    'true',
  ),
  // A job a worker took and never finished (the process died) is tried again after this many seconds.
  MESSAGE_JOB_TIMEOUT_SECONDS: wholeNumber(5, 3600).default('120'),
  // A provider call taking longer than this counts as a transient failure.
  MESSAGE_SEND_TIMEOUT_MS: wholeNumber(100, 120_000).default('15000'),
  // Kepu template key -> the provider's approved template code or id: a JSON object, or the path of a JSON file.
  SMS_TEMPLATE_CODES: z.string().optional(),
  ALIYUN_ACCESS_KEY_ID: z.string().optional(),
  ALIYUN_ACCESS_KEY_SECRET: z.string().optional(),
  ALIYUN_SMS_SIGN_NAME: z.string().optional(),
  ALIYUN_SMS_ENDPOINT: z.string().url().default('https://dysmsapi.aliyuncs.com'),
  TENCENT_SECRET_ID: z.string().optional(),
  TENCENT_SECRET_KEY: z.string().optional(),
  TENCENT_SMS_SDK_APP_ID: z.string().optional(),
  TENCENT_SMS_SIGN_NAME: z.string().optional(),
  TENCENT_SMS_REGION: z.string().default('ap-guangzhou'),
  TENCENT_SMS_ENDPOINT: z.string().url().default('https://sms.tencentcloudapi.com'),
  SMTP_URL: checked(
    'an smtp:// or smtps:// URL such as smtps://user:pass@smtp.example.cn:465',
    (raw) => (/^smtps?:\/\//.test(raw) && URL.canParse(raw) ? raw : undefined),
    (raw) => `'${raw.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@')}'`,
  ).optional(),
  MAIL_FROM: z.string().optional(),
  // Uploaded files (decision 034): `local` keeps them in FILE_STORAGE_DIR (outside the web root, served only through
  // a route that checks who may see each file), `s3` in any S3-compatible store (Aliyun OSS, Tencent COS, MinIO).
  FILE_STORAGE: oneOf('local', 's3').default('local'),
  FILE_STORAGE_DIR: z.string().default('./data/files'),
  S3_ENDPOINT: checked('an http(s) URL such as https://oss-cn-shanghai.aliyuncs.com', (raw) =>
    /^https?:\/\/./.test(raw) && URL.canParse(raw) ? raw : undefined,
  ).optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  // Path-style addresses (https://host/bucket/key): MinIO and most self-hosted stores need them; OSS and COS do not.
  S3_FORCE_PATH_STYLE: checked("'true' or 'false'", (raw) => (raw === 'true' ? true : raw === 'false' ? false : undefined)).default(
    'false',
  ),
  // Seconds an anonymous public page may be served from the shared cache (decision 015); 0 turns it off.
  PAGE_CACHE_SECONDS: wholeNumber(0, 300).default('10'),
  // Operations (decision 014): the JSON log's level, and the bearer token Prometheus sends to /metrics (unset: no /metrics).
  LOG_LEVEL: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'silent').default('info'),
  METRICS_TOKEN: checked(
    'at least 16 characters',
    (raw) => (raw.length >= 16 ? raw : undefined),
    (raw) => `${raw.length}`,
  ).optional(),
})

export type Env = z.output<typeof envSchema>
export type EnvSource = Record<string, string | undefined>

/**
 * Parses an environment. A variable set to '' counts as unset (env files and `FOO= cmd` make empty ones).
 * Returns the configuration or one line per wrong variable ("DATABASE_POOL_SIZE must be …, got 'abc'").
 */
export function parseEnv(source: EnvSource): { ok: true; env: Env } | { ok: false; errors: string[] } {
  const present = Object.fromEntries(Object.keys(envSchema.shape).map((name) => [name, source[name] || undefined]))
  const result = envSchema.safeParse(present)
  if (result.success) {
    const missing = storageNeeds(result.data)
    if (missing.length) return { ok: false, errors: missing }
    return { ok: true, env: result.data }
  }
  return { ok: false, errors: result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`) }
}

/** With FILE_STORAGE=s3 the bucket and its keys must be set: an upload would otherwise fail hours later. */
function storageNeeds(config: Env): string[] {
  if (config.FILE_STORAGE !== 's3') return []
  return (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const)
    .filter((name) => !config[name])
    .map((name) => `${name} must be set when FILE_STORAGE=s3`)
}

/**
 * Whether the seed loads demonstration content. SEED_EXAMPLES decides when set; otherwise a portal with a public
 * address (PUBLIC_URL, which every real deployment sets so its messages carry the right links) is production and
 * gets none, and a local start (`npm ci && npm start` on a fresh clone) gets them.
 */
export function seedExamples(config: Pick<Env, 'SEED_EXAMPLES' | 'PUBLIC_URL'>): boolean {
  return config.SEED_EXAMPLES ?? !config.PUBLIC_URL
}

/** Settings that work but probably not as meant; said once at start (check-env in setup, the server's entry). */
export function envWarnings(env: Env): string[] {
  const warnings: string[] = []
  if (env.MAP_TILE_URL && env.MAP_TILE_PROVIDER !== 'osm')
    warnings.push(`MAP_TILE_URL is set, so MAP_TILE_PROVIDER=${env.MAP_TILE_PROVIDER} is ignored`)
  else if (env.MAP_TILE_PROVIDER === 'tianditu' && !env.TIANDITU_KEY)
    warnings.push('MAP_TILE_PROVIDER=tianditu needs TIANDITU_KEY; using OpenStreetMap tiles')
  if (!env.PUBLIC_URL)
    warnings.push(
      `PUBLIC_URL is not set: links in messages and pages point to http://localhost:${env.PORT}, and only local host names are answered. Set PUBLIC_URL to the portal's public address before opening it to the public`,
    )
  return warnings
}

function loadEnv(): Env {
  const parsed = parseEnv(process.env)
  if (parsed.ok) return parsed.env
  // A message, not a stack trace: the fix is in the environment, not the code.
  console.error(`Configuration error (README, "Environment"):\n${parsed.errors.map((error) => `  ${error}`).join('\n')}`)
  process.exit(1)
}

export const env: Env = loadEnv()

let warned = false
/** Logs envWarnings once per process. */
export function logEnvWarnings(): void {
  if (warned) return
  warned = true
  for (const warning of envWarnings(env)) console.warn(`Configuration: ${warning}`)
}
